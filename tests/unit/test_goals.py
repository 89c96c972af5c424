"""Goals: drafts and templates, the drift log, status, moving, deleting, check-ins, budgets."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tui.actions import add_step, toggle_step
from tui.actions import goals as change
from tui.domain.goals import (
    TEMPLATES,
    GoalDraft,
    budget,
    descendants,
    drift,
    from_template,
    newly_complete,
)
from tui.domain.models import GoalStatus, Horizon, Metric, Retrospective, revise
from tui.domain.progress import goal_progress
from tui.domain.smart import smart_check
from tui.store import Invalid, Store

NOW = datetime(2026, 11, 23, 9, 0)
TODAY = NOW.date()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "careerdash.json", clock=lambda: NOW)


def tree(store: Store) -> dict[str, int]:
    """Senior (top) > Lead projects (medium) > Ship deploys (short), and a second top goal."""
    with store.transaction() as tx:
        senior = change.add_goal(tx, GoalDraft("Senior engineer by mid-2027", Horizon.LONG,
                                               deadline=date(2027, 6, 30)), None)
        lead = change.add_goal(tx, GoalDraft("Lead two cross-team projects", Horizon.MEDIUM,
                                             deadline=date(2027, 3, 31)), senior.id)
        ship = change.add_goal(tx, GoalDraft("Ship deploys to ten teams", deadline=date(2027, 1, 31)),
                               lead.id)
        talk = change.add_goal(tx, GoalDraft("Give a talk at the meetup"), None)
    return {"senior": senior.id, "lead": lead.id, "ship": ship.id, "talk": talk.id}


# --- templates and drafts ------------------------------------------------------------------


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.key for t in TEMPLATES])
def test_every_template_fills_a_measurable_time_bound_draft(template: object) -> None:
    draft = from_template(template, TODAY)  # type: ignore[arg-type]
    assert draft.title and draft.done_when and draft.resources.time
    assert draft.deadline is not None and draft.deadline > TODAY


def test_six_templates_from_career_planning_practice() -> None:
    assert [t.name for t in TEMPLATES] == [
        "Improve performance", "Learn a skill", "Change career path", "Earn a promotion",
        "Get a certification", "Grow the network"]


def test_a_template_goal_passes_m_and_t_at_once(store: Store) -> None:
    with store.transaction() as tx:
        goal = change.add_goal(tx, from_template(TEMPLATES[4], TODAY), None)
    verdicts = {v.letter: v.ok for v in smart_check(goal, store.document, TODAY)}
    assert verdicts["M"] and verdicts["T"]
    assert not verdicts["R"], "a template cannot know which value it serves"


# --- drift --------------------------------------------------------------------------------------


def test_drift_lists_the_moved_goalposts_only(store: Store) -> None:
    ids = tree(store)
    goal = store.document.goals[ids["lead"]]
    same = GoalDraft.of(goal)
    assert drift(goal, same) == []
    moved = GoalDraft(**{**same.__dict__, "deadline": date(2027, 5, 31), "description": "x",
                         "metric": Metric(target=2, unit="projects")})
    assert drift(goal, moved) == [("deadline", "2027-03-31", "2027-05-31"),
                                  ("metric target", "—", "2.0"),
                                  ("metric unit", "—", "projects")]


def test_moving_a_deadline_needs_a_reason_and_is_kept_in_the_history(store: Store) -> None:
    ids = tree(store)
    draft = GoalDraft(**{**GoalDraft.of(store.document.goals[ids["ship"]]).__dict__,
                         "deadline": date(2027, 2, 28)})
    revision = store.revision
    with pytest.raises(Invalid, match="needs a reason"), store.transaction() as tx:
        change.edit_goal(tx, ids["ship"], draft)
    assert store.revision == revision

    with store.transaction() as tx:
        change.edit_goal(tx, ids["ship"], draft, reason="the payments team slipped")
    (entry,) = Store.open(store.path).document.goals[ids["ship"]].history
    assert (entry.field, entry.old, entry.new, entry.reason, entry.at) == (
        "deadline", "2027-01-31", "2027-02-28", "the payments team slipped", NOW)


def test_editing_only_the_wording_needs_no_reason(store: Store) -> None:
    ids = tree(store)
    draft = GoalDraft(**{**GoalDraft.of(store.document.goals[ids["ship"]]).__dict__,
                         "title": "Ship self-service deploys to ten teams"})
    with store.transaction() as tx:
        change.edit_goal(tx, ids["ship"], draft)
    assert store.document.goals[ids["ship"]].history == []


# --- status -------------------------------------------------------------------------------------


def test_dropping_needs_a_retrospective_and_done_records_when(store: Store) -> None:
    ids = tree(store)
    with pytest.raises(Invalid, match="retrospective"), store.transaction() as tx:
        change.set_status(tx, ids["talk"], GoalStatus.DROPPED)
    retro = Retrospective(happened="the meetup stopped", learned="ask earlier")
    with store.transaction() as tx:
        change.set_status(tx, ids["talk"], GoalStatus.DROPPED, retro)
        change.set_status(tx, ids["ship"], GoalStatus.DONE)
    doc = Store.open(store.path).document
    assert doc.goals[ids["talk"]].retrospective == retro
    assert doc.goals[ids["ship"]].done_at == NOW
    with store.transaction() as tx:
        change.set_status(tx, ids["ship"], GoalStatus.ACTIVE)
    assert store.document.goals[ids["ship"]].done_at is None


# --- moving and deleting --------------------------------------------------------------------------


def test_a_goal_moves_with_its_subtree_but_never_under_itself(store: Store) -> None:
    ids = tree(store)
    with store.transaction() as tx:
        change.move_goal(tx, ids["lead"], ids["talk"])
    doc = store.document
    assert doc.goals[ids["lead"]].parent_id == ids["talk"]
    assert doc.goals[ids["ship"]].parent_id == ids["lead"]
    assert descendants(doc.goals, ids["talk"]) == [ids["lead"], ids["ship"]]
    for under in (ids["lead"], ids["ship"]):
        with pytest.raises(Invalid, match="under itself"), store.transaction() as tx:
            change.move_goal(tx, ids["lead"], under)


def test_deleting_a_goal_lifts_its_children_and_keeps_its_steps(store: Store) -> None:
    ids = tree(store)
    with store.transaction() as tx:
        step = add_step(tx, "Write the plan", goal_id=ids["lead"])
    with store.transaction() as tx:
        change.delete_goal(tx, ids["lead"], "lift")
    doc = Store.open(store.path).document
    assert ids["lead"] not in doc.goals
    assert doc.goals[ids["ship"]].parent_id == ids["senior"]
    assert doc.steps[step.id].goal_id is None


def test_deleting_a_goal_with_its_children_removes_the_subtree_and_its_checkins(
    store: Store,
) -> None:
    ids = tree(store)
    with store.transaction() as tx:
        tx.put(revise(tx.doc.goals[ids["ship"]], metric=Metric(target=10, unit="teams")))
    with store.transaction() as tx:
        change.check_in(tx, ids["ship"], 4, TODAY)
    with store.transaction() as tx:
        change.delete_goal(tx, ids["lead"], "delete")
    doc = Store.open(store.path).document
    assert set(doc.goals) == {ids["senior"], ids["talk"]}
    assert doc.checkins == {}


# --- check-ins and completion -----------------------------------------------------------------------


def test_a_check_in_moves_the_metric_to_the_latest_measurement(store: Store) -> None:
    ids = tree(store)
    with store.transaction() as tx:
        tx.put(revise(tx.doc.goals[ids["ship"]], metric=Metric(target=10, unit="teams")))
    with store.transaction() as tx:
        change.check_in(tx, ids["ship"], 6, TODAY)
    with store.transaction() as tx:
        change.check_in(tx, ids["ship"], 4, TODAY - timedelta(days=7), note="late entry")
    doc = Store.open(store.path).document
    assert doc.goals[ids["ship"]].metric.current == 6  # type: ignore[union-attr]
    assert goal_progress(doc)[ids["ship"]] == 0.6
    with pytest.raises(Invalid, match="no metric"), store.transaction() as tx:
        change.check_in(tx, ids["talk"], 1, TODAY)


def test_the_last_step_done_offers_the_goal_and_its_complete_parents(store: Store) -> None:
    ids = tree(store)
    with store.transaction() as tx:
        first = add_step(tx, "one", goal_id=ids["ship"])
        last = add_step(tx, "two", goal_id=ids["ship"])
        toggle_step(tx, first.id)
    before = store.document
    with store.transaction() as tx:
        toggle_step(tx, last.id)
    # ship is complete; lead and senior roll up from it alone, so they are complete too.
    assert newly_complete(before, store.document) == [ids["ship"], ids["lead"], ids["senior"]]
    assert newly_complete(store.document, store.document) == []


# --- the time budget -------------------------------------------------------------------------------


def test_the_budget_compares_estimated_hours_left_with_weekly_hours_to_the_deadline(
    store: Store,
) -> None:
    ids = tree(store)  # ship is due 2027-01-31: 69 days, 9.86 weeks, at 5 h a week 49.3 h
    with store.transaction() as tx:
        for hours in (20, 20, None):
            step = add_step(tx, f"{hours} h", goal_id=ids["ship"])
            tx.put(revise(step, estimate_hours=hours))
        done = add_step(tx, "done already", goal_id=ids["ship"])
        tx.put(revise(done, estimate_hours=100))
        toggle_step(tx, done.id)
    fit = budget(store.document, store.document.goals[ids["ship"]], TODAY)
    assert (fit.hours_left, fit.hours_available, fit.unestimated, fit.fits) == (
        40.0, 49.3, 1, True)
    over = budget(store.document, store.document.goals[ids["lead"]], date(2027, 3, 1))
    assert (over.hours_left, over.hours_available, over.fits) == (40.0, 21.4, False)
    assert budget(store.document, store.document.goals[ids["talk"]], TODAY).fits is None
