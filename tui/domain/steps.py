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


# --- recurrence in words, and streaks -------------------------------------------------------

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RECURRENCE_HINT = "daily, weekdays, weekly fri, every 3 days (empty: once)"


class RecurrenceError(ValueError):
    """Text that does not say how often a step comes back."""


def _weekday(word: str) -> int | None:
    word = word.casefold().removesuffix("s")
    if len(word) < 2:
        return None
    matches = [i for i, day in enumerate(_DAYS) if day.startswith(word)]
    return matches[0] if len(matches) == 1 else None


def parse_recurrence(text: str) -> Recurrence | None:
    """'daily', 'weekdays', 'weekly fri' (or 'fridays', 'every friday'), 'every 3 days'
    (or '3d'); empty text is a one-off step (None)."""
    words = text.casefold().replace(",", " ").split()
    if not words:
        return None
    if words in (["daily"], ["every", "day"]):
        return Recurrence(kind="daily")
    if words in (["weekdays"], ["every", "weekday"], ["workdays"]):
        return Recurrence(kind="weekdays")
    rest = words[1:] if words[0] in ("weekly", "every") else words
    if len(rest) == 1 and (day := _weekday(rest[0])) is not None:
        return Recurrence(kind="weekly", weekday=day)
    count = rest[0].removesuffix("d") if rest else ""
    if count.isdigit() and (len(rest) == 1 or rest[1:] in (["day"], ["days"])):
        interval = int(count)
        if not 1 <= interval <= 366:
            raise RecurrenceError("every N days needs N from 1 to 366")
        return Recurrence(kind="daily") if interval == 1 else Recurrence(kind="every",
                                                                         interval=interval)
    raise RecurrenceError(f"“{text.strip()}” is not a repeat: try {RECURRENCE_HINT}")


def describe_recurrence(recurrence: Recurrence) -> str:
    """The recurrence in words, in the form parse_recurrence reads back."""
    if recurrence.kind == "weekly":
        return f"weekly {_DAYS[recurrence.weekday or 0][:3]}"
    if recurrence.kind == "every":
        return f"every {recurrence.interval} days"
    return recurrence.kind


def _period(recurrence: Recurrence, day: date, anchor: date) -> int:
    """A number for the period `day` falls in; consecutive periods are consecutive numbers."""
    if recurrence.kind == "weekly":
        return (day.toordinal() - day.weekday()) // 7  # weeks from Monday to Sunday
    if recurrence.kind == "every":
        return (day - anchor).days // (recurrence.interval or 1)
    if recurrence.kind == "weekdays":
        monday = day - timedelta(days=day.weekday())
        return monday.toordinal() // 7 * 5 + min(day.weekday(), 4)
    return day.toordinal()


def streak(step: Step, today: date) -> int:
    """Consecutive periods (days, weekdays, weeks, N-day spans) with a completion, ending
    with the current period, or the one before it while the current one is still open."""
    if step.recurrence is None or not step.completions:
        return 0
    anchor = step.created_at.date()
    done = {_period(step.recurrence, at.date(), anchor) for at in step.completions}
    current = _period(step.recurrence, today, anchor)
    period = current if current in done else current - 1
    count = 0
    while period in done:
        count += 1
        period -= 1
    return count
