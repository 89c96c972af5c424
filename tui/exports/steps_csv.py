"""The action steps as CSV, for a spreadsheet: one row per step, header first.

User text keeps its line breaks (the csv module quotes them) but shows any other control
character as a visible symbol (`tui.domain.text.visible`). A text cell a spreadsheet
would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`,
as OWASP advises against CSV injection; numbers and dates are written as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import datetime

from tui.domain.document import Document
from tui.domain.models import Goal, Step
from tui.domain.progress import tree_order
from tui.domain.steps import describe_recurrence
from tui.domain.text import visible

HEADER = ("id", "title", "goal", "goal_path", "status", "priority", "due", "recurrence",
          "estimate_hours", "cost", "helpers", "created", "done", "notes")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(text: str) -> str:
    """A user-text cell: line breaks kept, other control characters shown, formulas defused."""
    shown = "\n".join(visible(line) for line in text.replace("\r\n", "\n").split("\n"))
    return "'" + shown if shown.startswith(FORMULA_STARTS) else shown


def steps_csv(doc: Document) -> str:
    """Every action step as CSV rows, in goal tree order (steps under no goal last)."""
    rank = {goal.id: n for n, (_depth, goal) in enumerate(tree_order(doc))}
    last = len(rank)
    steps = sorted(doc.steps.values(), key=lambda s: (
        last if s.goal_id is None else rank.get(s.goal_id, last), s.position, s.id))
    out = io.StringIO()
    writer = csv.writer(out)  # RFC 4180: CRLF between rows, quotes where needed
    writer.writerow(HEADER)
    writer.writerows(_row(step, doc.goals) for step in steps)
    return out.getvalue()


def goal_path(goals: Mapping[int, Goal], goal_id: int | None) -> list[str]:
    """The titles from the top-level goal down to `goal_id` (empty for no goal)."""
    path: list[str] = []
    seen: set[int] = set()
    while goal_id is not None and goal_id in goals and goal_id not in seen:
        seen.add(goal_id)  # a validated document has no cycles; this only bounds the walk
        path.append(goals[goal_id].title)
        goal_id = goals[goal_id].parent_id
    return path[::-1]


def _row(step: Step, goals: Mapping[int, Goal]) -> list[str]:
    path = goal_path(goals, step.goal_id)
    return [
        str(step.id),
        csv_text(step.title),
        csv_text(path[-1] if path else ""),
        csv_text(" / ".join(path)),
        step.status.value,
        step.priority.value,
        step.due.isoformat() if step.due else "",
        describe_recurrence(step.recurrence) if step.recurrence else "",
        f"{step.estimate_hours:g}" if step.estimate_hours is not None else "",
        csv_text(step.resources.cost),
        csv_text(step.resources.helpers),
        _moment(step.created_at),
        _moment(step.done_at),
        csv_text(step.notes),
    ]


def _moment(moment: datetime | None) -> str:
    return moment.isoformat(timespec="seconds") if moment is not None else ""
