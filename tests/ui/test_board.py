"""The Board by keyboard: moves, order, limits, recurrence, filters, undo of every change."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input

from tui.actions import add_step
from tui.app import CareerApp
from tui.domain.models import Priority, StepStatus
from tui.screens.board import BoardScreen
from tui.screens.step_form import StepForm
from tui.store import Store
from tui.widgets.card_column import CardColumn

from .conftest import FIXED, AppFactory
from .helpers import SIZE, goal_row, retype, widget_text

TODO, DOING, BLOCKED, DONE = (StepStatus.TODO, StepStatus.DOING, StepStatus.BLOCKED,
                              StepStatus.DONE)


def board(app: CareerApp) -> BoardScreen:
    return next(s for s in app.screen_stack if isinstance(s, BoardScreen))


def column(app: CareerApp, status: StepStatus) -> CardColumn:
    return board(app).column(status)


def titles(app: CareerApp, status: StepStatus) -> list[str]:
    return [card.title for card in column(app, status).cards]


def focused(app: CareerApp) -> tuple[StepStatus, str | None]:
    """The focused column and the title of the card under its cursor."""
    current = board(app).focused_column
    return current.status, current.current.title if current.current else None


def border_label(app: CareerApp, status: StepStatus, which: str = "title") -> str:
    """A column's border title (or subtitle) as plain text."""
    panel = board(app).query_one(f"#board-{status.value}")
    return Content.from_markup(str(getattr(panel, f"border_{which}") or "")).plain


def on_disk(app: CareerApp) -> dict[str, object]:
    """The whole document as the file holds it, minus the change counter."""
    doc = Store.open(app.store.path).document.model_dump(mode="json")
    doc["meta"].pop("revision")
    return doc


async def type_into(pilot: Pilot[int], field: str, text: str) -> None:
    widget = pilot.app.screen.query_one(f"#field-{field}", Input)
    widget.focus()
    await pilot.pause()
    await retype(pilot, widget, text)


async def open_board(pilot: Pilot[int]) -> None:
    await pilot.press("4")
    await pilot.pause()


async def cursor_to(pilot: Pilot[int], title: str) -> None:
    """Walk the focused column's cursor down to the card titled `title`."""
    cards = board(pilot.app).focused_column
    await pilot.press("home")
    for _ in range(len(cards.cards)):
        if cards.current is not None and cards.current.title == title:
            return
        await pilot.press("j")
    raise AssertionError(f"{title!r} is not in the {cards.status.value} column")


@pytest.fixture
def small_store(empty_store: Store) -> Store:
    """Three cards in To do, one in Doing."""
    with empty_store.transaction() as tx:
        for title in ("First card", "Second card", "Third card"):
            add_step(tx, title, due=date(2026, 11, 30))
        add_step(tx, "Already doing", status=StepStatus.DOING, priority=Priority.HIGH)
    return empty_store


@pytest.fixture
def small_app(small_store: Store, make_app: AppFactory) -> CareerApp:
    return make_app(small_store)


