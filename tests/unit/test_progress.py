"""Derived numbers and step behaviour: goal roll-up, tree order, the Today list, check-off."""

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.document import Document
from tui.domain.models import Goal, Meta, Recurrence, Step, StepStatus
from tui.domain.progress import goal_progress, tree_order
from tui.domain.steps import check_off, next_due, reopen, toggle
from tui.domain.today import is_overdue, today_key, today_steps

TODAY = date(2026, 11, 23)  # a Monday
NOW = datetime.combine(TODAY, time(9, 30))
FRIDAY = date(2026, 11, 27)


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


# --- factories ---------------------------------------------------------------------------


def goal(id: int, parent: int | None = None, **fields: Any) -> Goal:
    return Goal.model_validate({"id": id, "parent_id": parent, "title": f"Goal {id}",
                                "start": days(-30), "created_at": NOW, **fields})


def metric(current: float, target: float = 10, baseline: float = 0) -> dict[str, float]:
    return {"baseline": baseline, "target": target, "current": current}


def step(id: int, goal_id: int | None = None, done: bool = False, **fields: Any) -> Step:
    done_fields: dict[str, Any] = {"status": "done", "done_at": NOW} if done else {}
    return Step.model_validate({"id": id, "goal_id": goal_id, "title": f"Step {id}",
                                "created_at": NOW - timedelta(days=40),
                                **done_fields, **fields})


def habit(id: int, kind: str = "daily", **fields: Any) -> Step:
    """A recurring step."""
    recurrence: dict[str, Any] = {"kind": kind}
    if kind == "weekly":
        recurrence["weekday"] = fields.pop("weekday")
    if kind == "every":
        recurrence["interval"] = fields.pop("interval")
    return step(id, recurrence=recurrence, **fields)


def document(*records: Goal | Step) -> Document:
    goals = {r.id: r for r in records if isinstance(r, Goal)}
    steps = {r.id: r for r in records if isinstance(r, Step)}
    top = max((r.id for r in records), default=0)
    return Document(meta=Meta(next_id=top + 1), goals=goals, steps=steps)


# --- goal progress -------------------------------------------------------------------------


def test_a_goal_with_a_metric_is_as_far_as_its_metric() -> None:
    doc = document(goal(1, metric=metric(current=3)), step(2, 1, done=True), step(3, 1, done=True))
    assert goal_progress(doc)[1] == pytest.approx(0.3)


def test_a_goal_with_a_metric_ignores_its_children() -> None:
    doc = document(goal(1, metric=metric(current=8)), goal(2, 1, status="done"))
    assert goal_progress(doc)[1] == pytest.approx(0.8)


def test_a_goal_without_a_metric_counts_its_done_steps() -> None:
    doc = document(goal(1), step(2, 1, done=True), step(3, 1), step(4, 1, status="doing"),
                   step(5, 1, status="blocked"))
    assert goal_progress(doc)[1] == pytest.approx(0.25)


def test_children_and_own_steps_count_equally() -> None:
    doc = document(
        goal(1),
        goal(2, 1, metric=metric(current=5)),  # 0.5
        goal(3, 1),  # nothing to count: 0.0
        step(4, 1, done=True),  # 1.0
        step(5, 1),  # 0.0
    )
    assert goal_progress(doc)[1] == pytest.approx((0.5 + 0.0 + 1.0 + 0.0) / 4)


def test_dropped_children_are_left_out() -> None:
    doc = document(goal(1), goal(2, 1, status="done"), goal(3, 1, status="dropped"))
    progress = goal_progress(doc)
    assert progress[1] == 1.0
    assert progress[3] == 0.0  # the dropped goal still has a value of its own


@pytest.mark.parametrize("status", ["paused", "active"])
def test_paused_and_active_children_count(status: str) -> None:
    doc = document(goal(1), goal(2, 1, status="done"), goal(3, 1, status=status))
    assert goal_progress(doc)[1] == pytest.approx(0.5)


def test_a_done_goal_is_complete_whatever_is_left() -> None:
    doc = document(goal(1, status="done", metric=metric(current=0)), step(2, 1), goal(3, 1))
    assert goal_progress(doc)[1] == 1.0


@pytest.mark.parametrize(
    "records",
    [
        [goal(1)],
        [goal(1), goal(2, 1, status="dropped")],
        [goal(1), habit(2, goal_id=1, completions=[NOW])],
    ],
    ids=["empty", "only-dropped-children", "only-recurring-steps"],
)
def test_nothing_to_count_is_zero(records: list[Goal | Step]) -> None:
    assert goal_progress(document(*records))[1] == 0.0


def test_recurring_steps_are_habits_not_deliverables() -> None:
    doc = document(goal(1), step(2, 1, done=True), habit(3, goal_id=1),
                   habit(4, "weekdays", goal_id=1))
    assert goal_progress(doc)[1] == 1.0


