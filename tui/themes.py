"""Theme files: TOML in themes/ folders, validated, turned into Textual themes.

The format is documented in themes/README.md.
"""

from __future__ import annotations

import os
import re
import sysconfig
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.css.constants import VALID_STYLE_FLAGS
from textual.theme import BUILTIN_THEMES, Theme

DEFAULT_THEME = "careerdash"
NAME = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
NAME_LENGTH = 60
COLOUR_FIELDS = ("primary", "secondary", "accent", "warning", "error", "success",
                 "foreground", "background", "surface", "panel", "boost")
# Variable values that are not colours but say "what is behind" or "the default".
_KEYWORDS = {"auto", "initial", "transparent"}
_ALPHA = re.compile(r"^(?:100|\d{1,2})(?:\.\d+)?%$")
# Variables Textual's own CSS uses that it does not generate for an ANSI theme (its
# built-in ANSI themes set them by hand): without them the stylesheet fails to parse.
_ANSI_GAPS = {"ansi-background": "ansi_default", "ansi-foreground": "ansi_default",
              "foreground-disabled": "ansi_default 50%", "surface-active": "transparent"}


@dataclass(frozen=True)
class ThemeSpec:
    """What a theme file may say, checked: every colour and variable parses."""

    name: str
    primary: str
    dark: bool = True
    ansi: bool = False
    secondary: str | None = None
    accent: str | None = None
    warning: str | None = None
    error: str | None = None
    success: str | None = None
    foreground: str | None = None
    background: str | None = None
    surface: str | None = None
    panel: str | None = None
    boost: str | None = None
    variables: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, data: dict[str, Any]) -> ThemeSpec:
        """The spec a theme file's table gives; ValueError says which fields are wrong
        and how, e.g. "dark: Input should be a valid boolean"."""
        problems = [] if "primary" in data else ["primary: is required"]
        for key, value in data.items():
            if key == "variables":
                problems += _variables_problems(value)
            elif (problem := _CHECKS.get(key, _extra)(value)) is not None:
                problems.append(f"{key}: {problem}")
        if problems:  # the first few, worded like the data file's (tui.domain.errors)
            more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
            raise ValueError("; ".join(problems[:3]) + more)
        return cls(**data)


def _name_problem(value: object) -> str | None:
    if not isinstance(value, str):
        return "Input should be a valid string"
    if len(value) > NAME_LENGTH:
        return f"String should have at most {NAME_LENGTH} characters"
    # fullmatch: `$` alone would let a name end in a newline
    return None if re.fullmatch(NAME, value) else f"String should match pattern {NAME!r}"


def _flag_problem(value: object) -> str | None:
    # Only TOML's true and false: "yes" or 1 is more likely a slip than a choice.
    return None if isinstance(value, bool) else "Input should be a valid boolean"


def _colour_problem(value: object) -> str | None:
    if not isinstance(value, str):
        return "Input should be a valid string"
    return None if _parses(value) else f"{value!r} is not a colour"


def _extra(value: object) -> str:
    return "Extra inputs are not permitted"


def _variables_problems(table: object) -> list[str]:
    if not isinstance(table, dict):
        return ["variables: Input should be a valid dictionary"]
    problems = {key: "Input should be a valid string" if not isinstance(value, str)
                else variable_problem(key, value) for key, value in table.items()}
    return [f"variables.{key}: {problem}" for key, problem in problems.items() if problem]


_CHECKS = {"name": _name_problem, "dark": _flag_problem, "ansi": _flag_problem,
           **dict.fromkeys(COLOUR_FIELDS, _colour_problem)}


def variable_problem(key: str, value: str) -> str | None:
    """What is wrong with theme variable `key` = `value`, or None.

    A key with "style" in it (block-cursor-text-style, link-style-hover) takes text
    styles ("bold", "reverse", "none" …); any other key a colour, a colour with an
    opacity ("#4f9cd9 40%", "ansi_blue 50%") or "auto".
    """
    words = value.split()
    if "style" in key.split("-"):
        wrong = [word for word in words if word not in VALID_STYLE_FLAGS]
        if not words or wrong:
            return (f"{value!r} is not a text style (use words such as bold, italic, "
                    "underline, reverse, dim, none)")
        return None
    if words and _ALPHA.match(words[-1]):
        words = words[:-1]
    if len(words) == 1 and (words[0] in _KEYWORDS or _parses(words[0])):
        return None
    return f"{value!r} is not a colour (nor a colour with an opacity such as \"red 50%\")"


def _parses(colour: str) -> bool:
    try:
        Color.parse(colour)
    except ColorParseError:
        return False
    return True


def theme_folders(env: dict[str, str] | None = None) -> list[Path]:
    """Built-in themes (installed, or beside the source), then the person's own."""
    return [
        Path(sysconfig.get_path("data")) / "share" / "careerdash" / "themes",
        Path(__file__).resolve().parents[1] / "themes",
        user_theme_folder(env),
    ]


def user_theme_folder(env: dict[str, str] | None = None) -> Path:
    """Where a person's own theme files go: $XDG_CONFIG_HOME/careerdash/themes."""
    env = dict(os.environ) if env is None else env
    config = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "careerdash" / "themes"


def load_theme(path: Path) -> Theme:
    """Parse one theme file; ValueError names the file and the field that is wrong.

    A file without `name` is named after itself (`ocean.toml` is the theme "ocean").
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: cannot be read: {error}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        where = str(error).replace("at end of document",
                                   f"at the end, line {text.count(chr(10)) + 1}")
        raise ValueError(f"{path}: not valid TOML: {where}") from None
    data.setdefault("name", path.stem)
    try:
        spec = ThemeSpec.parse(data)
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from None
    theme = Theme(**asdict(spec))
    if theme.ansi:
        theme.variables = {**_ANSI_GAPS, **theme.variables}
    return theme


def load_themes(folders: list[Path]) -> tuple[list[Theme], list[str]]:
    """Every theme in `folders` (later files override earlier ones of the same name),
    and a message for each file that could not be used."""
    themes: dict[str, Theme] = {}
    problems: list[str] = []
    for folder in folders:
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
            try:
                theme = load_theme(path)
            except ValueError as error:
                problems.append(str(error))
                continue
            themes[theme.name] = theme
    return list(themes.values()), problems


def theme_names(themes: list[Theme]) -> list[str]:
    """Every theme a person can choose: `themes` (careerdash's and their own) and
    Textual's built-in ones, in `theme_order`."""
    return theme_order([theme.name for theme in themes] + list(BUILTIN_THEMES))


def theme_order(names: list[str]) -> list[str]:
    """The default first, then careerdash's and the person's themes, then Textual's."""
    return sorted(set(names), key=lambda name: (name in BUILTIN_THEMES,
                                                name != DEFAULT_THEME, name))
