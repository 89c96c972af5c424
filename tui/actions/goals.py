"""Changes to goals: add, edit with the drift log, status, move, delete, metric check-ins."""

from __future__ import annotations

from datetime import date
from typing import Literal

from tui.domain.goals import GoalDraft, descendants, drift
from tui.domain.models import (
    CheckIn,
    Feedback,
    Goal,
    GoalChange,
    GoalStatus,
    ProgressSnapshot,
    Retrospective,
    Win,
    revise,
)
from tui.store import Invalid, Transaction

ChildrenChoice = Literal["lift", "delete"]


def _position_after(tx: Transaction, parent_id: int | None) -> int:
    siblings = [g.position for g in tx.doc.goals.values() if g.parent_id == parent_id]
    return max(siblings, default=-1) + 1


def add_goal(tx: Transaction, draft: GoalDraft, parent_id: int | None) -> Goal:
    """Add a goal under `parent_id` (None: at the top level), last among its siblings."""
    if parent_id is not None:
        tx.get(Goal, parent_id)
    goal = Goal(id=tx.new_id(), parent_id=parent_id, start=tx.now.date(), created_at=tx.now,
                position=_position_after(tx, parent_id), **draft.fields())
    tx.put(goal)
    return goal


def edit_goal(tx: Transaction, goal_id: int, draft: GoalDraft, reason: str = "") -> Goal:
    """Replace what a goal says; moving its goalposts needs a reason, kept in its history."""
    old = tx.get(Goal, goal_id)
    moved = drift(old, draft)
    if moved and not reason.strip():
        raise Invalid(f"changing the {moved[0][0]} needs a reason, kept in the goal's history")
    history = old.history + [GoalChange(at=tx.now, field=name, old=before, new=after,
                                        reason=reason.strip())
                             for name, before, after in moved]
    goal = revise(old, **draft.fields(), history=history)
    tx.put(goal)
    return goal


def set_status(tx: Transaction, goal_id: int, status: GoalStatus,
               retrospective: Retrospective | None = None) -> Goal:
    """Mark a goal active, paused, done or dropped; dropping needs a retrospective."""
    old = tx.get(Goal, goal_id)
    if status is GoalStatus.DROPPED and retrospective is None:
        raise Invalid("dropping a goal needs a short retrospective: what happened")
    done_at = (old.done_at or tx.now) if status is GoalStatus.DONE else None
    goal = revise(old, status=status, done_at=done_at,
                  retrospective=retrospective if status is GoalStatus.DROPPED
                  else old.retrospective)
    tx.put(goal)
    return goal


def move_goal(tx: Transaction, goal_id: int, parent_id: int | None) -> Goal:
    """Put a goal (with everything under it) under another parent, last among its siblings."""
    goal = tx.get(Goal, goal_id)
    if parent_id is not None:
        tx.get(Goal, parent_id)
        if parent_id == goal_id or parent_id in descendants(tx.doc.goals, goal_id):
            raise Invalid("a goal cannot move under itself or a goal below it")
    if parent_id == goal.parent_id:
        return goal
    moved = revise(goal, parent_id=parent_id, position=_position_after(tx, parent_id))
    tx.put(moved)
    return moved


def delete_goal(tx: Transaction, goal_id: int, children: ChildrenChoice = "lift") -> Goal:
    """Delete a goal. Its children move up to its parent ("lift") or go with it ("delete").

    Nothing a person wrote is lost silently: steps, feedback and wins of deleted goals stay,
    unassigned; only check-ins and progress snapshots, which mean nothing without their
    goal, go with it. One transaction, so one undo brings all of it back.
    """
    goal = tx.get(Goal, goal_id)
    doomed = {goal_id}
    if children == "delete":
        doomed.update(descendants(tx.doc.goals, goal_id))
    else:
        for child in [g for g in tx.doc.goals.values() if g.parent_id == goal_id]:
            tx.put(revise(child, parent_id=goal.parent_id))
    for step in [s for s in tx.doc.steps.values() if s.goal_id in doomed]:
        tx.put(revise(step, goal_id=None))
    kept: list[Feedback | Win] = [*tx.doc.feedback.values(), *tx.doc.wins.values()]
    for record in [r for r in kept if r.goal_id in doomed]:
        tx.put(revise(record, goal_id=None))
    for checkin in [c for c in tx.doc.checkins.values() if c.goal_id in doomed]:
        tx.remove(CheckIn, checkin.id)
    for snapshot in [s for s in tx.doc.snapshots.values() if s.goal_id in doomed]:
        tx.remove(ProgressSnapshot, snapshot.id)
    for doomed_id in doomed:  # the whole document is checked only at commit
        tx.remove(Goal, doomed_id)
    return goal


def check_in(tx: Transaction, goal_id: int, value: float, on: date, note: str = "") -> CheckIn:
    """Record a measurement of the goal's metric; the metric's current value follows it."""
    goal = tx.get(Goal, goal_id)
    if goal.metric is None:
        raise Invalid("this goal has no metric to check in; add one in its form (e)")
    checkin = CheckIn(id=tx.new_id(), goal_id=goal_id, on=on, value=value, note=note)
    tx.put(checkin)
    latest = max((c for c in tx.doc.checkins.values() if c.goal_id == goal_id),
                 key=lambda c: (c.on, c.id))
    tx.put(revise(goal, metric=revise(goal.metric, current=latest.value)))
    return checkin
