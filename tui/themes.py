"""Theme files: TOML in themes/ folders, validated, turned into Textual themes."""

from __future__ import annotations

import os
import sysconfig
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from textual.color import Color, ColorParseError
from textual.theme import Theme

from tui.domain.errors import describe

DEFAULT_THEME = "careerdash"


class ThemeSpec(BaseModel):
    """What a theme file may say; every colour must parse."""

    model_config = ConfigDict(extra="forbid")

    name: str
    dark: bool = True
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
    variables: dict[str, str] = {}

    @field_validator("primary", "secondary", "accent", "warning", "error", "success",
                     "foreground", "background", "surface", "panel")
    @classmethod
    def _colour(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                Color.parse(value)
            except ColorParseError:
                raise ValueError(f"{value!r} is not a colour") from None
        return value


def theme_folders(env: dict[str, str] | None = None) -> list[Path]:
    """Built-in themes (installed, or beside the source), then the person's own."""
    env = dict(os.environ) if env is None else env
    config = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return [
        Path(sysconfig.get_path("data")) / "share" / "careerdash" / "themes",
        Path(__file__).resolve().parents[1] / "themes",
        Path(config) / "careerdash" / "themes",
    ]


def load_theme(path: Path) -> Theme:
    """Parse one theme file; ValueError names the file and what is wrong."""
    try:
        spec = ThemeSpec.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ValueError(f"{path}: {error}") from None
    except ValidationError as error:
        raise ValueError(f"{path}: {describe(error)}") from None
    return Theme(**spec.model_dump())


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
