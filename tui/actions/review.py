"""Changes made by the weekly review, and by the feedback and wins logs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tui.actions.goals import check_in, edit_goal, set_status
from tui.actions.steps import add_step
from tui.domain.goals import GoalDraft
from tui.domain.models import (
    Feedback,
    FeedbackKind,
    Goal,
    GoalStatus,
    ProgressSnapshot,
    Retrospective,
    Review,
    ReviewPage,
    Settings,
    Win,
    revise,
)
from tui.domain.progress import goal_progress
from tui.domain.review import PageDraft, agenda, draft_review, goal_week, look_back
from tui.store import Invalid, Transaction


def start_review(tx: Transaction) -> Review:
    """The unfinished review to resume, else a new one over today's active goals."""
    draft = draft_review(tx.doc)
    if draft is not None:
        return draft
    goals = agenda(tx.doc)
    review = Review(id=tx.new_id(), started_at=tx.now, goal_ids=goals)
    tx.put(review)
    return review


def _with_page(review: Review, page: ReviewPage) -> Review:
    pages = [p for p in review.pages if p.goal_id != page.goal_id]
    return revise(review, pages=[*pages, page])


def keep_draft_page(tx: Transaction, review_id: int, draft: PageDraft) -> Review:
    """Keep what was typed on a page without applying it (escape mid-review)."""
    review = tx.get(Review, review_id)
    week = goal_week(tx.doc, draft.goal_id, look_back(tx.doc, tx.now), tx.now.date())
    review = _with_page(review, draft.page(week, saved=False))
    tx.put(review)
    return review


def save_page(tx: Transaction, review_id: int, draft: PageDraft) -> Review:
    """Apply a goal's page: its check-in, adjustment and next steps, and record it."""
    review = tx.get(Review, review_id)
    if review.finished_at is not None:
        raise Invalid("this review is already finished")
    since, today = look_back(tx.doc, tx.now), tx.now.date()
    before = goal_week(tx.doc, draft.goal_id, since, today)
    if draft.metric_value is not None:
        check_in(tx, draft.goal_id, draft.metric_value, tx.now.date(), "weekly review")
    _adjust(tx, tx.get(Goal, draft.goal_id), draft)
    steps = [add_step(tx, title, goal_id=draft.goal_id) for title in draft.next_steps]
    # The record shows progress after the check-in, and leaves out the steps it just added.
    week = replace(goal_week(tx.doc, draft.goal_id, since, today), added=before.added)
    review = _with_page(review, draft.page(week, saved=True, step_ids=[s.id for s in steps]))
    tx.put(review)
    return review


def _adjust(tx: Transaction, goal: Goal, draft: PageDraft) -> None:
    if draft.new_deadline is not None:  # logged in the goal's drift history, with the reason
        moved = replace(GoalDraft.of(goal), deadline=draft.new_deadline)
        edit_goal(tx, goal.id, moved, draft.reason)
    if draft.new_status is not None:
        retrospective = (Retrospective(happened=draft.reason)
                         if draft.new_status is GoalStatus.DROPPED else None)
        set_status(tx, goal.id, draft.new_status, retrospective)


def keep_wrap_up(tx: Transaction, review_id: int, reflection: str,
                 confidence: int | None) -> Review:
    """Keep the last page's reflection and score in the draft."""
    review = revise(tx.get(Review, review_id), reflection=reflection, confidence=confidence)
    tx.put(review)
    return review


def finish_review(tx: Transaction, review_id: int, reflection: str,
                  confidence: int | None) -> Review:
    """Finish the review: it becomes a record, with a progress snapshot of each goal."""
    review = tx.get(Review, review_id)
    if review.finished_at is not None:
        raise Invalid("this review is already finished")
    progress = goal_progress(tx.doc)
    today = tx.now.date()
    tx.put_all([ProgressSnapshot(id=tx.new_id(), goal_id=goal_id, on=today,
                                 progress=progress[goal_id])
                for goal_id in review.goal_ids if goal_id in progress])
    review = revise(review, reflection=reflection, confidence=confidence,
                    finished_at=tx.now)
    tx.put(review)
    return review


def set_review_day(tx: Transaction, weekday: int) -> Settings:
    """The day of the week the review falls due (0 Monday … 6 Sunday)."""
    settings = revise(tx.doc.settings, review_day=weekday)
    tx.set(settings)
    return settings


# --- the feedback and wins logs ------------------------------------------------------------


def add_feedback(tx: Transaction, *, who: str, text: str, on: date,
                 kind: FeedbackKind = FeedbackKind.SUGGESTION, role: str = "",
                 goal_id: int | None = None) -> Feedback:
    """Record feedback from a mentor, manager or peer."""
    if goal_id is not None:
        tx.get(Goal, goal_id)
    entry = Feedback(id=tx.new_id(), who=who, role=role, on=on, text=text, kind=kind,
                     goal_id=goal_id)
    tx.put(entry)
    return entry


def add_win(tx: Transaction, title: str, on: date, goal_id: int | None = None) -> Win:
    """Write down a win that no step or goal records ('presented at the team meeting')."""
    if goal_id is not None:
        tx.get(Goal, goal_id)
    win = Win(id=tx.new_id(), title=title, on=on, goal_id=goal_id)
    tx.put(win)
    return win


def edit_record(tx: Transaction, record: Feedback | Win, **changes: object) -> Feedback | Win:
    """Change some fields of a feedback entry or a win."""
    goal_id = changes.get("goal_id")
    if isinstance(goal_id, int):
        tx.get(Goal, goal_id)
    changed = revise(tx.get(type(record), record.id), **changes)
    tx.put(changed)
    return changed


def delete_record(tx: Transaction, record: Feedback | Win | Review) -> Feedback | Win | Review:
    """Delete a feedback entry, a win or a review (a record, or a draft to start over)."""
    tx.remove(type(record), record.id)
    return record