def test_three_levels_roll_up() -> None:
    doc = document(
        goal(1),  # top: children 2, 3 and its own steps 10 (done), 11 (open)
        goal(2, 1),  # children 4, 5 and its own step 12 (done)
        goal(3, 1),  # one open step and a habit
        goal(4, 2, metric=metric(current=3)),  # 0.3
        goal(5, 2),  # steps 13 (done), 14 (open): 0.5
        goal(6, 2, status="dropped"),  # left out of goal 2
        step(10, 1, done=True), step(11, 1),
        step(12, 2, done=True),
        step(13, 5, done=True), step(14, 5),
        step(15, 3), habit(16, goal_id=3),
        step(17, 6),
        step(18),  # under no goal: counts for nothing
    )
    progress = goal_progress(doc)
    assert progress[5] == pytest.approx(0.5)
    assert progress[3] == pytest.approx(0.0)
    assert progress[2] == pytest.approx((0.3 + 0.5 + 1.0) / 3)  # 0.6
    assert progress[1] == pytest.approx((0.6 + 0.0 + 1.0 + 0.0) / 4)  # 0.4
    assert set(progress) == {1, 2, 3, 4, 5, 6}


def test_no_goals_no_progress() -> None:
    assert goal_progress(document(step(1))) == {}


# --- tree order ----------------------------------------------------------------------------


def test_tree_order_is_depth_first_by_position_with_depths() -> None:
    doc = document(
        goal(1, position=1),
        goal(2, position=0),
        goal(3, 1, position=5),
        goal(4, 1, position=2),
        goal(5, 4),
        goal(6, 2),
        goal(7, 1, position=2),  # ties with 4 on position: the lower id first
    )
    assert [(depth, g.id) for depth, g in tree_order(doc)] == [
        (0, 2), (1, 6),
        (0, 1), (1, 4), (2, 5), (1, 7), (1, 3),
    ]


def test_tree_order_lists_every_goal_once() -> None:
    goals = [goal(1), goal(2, 1), goal(3, 2), goal(4, 1), goal(5), goal(6, 5)]
    ordered = tree_order(document(*goals))
    assert sorted(g.id for _, g in ordered) == [1, 2, 3, 4, 5, 6]
    parents = {g.id: depth for depth, g in ordered}
    for depth, g in ordered:
        if g.parent_id is not None:
            assert depth == parents[g.parent_id] + 1


# --- the Today list ------------------------------------------------------------------------


def test_today_lists_overdue_then_due_today_then_done_today() -> None:
    doc = document(
        step(1, due=days(-3), priority="low"),
        step(2, due=days(-1), priority="high"),
        step(3, due=TODAY, priority="low"),
        step(4, due=TODAY, priority="high", status="blocked"),
        step(5, due=TODAY, priority="medium", status="doing"),
        step(6, due=days(-1), done=True, priority="high"),  # checked off today
        step(7, due=days(-5), priority="high"),
    )
    assert [s.id for s in today_steps(doc, TODAY)] == [7, 2, 1, 4, 5, 3, 6]


def test_today_leaves_out_future_undated_and_done_another_day() -> None:
    yesterday = NOW - timedelta(days=1)
    doc = document(
        step(1, due=days(1)),
        step(2),
        step(3, due=days(-1), status="done", done_at=yesterday),
        step(4, due=TODAY, status="done", done_at=yesterday),
        step(5, due=TODAY),
    )
    assert [s.id for s in today_steps(doc, TODAY)] == [5]


def test_a_step_checked_off_today_stays_listed_even_without_a_due_date() -> None:
    doc = document(step(1, done=True), step(2, due=days(3), done=True))
    assert [s.id for s in today_steps(doc, TODAY)] == [1, 2]


def test_today_includes_a_recurring_step_due_today() -> None:
    doc = document(habit(1, due=TODAY), habit(2, due=days(1)))
    assert [s.id for s in today_steps(doc, TODAY)] == [1]


def test_within_a_priority_older_then_earlier_position_come_first() -> None:
    doc = document(
        step(1, due=days(-1), position=0),
        step(2, due=days(-4), position=9),
        step(3, due=TODAY, position=2),
        step(4, due=TODAY, position=1),
    )
    assert [s.id for s in today_steps(doc, TODAY)] == [2, 1, 4, 3]


def test_today_key_groups_overdue_today_and_done() -> None:
    overdue, due_today, done = step(1, due=days(-1)), step(2, due=TODAY), step(3, done=True)
    groups = [today_key(s, TODAY)[0] for s in (overdue, due_today, done)]
    assert groups == sorted(groups) and len(set(groups)) == 3


