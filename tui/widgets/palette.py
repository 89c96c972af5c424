"""Rich styles drawn from the app's current theme, for cells that need colour."""

from __future__ import annotations

from rich.color import ColorParseError
from rich.style import Style
from textual.app import App


def theme_style(app: App[object], variable: str, **extra: bool) -> Style:
    """A Rich style in the colour of theme variable `variable` (e.g. 'error', 'success').

    Variables that are not plain colours (text-muted is 'auto 60%') fall back to dim text.
    """
    colour = app.theme_variables.get(variable, "")
    try:
        return Style(color=colour or None, **extra)
    except ColorParseError:
        return Style(dim=True, **extra)
