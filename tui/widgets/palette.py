"""Rich styles drawn from the app's current theme, for cells that need colour."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from rich.color import Color as RichColor
from rich.errors import StyleSyntaxError
from rich.style import Style
from textual.app import App
from textual.color import Color, ColorParseError
from textual.theme import Theme

_VARIABLES: dict[str, tuple[Theme, dict[str, str]]] = {}


def theme_variables(app: App[object]) -> Mapping[str, str]:
    """The current theme's CSS variables, as soon as the theme is set.

    `app.theme_variables` catches up only when the CSS is refreshed, after the watchers of
    `app.theme` and `revision` have run: cells coloured from it would keep the old theme's
    colours (and, at start, those of Textual's default theme).
    """
    theme = app.current_theme
    cached = _VARIABLES.get(theme.name)
    if cached is None or cached[0] is not theme:
        generated = {**theme.to_color_system().generate(), **theme.variables}
        cached = (theme, {**app.get_theme_variable_defaults(), **generated})
        _VARIABLES[theme.name] = cached
    return cached[1]


def theme_style(app: App[object], variable: str, **extra: bool) -> Style:
    """A Rich style in the colour of theme variable `variable` (e.g. 'error', 'success').

    ANSI colours ('ansi_red') stay ANSI colours, so they follow the terminal's palette.
    Variables that are not plain colours (text-muted is 'auto 60%') fall back to dim text.
    """
    return _style(theme_variables(app).get(variable, ""), tuple(sorted(extra.items())))


@lru_cache(maxsize=256)  # a tree of 300 goals asks for the same few styles thousands of times
def _style(colour: str, extra: tuple[tuple[str, bool], ...]) -> Style:
    try:
        parsed = _rich_colour(colour)
    except ColorParseError:
        return Style(dim=True, **dict(extra))
    return Style(color=parsed, **dict(extra))


def cursor_style(app: App[object], *, blurred: bool = False) -> Style:
    """The block cursor's colours and text style (the `block-cursor-…` variables) as one
    Rich style, for widgets that draw their own cursor."""
    variables = theme_variables(app)
    prefix = "block-cursor-blurred-" if blurred else "block-cursor-"

    def colour(part: str) -> RichColor | None:
        try:
            return _rich_colour(variables.get(prefix + part, ""))
        except ColorParseError:  # "auto 87%" and the like: the text keeps its colour
            return None

    try:
        text = Style.parse(variables.get(prefix + "text-style", "none"))
    except StyleSyntaxError:
        text = Style()
    return Style(color=colour("foreground"), bgcolor=colour("background")) + text


def _rich_colour(colour: str) -> RichColor | None:
    """`colour` for Rich; None for no colour at all ("" or "transparent")."""
    if not colour:
        return None
    parsed = Color.parse(colour)
    return parsed.rich_color if parsed.a > 0 else None
