"""The weekly review: due dates, the agenda, page summaries, applying pages, wins, feedback."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tui.actions import add_step, toggle_step
from tui.actions import goals as goal_change
from tui.actions import review as change
from tui.domain.goals import GoalDraft
from tui.domain.models import GoalStatus, Horizon, Metric, Settings, StepStatus, revise
from tui.domain.review import (
    agenda,
    draft_review,
    finished_reviews,
    goal_week,
    page_texts,
    read_page,
    remaining_goals,
    review_due,
)
from tui.domain.series import progress_on, trajectory
from tui.domain.wins import all_wins, wins_this_week
from tui.store import Invalid, NotFound, Store


class Clock:
    """A clock the test moves on."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 9, 0)  # a Monday

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Store:
    return Store.open(tmp_path / "careerdash.json", clock=clock)


def plan(store: Store) -> dict[str, int]:
    """Senior (long) > Lead (medium, with a metric); a paused goal; a top-level talk goal."""
    with store.transaction() as tx:
        senior = goal_change.add_goal(tx, GoalDraft("Senior", Horizon.LONG,
                                                    deadline=date(2027, 6, 30)), None)
        lead = goal_change.add_goal(tx, GoalDraft(
            "Lead", Horizon.MEDIUM, metric=Metric(baseline=0, target=10, unit="demos"),
            deadline=date(2027, 3, 31)), senior.id)
        paused = goal_change.add_goal(tx, GoalDraft("Paused"), None)
        goal_change.set_status(tx, paused.id, GoalStatus.PAUSED)
        talk = goal_change.add_goal(tx, GoalDraft("Talk", deadline=date(2027, 1, 31)), None)
    return {"senior": senior.id, "lead": lead.id, "paused": paused.id, "talk": talk.id}


# --- due -------------------------------------------------------------------------------


def test_a_review_is_due_from_the_review_day_until_one_is_finished(
        store: Store, clock: Clock) -> None:
    plan(store)
    doc = store.document
    assert doc.settings.review_day == 4  # Friday by default
    thursday, friday, sunday = date(2026, 11, 26), date(2026, 11, 27), date(2026, 11, 29)
    assert review_due(doc, friday).due and review_due(doc, sunday).due  # never reviewed
    clock.now = datetime(2026, 11, 27, 17, 0)
    with store.transaction() as tx:
        review = change.start_review(tx)
        change.finish_review(tx, review.id, "good week", 4)
    due = review_due(store.document, sunday)
    assert not due.due and due.last == friday and due.next_day == date(2026, 12, 4)
    assert due.sentence(sunday) == "Next review Fri 04 Dec"
    assert not review_due(store.document, thursday + timedelta(days=7)).due
    later = review_due(store.document, date(2026, 12, 5))
    assert later.due and later.sentence(date(2026, 12, 5)) == "Weekly review due since Fri 04 Dec"
    assert review_due(store.document, date(2026, 12, 4)).sentence(date(2026, 12, 4)) == (
        "Weekly review due today")


def test_the_review_day_is_a_setting(store: Store) -> None:
    with store.transaction() as tx:
        change.set_review_day(tx, 0)
    assert store.document.settings == Settings(review_day=0)
    assert review_due(store.document, date(2026, 11, 23)).review_day == date(2026, 11, 23)


# --- the agenda and the pages ------------------------------------------------------------------


def test_the_agenda_is_the_active_goals_parents_first(store: Store) -> None:
    ids = plan(store)
    assert agenda(store.document) == [ids["senior"], ids["lead"], ids["talk"]]


def test_a_goal_page_shows_what_happened_since_the_last_review(
        store: Store, clock: Clock) -> None:
    ids = plan(store)
    with store.transaction() as tx:
        old = add_step(tx, "old step", goal_id=ids["talk"])
    clock.now += timedelta(days=3)
    with store.transaction() as tx:
        review = change.start_review(tx)
        change.finish_review(tx, review.id, "", None)
    clock.now += timedelta(days=7)
    with store.transaction() as tx:
        toggle_step(tx, old.id)
        add_step(tx, "new step", goal_id=ids["talk"])
    week = goal_week(store.document, ids["talk"], finished_reviews(store.document)[0]
                     .finished_at or clock.now, clock.now.date())
    assert [s.title for s in week.done] == ["old step"]
    assert [s.title for s in week.added] == ["new step"]
    assert (week.progress_then, week.progress_now) == (0.0, 0.5)
    assert week.summary().startswith("1 step done, 1 added, progress 0% → 50%")


