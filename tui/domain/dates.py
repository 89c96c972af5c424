"""The one parser for dates people type: ISO dates, words and offsets."""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ACCEPTED = "YYYY-MM-DD, today, tomorrow, a weekday (mon … sun), +Nd or +Nw"
_OFFSET = re.compile(r"\+(\d{1,4})([dw])")


class DateError(ValueError):
    """A typed date that could not be understood; the message says what is accepted."""


def parse_date(text: str, today: date) -> date:
    """Turn what a person typed into a date, relative to `today`.

    A weekday name means its next occurrence after today (a week ahead on that day).
    """
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    weekday = _weekday(word)
    if weekday is not None:
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    offset = _OFFSET.fullmatch(word)
    if offset:
        amount = int(offset[1]) * (7 if offset[2] == "w" else 1)
        return today + timedelta(days=amount)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", word):
        try:
            return date.fromisoformat(word)
        except ValueError:
            raise DateError(f"{text.strip()!r} is not a day of the calendar; use {ACCEPTED}") from None
    raise DateError(f"{text.strip()!r} is not a date; use {ACCEPTED}")


def _weekday(word: str) -> int | None:
    if len(word) < 3:
        return None
    for index, name in enumerate(WEEKDAYS):
        if name.startswith(word):
            return index
    return None


def describe_due(due: date, today: date) -> str:
    """A short human label for a due date: 'today', 'tomorrow', '3d late', 'Fri 27'."""
    days = (due - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days < 0:
        return f"{-days}d late"
    if days < 7:
        return due.strftime("%a %d")
    return due.isoformat()
