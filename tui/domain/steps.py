"""What happens to a step when it is checked off or back on."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from tui.domain.models import Recurrence, Step, StepStatus, revise


def next_due(recurrence: Recurrence, after: date) -> date:
    """The first day strictly after `after` on which a recurring step is due again."""
    if recurrence.kind == "daily":
        return after + timedelta(days=1)
    if recurrence.kind == "every":
        return after + timedelta(days=recurrence.interval or 1)
    day = after + timedelta(days=1)
    wanted = {recurrence.weekday} if recurrence.kind == "weekly" else {0, 1, 2, 3, 4}
    while day.weekday() not in wanted:
        day += timedelta(days=1)
    return day


def check_off(step: Step, now: datetime) -> Step:
    """The step after it is checked off at `now`.

    A recurring step records the completion and comes back, open, on its next due day.
    """
    if step.recurrence is not None:
        base = max(step.due or now.date(), now.date())
        return revise(
            step,
            completions=[*step.completions, now],
            due=next_due(step.recurrence, base),
            status=StepStatus.TODO,
        )
    return revise(step, status=StepStatus.DONE, done_at=now)


def reopen(step: Step) -> Step:
    """The step after it is checked back on: open again, in To do."""
    return revise(step, status=StepStatus.TODO, done_at=None)


def toggle(step: Step, now: datetime) -> Step:
    """Check a step off, or back on if it was done."""
    return reopen(step) if step.is_done else check_off(step, now)
