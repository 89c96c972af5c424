"""CareerApp: the modes, the global keys and the one path from a key to a store change."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.filter import LineFilter
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Input, TextArea

from tui import theming
from tui.domain.text import one_line
from tui.key_catalog import UserKeymap
from tui.screens.help import HelpScreen
from tui.screens.too_small import TooSmallScreen, too_small
from tui.settings import cursor_blinks, lock_seconds
from tui.store import CorruptFile, StoreError
from tui.widgets.confirm_dialog import ConfirmDialog
from tui.widgets.control_filter import ControlCharacters

# The plan's models (pydantic) and what works on them load with the plan, not with this
# module: the command line paints Today's frame before they are imported (tui.opening).
if TYPE_CHECKING:
    from tui.domain.document import Document
    from tui.domain.history import Patch, UndoStack
    from tui.screens.export_form import ExportKind
    from tui.screens.review import ReviewScreen
    from tui.screens.review_session import ReviewSession
    from tui.store import Store, Transaction

T = TypeVar("T")
# The footer shows each group's keys together under one word: at 80 columns the screen's
# own keys come first and the global ones still fit.
SCREENS = Binding.Group("screens", compact=True)
UNDO = Binding.Group("undo/redo", compact=True)
POLL_SECONDS = 1.0
_NO_CONTROLS = ControlCharacters()


def _on_first_visit(module: str, name: str) -> Callable[[], Screen[None]]:
    """A mode's screen, imported when it is first shown: a start waits only for Today's
    (the others, the plots with them, cost about as much as Textual's own import)."""
    def make() -> Screen[None]:
        screen: Screen[None] = getattr(import_module(f"tui.screens.{module}"), name)()
        return screen

    return make


class CareerApp(App[int]):
    """The careerdash dashboard over one store."""

    TITLE = "careerdash"
    CSS_PATH = [f"styles/{name}.tcss" for name in ("app", "today", "values", "goals", "board",
                                                        "progress", "review")]
    MODES = {"today": _on_first_visit("today", "TodayScreen"),
             "values": _on_first_visit("values", "ValuesScreen"),
             "goals": _on_first_visit("goals", "GoalsScreen"),
             "board": _on_first_visit("board", "BoardScreen"),
             "progress": _on_first_visit("progress", "ProgressScreen"),
             "review": _on_first_visit("review", "ReviewScreen")}
    DEFAULT_MODE = "today"
    BINDINGS = [
        Binding("1", "switch_mode('today')", "Today", id="mode-today", group=SCREENS),
        Binding("2", "switch_mode('values')", "Values", id="mode-values", group=SCREENS),
        Binding("3", "switch_mode('goals')", "Goals", id="mode-goals", group=SCREENS),
        Binding("4", "switch_mode('board')", "Board", id="mode-board", group=SCREENS),
        Binding("5", "switch_mode('progress')", "Progress", id="mode-progress", group=SCREENS),
        Binding("6", "switch_mode('review')", "Review", id="mode-review", group=SCREENS),
        Binding("ctrl+z", "undo", "Undo", id="undo", group=UNDO),
        Binding("ctrl+y", "redo", "Redo", id="redo", group=UNDO),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", show=False, id="quit"),  # in the help; room for ?
    ]

    # Bumped whenever the store has a new document (own change or another process's);
    # screens watch it and re-read the document.
    revision: var[int] = var(0, init=False)  # a var: a new revision repaints nothing itself

    def __init__(self, store: Store | None, *, poll_seconds: float = POLL_SECONDS,
                 tour: bool = False, theme: str | None = None,
                 first_theme: str | None = None) -> None:
        """`store` may be None only for a subclass that attaches one later (tui.opening).

        `theme` is one asked for on the command line: shown at once, and kept as the
        person's choice once the plan is on the screen. Without it, the plan's saved theme
        is shown; `first_theme` is the one to paint in until that is known.
        """
        super().__init__()
        self.tour = tour  # offered on an empty plan; the command line asks, tests do not
        self.asked_theme = theme
        self.user_keymap = UserKeymap(type(self))
        self.poll_seconds = poll_seconds
        self._reported_error: str | None = None
        self.review_session: ReviewSession | None = None  # the one open, in any mode
        self._lock_holder: str | None = None  # who held the file's lock at the last poll
        self._told_holder: str | None = None  # who we last said holds it
        self._too_small: TooSmallScreen | None = None  # shown while the window is too small
        self.cursor_blinks = cursor_blinks()
        # Scrolls jump instead of gliding: each animation frame is a repaint sent over SSH,
        # and a page down should land at once. TEXTUAL_ANIMATIONS still overrides this.
        if "TEXTUAL_ANIMATIONS" not in os.environ:
            self.animation_level = "none"
        # Before the first screen is styled: a switch after it would style everything twice.
        theming.install_themes(self, theme or first_theme)  # ours and the person's own
        if store is not None:
            self.attach(store)

    def attach(self, store: Store) -> None:
        """Work on `store` from now on, in the theme its settings name."""
        from tui.domain.history import UndoStack

        self.store = store
        self.history: UndoStack = UndoStack()
        gc.freeze()  # the plan just loaded, kept out of the collector's walks while we start
        store.subscribe(self._document_changed)
        if self.asked_theme is None:
            theming.apply_saved_theme(self, warn=True)

    @property
    def waiting_for_plan(self) -> bool:
        """True while there is no store yet (only in tui.opening's app)."""
        return False

    def today(self) -> date:
        """Today's date by the store's clock (fixed in tests)."""
        return self.store.clock().date()

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return theming.app_variables(self.current_theme)  # $bar-track unless a theme sets it

    def get_line_filters(self) -> Sequence[LineFilter]:
        filters = theming.no_color_filters(self, super().get_line_filters())  # NO_COLOR, any theme
        return [*filters, _NO_CONTROLS]  # an escape sequence typed in the plan is never sent

    def on_mount(self) -> None:
        self.user_keymap.apply(self)
        if not self.is_headless:  # a test's event loop keeps its own signal handling
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(signum, self.end_session, signum)
        if not self.waiting_for_plan:
            self.start_session()

    def start_session(self) -> None:
        """Once the screens show the store: its warnings, and a watch on its file."""
        for warning in self.store.warnings:
            self.notify(warning, title="Data file", severity="warning", markup=False,
                        timeout=10)
        self.set_interval(self.poll_seconds, self.poll_store)
        if self.asked_theme is not None:
            self._keep_asked_theme(self.asked_theme)
        # The loaded plan is long-lived: keep the cyclic collector from walking its tens of
        # thousands of objects again and again (each full pass paused a key by ~100 ms).
        self.call_after_refresh(gc.freeze)

    def _keep_asked_theme(self, name: str) -> None:
        """Save the theme the command line asked for, as choosing it here would (a plan
        shown read-only keeps its own, and this session shows the one asked for)."""
        from tui.actions.settings import set_theme

        if self.store.read_only is None and self.store.document.settings.theme != name:
            self.change(lambda tx: set_theme(tx, name), f"theme {name}")

    def on_unmount(self) -> None:
        gc.unfreeze()  # what was kept from the collector can be collected again

    def end_session(self, signum: int) -> None:
        """The terminal went away (SIGHUP: an SSH connection dropped, a tmux pane closed) or
        the system asks us to stop (SIGTERM): keep what is typed on an open review page as
        its draft, then exit, restoring the terminal. Every other change is already saved."""
        try:
            if self.review_session is not None:  # open here or under another screen
                self.review_session.keep_draft()  # what escape keeps: the page as a draft
        finally:
            self.exit(128 + signum)  # the shell's convention for "ended by this signal"

    def on_ready(self) -> None:
        if not self.waiting_for_plan:
            self.offer_tour()
        self._fit_window()

    def offer_tour(self) -> None:
        """On an empty plan, when the command line opened it, ask whether to take the tour."""
        if self.tour:  # first, so a too-small request goes on top of the question
            from tui.screens.tour import offer_tour

            self.tour = False  # once a session
            offer_tour(self)

    async def on_event(self, event: events.Event) -> None:
        await super().on_event(event)
        if isinstance(event, events.Resize):  # the app's own handler stops it: look here
            self._fit_window()

    def _fit_window(self) -> None:
        """Below the minimum size, ask for a bigger window instead of drawing a squeezed
        layout; take the request away once there is room."""
        if too_small(self.size):
            if self._too_small is None:
                self._too_small = TooSmallScreen()
                self.push_screen(self._too_small)
            elif self._too_small.is_mounted:
                self._too_small.show(self.size)
        elif self._too_small is not None:
            self._too_small.dismiss()
            self._too_small = None

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if not self.cursor_blinks and isinstance(event.widget, Input | TextArea):
            event.widget.cursor_blink = False  # a steady cursor sends nothing while idle

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the window is too small, only quitting works: a switch of screen would be
        # drawn squeezed underneath the request.
        return action == "quit" or self._too_small is None

    def _document_changed(self, _doc: Document) -> None:
        self.revision += 1

    def watch_revision(self) -> None:
        theming.apply_saved_theme(self)  # a theme chosen here, in another session, or undone

    def poll_store(self) -> None:
        """Pick up changes other processes made to the file."""
        try:
            self.store.refresh()
            self._reported_error = None
        except StoreError as error:
            if str(error) != self._reported_error:
                self._reported_error = str(error)
                from tui.restore_command import restore_hint

                # Once per problem: the hint reads the backups to find a good one.
                hint = (f".{restore_hint(error.path)}" if isinstance(error, CorruptFile)
                        and error.path else "")
                self.notify(f"{error}{hint}", title="Data file", severity="error",
                            markup=False, timeout=15)
        self._watch_lock()

    def _watch_lock(self) -> None:
        """Say, once, when another session has held the file's lock since the last poll: a
        change made now would wait for it (the screen cannot repaint during that wait)."""
        holder = self.store.lock_holder()
        if holder is not None and holder == self._lock_holder != self._told_holder:
            self._told_holder = holder
            self.notify(f"Another careerdash ({holder}) is holding the data file. A change"
                        f" made here waits for it, up to {lock_seconds():.3g} s, then is"
                        " refused.", title="Data file busy", severity="warning",
                        markup=False, timeout=10)
        if holder is None:
            self._told_holder = None
        self._lock_holder = holder

    def change(self, edit: Callable[[Transaction], T], label: str = "Change") -> T | None:
        """Run `edit` as one store transaction; on failure say why and change nothing.

        What it changed is remembered under `label`, so ctrl+z can take it back.
        """
        from pydantic import ValidationError

        from tui.domain.errors import describe
        from tui.domain.goals import newly_complete
        from tui.domain.history import diff

        try:
            with self.store.transaction() as tx:
                result = edit(tx)
                base = tx.base
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
        except ValidationError as error:
            self.notify(describe(error), title="Not saved", severity="error", markup=False)
        else:
            after = self.store.document
            self.history.record(diff(base, after, label))
            # Which goals just became complete is worked out after the change is on screen.
            self.call_after_refresh(lambda: self._offer_done(newly_complete(base, after)))
            return result
        return None

    def _offer_done(self, goal_ids: list[int]) -> None:
        """Offer, one after another, to mark `goal_ids` done (their work is complete)."""
        from tui.actions.goals import set_status
        from tui.domain.models import GoalStatus

        goals = self.store.document.goals
        pending = [g for g in goal_ids if g in goals]
        if not pending:
            return
        goal = goals[pending[0]]

        def answer(yes: bool | None) -> None:
            if yes and self.change(lambda tx: set_status(tx, goal.id, GoalStatus.DONE),
                                   f"mark “{one_line(goal.title, 40)}” done") is not None:
                self.notify(f"🎉 Goal achieved: {one_line(goal.title, 60)}", title="Win",
                            markup=False)
            self._offer_done(pending[1:])

        self.push_screen(ConfirmDialog(
            f"Everything for “{one_line(goal.title, 60)}” is done. Mark the goal done?"), answer)

    def action_undo(self) -> None:
        """Take back the newest change made in this session."""
        self._replay(self.history.next_undo(), "Undone", "Nothing to undo", self.history.undone)

    def action_redo(self) -> None:
        """Make again the newest change that was undone."""
        self._replay(self.history.next_redo(), "Redone", "Nothing to redo", self.history.redone)

    def _replay(self, patch: Patch | None, verb: str, nothing: str,
                done: Callable[[], None]) -> None:
        if patch is None:
            self.notify(nothing, severity="information", timeout=2)
            return
        from tui.actions.undo import apply_patch

        try:
            with self.store.transaction() as tx:
                apply_patch(tx, patch)
        except StoreError as error:
            self.notify(str(error), title=f"Not {verb.lower()}", severity="error", markup=False)
            return
        done()
        self.notify(f"{verb}: {patch.label}", timeout=3, markup=False)

    def show_goal(self, goal_id: int) -> None:
        """Switch to Goals with `goal_id` selected."""
        from tui.screens.goals import GoalsScreen

        self.switch_mode("goals")
        screen = self.screen
        if isinstance(screen, GoalsScreen):
            screen.select_goal(goal_id)

    def _review_screen(self) -> ReviewScreen:
        self.switch_mode("review")
        return cast("ReviewScreen", self.screen)

    def start_review(self) -> None:
        """Start or resume the weekly review, from anywhere."""
        self._review_screen().action_start()

    def add_feedback(self) -> None:
        """Record feedback, on the selected goal when Goals is showing."""
        from tui.screens.base import BaseScreen
        from tui.screens.goals import GoalsScreen

        screen = self.screen
        goal = screen.selected() if isinstance(screen, GoalsScreen) else None
        (screen if isinstance(screen, BaseScreen) else self._review_screen()
         ).add_feedback_in_form(goal.id if goal else None)

    def add_win(self) -> None:
        """Write down a win, from anywhere."""
        self._review_screen().action_add_win()

    def choose_review_day(self) -> None:
        """Choose the weekly review's day, from anywhere."""
        self._review_screen().action_review_day()

    def export(self, kind: ExportKind) -> None:
        """Ask where, then write the export in a worker thread (a big plan takes a moment)."""
        from tui.screens.export_form import ExportForm

        def submit(path: Path) -> bool:
            doc, now = self.store.document, self.store.clock()
            self.run_worker(partial(self._write_export, kind, doc, now, path), thread=True,
                            group="export", description=f"{kind.title} to {path}")
            return True

        self.push_screen(ExportForm(kind, self.today(), submit))

    def _write_export(self, kind: ExportKind, doc: Document, now: datetime,
                      path: Path) -> None:
        from tui.exports import render, write_file

        try:
            size = write_file(path, render(doc, kind.fmt, now,
                                           wins_since=kind.wins_since(now.date())))
        except (StoreError, OSError) as error:
            self.call_from_thread(self.notify, f"{path}: {error}", title="Not exported",
                                  severity="error", markup=False)
            return
        self.call_from_thread(self.notify, f"Wrote {path} ({size:,} bytes)",
                              title=kind.title, markup=False)

    def action_help(self) -> None:
        """Show the keys of the current screen and the focused widget (? closes it again)."""
        self.push_screen(HelpScreen(self.screen))

    def action_show_help_panel(self) -> None:
        self.action_help()  # the palette's "Keys" opens the same overlay as ?

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: DOMNode) -> None:
        self.user_keymap.report_clash(self, clashed_bindings, node)  # called on every key

    def action_quit(self) -> None:  # type: ignore[override]
        self.exit(0)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from theming.with_our_theme_command(super().get_system_commands(screen), self)
        yield SystemCommand("Today", "Steps due today and overdue (1)",
                            lambda: self.switch_mode("today"))
        yield SystemCommand("Values", "Self-assessment, vision and objectives (2)",
                            lambda: self.switch_mode("values"))
        yield SystemCommand("Goals", "The goal tree (3)", lambda: self.switch_mode("goals"))
        yield SystemCommand("Board", "The action steps as a kanban (4)",
                            lambda: self.switch_mode("board"))
        yield SystemCommand("Progress", "Plots: burn-up, trajectory, metrics, skills, activity (5)",
                            lambda: self.switch_mode("progress"))
        yield SystemCommand("Review", "The weekly review, feedback and wins (6)",
                            lambda: self.switch_mode("review"))
        yield SystemCommand("Start weekly review", "Or resume the one in progress (r on Review)",
                            self.start_review)
        yield SystemCommand("Add feedback", "What a mentor, manager or peer said",
                            self.add_feedback)
        yield SystemCommand("Add win", "A win no step or goal records", self.add_win)
        yield SystemCommand("Review day", "The day the weekly review falls due",
                            self.choose_review_day)
        from tui.screens.base import BaseScreen
        from tui.screens.export_form import EXPORTS
        from tui.screens.tour import start_tour

        for kind in EXPORTS:
            yield SystemCommand(kind.title, kind.help, partial(self.export, kind))
        yield SystemCommand("Tour", "The method and the screens, a page each",
                            partial(start_tour, self))
        yield SystemCommand("Undo", "Take back the last change (ctrl+z)", self.action_undo)
        yield SystemCommand("Redo", "Make the undone change again (ctrl+y)", self.action_redo)
        if isinstance(screen, BaseScreen):
            yield from screen.commands()
