"""The SMART rules and the on-track arithmetic, each passing and failing."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from tui.domain.document import Document
from tui.domain.models import Goal, Meta
from tui.domain.pace import Pace, expected_progress, pace
from tui.domain.smart import achievable, measurable, relevant, smart_check, specific, time_bound

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0)
RESOURCES = {"time": "3 h a week"}


def goal(id: int = 1, title: str = "Pass the CKA certification exam", **fields: Any) -> Goal:
    return Goal.model_validate({"id": id, "title": title, "start": TODAY - timedelta(days=30),
                                "created_at": NOW, **fields})


def doc(*goals: Goal, steps: tuple[int, ...] = (), values: tuple[int, ...] = (),
        wip: int = 3) -> Document:
    step_records = {100 + n: {"id": 100 + n, "goal_id": g, "title": "step",
                              "created_at": NOW.isoformat()} for n, g in enumerate(steps)}
    inventory = {v: {"id": v, "kind": "value", "name": f"Value {v}"} for v in values}
    return Document.model_validate({
        "meta": Meta(next_id=1000).model_dump(), "goals": {g.id: g for g in goals},
        "steps": step_records, "inventory": inventory,
        "settings": {"goal_wip_limit": wip},
    })


# --- Specific ---------------------------------------------------------------------------


@pytest.mark.parametrize(("title", "ok"), [
    ("Pass the CKA certification exam", True),
    ("Senior engineer by mid-2027", True),
    ("Get better", False),  # too short
    ("Improve my skills", False),  # too short
    ("Get better and improve more at work", False),  # only vague words
    ("Be a really much better engineer", True),  # "engineer" is concrete
])
def test_specific_needs_enough_words_and_something_concrete(title: str, ok: bool) -> None:
    verdict = specific(goal(title=title))
    assert verdict.ok is ok
    assert verdict.letter == "S" and verdict.reason


# --- Measurable -------------------------------------------------------------------------------


def test_measurable_by_a_metric_or_a_done_when_criterion() -> None:
    assert measurable(goal(metric={"baseline": 0, "target": 12, "unit": "labs"})).reason == (
        "metric: 0 → 12 labs")
    assert measurable(goal(done_when="the certificate is in my inbox")).ok
    failing = measurable(goal(done_when="   "))
    assert not failing.ok and "metric" in failing.reason


# --- Achievable ---------------------------------------------------------------------------------


def test_achievable_needs_resources_and_planned_work() -> None:
    bare = goal()
    assert "resources" in achievable(bare, doc(bare)).reason
    unplanned = goal(resources=RESOURCES)
    assert "plan it" in achievable(unplanned, doc(unplanned)).reason
    planned = goal(resources=RESOURCES)
    assert achievable(planned, doc(planned, steps=(1,))).ok
    parent, child = goal(1, resources=RESOURCES), goal(2, parent_id=1)
    assert achievable(parent, doc(parent, child)).ok, "a child goal is planned work too"


def test_achievable_fails_the_active_top_level_goals_past_the_limit() -> None:
    goals = [goal(n, resources=RESOURCES) for n in (1, 2, 3)]
    paused = goal(4, resources=RESOURCES, status="paused")
    plan = doc(*goals, paused, steps=(1, 2, 3, 4), wip=2)
    assert [achievable(g, plan).ok for g in goals] == [True, True, False]
    assert "over the limit of 2" in achievable(goals[2], plan).reason
    assert achievable(paused, plan).ok, "a paused goal does not count against the limit"


# --- Relevant --------------------------------------------------------------------------------------


def test_relevant_through_its_own_links_or_a_parents() -> None:
    parent = goal(1, value_ids=[50])
    child, orphan = goal(2, parent_id=1), goal(3)
    plan = doc(parent, child, orphan, values=(50,))
    assert relevant(parent, plan).reason == "serves Value 50"
    assert relevant(child, plan).reason == "serves Value 50 (through the goal above it)"
    assert not relevant(orphan, plan).ok


# --- Time-bound --------------------------------------------------------------------------------------


def test_time_bound_needs_a_future_deadline_within_the_parents() -> None:
    parent = goal(1, deadline=TODAY + timedelta(days=60))
    inside = goal(2, parent_id=1, deadline=TODAY + timedelta(days=30))
    after = goal(3, parent_id=1, deadline=TODAY + timedelta(days=90))
    passed = goal(4, deadline=TODAY - timedelta(days=1))
    done = goal(5, deadline=TODAY - timedelta(days=1), status="done", done_at=NOW)
    plan = doc(parent, inside, after, passed, done)
    assert time_bound(inside, plan, TODAY).ok
    assert "after the parent goal's (2027-01-22)" in time_bound(after, plan, TODAY).reason
    assert "has passed" in time_bound(passed, plan, TODAY).reason
    assert time_bound(done, plan, TODAY).ok, "a done goal may have a deadline in the past"
    assert time_bound(goal(6), doc(goal(6)), TODAY).reason == "set a deadline"


def test_smart_check_gives_five_letters_in_order() -> None:
    g = goal(deadline=TODAY + timedelta(days=10))
    assert [v.letter for v in smart_check(g, doc(g), TODAY)] == list("SMART")


# --- on track -------------------------------------------------------------------------------------


def paced(days_in: int, length: int = 100, **fields: Any) -> Goal:
    start = TODAY - timedelta(days=days_in)
    return goal(start=start, deadline=start + timedelta(days=length), **fields)


def test_expected_progress_is_a_straight_line_from_start_to_deadline() -> None:
    assert expected_progress(paced(25), TODAY) == 0.25
    assert expected_progress(paced(0), TODAY) == 0.0
    assert expected_progress(paced(150), TODAY) == 1.0
    assert expected_progress(goal(), TODAY) is None
    same_day = goal(start=TODAY, deadline=TODAY)
    assert expected_progress(same_day, TODAY) == 1.0


@pytest.mark.parametrize(("days_in", "progress", "expected"), [
    (50, 0.61, Pace.AHEAD),  # half the time gone, 61 % done
    (50, 0.59, Pace.ON_TRACK),
    (50, 0.41, Pace.ON_TRACK),
    (50, 0.39, Pace.BEHIND),
    (100, 0.95, Pace.ON_TRACK),  # the deadline is today
    (101, 0.95, Pace.OVERDUE),
    (101, 1.0, Pace.DONE),
])
def test_pace_against_the_line(days_in: int, progress: float, expected: Pace) -> None:
    assert pace(paced(days_in), progress, TODAY) is expected


def test_pace_of_done_paused_and_undated_goals() -> None:
    assert pace(paced(200, status="done", done_at=NOW), 0.2, TODAY) is Pace.DONE
    assert pace(paced(200, status="paused"), 0.2, TODAY) is Pace.IDLE
    assert pace(goal(), 0.2, TODAY) is Pace.UNDATED
