"""The add/edit step form opened from Today: saving, refusing bad values, cancelling."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tui.app import CareerApp
from tui.screens.step_form import StepForm
from tui.screens.today import TodayScreen
from tui.store import Store

from .helpers import (OVERDUE, SIZE, cell, error_label, form_field, listed_ids,
                      open_form_and_fill, retype, step_titled, table)


async def test_add_a_step_due_in_two_days(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        rows = listed_ids(app)
        await open_form_and_fill(pilot, "Prepare 1:1 notes", "+2d")
        assert "Wed 25 Nov 2026" in str(error_label(app, "due").render())
        await pilot.press("ctrl+s")

        assert isinstance(app.screen, TodayScreen)
        step = step_titled(app.store, "Prepare 1:1 notes")
        assert step.due == app.today() + timedelta(days=2)
        assert not step.is_done
        assert Store.open(app.store.path).document.steps[step.id].due == step.due
        assert listed_ids(app) == rows, "a step due in the future is not on Today"


async def test_add_a_step_due_today_appears_in_the_table(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        rows = table(app).row_count
        # q, ? and 1 are app keys; typed into a field they are just letters.
        await open_form_and_fill(pilot, "Quick question? Ask 1 person", "today")
        await pilot.press("ctrl+s")

        step = step_titled(app.store, "Quick question? Ask 1 person")
        assert step.due == app.today()
        assert table(app).row_count == rows + 1
        assert step.id in listed_ids(app)
        assert cell(app, step.id, "title") == "Quick question? Ask 1 person"
        assert app.return_code is None


async def test_enter_on_the_last_field_saves(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_form_and_fill(pilot, "Saved with enter", "today")
        for _ in range(7):  # Due → Priority → Goal → Repeats → Estimate → Cost → Who → Notes
            await pilot.press("tab")
        assert app.focused is form_field(app, "notes")
        await pilot.press(*"a note", "enter")

        assert isinstance(app.screen, TodayScreen)
        assert step_titled(app.store, "Saved with enter").notes == "a note"


@pytest.mark.parametrize(
    ("title", "due", "field", "message"),
    [
        ("", "today", "title", ""),
        ("Prepare 1:1 notes", "soon", "due", "'soon' is not a date"),
    ],
    ids=["empty-title", "due-soon"],
)
async def test_an_invalid_form_stays_open_and_saves_nothing(
    app: CareerApp, title: str, due: str, field: str, message: str
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        revision, file_bytes = app.store.revision, app.store.path.read_bytes()
        steps = dict(app.store.document.steps)
        await open_form_and_fill(pilot, title, due)
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert isinstance(app.screen, StepForm), "the form stays open"
        label = error_label(app, field)
        assert label.has_class("-invalid")
        shown = str(label.render()).strip()
        assert shown and message in shown
        assert form_field(app, "title").value == title, "what was typed is kept"
        assert form_field(app, "due").value == due
        assert app.store.revision == revision
        assert app.store.path.read_bytes() == file_bytes
        assert app.store.document.steps == steps


async def test_escape_cancels_the_form(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        revision, file_bytes = app.store.revision, app.store.path.read_bytes()
        rows = listed_ids(app)
        await open_form_and_fill(pilot, "Never saved", "today")
        await pilot.press("escape")

        assert isinstance(app.screen, TodayScreen)
        assert all(s.title != "Never saved" for s in app.store.document.steps.values())
        assert app.store.revision == revision
        assert app.store.path.read_bytes() == file_bytes
        assert listed_ids(app) == rows


async def test_e_edits_the_highlighted_title(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        target = table(app).step_id
        assert target is not None
        old = app.store.document.steps[target]
        assert old.title == OVERDUE[1]

        await pilot.press("e")
        assert isinstance(app.screen, StepForm)
        assert form_field(app, "title").value == old.title
        await retype(pilot, form_field(app, "title"), "Fix blue-green rollback")
        await pilot.press("ctrl+s")

        assert isinstance(app.screen, TodayScreen)
        new = app.store.document.steps[target]
        assert new.title == "Fix blue-green rollback"
        assert (new.due, new.goal_id, new.priority) == (old.due, old.goal_id, old.priority)
        assert cell(app, target, "title") == "Fix blue-green rollback"
        assert table(app).step_id == target
