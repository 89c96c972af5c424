"""The app's themes: registered at start, chosen in the palette, saved in the settings.

The choice is data: picking a theme is a store transaction (`set_theme`), and the app
applies `settings.theme` whenever the store has a new document, so a choice made in
another session, or undone with ctrl+z, shows here too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.app import App, SystemCommand
from textual.color import Color
from textual.filter import LineFilter, Monochrome, NoColor
from textual.theme import BUILTIN_THEMES, Theme

from tui.themes import DEFAULT_THEME, load_themes, theme_folders, theme_order

if TYPE_CHECKING:
    from tui.app import CareerApp

TEXTUAL_THEME_COMMAND = "Theme"  # the title of Textual's own command, which we replace


def app_variables(theme: Theme) -> dict[str, str]:
    """careerdash's own CSS variables, for a theme file that does not set them.

    `bar-track`: the part of a progress bar still to go. (Textual's shades of the surface
    are all "transparent" in an ANSI theme, which left only the filled part visible.)
    """
    if theme.ansi:
        return {"bar-track": "ansi_default"}
    return {"bar-track": theme.to_color_system().generate()["surface-lighten-2"]}


class NoColorBlocks(LineFilter):
    """NO_COLOR for a theme of the terminal's own colours: every colour goes, and what
    stood on a coloured background (the cursor, a scroll bar) turns to reverse video, so
    it still shows."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [Segment(text, None if style is None else _without_colour(style), control)
                for text, style, control in segments]


@lru_cache(1024)
def _without_colour(style: Style) -> Style:
    marked = style.bgcolor is not None and not style.bgcolor.is_default
    return style + Style(color="default", bgcolor="default",
                         reverse=True if marked else style.reverse)


_NO_COLOR = NoColorBlocks()


def no_color_filters(app: CareerApp, filters: Sequence[LineFilter]) -> Sequence[LineFilter]:
    """Textual's line filters, with NO_COLOR's right for the current theme.

    Under NO_COLOR Textual picks a filter once, for the theme it starts with: Monochrome
    (colours become greys). That turns the terminal's default colours, which an ANSI
    theme draws with, into black: an ANSI theme chosen later was black on black. For an
    ANSI theme, NO_COLOR means the terminal's own colours and reverse video.
    """
    if not app.no_color or not app.current_theme.ansi:
        return filters
    return [_NO_COLOR if isinstance(f, Monochrome | NoColor) else f for f in filters]


def install_themes(app: CareerApp, first: str | None = None) -> None:
    """Register careerdash's themes and the person's own, say which files could not be
    used (and why), and start in theme `first` (or the default) until the plan's own
    choice is known."""
    themes, problems = load_themes(theme_folders())
    for theme in themes:
        app.register_theme(theme)
    for problem in problems:
        app.notify(problem, title="Theme not loaded", severity="warning", markup=False,
                   timeout=15)
    for name in (first, DEFAULT_THEME):
        if name in app.available_themes:
            _start_in(app, name)
            return


def _start_in(app: CareerApp, name: str) -> None:
    """Make `name` the theme before anything is styled. Quietly: the theme's watcher
    would have Textual parse every stylesheet again, twice, before the first frame."""
    app.set_reactive(App.theme, name)
    app.stylesheet.set_variables(app.get_css_variables())
    dark = app.current_theme.dark
    app.set_class(dark, "-dark-mode", update=False)
    app.set_class(not dark, "-light-mode", update=False)
    app.set_class(True, f"-theme-{name}", update=False)  # as Textual's own watcher does


def saved_theme(app: CareerApp) -> str | None:
    """The theme the settings ask for, if this app has it."""
    wanted = app.store.document.settings.theme or DEFAULT_THEME
    return wanted if wanted in app.available_themes else None


def apply_saved_theme(app: CareerApp, *, warn: bool = False) -> None:
    """Show the theme the settings name (the default if it is not available here)."""
    wanted = saved_theme(app)
    if wanted is None:
        if warn:
            app.notify(f"There is no theme {app.store.document.settings.theme!r} here; "
                       f"using {DEFAULT_THEME}.", title="Theme", severity="warning",
                       markup=False, timeout=10)
        wanted = DEFAULT_THEME if DEFAULT_THEME in app.available_themes else app.theme
    if app.theme != wanted:
        app.theme = wanted


def choose_theme(app: CareerApp) -> None:
    """Ask which theme to use (the current one highlighted) and save the answer."""
    from tui.actions.settings import set_theme  # the plan's models: loaded by now
    from tui.widgets.choice_dialog import ChoiceDialog

    themes = app.available_themes
    choices = [(name, theme_label(themes[name])) for name in theme_order(list(themes))]

    def chosen(name: str | None) -> None:
        if name is not None and name != app.store.document.settings.theme:
            app.change(lambda tx: set_theme(tx, name), f"theme {name}")

    app.push_screen(ChoiceDialog("Which theme?", choices, app.theme), chosen)


def theme_label(theme: Theme) -> str:
    """A line of the picker: the name, and what kind of theme it is."""
    kind = "terminal colours" if theme.ansi else "dark" if theme.dark else "light"
    origin = " · Textual" if theme.name in BUILTIN_THEMES else ""
    default = " · default" if theme.name == DEFAULT_THEME else ""
    return f"{theme.name:<25} {kind}{default}{origin}"


def with_our_theme_command(commands: Iterable[SystemCommand],
                           app: CareerApp) -> Iterator[SystemCommand]:
    """Textual's system commands, with its "Theme" (which changes the theme without saving
    it) replaced by ours."""
    for command in commands:
        if command.title == TEXTUAL_THEME_COMMAND:
            yield SystemCommand(TEXTUAL_THEME_COMMAND,
                                "Choose the colours; kept for every session",
                                lambda: choose_theme(app))
        else:
            yield command
