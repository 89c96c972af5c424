"""The plan's dates as an iCalendar file (RFC 5545), written by hand.

One all-day event per goal with a deadline (whatever its status; a dropped goal's event is
CANCELLED) and one per due date of an open action step. Done steps are left out: a
calendar shows what is still ahead, and a done step's due date is history. A recurring
step is one event on its next due day (its description says how it repeats), not an
endless series a calendar would keep after the step is gone.

UIDs depend only on record ids, so importing a newer export updates the same events.
Text is kept as typed except that control characters other than a line break are shown
as visible symbols (`tui.domain.text.visible`), so nothing raw reaches a calendar client.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone

from tui.domain.document import Document
from tui.domain.models import Goal, GoalStatus, Step, StepStatus
from tui.domain.progress import tree_order
from tui.domain.steps import describe_recurrence
from tui.domain.text import visible
from tui.exports.steps_csv import goal_path

PRODID = "-//careerdash//careerdash//EN"
LINE_OCTETS = 75  # RFC 5545 3.1: lines longer than this are folded
SUMMARY_DEADLINE = "Deadline: "
SUMMARY_DUE = "Due: "


def shown_text(text: str) -> str:
    """`text` as it appears in an event: line breaks kept, other control characters shown."""
    return "\n".join(visible(line) for line in text.replace("\r\n", "\n").split("\n"))


def escape_text(text: str) -> str:
    """An RFC 5545 TEXT value: backslash, `;` and `,` escaped, line breaks as `\\n`."""
    return (shown_text(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line: str) -> str:
    """`line` folded into physical lines of at most 75 UTF-8 octets (CRLF and a space
    between them), never inside a character."""
    pieces: list[str] = []
    start, size = 0, 0
    for index, char in enumerate(line):
        octets = len(char.encode("utf-8"))
        if size + octets > LINE_OCTETS:
            pieces.append(line[start:index])
            start, size = index, 1  # a continuation line begins with one space
        size += octets
    pieces.append(line[start:])
    return "\r\n ".join(pieces)


def calendar_ics(doc: Document, now: datetime) -> str:
    """A VCALENDAR with every goal deadline and open step due date as all-day events;
    `now` (naive: local time) is each event's DTSTAMP, in UTC."""
    stamp = now.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", "X-WR-CALNAME:Career plan"]
    for _depth, goal in tree_order(doc):
        if goal.deadline is not None:
            lines += _goal_event(goal, goal.deadline, doc.goals, stamp)
    open_steps = [(s.due, s) for s in doc.steps.values() if s.due is not None and not s.is_done]
    for due, step in sorted(open_steps, key=lambda pair: (pair[0], pair[1].id)):
        lines += _step_event(step, due, doc.goals, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _event(uid: str, stamp: str, day: date, summary: str, description: list[str],
           extra: tuple[str, ...] = ()) -> list[str]:
    text = "\n".join(part for part in description if part.strip())
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",  # DTEND is exclusive
        f"SUMMARY:{escape_text(summary)}",
        *([f"DESCRIPTION:{escape_text(text)}"] if text else []),
        "TRANSP:TRANSPARENT",  # a deadline does not make the person busy all day
        *extra,
        "END:VEVENT",
    ]


def _goal_event(goal: Goal, deadline: date, goals: Mapping[int, Goal], stamp: str) -> list[str]:
    parents = " / ".join(goal_path(goals, goal.parent_id))
    description = [f"{goal.horizon.value.capitalize()}-term goal, {goal.status.value}.",
                   f"Under: {parents}" if parents else "", goal.description]
    cancelled = ("STATUS:CANCELLED",) if goal.status is GoalStatus.DROPPED else ()
    return _event(f"goal-{goal.id}-deadline@careerdash", stamp, deadline,
                  SUMMARY_DEADLINE + goal.title, description, cancelled)


def _step_event(step: Step, due: date, goals: Mapping[int, Goal], stamp: str) -> list[str]:
    path = " / ".join(goal_path(goals, step.goal_id))
    repeats = f", repeats {describe_recurrence(step.recurrence)}" if step.recurrence else ""
    status = "to do" if step.status is StepStatus.TODO else step.status.value
    description = [f"Goal: {path}" if path else "",
                   f"Priority {step.priority.value}, {status}{repeats}.", step.notes]
    return _event(f"step-{step.id}-due@careerdash", stamp, due, SUMMARY_DUE + step.title,
                  description)
