"""Changes to action steps."""

from __future__ import annotations

from datetime import date
from typing import Any

from tui.domain.board import next_position
from tui.domain.models import Goal, Priority, Step, StepStatus, revise
from tui.domain.steps import check_off, toggle
from tui.store import Transaction


def add_step(
    tx: Transaction,
    title: str,
    *,
    goal_id: int | None = None,
    due: date | None = None,
    priority: Priority = Priority.MEDIUM,
    notes: str = "",
    status: StepStatus = StepStatus.TODO,
    **details: Any,
) -> Step:
    """Add an action step at the end of the `status` column (`details`: recurrence,
    estimate_hours, resources). Added straight to Done, it is checked off at once."""
    if goal_id is not None:
        tx.get(Goal, goal_id)
    step = Step(id=tx.new_id(), title=title, goal_id=goal_id, due=due, priority=priority,
                notes=notes, position=next_position(tx.doc.steps), created_at=tx.now,
                status=StepStatus.TODO if status is StepStatus.DONE else status, **details)
    if status is StepStatus.DONE:
        step = check_off(step, tx.now)
    tx.put(step)
    return step


def edit_step(tx: Transaction, step_id: int, **changes: Any) -> Step:
    """Change some fields of a step."""
    if changes.get("goal_id") is not None:
        tx.get(Goal, changes["goal_id"])
    step = revise(tx.get(Step, step_id), **changes)
    tx.put(step)
    return step


def toggle_step(tx: Transaction, step_id: int) -> Step:
    """Check a step off, or back on if it was done."""
    step = toggle(tx.get(Step, step_id), tx.now)
    tx.put(step)
    return step


def complete_step(tx: Transaction, step_id: int) -> Step:
    """Check a step off; a step already done stays as it is."""
    step = tx.get(Step, step_id)
    if not step.is_done:
        step = check_off(step, tx.now)
        tx.put(step)
    return step


def delete_step(tx: Transaction, step_id: int) -> Step:
    """Delete a step, returning what was deleted."""
    step = tx.get(Step, step_id)
    tx.remove(Step, step_id)
    return step
