"""What the first-start tour looks like at 80x24.

The date is frozen (Monday 23 November 2026), the data lives in tmp_path (the file does not
exist: a first start), the theme comes from the repository and no keymap is set
(tests/conftest.py points the config at tmp_path), so the SVG is the same on every run.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tui.app import CareerApp
from tui.store import Store

FIXED = datetime(2026, 11, 23, 9, 0)  # a Monday

Compare = Callable[..., bool]


@pytest.fixture
def fresh_app(data_file: Path) -> CareerApp:
    """The app as `careerdash` starts it on a data file that does not exist yet."""
    return CareerApp(Store.open(data_file, clock=lambda: FIXED), tour=True)


async def take_the_tour(pilot: Pilot[object]) -> None:
    await pilot.pause()  # the question comes once the app is ready
    await pilot.press("y")
    await pilot.pause()


def test_the_tours_first_page(snap_compare: Compare, fresh_app: CareerApp) -> None:
    """y to "New to careerdash?": the tour's first page.

    A box over the empty Today screen, titled "Tour 1/8 · The method": "careerdash follows
    the classic career-planning method, in this order:", then seven rows, each a bold label
    and a line that does not wrap (Values, Vision, SMART goals "specific, measurable,
    achievable, relevant, time-bound", Action steps, Every day, Every week, Celebrate), "Each
    step has its screen; the next pages show them." and, in grey, "⏎ space → l: next ·
    ← h: back · esc: close". Behind it the Today screen's borders and footer.
    """
    assert snap_compare(fresh_app, terminal_size=(80, 24), run_before=take_the_tour)
