"""User text is data: titles that look like markup or escape codes are shown as typed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tui import actions
from tui.app import CareerApp
from tui.screens.step_form import StepForm
from tui.screens.today import TodayScreen
from tui.store import Store

from .helpers import (SIZE, cell, form_field, move_to, screen_text, step_titled, table,
                      widget_text)


HOSTILE = ["[bold]x[/bold]", "[@click=app.quit]x", "[/b]", "evil \x1b[31m red"]


@pytest.fixture
def hostile_store(empty_store: Store) -> Store:
    """Four steps due today whose titles look like markup or escape sequences."""
    with empty_store.transaction() as tx:
        for title in HOSTILE:
            actions.add_step(tx, title, due=tx.now.date())
    return empty_store


async def test_titles_render_literally(
    hostile_store: Store, make_app: Callable[..., CareerApp], tmp_path: Path
) -> None:
    app = make_app(hostile_store)
    async with app.run_test(size=SIZE):
        drawn = widget_text(table(app))
        on_screen = screen_text(app, tmp_path)
        for title in ["[bold]x[/bold]", "[@click=app.quit]x", "[/b]", "evil ␛[31m red"]:
            assert title in drawn
            assert title in on_screen
        assert "\x1b" not in drawn
        ids = [step_titled(hostile_store, title).id for title in HOSTILE]
        assert cell(app, ids[3], "title") == "evil ␛[31m red"
        assert hostile_store.document.steps[ids[3]].title == HOSTILE[3], "stored as typed"


async def test_enter_and_click_on_a_markup_title_never_quit(
    hostile_store: Store, make_app: Callable[..., CareerApp]
) -> None:
    app = make_app(hostile_store)
    async with app.run_test(size=SIZE) as pilot:
        target = step_titled(hostile_store, "[@click=app.quit]x").id
        await move_to(pilot, target)
        await pilot.press("enter")
        assert isinstance(app.screen, StepForm), "enter edits the step"
        assert form_field(app, "title").value == "[@click=app.quit]x"
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)

        await pilot.press("ctrl+home")  # the cursor leaves the row before the clicks
        assert table(app).step_id != target
        row = table(app).get_row_index(str(target))
        title_x = 3 + 2 + 2  # past the check column and its padding
        for _ in range(2):  # the first click moves the cursor, the second selects
            await pilot.click(table(app), offset=(title_x, 1 + row))
            await pilot.pause()
            assert app.return_code is None
            assert table(app).step_id == target
        assert isinstance(app.screen, StepForm), "clicking the row twice edits the step"
        assert app.is_running
