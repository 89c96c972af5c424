"""The board's rules: columns and filters, moves, order, recurrence in words, streaks."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.actions import add_step, delete_step, edit_step, toggle_step
from tui.actions.board import move_step, reorder_step
from tui.domain.board import BoardFilter, board_view, changed_steps, reordered, updated_view
from tui.domain.demo import demo_document
from tui.domain.models import Recurrence, Step, StepStatus
from tui.domain.steps import (RecurrenceError, describe_recurrence, next_due,
                              parse_recurrence, streak)
from tui.store import Store

NOW = datetime(2026, 11, 23, 9, 0)  # a Monday
TODAY = NOW.date()
TODO, DOING, BLOCKED, DONE = (StepStatus.TODO, StepStatus.DOING, StepStatus.BLOCKED,
                              StepStatus.DONE)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "careerdash.json", clock=lambda: NOW)
    store.replace_document(demo_document(TODAY))
    return store


def titles(cards: list[Step]) -> list[str]:
    return [card.title for card in cards]


# --- columns and filters -----------------------------------------------------------------


def test_each_step_is_in_the_column_of_its_status_in_position_order(store: Store) -> None:
    view = board_view(store.document, TODAY, BoardFilter(old_done=True))
    shown = [card for cards in view.columns.values() for card in cards]
    assert sorted(s.id for s in shown) == sorted(store.document.steps)
    for status, cards in view.columns.items():
        assert all(card.status is status for card in cards)
        assert [(c.position, c.id) for c in cards] == sorted((c.position, c.id) for c in cards)


def test_done_cards_older_than_a_week_are_hidden_and_counted(store: Store) -> None:
    view = board_view(store.document, TODAY)
    old = [s for s in store.document.steps.values()
           if s.done_at is not None and s.done_at.date() < TODAY - timedelta(days=7)]
    assert old and view.hidden_old_done == len(old)
    assert not {s.id for s in old} & {c.id for c in view.columns[DONE]}
    # Exactly seven days ago is still shown.
    with store.transaction() as tx:
        step = add_step(tx, "a week ago")
        toggle_step(tx, step.id)
    week_ago = store.document.steps[step.id].model_copy(
        update={"done_at": NOW - timedelta(days=7)})
    doc = store.document.model_copy(update={"steps": {**store.document.steps,
                                                      step.id: week_ago}})
    assert step.id in {c.id for c in board_view(doc, TODAY).columns[DONE]}


def test_the_text_filter_matches_titles_and_notes_ignoring_case(store: Store) -> None:
    with store.transaction() as tx:
        add_step(tx, "Unrelated title", notes="ask about the KUBECTL exam")
    view = board_view(store.document, TODAY, BoardFilter(text="kubectl"))
    shown = [c for cards in view.columns.values() for c in cards]
    assert shown and all("kubectl" in (c.title + c.notes).casefold() for c in shown)
    assert "Unrelated title" in titles(shown)


def test_the_goal_filter_includes_the_goals_below(store: Store) -> None:
    doc = store.document
    top = next(g for g in doc.goals.values() if g.title == "Senior engineer by mid-2027")
    under = {top.id} | {g.id for g in doc.goals.values() if g.parent_id == top.id}
    under |= {g.id for g in doc.goals.values() if g.parent_id in under}
    view = board_view(doc, TODAY, BoardFilter(goal_id=top.id, old_done=True))
    shown = {c.id for cards in view.columns.values() for c in cards}
    assert shown == {s.id for s in doc.steps.values() if s.goal_id in under}


# --- moves and order ---------------------------------------------------------------------


def test_moving_into_done_checks_off_and_out_of_done_reopens(store: Store) -> None:
    with store.transaction() as tx:
        step = add_step(tx, "Write the summary")
    with store.transaction() as tx:
        moved = move_step(tx, step.id, DONE)
    assert (moved.status, moved.done_at) == (DONE, NOW)
    with store.transaction() as tx:
        back = move_step(tx, step.id, BLOCKED)
    assert (back.status, back.done_at) == (BLOCKED, None)
    assert back.position == max(s.position for s in store.document.steps.values())


def test_a_recurring_step_moved_into_done_comes_back_due_again(store: Store) -> None:
    with store.transaction() as tx:
        step = add_step(tx, "Practice", due=TODAY, recurrence=Recurrence(kind="weekdays"))
    with store.transaction() as tx:
        moved = move_step(tx, step.id, DONE)
    assert (moved.status, moved.due, moved.completions) == (TODO, date(2026, 11, 24), [NOW])


def test_adding_straight_to_a_column(store: Store) -> None:
    with store.transaction() as tx:
        blocked = add_step(tx, "Waiting on legal", status=BLOCKED)
        done = add_step(tx, "Already did it", status=DONE)
    assert blocked.status is BLOCKED and done.done_at == NOW


def test_reordering_swaps_neighbours_and_stops_at_the_ends(store: Store) -> None:
    todo = board_view(store.document, TODAY).columns[TODO]
    first, second = todo[0], todo[1]
    with store.transaction() as tx:
        assert reorder_step(tx, first.id, -1, TODAY) == []
        changed = reorder_step(tx, second.id, -1, TODAY)
    assert {c.id for c in changed} == {first.id, second.id}
    assert titles(board_view(store.document, TODAY).columns[TODO][:2]) == [second.title,
                                                                           first.title]


def test_reordering_cards_that_share_a_position_renumbers_them() -> None:
    cards = [Step(id=i, title=f"card {i}", position=5, created_at=NOW) for i in (1, 2, 3)]
    changed = {c.id: c.position for c in reordered(cards, 3, -1)}
    order = sorted(cards, key=lambda c: (changed.get(c.id, c.position), c.id))
    assert [c.id for c in order] == [1, 3, 2]


# --- the view updated by the change equals the view computed afresh ------------------------

_EDITS = st.lists(st.tuples(st.sampled_from(["add", "move", "toggle", "delete", "edit"]),
                            st.integers(0, 10_000), st.sampled_from(list(StepStatus))),
                  min_size=1, max_size=6)


@settings(max_examples=40, deadline=None)
@given(edits=_EDITS, text=st.sampled_from(["", "lab", "review"]),
       old_done=st.booleans())
def test_the_view_moved_on_by_a_change_is_the_view_of_the_new_document(
        tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[str, int, StepStatus]],
        text: str, old_done: bool) -> None:
    store = Store.open(tmp_path_factory.mktemp("board") / "c.json", clock=lambda: NOW)
    store.replace_document(demo_document(TODAY))
    board_filter = BoardFilter(text=text, old_done=old_done)
    before = store.document
    view = board_view(before, TODAY, board_filter)
    with store.transaction() as tx:
        for kind, pick, status in edits:
            ids = sorted(tx.doc.steps)
            step_id = ids[pick % len(ids)]
            if kind == "add":
                add_step(tx, f"new lab review {pick}", status=status)
            elif kind == "move":
                move_step(tx, step_id, status)
            elif kind == "toggle":
                toggle_step(tx, step_id)
            elif kind == "delete":
                delete_step(tx, step_id)
            else:
                edit_step(tx, step_id, title=f"renamed {pick}")
    after = store.document
    moved_on = updated_view(view, before.steps, after, TODAY, board_filter)
    fresh = board_view(after, TODAY, board_filter)
    assert moved_on == fresh
    assert changed_steps(before.steps, after.steps) >= {
        i for i in after.steps if before.steps.get(i) != after.steps[i]}


# --- recurrence in words, next due days, streaks -------------------------------------------


@pytest.mark.parametrize(("text", "kind", "weekday", "interval"), [
    ("daily", "daily", None, None), ("every day", "daily", None, None),
    ("weekdays", "weekdays", None, None), ("weekly fri", "weekly", 4, None),
    ("fridays", "weekly", 4, None), ("every Tuesday", "weekly", 1, None),
    ("every 3 days", "every", None, 3), ("3d", "every", None, 3), ("every 1 day", "daily", None, None),
])
def test_recurrence_in_words(text: str, kind: str, weekday: int | None,
                             interval: int | None) -> None:
    recurrence = parse_recurrence(text)
    assert recurrence == Recurrence(kind=kind, weekday=weekday, interval=interval)
    assert parse_recurrence(describe_recurrence(recurrence)) == recurrence


@pytest.mark.parametrize("text", ["sometimes", "weekly", "every 0 days", "every 400 days",
                                  "t", "every s"])
def test_what_is_not_a_recurrence_is_refused(text: str) -> None:
    with pytest.raises(RecurrenceError):
        parse_recurrence(text)


def test_empty_text_is_a_one_off_step() -> None:
    assert parse_recurrence("  ") is None


@pytest.mark.parametrize(("recurrence", "after", "expected"), [
    (Recurrence(kind="daily"), date(2026, 12, 31), date(2027, 1, 1)),
    (Recurrence(kind="weekdays"), date(2026, 11, 27), date(2026, 11, 30)),  # Fri → Mon
    (Recurrence(kind="weekly", weekday=4), date(2026, 11, 27), date(2026, 12, 4)),
    (Recurrence(kind="weekly", weekday=0), date(2026, 11, 27), date(2026, 11, 30)),
    (Recurrence(kind="every", interval=3), date(2026, 11, 23), date(2026, 11, 26)),
])
def test_next_due(recurrence: Recurrence, after: date, expected: date) -> None:
    assert next_due(recurrence, after) == expected


def _habit(kind: str, done: list[date], **fields: int) -> Step:
    return Step(id=1, title="habit", recurrence=Recurrence(kind=kind, **fields),
                created_at=datetime(2026, 11, 1), due=TODAY,
                completions=[datetime.combine(d, datetime.min.time()) for d in done])


def test_a_daily_streak_counts_consecutive_days_up_to_today_or_yesterday() -> None:
    days = [TODAY - timedelta(days=n) for n in (0, 1, 2)]
    assert streak(_habit("daily", days), TODAY) == 3
    assert streak(_habit("daily", days[1:]), TODAY) == 2  # today not done yet: still going
    assert streak(_habit("daily", days[2:]), TODAY) == 0  # yesterday missed: broken
    assert streak(_habit("daily", []), TODAY) == 0


def test_a_weekday_streak_skips_the_weekend() -> None:
    # Thursday, Friday, then Monday (today).
    done = [date(2026, 11, 19), date(2026, 11, 20), TODAY]
    assert streak(_habit("weekdays", done), TODAY) == 3


def test_a_weekly_streak_counts_weeks_across_a_year_end() -> None:
    done = [date(2026, 12, 25), date(2027, 1, 1), date(2027, 1, 6)]
    assert streak(_habit("weekly", done, weekday=4), date(2027, 1, 7)) == 3
    assert streak(_habit("weekly", done[:2], weekday=4), date(2027, 1, 12)) == 0


def test_an_every_n_days_streak_counts_spans() -> None:
    start = datetime(2026, 11, 1).date()
    done = [start + timedelta(days=n) for n in (0, 3, 7)]  # spans 0, 1, 2 of 3 days
    assert streak(_habit("every", done, interval=3), start + timedelta(days=8)) == 3
