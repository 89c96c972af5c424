"""Opening from the command line: Today's frame first, the plan loaded behind it, keys
typed meanwhile kept for the plan, and a plan that cannot be opened reported as before."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from terminal import CSI, Terminal  # tests/terminal.py
from textual.pilot import Pilot
from textual.widgets import Static

from tui.actions.settings import set_theme
from tui.domain.today import today_steps
from tui.opening import OpeningApp, OpeningScreen
from tui.screens.today import TodayScreen
from tui.store import CorruptFile, Store, storage
from tui.widgets.step_table import StepTable

from .conftest import FIXED
from .helpers import SIZE, form_field, listed_ids, widget_text

Load = Callable[[], Store]


class HeldLoad:
    """A load that waits until the test lets it go (on the app's worker thread)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.started = threading.Event()
        self.go = threading.Event()

    def __call__(self) -> Store:
        self.started.set()
        if not self.go.wait(10):
            raise TimeoutError("the test never let the load go")
        return self.store


@pytest.fixture
def held(demo_store: Store) -> Iterator[HeldLoad]:
    load = HeldLoad(demo_store)
    yield load
    load.go.set()  # never leave the worker thread waiting


def opening_app(load: Load, path: Path, *, tour: bool = False,
                theme: str | None = None) -> OpeningApp:
    return OpeningApp(load, path, tour=tour, theme=theme)


async def wait_for_plan(app: OpeningApp, pilot: Pilot[int]) -> None:
    """Until the loading thread's message has reached the app and the plan is shown."""
    for _ in range(500):
        if not app.waiting_for_plan:
            await pilot.pause()
            return
        await pilot.pause()
    raise AssertionError(f"{app.screen} is showing; the plan is not")


async def test_the_frame_shows_first_then_the_plan(held: HeldLoad, data_file: Path) -> None:
    app = opening_app(held, data_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OpeningScreen)
        assert held.started.wait(5), "the load did not start after the first frame"
        panels = [str(w.border_title) for w in app.screen.query(".panel")]
        assert panels == ["Due today and overdue", "Active goals"]  # Today's, in place
        summary = app.screen.query_one("#today-summary", Static)
        assert str(summary.content) == f"Opening {data_file} …"
        # The path is longer than the line: cut at the edge, not wrapped out of sight.
        assert widget_text(summary).startswith(f" Opening {str(data_file)[:40]}")
        held.go.set()
        await wait_for_plan(app, pilot)
        assert isinstance(app.screen, TodayScreen)
        assert app.store is held.store
        assert app.screen.query_one(StepTable).row_count > 0
        assert "opening" not in app._modes  # the frame is gone for good


async def test_keys_typed_while_it_loads_act_on_the_plan_in_order(
        held: HeldLoad, data_file: Path) -> None:
    app = opening_app(held, data_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert held.started.wait(5)
        first, second = (step.id for step in today_steps(held.store.document, FIXED.date())[:2])
        await pilot.press("down", "space")  # check off Today's second step
        assert isinstance(app.screen, OpeningScreen)  # nothing acted yet
        held.go.set()
        await wait_for_plan(app, pilot)
        assert app.store.document.steps[second].is_done
        assert Store.open(app.store.path).document.steps[second].is_done, "not on disk"
        assert not app.store.document.steps[first].is_done
        assert listed_ids(app).index(second) > listed_ids(app).index(first)  # listed as done


async def test_ctrl_q_quits_without_waiting_for_the_plan(
        held: HeldLoad, data_file: Path) -> None:
    app = opening_app(held, data_file)
    started = time.monotonic()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert held.started.wait(5)
        await pilot.press("ctrl+q")
    # The load is still held (for up to 10 s): quitting did not wait for it.
    assert time.monotonic() - started < 5
    assert app.return_value == 0 and not held.go.is_set()


def _corrupt(path: Path) -> Store:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{ not json")
    return Store.open(path)


async def test_a_plan_that_cannot_be_opened_ends_the_app_with_its_error(
        data_file: Path) -> None:
    app = opening_app(lambda: _corrupt(data_file), data_file)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(500):  # until the loading thread's message has ended the app
            if app.load_error is not None:
                break
            await pilot.pause()
    assert isinstance(app.load_error, CorruptFile)
    assert app.return_value == 1


async def test_an_empty_plan_is_offered_the_tour_once_it_has_loaded(
        empty_store: Store, data_file: Path) -> None:
    from tui.widgets.confirm_dialog import ConfirmDialog

    app = opening_app(lambda: empty_store, data_file, tour=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_plan(app, pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


def save_theme(store: Store, name: str) -> None:
    with store.transaction() as tx:
        set_theme(tx, name)


def theme_switches(app: OpeningApp) -> list[str]:
    """The themes the app switches to from now on (its first frame's is set before)."""
    switches: list[str] = []
    app.theme_changed_signal.subscribe(app, lambda theme: switches.append(theme.name))
    return switches


async def test_the_frame_is_painted_in_the_plans_own_theme(
        held: HeldLoad, data_file: Path) -> None:
    """A person who chose a theme does not see the colours change once the plan loads."""
    save_theme(held.store, "careerdash-light")
    app = opening_app(held, data_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert held.started.wait(5)
        assert isinstance(app.screen, OpeningScreen)
        assert app.theme == "careerdash-light"
        switches = theme_switches(app)
        held.go.set()
        await wait_for_plan(app, pilot)
        assert app.theme == "careerdash-light" and switches == []


async def test_a_theme_the_file_s_head_gets_wrong_is_put_right_by_the_plan(
        held: HeldLoad, data_file: Path) -> None:
    save_theme(held.store, "careerdash-light")
    other = Store(data_file.with_name("other.json"))  # the plan read is not the file glanced at
    save_theme(other, "careerdash-high-contrast")
    app = opening_app(held, other.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "careerdash-high-contrast"
        held.go.set()
        await wait_for_plan(app, pilot)
        assert app.theme == "careerdash-light"


async def test_the_theme_asked_for_paints_the_frame_and_is_kept(
        held: HeldLoad, data_file: Path) -> None:
    save_theme(held.store, "careerdash-light")
    app = opening_app(held, data_file, theme="careerdash-high-contrast")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "careerdash-high-contrast"
        switches = theme_switches(app)
        held.go.set()
        await wait_for_plan(app, pilot)
        assert app.theme == "careerdash-high-contrast" and switches == []
    assert Store.open(data_file).document.settings.theme == "careerdash-high-contrast"


async def test_another_session_s_lock_does_not_hold_the_plan_back(
        demo_store: Store, data_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keeping the theme asked for is a change like any other: with the lock held by a
    stuck session, the plan is still shown, and the change is refused naming the holder."""
    monkeypatch.setenv("CAREERDASH_LOCK_TIMEOUT", "0.3")
    app = opening_app(lambda: demo_store, data_file, theme="careerdash-high-contrast")
    with storage.exclusive_lock(data_file):
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_plan(app, pilot)
            assert isinstance(app.screen, TodayScreen)
            [error] = [n for n in app._notifications if n.severity == "error"]
            assert error.title == "Not saved" and f"pid {os.getpid()}" in error.message
            assert app.theme == "careerdash-high-contrast"  # shown all the same
    assert Store.open(data_file).document.settings.theme is None


# In a fresh interpreter (the test session has imported everything): the frame is painted
# before the plan's models, the store and Today's screen are imported.
FRAME_FIRST = """
import asyncio, sys, tempfile, threading
from pathlib import Path
import tui.cli
from tui.opening import OpeningApp

HEAVY = ("pydantic", "tinydb", "orjson", "tui.domain.models", "tui.store.store",
         "tui.screens.today")
go = threading.Event()

def load():
    go.wait(10)
    from tui.store import Store
    return Store.open(path)

async def main() -> None:
    app = OpeningApp(load, path, tour=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        print(type(app.screen).__name__, [name for name in HEAVY if name in sys.modules])
        go.set()
        while app.waiting_for_plan:
            await pilot.pause()
        print(type(app.screen).__name__)

path = Path(tempfile.mkdtemp()) / "plan.json"
asyncio.run(main())
"""


def test_the_frame_is_painted_before_the_plan_s_code_is_imported() -> None:
    result = subprocess.run([sys.executable, "-c", FRAME_FIRST], capture_output=True,
                            text=True, check=True, timeout=60)
    assert result.stdout.splitlines() == ["OpeningScreen []", "TodayScreen"]


def test_the_command_line_reports_a_plan_it_cannot_open(data_file: Path) -> None:
    data_file.parent.mkdir(parents=True, exist_ok=True)
    data_file.write_text('{"_default": {"1": {"goals": ')  # cut off mid-write
    before = data_file.read_bytes()
    app = Terminal()  # `careerdash` on a terminal, on this data file
    try:
        app.wait_for(app.exited, "exit")
        app.read(0.5)  # what it wrote after leaving the full screen
        assert os.waitstatus_to_exitcode(app.status or 0) == 1
        said = CSI.sub(b"", bytes(app.output)).decode(errors="replace")
        assert "careerdash: error:" in said and str(data_file) in said
    finally:
        app.close()
    assert data_file.read_bytes() == before  # never written over


async def test_a_window_too_small_is_still_told_so_once_the_plan_is_shown(
        held: HeldLoad, data_file: Path) -> None:
    from tui.screens.too_small import MIN_SIZE, TooSmallScreen

    app = opening_app(held, data_file)
    async with app.run_test(size=(MIN_SIZE.width - 10, MIN_SIZE.height)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)  # over the frame
        held.go.set()
        await wait_for_plan(app, pilot)
        assert isinstance(app.screen, TooSmallScreen)  # over Today now
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_a_form_opened_by_a_key_held_gets_the_keys_typed_after_it(
        held: HeldLoad, data_file: Path) -> None:
    from tui.screens.step_form import StepForm

    app = opening_app(held, data_file)
    before = held.store.document
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Typed before the plan shows; on Today, x deletes a step and space checks one off.
        await pilot.press("a", *"Fix", "space", *"it")
        held.go.set()
        await wait_for_plan(app, pilot)
        for _ in range(200):  # the held keys are acted on one by one
            if isinstance(app.screen, StepForm) and form_field(app, "title").value == "Fix it":
                break
            await pilot.pause()
        assert isinstance(app.screen, StepForm)
        assert form_field(app, "title").value == "Fix it"
    assert held.store.document is before  # nothing deleted, nothing checked off


async def test_keys_typed_ahead_on_an_empty_plan_are_not_interrupted_by_the_tour(
        empty_store: Store, data_file: Path) -> None:
    from tui.screens.values import ValuesScreen

    load = HeldLoad(empty_store)
    app = opening_app(load, data_file, tour=True)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("2")
            load.go.set()
            await wait_for_plan(app, pilot)
            for _ in range(100):
                if isinstance(app.screen, ValuesScreen):
                    break
                await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, ValuesScreen)  # no question on top
    finally:
        load.go.set()
