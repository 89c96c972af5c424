"""User text on a terminal: control characters become visible, everything else is kept."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.text import one_line, visible


def is_c0_or_c1(char: str) -> bool:
    return ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\x1b[31mred", "\u241b[31mred"),  # ESC: ␛
        ("ding\x07", "ding\u2407"),  # BEL: ␇
        ("a\x00b", "a\u2400b"),  # NUL: ␀
        ("a\tb", "a\u2409b"),  # TAB: ␉
        ("a\nb", "a\u240ab"),  # LF: ␊
        ("x\x7f", "x\u2421"),  # DEL: ␡
        ("\x9b31m", "<U+009B>31m"),  # C1 CSI: an escape sequence in one character
        ("\x85", "<U+0085>"),  # C1 next line
        ("abc\u202edef", "abc<U+202E>def"),  # right-to-left override
        ("\u2066x\u2069", "<U+2066>x<U+2069>"),  # bidi isolates
    ],
)
def test_control_characters_become_visible_symbols(text: str, expected: str) -> None:
    assert visible(text) == expected


def test_no_c0_control_character_remains() -> None:
    every_c0 = "".join(map(chr, range(0x20)))
    shown = visible(every_c0)
    assert len(shown) == 0x20
    assert all(ord(char) >= 0x20 for char in shown)


def test_an_escape_sequence_cannot_reach_the_terminal() -> None:
    attack = "\x1b]0;pwned\x07\x1b[2J\x9b2J"
    assert not any(is_c0_or_c1(char) for char in visible(attack))


@pytest.mark.parametrize(
    "text",
    [
        "[bold]x[/bold]",
        "[@click=app.quit]x",
        "[red]not red[/]",
        "Plain words, 100% & <tags>",
        "🎉 shipped 👩‍💻",  # the ZWJ sequence stays one emoji
        "日本語のテキスト",
        "مرحبا بالعالم",
        "Cafe\u0301 cre\u0300me",  # combining accents
        "",
    ],
)
def test_everything_but_controls_is_kept_as_typed(text: str) -> None:
    assert visible(text) == text


def test_one_line_shows_line_breaks_as_a_return_symbol() -> None:
    assert one_line("first\nsecond") == "first \u23ce second"
    assert one_line("first\r\nsecond") == "first \u23ce second"
    assert "\n" not in one_line("a\n\nb") and "\r" not in one_line("a\r\nb")


def test_one_line_is_also_visible() -> None:
    assert one_line("\x1b[2J[bold]x") == "\u241b[2J[bold]x"


def test_one_line_cuts_long_text_with_an_ellipsis() -> None:
    cut = one_line("x" * 600)
    assert cut == "x" * 499 + "\u2026"
    assert one_line("abcdefghij", limit=5) == "abcd\u2026"


def test_one_line_keeps_text_that_fits() -> None:
    assert one_line("x" * 500) == "x" * 500
    assert one_line("abcde", limit=5) == "abcde"


def test_one_line_never_exceeds_its_limit_even_with_controls() -> None:
    assert len(one_line("\x9b" * 20, limit=10)) <= 10


# --- properties ----------------------------------------------------------------------------


@given(st.text())
def test_visible_never_contains_a_c0_or_c1_control(text: str) -> None:
    assert not any(is_c0_or_c1(char) for char in visible(text))


@given(st.text())
def test_visible_leaves_no_control_category_character(text: str) -> None:
    assert all(unicodedata.category(char) != "Cc" for char in visible(text))


@given(st.text(st.characters(blacklist_categories=("Cc",),
                             blacklist_characters="\u202a\u202b\u202c\u202d\u202e"
                             "\u2066\u2067\u2068\u2069")))
def test_visible_changes_nothing_without_controls(text: str) -> None:
    assert visible(text) == text


@given(st.text(), st.integers(2, 600))
def test_one_line_is_a_single_line(text: str, limit: int) -> None:
    shown = one_line(text, limit)
    assert "\n" not in shown and "\r" not in shown
    assert not any(is_c0_or_c1(char) for char in shown)
