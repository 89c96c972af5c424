"""The Today screen, driven from the keyboard the way a person uses it every morning."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tui.app import CareerApp
from tui.domain.demo import generated_document
from tui.domain.progress import goal_progress
from tui.domain.today import today_steps
from tui.screens.help import HelpScreen
from tui.screens.today import TodayScreen
from tui.store import Store, StoreError

from .helpers import (DUE_TODAY, OVERDUE, SIZE, bars, cell, goal_row, listed_ids, move_to,
                      step_titled, table, today_screen, widget_text)


# --- what Today lists ---------------------------------------------------------------------


async def test_today_lists_overdue_then_due_today(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        seen = []
        for _ in range(len(OVERDUE) + len(DUE_TODAY) + 2):  # two more presses than rows
            seen.append(table(app).step_id)
            await pilot.press("j")
        titles = [app.store.document.steps[i].title for i in dict.fromkeys(seen) if i]
        assert titles == OVERDUE + DUE_TODAY
        assert seen[-1] == seen[-3], "the cursor stops on the last row"

        await pilot.press("k", "up")
        assert table(app).step_id == step_titled(app.store, DUE_TODAY[-3]).id

        dues = [cell(app, i, "due") for i in listed_ids(app)]
        assert all(d.endswith("d late") for d in dues[: len(OVERDUE)])
        assert dues[len(OVERDUE):] == ["today"] * len(DUE_TODAY)


async def test_the_table_has_exactly_the_today_list(app: CareerApp) -> None:
    async with app.run_test(size=SIZE):
        expected = [s.id for s in today_steps(app.store.document, app.today())]
        assert listed_ids(app) == expected
        assert table(app).row_count == len(expected) == len(OVERDUE + DUE_TODAY)


async def test_an_empty_store_says_nothing_is_due(empty_app: CareerApp) -> None:
    async with empty_app.run_test(size=SIZE):
        screen = today_screen(empty_app)
        assert table(empty_app).row_count == 0
        assert screen.query_one("#today-empty").display
        assert not table(empty_app).display
        assert "No active goals yet." in widget_text(bars(empty_app))


async def test_three_thousand_steps_mount_as_rows_not_widgets(
    empty_store: Store, make_app: Callable[..., CareerApp]
) -> None:
    day = empty_store.clock().date()
    empty_store.replace_document(generated_document(3000, day))
    assert len(empty_store.document.steps) == 3000
    app = make_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        expected = today_steps(app.store.document, day)
        assert len(expected) > 100
        await pilot.pause()  # the rows below the window's go in after the first frame
        assert table(app).row_count == len(expected)
        assert table(app).show_vertical_scrollbar
        assert not table(app).show_horizontal_scrollbar, "the columns fit beside the scrollbar"
        assert listed_ids(app) == [s.id for s in expected]
        widgets = list(app.screen.walk_children())
        assert len(widgets) < 60, f"{len(widgets)} widgets: one per step?"
        await pilot.press("j", "j", "space")
        assert app.store.document.steps[expected[2].id].is_done


async def test_a_step_far_down_a_long_list_can_be_selected_at_once(
    empty_store: Store, make_app: Callable[..., CareerApp]
) -> None:
    """Rows a window cannot show are added after the first frame; asking for one of them
    before then adds them at once rather than leaving the cursor short of it."""
    day = empty_store.clock().date()
    empty_store.replace_document(generated_document(3000, day))
    app = make_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        steps, listed = table(app), today_steps(app.store.document, day)
        steps._fill()  # a fill, as a resize or a big change makes, its rest not yet added
        assert steps.row_count < len(listed)
        steps.select_step(listed[-1].id)
        assert steps.row_count == len(listed) and steps.cursor_row == len(listed) - 1
        assert steps.step_id == listed[-1].id
        await pilot.pause()  # the fill's own call for the rest finds nothing left to add
        assert steps.row_count == len(listed) and steps.step_id == listed[-1].id


# --- checking steps off -------------------------------------------------------------------


async def test_space_checks_off_and_moves_the_goal_bar(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        first = table(app).step_id
        assert first is not None
        step = app.store.document.steps[first]
        assert step.title == OVERDUE[0] and step.goal_id is not None
        before = goal_row(app, step.goal_id).progress
        revision = app.store.revision

        await pilot.press("space")

        assert app.store.revision == revision + 1
        assert app.store.document.steps[first].is_done
        assert Store.open(app.store.path).document.steps[first].is_done, "not on disk"
        assert cell(app, first, "check") == "[✓]"
        assert listed_ids(app)[-1] == first, "done steps go to the bottom"
        after = goal_row(app, step.goal_id).progress
        progress = goal_progress(app.store.document)
        assert after == progress[step.goal_id] != before
        assert {r.goal_id: r.progress for r in bars(app).rows} == {
            r.goal_id: progress[r.goal_id] for r in bars(app).rows}
        assert f"{round(after * 100):>4}%" in widget_text(bars(app))
        assert table(app).step_id == step_titled(app.store, OVERDUE[1]).id, (
            "the cursor stays on the row, so the next step is under it")
        assert "1 done today" in str(today_screen(app).query_one("#today-summary").render())


async def test_space_again_reopens_the_step(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        first = table(app).step_id
        assert first is not None
        goal_id = app.store.document.steps[first].goal_id
        assert goal_id is not None
        before = goal_row(app, goal_id).progress

        await pilot.press("space")
        assert goal_row(app, goal_id).progress != before
        await move_to(pilot, first)
        await pilot.press("space")

        step = app.store.document.steps[first]
        assert not step.is_done and step.done_at is None
        assert cell(app, first, "check") == "[ ]"
        assert listed_ids(app)[0] == first, "an open overdue step is back at the top"
        assert goal_row(app, goal_id).progress == before


async def test_a_failed_write_says_so_and_changes_nothing(
    app: CareerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: Path, data: bytes) -> None:
        raise StoreError(f"{path}: could not save: the disk is full; the file is unchanged")

    async with app.run_test(size=SIZE) as pilot:
        first = table(app).step_id
        assert first is not None
        revision, file_bytes = app.store.revision, app.store.path.read_bytes()
        progress = [r.progress for r in bars(app).rows]
        monkeypatch.setattr("tui.store.storage.write_atomic", broken)

        await pilot.press("space")
        await pilot.pause()

        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "the disk is full" in errors[0].message
        assert not app.store.document.steps[first].is_done
        assert app.store.revision == revision
        assert app.store.path.read_bytes() == file_bytes
        assert cell(app, first, "check") == "[ ]"
        assert listed_ids(app)[0] == first
        assert [r.progress for r in bars(app).rows] == progress
        assert app.return_code is None, "the app keeps running"


# --- deleting -----------------------------------------------------------------------------


async def test_x_deletes_the_step_at_once_and_ctrl_z_brings_it_back(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j")
        target = table(app).step_id
        assert target is not None
        before = app.store.document

        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert target not in app.store.document.steps
        assert target not in Store.open(app.store.path).document.steps
        assert target not in listed_ids(app)
        assert table(app).row_count == len(OVERDUE + DUE_TODAY) - 1

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.store.document.steps == before.steps
        assert Store.open(app.store.path).document.steps[target] == before.steps[target]
        assert target in listed_ids(app)


# --- help and quit ------------------------------------------------------------------------


async def test_question_mark_opens_and_closes_the_help(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_q_quits_with_code_zero(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        assert app.return_code is None
        await pilot.press("q")
    assert app.return_code == 0
    assert app.return_value == 0
