"""What the Today screen lists, and in which order."""

from __future__ import annotations

from datetime import date

from tui.domain.document import Document
from tui.domain.models import Step


def today_key(step: Step, today: date) -> tuple[int, int, date, int, int]:
    """Sort key: open overdue steps, then open steps due today, then done; priority within."""
    due = step.due or today
    group = 2 if step.is_done else (0 if due < today else 1)
    return (group, step.priority.rank, due, step.position, step.id)


def today_steps(doc: Document, today: date) -> list[Step]:
    """Open steps due today or earlier, then steps checked off today (so they can be undone)."""
    chosen = [
        step
        for step in doc.steps.values()
        if (step.is_done and step.done_at is not None and step.done_at.date() == today)
        or (not step.is_done and step.due is not None and step.due <= today)
    ]
    return sorted(chosen, key=lambda step: today_key(step, today))


def is_overdue(step: Step, today: date) -> bool:
    """True for an open step whose due date has passed."""
    return not step.is_done and step.due is not None and step.due < today
