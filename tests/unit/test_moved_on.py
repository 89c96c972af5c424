"""What a change moves on is what would be worked out afresh: Today's list, goal progress.

A check-off replaces one step and shares every other record, so these results are brought
up to the new document from the old one by what changed; for any plan and any changes they
must equal the results of the whole plan.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.demo import generated_document
from tui.domain.document import Document
from tui.domain.models import (Goal, GoalStatus, Meta, Metric, Priority, Recurrence, Step,
                               StepStatus, revise)
from tui.domain.progress import changed_records, goal_progress, progress_of, updated_progress
from tui.domain.steps import toggle
from tui.domain.today import listed_today, today_steps, updated_list

TODAY = date(2026, 11, 23)  # a Monday
NOW = datetime.combine(TODAY, time(9, 30))
OPEN = [StepStatus.TODO, StepStatus.DOING, StepStatus.BLOCKED]


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


# --- plans and changes ---------------------------------------------------------------------


@st.composite
def goals(draw: st.DrawFn) -> dict[int, Goal]:
    """A small tree of goals of every status, some measured by a metric."""
    found: dict[int, Goal] = {}
    for goal_id in range(1, draw(st.integers(0, 7)) + 1):
        metric = draw(st.none() | st.floats(0, 12).map(lambda v: Metric(target=10, current=v)))
        found[goal_id] = Goal(
            id=goal_id, parent_id=draw(st.sampled_from([None, *found])), title=f"Goal {goal_id}",
            status=draw(st.sampled_from(list(GoalStatus))), metric=metric,
            position=draw(st.integers(0, 2)), start=day(-60), created_at=NOW)
    return found


@st.composite
def step_record(draw: st.DrawFn, step_id: int, goal_ids: list[int]) -> Step:
    """A step of any kind: open or done (today or another day), recurring, dated or not."""
    fields: dict[str, Any] = {
        "id": step_id, "title": f"Step {step_id}", "created_at": NOW - timedelta(days=30),
        "goal_id": draw(st.sampled_from([None, *goal_ids])),
        "priority": draw(st.sampled_from(list(Priority))),
        "due": draw(st.none() | st.integers(-3, 3).map(day)),
        "position": draw(st.integers(0, 3)),
        "status": draw(st.sampled_from(OPEN)),
    }
    kind = draw(st.sampled_from(["open", "done", "recurring"]))
    if kind == "done":
        done_on = day(draw(st.integers(-8, 0)))
        fields.update(status=StepStatus.DONE, done_at=datetime.combine(done_on, time(8)))
    elif kind == "recurring":
        fields["recurrence"] = Recurrence(kind="daily")
    return Step(**fields)


@st.composite
def plans(draw: st.DrawFn) -> Document:
    tree = draw(goals())
    first = len(tree) + 1
    ids = range(first, first + draw(st.integers(0, 25)))
    steps = {i: draw(step_record(i, list(tree))) for i in ids}
    return Document(meta=Meta(next_id=1000), goals=tree, steps=steps)


CHANGES = st.lists(st.tuples(st.sampled_from(["toggle", "replace", "same", "delete", "add"]),
                             st.integers(0, 1000)), min_size=1, max_size=5)


def changed(doc: Document, kind: str, pick: int, data: st.DataObject) -> Document:
    """`doc` after one change to its steps, made the way the store makes it: the changed
    step is a new record, every other record is shared, and so are the goals."""
    steps = dict(doc.steps)
    ids = sorted(steps)
    if kind == "add" or not ids:
        step_id = max([*ids, *doc.goals], default=0) + 1
        steps[step_id] = data.draw(step_record(step_id, list(doc.goals)))
    else:
        step_id = ids[pick % len(ids)]
        if kind == "toggle":
            steps[step_id] = toggle(steps[step_id], NOW)
        elif kind == "replace":
            steps[step_id] = data.draw(step_record(step_id, list(doc.goals)))
        elif kind == "same":  # an equal record, but not the same one
            steps[step_id] = revise(steps[step_id])
        else:
            del steps[step_id]
    return doc.model_copy(update={"steps": steps})


def test_changed_records_are_those_added_removed_or_replaced() -> None:
    plan = generated_document(20, TODAY)
    ids = sorted(plan.steps)
    steps = dict(plan.steps)
    del steps[ids[0]]
    steps[ids[1]] = revise(steps[ids[1]])  # equal, but another record
    steps[ids[2]] = toggle(steps[ids[2]], NOW)
    steps[999] = revise(steps[ids[3]], id=999)
    assert sorted(changed_records(plan.steps, steps)) == sorted([ids[0], ids[1], ids[2], 999])
    assert changed_records(plan.steps, dict(plan.steps)) == []


# --- Today's list --------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(plan=plans(), changes=CHANGES, data=st.data())
def test_the_today_list_moved_on_by_each_change_is_the_list_of_the_new_plan(
        plan: Document, changes: list[tuple[str, int]], data: st.DataObject) -> None:
    known = listed_today(plan.steps, TODAY)
    for kind, pick in changes:
        plan = changed(plan, kind, pick, data)
        known = updated_list(known, plan.steps)
        assert known.listed == listed_today(plan.steps, TODAY).listed


@settings(max_examples=100, deadline=None)
@given(plan=plans(), changes=CHANGES, data=st.data())
def test_today_steps_after_changes_are_as_if_worked_out_afresh(
        plan: Document, changes: list[tuple[str, int]], data: st.DataObject) -> None:
    today_steps(plan, TODAY)
    for kind, pick in changes:
        plan = changed(plan, kind, pick, data)
        listed = today_steps(plan, TODAY)
        assert listed == listed_today(plan.steps, TODAY).listed
        assert today_steps(plan, day(1)) == listed_today(plan.steps, day(1)).listed


def test_today_steps_hands_out_a_list_of_its_own() -> None:
    plan = generated_document(200, TODAY)
    listed = today_steps(plan, TODAY)
    listed.clear()
    assert today_steps(plan, TODAY) == listed_today(plan.steps, TODAY).listed != []


def test_a_change_to_most_of_the_plan_lists_it_afresh() -> None:
    plan = generated_document(200, TODAY)
    steps = {i: toggle(step, NOW) for i, step in plan.steps.items()}
    moved_on = updated_list(listed_today(plan.steps, TODAY), steps)
    assert moved_on.listed == listed_today(steps, TODAY).listed


# --- goal progress -------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(plan=plans(), changes=CHANGES, data=st.data())
def test_progress_moved_on_by_each_change_is_the_progress_of_the_new_plan(
        plan: Document, changes: list[tuple[str, int]], data: st.DataObject) -> None:
    known = progress_of(plan)
    for kind, pick in changes:
        plan = changed(plan, kind, pick, data)
        known = updated_progress(known, plan)
        assert dict(known.progress) == dict(progress_of(plan).progress)  # exactly, not nearly


@settings(max_examples=100, deadline=None)
@given(plan=plans(), changes=CHANGES, data=st.data())
def test_goal_progress_after_changes_is_as_if_worked_out_afresh(
        plan: Document, changes: list[tuple[str, int]], data: st.DataObject) -> None:
    goal_progress(plan)
    for kind, pick in changes:
        plan = changed(plan, kind, pick, data)
        assert dict(goal_progress(plan)) == dict(progress_of(plan).progress)


def test_progress_follows_a_change_of_goals() -> None:
    plan = generated_document(300, TODAY)
    goal_progress(plan)
    goal_id = next(iter(plan.goals))
    goals = {**plan.goals, goal_id: revise(plan.goals[goal_id], status=GoalStatus.DONE)}
    regoaled = plan.model_copy(update={"goals": goals})
    assert goal_progress(regoaled)[goal_id] == 1.0
    assert dict(goal_progress(regoaled)) == dict(progress_of(regoaled).progress)


def test_progress_moves_on_only_between_plans_with_the_same_goals() -> None:
    plan = generated_document(100, TODAY)
    other = plan.model_copy(update={"goals": dict(plan.goals)})
    with pytest.raises(ValueError, match="same goals"):
        updated_progress(progress_of(plan), other)