def test_reading_a_page_checks_each_field(store: Store) -> None:
    ids = plan(store)
    goal = store.document.goals[ids["talk"]]
    texts = {**page_texts(None), "metric": "twelve", "deadline": "2020-01-01",
             "status": "dropped", "next_steps": "one\n\n  two  \n"}
    draft, errors = read_page(goal, texts, date(2026, 11, 23))
    assert set(errors) == {"metric", "deadline", "reason"}
    assert "no metric" not in errors["metric"] and "before the goal's start" in errors["deadline"]
    assert draft.next_steps == ("one", "two")
    draft, errors = read_page(goal, {**texts, "metric": "", "deadline": "+2w",
                                     "reason": "scope grew"}, date(2026, 11, 23))
    assert errors == {} and draft.new_deadline == date(2026, 12, 7)
    assert read_page(goal, {"metric": "3"}, date(2026, 11, 23))[1] == {
        "metric": "this goal has no metric; give it one in Goals (e)"}


def test_saving_a_page_applies_it_in_one_change(store: Store, clock: Clock) -> None:
    ids = plan(store)
    with store.transaction() as tx:
        review = change.start_review(tx)
    goal = store.document.goals[ids["lead"]]
    draft, errors = read_page(goal, {"metric": "4", "wins": "demoed twice",
                                     "deadline": "2027-04-30", "reason": "holidays",
                                     "next_steps": "Book the demo room\nAsk Priya"},
                              clock.now.date())
    assert errors == {}
    with store.transaction() as tx:
        change.save_page(tx, review.id, draft)
    doc = store.document
    lead = doc.goals[ids["lead"]]
    assert lead.metric is not None and lead.metric.current == 4
    assert lead.deadline == date(2027, 4, 30)
    assert (lead.history[-1].field, lead.history[-1].reason) == ("deadline", "holidays")
    page = doc.reviews[review.id].pages[0]
    assert page.saved and page.progress == pytest.approx(0.4)
    assert [doc.steps[i].title for i in page.step_ids] == ["Book the demo room", "Ask Priya"]
    assert all(doc.steps[i].goal_id == ids["lead"] for i in page.step_ids)
    assert "0 added" in page.summary  # the page's own next steps are not "what happened"
    assert remaining_goals(doc, doc.reviews[review.id]) == [ids["senior"], ids["talk"]]


def test_dropping_a_goal_in_review_keeps_the_reason_as_its_retrospective(store: Store) -> None:
    ids = plan(store)
    goal = store.document.goals[ids["talk"]]
    draft, _ = read_page(goal, {"status": "dropped", "reason": "the meetup ended"},
                         date(2026, 11, 23))
    with store.transaction() as tx:
        review = change.start_review(tx)
        change.save_page(tx, review.id, draft)
    talk = store.document.goals[ids["talk"]]
    assert talk.status is GoalStatus.DROPPED
    assert talk.retrospective is not None and talk.retrospective.happened == "the meetup ended"


def test_a_draft_is_resumed_and_its_kept_page_is_not_applied(store: Store) -> None:
    ids = plan(store)
    with store.transaction() as tx:
        review = change.start_review(tx)
    draft, _ = read_page(store.document.goals[ids["senior"]],
                         {"wins": "half typed", "next_steps": "not yet"}, date(2026, 11, 23))
    with store.transaction() as tx:
        change.keep_draft_page(tx, review.id, draft)
    doc = store.document
    assert draft_review(doc) == doc.reviews[review.id]
    assert not doc.steps  # kept, not applied
    assert page_texts(doc.reviews[review.id].pages[0])["wins"] == "half typed"
    with store.transaction() as tx:
        assert change.start_review(tx).id == review.id  # resumed, not a second review
    assert remaining_goals(doc, doc.reviews[review.id])[0] == ids["senior"]


