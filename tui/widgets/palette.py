"""Rich styles drawn from the app's current theme, for cells that need colour."""

from __future__ import annotations

from functools import lru_cache

from rich.color import ColorParseError
from rich.style import Style
from textual.app import App


def theme_style(app: App[object], variable: str, **extra: bool) -> Style:
    """A Rich style in the colour of theme variable `variable` (e.g. 'error', 'success').

    Variables that are not plain colours (text-muted is 'auto 60%') fall back to dim text.
    """
    return _style(app.theme_variables.get(variable, ""), tuple(sorted(extra.items())))


@lru_cache(maxsize=256)  # a tree of 300 goals asks for the same few styles thousands of times
def _style(colour: str, extra: tuple[tuple[str, bool], ...]) -> Style:
    try:
        return Style(color=colour or None, **dict(extra))
    except ColorParseError:
        return Style(dim=True, **dict(extra))
