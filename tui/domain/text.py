"""User text is data: make it safe to put on a terminal without changing what is stored."""

from __future__ import annotations

import unicodedata

# Bidirectional overrides and isolates can reorder everything after them on a line.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _visible_char(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␛, ␀, ␊ …: the Unicode control pictures
    if code == 0x7F:
        return "\u2421"
    if 0x80 <= code < 0xA0 or char in _BIDI_CONTROLS:
        return f"<U+{code:04X}>"
    return char


def visible(text: str) -> str:
    """Return `text` with every control character shown as a visible symbol.

    Escape sequences can then never reach the terminal; everything else (markup-like
    brackets, emoji, wide and right-to-left characters) is kept as typed.
    """
    if text.isprintable():
        return text
    return "".join(_visible_char(c) if _is_control(c) else c for c in text)


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS


def one_line(text: str, limit: int = 500) -> str:
    """`visible` for a single line: newlines become ⏎, long text is cut with an ellipsis."""
    flat = visible(text.replace("\r\n", "\n").replace("\n", " \u23ce "))
    if len(flat) > limit:
        flat = flat[: limit - 1] + "\u2026"
    return flat