def test_finishing_takes_a_progress_snapshot_of_each_goal(store: Store) -> None:
    ids = plan(store)
    with store.transaction() as tx:
        add_step(tx, "done", goal_id=ids["talk"], status=StepStatus.DONE)
        review = change.start_review(tx)
        change.finish_review(tx, review.id, "steady", 3)
    doc = store.document
    snapshots = {s.goal_id: s.progress for s in doc.snapshots.values()}
    assert snapshots == {ids["senior"]: 0.0, ids["lead"]: 0.0, ids["talk"]: 1.0}
    finished = doc.reviews[review.id]
    assert (finished.reflection, finished.confidence) == ("steady", 3)
    with pytest.raises(Invalid), store.transaction() as tx:
        change.finish_review(tx, review.id, "", None)


# --- wins and feedback --------------------------------------------------------------------------


def test_done_steps_and_goals_and_hand_written_wins_are_all_wins(
        store: Store, clock: Clock) -> None:
    ids = plan(store)
    with store.transaction() as tx:
        step = add_step(tx, "ship it", goal_id=ids["talk"])
        recurring = add_step(tx, "practice", recurrence={"kind": "daily"})
        toggle_step(tx, step.id)
        toggle_step(tx, recurring.id)
        goal_change.set_status(tx, ids["senior"], GoalStatus.DONE)
        change.add_win(tx, "Presented at the team meeting", date(2026, 11, 20))
        change.add_win(tx, "Last month", date(2026, 10, 1))
    wins = all_wins(store.document)
    assert [(w.source, w.title) for w in wins] == [
        ("goal", "Senior"), ("step", "ship it"), ("manual", "Presented at the team meeting"),
        ("manual", "Last month")]
    assert len(wins_this_week(store.document, date(2026, 11, 23))) == 2  # since Monday


def test_feedback_is_recorded_against_a_goal_and_shown_on_its_page(store: Store) -> None:
    ids = plan(store)
    with store.transaction() as tx:
        change.add_feedback(tx, who="Priya", role="mentor", text="Lead with numbers",
                            on=date(2026, 11, 23), goal_id=ids["talk"])
        change.add_feedback(tx, who="Sam", text="general", on=date(2026, 11, 23))
    week = goal_week(store.document, ids["talk"], datetime(2026, 11, 16), date(2026, 11, 23))
    assert [f.who for f in week.feedback] == ["Priya"]
    with pytest.raises(NotFound), store.transaction() as tx:
        change.add_feedback(tx, who="x", text="y", on=date(2026, 11, 23), goal_id=999)


# --- what the plots make of it ------------------------------------------------------------------


def test_the_trajectory_marks_what_each_review_recorded(store: Store, clock: Clock) -> None:
    ids = plan(store)
    with store.transaction() as tx:
        add_step(tx, "half", goal_id=ids["talk"], status=StepStatus.DONE)
        add_step(tx, "other half", goal_id=ids["talk"])
        review = change.start_review(tx)
        change.finish_review(tx, review.id, "", None)
    goal = store.document.goals[ids["talk"]]
    line = trajectory(store.document, goal, clock.now.date(), None)
    assert line.reviewed == [(clock.now.date(), 0.5)]


def test_replayed_progress_uses_a_goals_done_time_and_an_unlogged_metric(
        store: Store, clock: Clock) -> None:
    ids = plan(store)
    with store.transaction() as tx:
        goal_change.set_status(tx, ids["talk"], GoalStatus.DONE)
        lead = tx.doc.goals[ids["lead"]]
        assert lead.metric is not None
        tx.put(revise(lead, metric=revise(lead.metric, current=5)))  # typed, never logged
    today = clock.now.date()
    later = today + timedelta(days=30)
    doc = store.document
    assert progress_on(doc, ids["talk"], today - timedelta(days=1), later) == 0.0
    assert progress_on(doc, ids["talk"], today, later) == 1.0  # done today, not "later"
    assert progress_on(doc, ids["lead"], today - timedelta(days=10), today) == 0.5
    with store.transaction() as tx:
        goal_change.check_in(tx, ids["lead"], 2, today)
    assert progress_on(store.document, ids["lead"], today - timedelta(days=10), today) == 0.0
