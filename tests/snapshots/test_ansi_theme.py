"""Every screen at 80x24 in careerdash-ansi, the theme of the terminal's own 16 colours.

The SVGs draw the ANSI colours with Rich's export palette (a dark grey background, muted
red, green, yellow and blue); a real terminal draws them in its own. The date is frozen
(Monday 23 November 2026), the data lives in tmp_path, and text cursors do not blink.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tui.actions.settings import set_theme
from tui.app import CareerApp
from tui.domain.demo import demo_document
from tui.store import Store

FIXED = datetime(2026, 11, 23, 9, 0)  # a Monday
SIZE = (80, 24)

Compare = Callable[..., bool]


@pytest.fixture
def ansi_app(data_file: Path) -> CareerApp:
    """The sample plan on the fixed day, with careerdash-ansi chosen."""
    store = Store.open(data_file, clock=lambda: FIXED)
    store.replace_document(demo_document(FIXED.date()))
    with store.transaction() as tx:
        set_theme(tx, "careerdash-ansi")
    app = CareerApp(store)
    app.cursor_blinks = False
    return app


def keys(*pressed: str) -> Callable[[Pilot[object]], Awaitable[None]]:
    async def run_before(pilot: Pilot[object]) -> None:
        await pilot.press(*pressed)
        await pilot.pause()

    return run_before


def test_today_in_ansi(snap_compare: Compare, ansi_app: CareerApp) -> None:
    """Today (1) in the terminal's colours, on the terminal's own background.

    Blue rounded panel borders with blue titles "Due today and overdue" and "Active
    goals"; the table's column names "Step Goal Due Pri" in bold blue, no header bar; the
    cursor on "Book the exam date" is a blue bar across the row, its text bold white;
    below it "2d late", "5d late", "1d late" bold red, "today" yellow, "high" red,
    the goal column and "low" dimmed; the goal bars blue "━" for what is done and a dimmed
    "━" track for the rest, the percentages blue; keys in the footer blue.
    """
    assert snap_compare(ansi_app, terminal_size=SIZE, run_before=keys("1"))


def test_values_in_ansi(snap_compare: Compare, ansi_app: CareerApp) -> None:
    """Values (2): "Values 5" is underlined in the section list (its cursor, without the
    focus); the values table has the focus, "1 Craftsmanship … 4 goals" bold white on a
    blue bar; "none" beside Balance in yellow; "46% Senior engineer by mid-2027" underlined in
    the goals list below; "▲ No goal serves Balance." with a yellow triangle."""
    assert snap_compare(ansi_app, terminal_size=SIZE, run_before=keys("2"))


def test_goals_in_ansi(snap_compare: Compare, ansi_app: CareerApp) -> None:
    """Goals (3): the vision line at the top of the tree bold white on blue; tree
    guides in the default colour; each goal's pace and percentage green (↑ ahead), blue
    (→ on track) or yellow (↓ behind); deadlines dimmed; "Mentor two junior engineers"
    (paused, ‖) dimmed; the vision in the right-hand panel."""
    assert snap_compare(ansi_app, terminal_size=SIZE, run_before=keys("3"))


def test_board_in_ansi(snap_compare: Compare, ansi_app: CareerApp) -> None:
    """Board (4): four blue-bordered columns "To do 14", "Doing 3/3", "Blocked 2",
    "Done 5" (the active column's title bold); the cursor card "Onboard the search team"
    in To do is bold white on blue over all three of its lines; the first card of each other
    column is underlined (the cursor there, without the focus); "high" red, "med" yellow,
    "✓ 2026-11-19" green; the Card panel below with Step, Needs and Goal."""
    assert snap_compare(ansi_app, terminal_size=SIZE, run_before=keys("4"))


def test_progress_in_ansi(snap_compare: Compare, ansi_app: CareerApp) -> None:
    """Progress (5), the burn-up: the "Burn-up" tab reversed in blue; the plot on the
    terminal's background with axes and tick labels in its default colour (not black);
    blue bars of steps done per week and a green braille line of the running total
    rising to 19 on the right-hand axis; the legend "done that week", "total in range";
    "19 steps checked off in 3 months." under it."""
    assert snap_compare(ansi_app, terminal_size=SIZE, run_before=keys("5"))


def test_review_in_ansi(snap_compare: Compare, ansi_app: CareerApp) -> None:
    """Review (6): "Weekly review due since Fri 20 Nov" bold yellow at the top; the
    left list with "▶ Start review" bold white on a blue bar, then History 1, Feedback 1,
    Wins 15; "Goals this review covers" with "Senior engineer by mid-2027" underlined
    (the cursor, without the focus); the explanation of the review's pages below."""
    assert snap_compare(ansi_app, terminal_size=SIZE, run_before=keys("6"))
