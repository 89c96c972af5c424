"""Theme files: TOML in themes/ folders, validated, turned into Textual themes.

The format is documented in themes/README.md.
"""

from __future__ import annotations

import os
import re
import sysconfig
import tomllib
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from textual.color import Color, ColorParseError
from textual.css.constants import VALID_STYLE_FLAGS
from textual.theme import BUILTIN_THEMES, Theme

from tui.domain.errors import describe

DEFAULT_THEME = "careerdash"
NAME = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
COLOUR_FIELDS = ("primary", "secondary", "accent", "warning", "error", "success",
                 "foreground", "background", "surface", "panel", "boost")
# Variable values that are not colours but say "what is behind" or "the default".
_KEYWORDS = {"auto", "initial", "transparent"}
_ALPHA = re.compile(r"^(?:100|\d{1,2})(?:\.\d+)?%$")
# Variables Textual's own CSS uses that it does not generate for an ANSI theme (its
# built-in ANSI themes set them by hand): without them the stylesheet fails to parse.
_ANSI_GAPS = {"ansi-background": "ansi_default", "ansi-foreground": "ansi_default",
              "foreground-disabled": "ansi_default 50%", "surface-active": "transparent"}


class ThemeSpec(BaseModel):
    """What a theme file may say; every colour must parse."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(pattern=NAME, max_length=60)]
    dark: bool = True
    ansi: bool = False
    primary: str
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
    variables: dict[str, str] = {}

    @field_validator(*COLOUR_FIELDS)
    @classmethod
    def _colour(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                Color.parse(value)
            except ColorParseError:
                raise ValueError(f"{value!r} is not a colour") from None
        return value


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
        spec = ThemeSpec.model_validate(data)
    except ValidationError as error:
        raise ValueError(f"{path}: {describe(error)}") from None
    for key, value in spec.variables.items():
        if (problem := variable_problem(key, value)) is not None:
            raise ValueError(f"{path}: variables.{key}: {problem}")
    theme = Theme(**spec.model_dump())
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