def test_is_overdue() -> None:
    assert is_overdue(step(1, due=days(-1)), TODAY)
    assert not is_overdue(step(2, due=TODAY), TODAY)
    assert not is_overdue(step(3, due=days(-1), done=True), TODAY)
    assert not is_overdue(step(4), TODAY)


# --- checking steps off --------------------------------------------------------------------


def test_checking_off_a_one_off_step_marks_it_done_now() -> None:
    original = step(1, due=TODAY, status="doing", priority="high")
    done = check_off(original, NOW)
    assert done.status is StepStatus.DONE and done.done_at == NOW and done.is_done
    assert (done.title, done.due, done.priority) == (original.title, TODAY, "high")
    assert original.status is StepStatus.DOING and original.done_at is None


def test_toggling_twice_reopens_the_step_in_to_do() -> None:
    original = step(1, due=TODAY, status="doing")
    again = toggle(toggle(original, NOW), NOW)
    assert again.status is StepStatus.TODO and again.done_at is None and not again.is_done


def test_reopen_clears_the_done_time() -> None:
    assert reopen(step(1, done=True)).done_at is None


def test_checking_off_a_recurring_step_records_it_and_brings_it_back() -> None:
    original = habit(1, due=TODAY, status="doing", completions=[NOW - timedelta(days=1)])
    after = check_off(original, NOW)
    assert after.completions == [NOW - timedelta(days=1), NOW]
    assert after.due == days(1)
    assert after.status is StepStatus.TODO and after.done_at is None and not after.is_done


def test_toggling_a_recurring_step_always_checks_it_off() -> None:
    once = toggle(habit(1, due=TODAY), NOW)
    twice = toggle(once, NOW + timedelta(days=1))
    assert len(twice.completions) == 2
    assert twice.due == days(2)


@pytest.mark.parametrize(
    ("kind", "fields", "on", "expected"),
    [
        ("daily", {}, TODAY, days(1)),
        ("daily", {}, FRIDAY, date(2026, 11, 28)),
        ("weekdays", {}, TODAY, days(1)),
        ("weekdays", {}, FRIDAY, date(2026, 11, 30)),  # Friday -> Monday
        ("weekdays", {}, date(2026, 11, 28), date(2026, 11, 30)),  # Saturday -> Monday
        ("weekly", {"weekday": 2}, TODAY, date(2026, 11, 25)),  # Monday -> Wednesday
        ("weekly", {"weekday": 0}, TODAY, days(7)),  # on its own day: a week later
        ("weekly", {"weekday": 0}, FRIDAY, date(2026, 11, 30)),
        ("every", {"interval": 3}, TODAY, days(3)),
        ("every", {"interval": 1}, FRIDAY, date(2026, 11, 28)),
    ],
)
def test_a_recurring_step_is_next_due_by_its_kind(
    kind: str, fields: dict[str, Any], on: date, expected: date
) -> None:
    now = datetime.combine(on, time(18, 0))
    assert check_off(habit(1, kind, due=on, **fields), now).due == expected


@pytest.mark.parametrize(
    ("kind", "fields", "expected"),
    [
        ("daily", {}, days(1)),
        ("every", {"interval": 3}, days(3)),
        ("weekly", {"weekday": 4}, FRIDAY),
        ("weekdays", {}, days(1)),
    ],
)
def test_an_overdue_recurring_step_comes_back_after_today(
    kind: str, fields: dict[str, Any], expected: date
) -> None:
    after = check_off(habit(1, kind, due=days(-10), **fields), NOW)
    assert after.due == expected
    assert after.due > TODAY


def test_an_undated_recurring_step_gets_its_next_due_day() -> None:
    assert check_off(habit(1), NOW).due == days(1)


def test_a_recurring_step_checked_off_early_moves_past_its_due_day() -> None:
    assert check_off(habit(1, due=days(2)), NOW).due == days(3)


_RECURRENCES = st.one_of(
    st.builds(Recurrence, kind=st.sampled_from(["daily", "weekdays"])),
    st.builds(Recurrence, kind=st.just("weekly"), weekday=st.integers(0, 6)),
    st.builds(Recurrence, kind=st.just("every"), interval=st.integers(1, 366)),
)


@given(_RECURRENCES, st.dates(max_value=date(9998, 1, 1)))
def test_next_due_is_after_the_day_and_fits_the_recurrence(recurrence: Recurrence,
                                                           after: date) -> None:
    due = next_due(recurrence, after)
    gap = (due - after).days
    assert gap >= 1
    if recurrence.kind == "daily":
        assert gap == 1
    elif recurrence.kind == "every":
        assert gap == recurrence.interval
    elif recurrence.kind == "weekly":
        assert due.weekday() == recurrence.weekday and gap <= 7
    else:
        assert due.weekday() < 5 and gap <= 3
