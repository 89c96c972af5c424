"""Opening the dashboard from the command line: Today's frame at once, the plan behind it.

Importing the plan's models (pydantic) and reading the plan cost more than Textual's own
start, and a plan of years takes a second to load. So the command line starts the app on
an empty frame laid out as Today, loads the plan on a thread, then shows Today.
Keys typed meanwhile wait for the plan and then act on it, in the order they were typed.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from tui.app import CareerApp
from tui.store.peek import theme_hint

if TYPE_CHECKING:
    from tui.store import Store

# Quitting does not wait for the plan (ctrl+c says how to quit, as everywhere).
NOT_HELD = frozenset({"ctrl+q", "ctrl+c"})


class OpeningScreen(Screen[None]):
    """Today's panels, empty, while the plan loads (styled with Today in today.tcss)."""

    def compose(self) -> ComposeResult:
        path = cast("OpeningApp", self.app).path
        yield Static(Content(f"Opening {path} …"), id="today-summary")  # literal
        yield Static(id="today-review")
        with Vertical(id="today-steps-panel", classes="panel") as panel:
            panel.border_title = "Due today and overdue"
        with VerticalScroll(id="today-goals-panel", classes="panel") as goals:
            goals.border_title = "Active goals"
            goals.can_focus = False
        # No footer yet: composing its keys costs as much as the rest of the frame, and
        # none of them acts before the plan is shown.


class OpeningApp(CareerApp):
    """The dashboard as `careerdash` opens it: `load` runs on a thread once the first frame
    is on the screen; Today replaces the frame when it returns the store."""

    DEFAULT_MODE = "opening"
    MODES = {**CareerApp.MODES, "opening": OpeningScreen}

    def __init__(self, load: Callable[[], Store], path: Path, *, tour: bool,
                 theme: str | None = None) -> None:
        # Unless the command line names a theme, the frame is painted in the one the file's
        # head names, so that a person's chosen colours do not change once it is loaded.
        super().__init__(None, tour=tour, theme=theme,
                         first_theme=None if theme else theme_hint(path))
        self.path = path  # named on the frame while it loads
        self._load = load
        self._plan_shown = False
        # Keys typed before the plan is shown, then acted on one by one; None once done.
        self._held: list[events.Key] | None = []
        self.load_error: Exception | None = None  # why it could not be opened

    @property
    def waiting_for_plan(self) -> bool:
        return not self._plan_shown

    class Loaded(Message):
        """The plan is loaded (posted from the loading thread)."""

        def __init__(self, store: Store) -> None:
            super().__init__()
            self.store = store

    class NotLoaded(Message):
        """The plan could not be loaded; `error` says why."""

        def __init__(self, error: Exception) -> None:
            super().__init__()
            self.error = error

    def on_mount(self) -> None:
        super().on_mount()
        # After the first frame: the load would otherwise hold the interpreter while
        # Textual draws it. A daemon thread rather than a Textual worker: the app waits
        # for its workers when it exits, and ctrl+q must not wait for a large plan to
        # load. A plan is only read here: no lock is taken and nothing is written (but
        # the demo's throwaway copy, in a folder of its own).
        self.call_after_refresh(threading.Thread(target=self._load_plan, daemon=True,
                                                 name="careerdash-load").start)

    def _load_plan(self) -> None:
        # The collector would walk the plan's tens of thousands of new objects again and
        # again while they are made (about 50 ms of a 10,000-step start); attach() then
        # freezes them out of its way for good.
        gc.disable()
        try:
            store = self._load()
            import_module("tui.screens.today")  # here rather than when it is shown
        except Exception as error:
            self._post(self.NotLoaded(error))
        else:
            self._post(self.Loaded(store))
        finally:
            gc.enable()

    def _post(self, message: Message) -> None:
        try:
            self.post_message(message)
        except RuntimeError:  # the app has ended (quit while it loaded): no one to tell
            pass

    def on_opening_app_not_loaded(self, message: NotLoaded) -> None:
        self.load_error = message.error  # the command line reports it
        self.exit(1)

    async def on_opening_app_loaded(self, message: Loaded) -> None:
        self.attach(message.store)
        await self.switch_mode("today")
        await self.remove_mode("opening")  # with any too-small request shown over the frame
        self._too_small = None
        self._plan_shown = True
        self.start_session()
        if self._held:
            self.tour = False  # whoever typed ahead is already at work: no question
        await self._act_on_held_key()

    async def _act_on_held_key(self) -> None:
        """Act on the oldest key held, and on the next once everything it set off is done
        and drawn: a key that opens a form has opened it before the keys after it, typed
        into the form, reach it. Keys typed meanwhile join the end of the line."""
        if not self._held:
            self._held = None
            self.call_after_refresh(self._after_first_frame)
            return
        await super().on_event(self._held.pop(0))
        self.call_after_refresh(self._act_on_held_key)

    def _after_first_frame(self) -> None:
        """What CareerApp.on_ready does, once Today is on the screen: the tour's question on
        an empty plan, then any too-small request over it."""
        self.offer_tour()
        self._fit_window()

    def delay_update(self, delay: float = 0.05) -> None:
        # A switch of mode holds the next frame back by `delay`, to mask the transition;
        # from the frame to Today there is nothing to mask, and the timer would wait for
        # everything Today does after its first frame.
        if not self.waiting_for_plan:
            super().delay_update(delay)

    async def on_event(self, event: events.Event) -> None:
        if (self._held is not None and isinstance(event, events.Key)
                and not event.is_forwarded and event.key not in NOT_HELD):
            self._held.append(event)
            return
        await super().on_event(event)