async def test_the_columns_show_every_step_of_the_demo_plan_with_counts(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        doc = app.store.document
        for status in (TODO, DOING, BLOCKED):
            expected = sorted((s for s in doc.steps.values() if s.status is status),
                              key=lambda s: (s.position, s.id))
            assert [c.id for c in column(app, status).cards] == [s.id for s in expected]
            assert border_label(app, status).split()[-1].split("/")[0] == str(len(expected))
        assert focused(app)[0] is TODO


async def test_a_card_moves_across_every_column_and_back_with_focus_on_it(
        small_app: CareerApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await cursor_to(pilot, "Second card")
        for status in (DOING, BLOCKED, DONE):
            await pilot.press("shift+right")
            await pilot.pause()
            assert focused(small_app) == (status, "Second card")
            assert "Second card" in titles(small_app, status)
            assert small_app.store.document.steps[2].status is status
        assert small_app.store.document.steps[2].done_at == FIXED
        for status, key in ((BLOCKED, "<"), (DOING, "shift+left"), (TODO, "<")):
            await pilot.press(key)
            await pilot.pause()
            assert focused(small_app) == (status, "Second card")
        step = Store.open(small_app.store.path).document.steps[2]
        assert (step.status, step.done_at) == (TODO, None)
        await pilot.press("shift+left")  # nothing left of To do: nothing happens
        await pilot.pause()
        assert focused(small_app) == (TODO, "Second card")


async def test_h_and_l_change_column_and_each_keeps_its_cursor(small_app: CareerApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("j", "j", "l")
        assert focused(small_app) == (DOING, "Already doing")
        await pilot.press("l", "l", "l")  # Blocked is empty; Done is the last column
        assert focused(small_app) == (DONE, None)
        await pilot.press("h", "h", "h")
        assert focused(small_app) == (TODO, "Third card")


async def test_reordering_is_kept_in_the_file(small_app: CareerApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await cursor_to(pilot, "Third card")
        await pilot.press("shift+up", "shift+up")
        await pilot.pause()
        assert titles(small_app, TODO) == ["Third card", "First card", "Second card"]
        assert focused(small_app) == (TODO, "Third card")
        await pilot.press("K")  # already first (K: shift+up where the terminal eats that)
        await pilot.pause()
        await pilot.press("J")
        await pilot.pause()
        assert titles(small_app, TODO) == ["First card", "Third card", "Second card"]
    reloaded = Store.open(small_app.store.path).document.steps.values()
    order = sorted((s for s in reloaded if s.status is TODO), key=lambda s: (s.position, s.id))
    assert [s.title for s in order] == ["First card", "Third card", "Second card"]


async def test_doing_warns_past_its_work_in_progress_limit(small_app: CareerApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        doing = board(small_app).query_one("#board-doing")
        await pilot.press("shift+right", "h", "shift+right")
        await pilot.pause()
        assert border_label(small_app, DOING) == "Doing 3/3"
        assert not doing.has_class("-over-limit")
        await pilot.press("h", "shift+right")
        await pilot.pause()
        assert border_label(small_app, DOING) == "Doing 4/3"
        assert doing.has_class("-over-limit")
        assert border_label(small_app, DOING, "subtitle") == "over the limit"
        await pilot.press("<")
        await pilot.pause()
        assert not doing.has_class("-over-limit")


async def test_a_daily_step_checked_off_three_days_running_has_a_streak_of_3(
        data_file: Path, make_app: AppFactory) -> None:
    now = [FIXED]
    store = Store.open(data_file, clock=lambda: now[0])
    with store.transaction() as tx:
        add_step(tx, "Practice kubectl", due=FIXED.date(),
                 recurrence={"kind": "daily"})
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        for day in range(3):
            now[0] = FIXED + timedelta(days=day, hours=1)
            app.revision += 1  # a new day: the screens re-read, as the poll would
            await pilot.pause()
            await pilot.press("space")
            await pilot.pause()
            assert focused(app) == (TODO, "Practice kubectl")
        step = app.store.document.steps[1]
        assert len(step.completions) == 3
        assert step.due == date(2026, 11, 26)  # the day after the third check-off
        assert "↻3" in widget_text(column(app, TODO))
        assert "streak 3" in " ".join(widget_text(board(app).query_one("#board-detail")).split())


async def test_a_weekly_step_moved_to_done_records_it_and_comes_back_next_week(
        data_file: Path, make_app: AppFactory) -> None:
    store = Store.open(data_file, clock=lambda: FIXED)
    with store.transaction() as tx:
        add_step(tx, "Friday demo", due=date(2026, 11, 27),
                 recurrence={"kind": "weekly", "weekday": 4})
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press(">", ">", ">")
        await pilot.pause()
        step = app.store.document.steps[1]
        # Doing, Blocked, then Done: checked off, back in To do, due the Friday after.
        assert (step.status, step.due, step.completions) == (TODO, date(2026, 12, 4), [FIXED])
        assert focused(app) == (TODO, "Friday demo")


async def test_a_adds_to_the_focused_column_with_resources(small_app: CareerApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("l", "l", "a")
        await pilot.pause()
        assert isinstance(small_app.screen, StepForm)
        await pilot.press(*"Wait for the budget")
        for field, text in (("estimate", "1.5h"), ("cost", "300 EUR"), ("helpers", "Priya")):
            await type_into(pilot, field, text)
        await pilot.press("ctrl+s")
        await pilot.pause()
        step = next(s for s in Store.open(small_app.store.path).document.steps.values()
                    if s.title == "Wait for the budget")
        assert (step.status, step.estimate_hours, step.resources.cost, step.resources.helpers) \
            == (BLOCKED, 1.5, "300 EUR", "Priya")
        assert focused(small_app) == (BLOCKED, "Wait for the budget")
        detail = " ".join(widget_text(board(small_app).query_one("#board-detail")).split())
        assert "Needs 1.5 h · costs 300 EUR · with Priya" in detail


async def test_a_bad_repeat_is_refused_beside_its_field(small_app: CareerApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = small_app.screen
        await type_into(pilot, "recurrence", "sometimes")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert small_app.screen is form
        assert "not a repeat" in str(form.query_one("#error-recurrence").render())
        await type_into(pilot, "recurrence", "every 2 days")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(small_app.screen, StepForm)
        recurrence = small_app.store.document.steps[1].recurrence
        assert recurrence is not None and (recurrence.kind, recurrence.interval) == ("every", 2)


async def test_filters_by_text_and_goal_and_old_done_cards(app: CareerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        done_before = len(titles(app, DONE))
        await pilot.press("slash", *"lab")
        await pilot.pause()
        shown = [t for status in (TODO, DOING, BLOCKED, DONE) for t in titles(app, status)]
        assert shown and all("lab" in t.casefold() for t in shown)
        await pilot.press("enter")
        await pilot.press("escape")  # clears the filter
        await pilot.pause()
        assert len(titles(app, TODO)) > 1 and board(app).board_filter.text == ""
        doc = app.store.document
        goal = next(g for g in doc.goals.values() if g.title == "Become a confident speaker")
        await pilot.press("g")
        await pilot.pause()
        for _ in range(len(doc.goals) + 1):
            if "confident speaker" in str(app.screen.query_one("OptionList").highlighted_option
                                          .prompt):
                break
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        under = {goal.id, *(g.id for g in doc.goals.values() if g.parent_id == goal.id)}
        under |= {g.id for g in doc.goals.values() if g.parent_id in under}
        shown_steps = [c for status in (TODO, DOING, BLOCKED, DONE)
                       for c in column(app, status).cards]
        assert shown_steps and all(s.goal_id in under for s in shown_steps)
        await pilot.press("escape")
        await pilot.press("o")
        await pilot.pause()
        assert len(titles(app, DONE)) == done_before + 9


async def test_undo_and_redo_restore_the_exact_document_for_each_kind_of_change(
        small_app: CareerApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await open_board(pilot)

        async def check_undo(*keys: str) -> None:
            before = on_disk(small_app)
            await pilot.press(*keys)
            await pilot.pause()
            after = on_disk(small_app)
            assert after != before, keys
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert on_disk(small_app) == before, keys
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert on_disk(small_app) == after, keys

        await check_undo("shift+right")  # a move
        await pilot.press("h")
        await check_undo("space")  # a check-off
        await check_undo("e", "end", *" (edited)", "ctrl+s")  # an edit
        await check_undo("x")  # a delete


async def test_cards_reaching_done_move_the_goal_bars_on_today_and_goals(
        app: CareerApp) -> None:
    doc = app.store.document
    goal = next(g for g in doc.goals.values() if g.title == "Write and land the observability RFC")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        tree = app.screen.query_one("#goals-tree")
        before_tree = next(n.label.plain for n in tree.nodes() if n.data == goal.id)
        await pilot.press("1")
        await pilot.pause()
        before_bar = goal_row(app, goal.id).progress
        await open_board(pilot)
        for _ in range(len(column(app, TODO).cards)):
            current = board(app).focused_column.current
            if current is None or current.goal_id == goal.id:
                break
            await pilot.press("j")
        await pilot.press(">", ">", ">")  # Doing, Blocked, Done
        await pilot.pause()
        assert app.store.document.steps[current.id].status is DONE
        await pilot.press("1")
        await pilot.pause()
        assert goal_row(app, goal.id).progress > before_bar
        await pilot.press("3")
        await pilot.pause()
        after_tree = next(n.label.plain for n in tree.nodes() if n.data == goal.id)
        assert after_tree != before_tree and "%" in after_tree
