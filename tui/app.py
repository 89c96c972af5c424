"""CareerApp: the modes, the global keys and the one path from a key to a store change."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TypeVar

from pydantic import ValidationError
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import HelpPanel

from tui.domain.document import Document
from tui.domain.errors import describe
from tui.screens.today import TodayScreen
from tui.store import Store, StoreError, Transaction
from tui.themes import DEFAULT_THEME, load_themes, theme_folders

T = TypeVar("T")
POLL_SECONDS = 1.0


class CareerApp(App[int]):
    """The careerdash dashboard over one store."""

    TITLE = "careerdash"
    CSS_PATH = ["styles/app.tcss", "styles/today.tcss"]
    MODES = {"today": TodayScreen}
    DEFAULT_MODE = "today"
    BINDINGS = [
        Binding("1", "switch_mode('today')", "Today", id="mode-today"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    # Bumped whenever the store has a new document (own change or another process's);
    # screens watch it and re-read the document.
    revision: reactive[int] = reactive(0, init=False)

    def __init__(self, store: Store, *, poll_seconds: float = POLL_SECONDS) -> None:
        super().__init__()
        self.store = store
        self.poll_seconds = poll_seconds
        self._reported_error: str | None = None
        store.subscribe(self._document_changed)

    def today(self) -> date:
        """Today's date by the store's clock (fixed in tests)."""
        return self.store.clock().date()

    def on_mount(self) -> None:
        themes, problems = load_themes(theme_folders())
        for theme in themes:
            self.register_theme(theme)
        for problem in problems:
            self.notify(problem, title="Theme not loaded", severity="warning", markup=False)
        wanted = self.store.document.settings.theme or DEFAULT_THEME
        if wanted in self.available_themes:
            self.theme = wanted
        for warning in self.store.warnings:
            self.notify(warning, title="Data file", severity="warning", markup=False,
                        timeout=10)
        self.set_interval(self.poll_seconds, self.poll_store)

    def _document_changed(self, _doc: Document) -> None:
        self.revision += 1

    def poll_store(self) -> None:
        """Pick up changes other processes made to the file."""
        try:
            self.store.refresh()
            self._reported_error = None
        except StoreError as error:
            if str(error) != self._reported_error:
                self._reported_error = str(error)
                self.notify(str(error), title="Data file", severity="error", markup=False,
                            timeout=15)

    def change(self, edit: Callable[[Transaction], T]) -> T | None:
        """Run `edit` as one store transaction; on failure say why and change nothing."""
        try:
            with self.store.transaction() as tx:
                return edit(tx)
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
        except ValidationError as error:
            self.notify(describe(error), title="Not saved", severity="error", markup=False)
        return None

    def action_help(self) -> None:
        """Show or hide the keys of the focused screen and widget."""
        if self.screen.query(HelpPanel):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_quit(self) -> None:  # type: ignore[override]
        self.exit(0)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Today", "Steps due today and overdue (1)",
                            lambda: self.switch_mode("today"))
        if isinstance(screen, TodayScreen):
            yield SystemCommand("Add step", "Add an action step (a)", screen.action_add)
