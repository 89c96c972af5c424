"""What each state of the Today screen looks like, at 80x24 and 120x40.

The date is frozen (Monday 23 November 2026), the data lives in tmp_path, the theme comes
from the repository (no user theme: tests/conftest.py points the config at tmp_path), and
text cursors do not blink, so the SVGs are the same on every run.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tui.app import CareerApp
from tui.domain.demo import demo_document
from tui.store import Store

FIXED = datetime(2026, 11, 23, 9, 0)  # a Monday
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]

Compare = Callable[..., bool]


@pytest.fixture
def empty_store(data_file: Path) -> Store:
    """A store in tmp_path (tests/conftest.py points data and config there) on the fixed day."""
    return Store.open(data_file, clock=lambda: FIXED)


@pytest.fixture
def demo_app(empty_store: Store) -> CareerApp:
    empty_store.replace_document(demo_document(FIXED.date()))
    return CareerApp(empty_store)


def keys(*pressed: str) -> Callable[[Pilot[object]], Awaitable[None]]:
    """Press `pressed`, then stop every text cursor blinking so the shot is stable."""

    async def run_before(pilot: Pilot[object]) -> None:
        await pilot.press(*pressed)
        await pilot.pause()
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    return run_before


def shoot(snap_compare: Compare, app: CareerApp, size: tuple[int, int],
          pressed: Iterable[str] = ()) -> bool:
    return snap_compare(app, terminal_size=size, run_before=keys(*pressed))


@pytest.mark.parametrize("size", SIZES)
def test_today_on_the_demo_plan(snap_compare: Compare, demo_app: CareerApp,
                                size: tuple[int, int]) -> None:
    """Today on the sample plan.

    A summary line "Monday 23 November 2026 · 4 overdue · 5 due today · 0 done today";
    a "Due today and overdue" panel with nine rows, the four overdue ones first ("3d late",
    "2d late", "5d late", "1d late" in red, bold), then five due "today"; the cursor on
    "Book the exam date"; below, "Active goals" with indented goal titles, bars and
    percentages; the footer with the keys.
    """
    assert shoot(snap_compare, demo_app, size)


@pytest.mark.parametrize("size", SIZES)
def test_today_after_checking_off_the_first_step(snap_compare: Compare, demo_app: CareerApp,
                                                 size: tuple[int, int]) -> None:
    """Space on the first row.

    "Book the exam date" moves to the bottom of the table with "[✓]" in green and its
    title struck through and dimmed; the cursor is on the new first row, "Fix rollback
    for canary deploys"; the summary says "3 overdue" and "1 done today"; "Pass the CKA
    certification" reads 60% instead of 35%, and "Senior engineer by mid-2027" 53% instead
    of 46%.
    """
    assert shoot(snap_compare, demo_app, size, ["space"])


@pytest.mark.parametrize("size", SIZES)
def test_add_step_form_with_an_invalid_due_date(snap_compare: Compare, demo_app: CareerApp,
                                                size: tuple[int, int]) -> None:
    """The add-step form after typing a title, "soon" as the due date, and ctrl+s.

    A "New step" box over the dimmed Today screen: Title "Prepare 1:1 notes", Due "soon"
    with the error "'soon' is not a date; use YYYY-MM-DD, today, tomorrow, …" in red under
    it; priority "medium", goal "(no goal)", empty notes; the key hint line; a warning
    toast "Fix the marked fields; nothing was saved."
    """
    pressed = ["a", *"Prepare 1:1 notes", "tab", "home", "ctrl+k", *"soon", "ctrl+s"]
    assert shoot(snap_compare, demo_app, size, pressed)


@pytest.mark.parametrize("size", SIZES)
def test_delete_confirmation(snap_compare: Compare, demo_app: CareerApp,
                             size: tuple[int, int]) -> None:
    """x on the first row.

    A dialog with a thick warning-coloured border in the middle of the dimmed screen:
    'Delete step “Book the exam date”?' and, under it, "y / enter: yes    n / escape: no".
    """
    assert shoot(snap_compare, demo_app, size, ["x"])


@pytest.mark.parametrize("size", SIZES)
def test_help_panel(snap_compare: Compare, demo_app: CareerApp, size: tuple[int, int]) -> None:
    """? on Today.

    Textual's help panel docked on the right: the step table's help text ("Move with the
    arrows or j/k; space checks the step off (or back on).") and the keys of the table,
    the screen and the app (Done, Edit, Delete, Add step, Today, Help, Quit …). The
    Today screen stays visible to its left.
    """
    assert shoot(snap_compare, demo_app, size, ["question_mark"])


@pytest.mark.parametrize("size", SIZES)
def test_today_on_an_empty_store(snap_compare: Compare, empty_store: Store,
                                 size: tuple[int, int]) -> None:
    """Today with no data file yet.

    The summary "Monday 23 November 2026 · 0 overdue · 0 due today · 0 done today"; the
    steps panel says "Nothing due today. Press a to add a step." with no table header;
    the goals panel says "No active goals yet."; the footer with the keys.
    """
    assert shoot(snap_compare, CareerApp(empty_store), size)
