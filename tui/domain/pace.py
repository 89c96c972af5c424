"""Whether a goal is on track: its progress against a straight line from start to deadline."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from tui.domain.models import Goal, GoalStatus

# How far, as a share of the whole goal, progress may trail the line and still be on track.
TOLERANCE = 0.10


class Pace(StrEnum):
    AHEAD = "ahead"
    ON_TRACK = "on track"
    BEHIND = "behind"
    OVERDUE = "overdue"
    DONE = "done"
    UNDATED = "no deadline"
    IDLE = "paused or dropped"


def expected_progress(goal: Goal, today: date) -> float | None:
    """The share of the goal a straight line from start to deadline expects by `today`.

    None without a deadline; 1.0 from the deadline on; 0.0 before the start.
    """
    if goal.deadline is None:
        return None
    span = (goal.deadline - goal.start).days
    if span <= 0:
        return 1.0 if today >= goal.deadline else 0.0
    return min(1.0, max(0.0, (today - goal.start).days / span))


def pace(goal: Goal, progress: float, today: date) -> Pace:
    """Ahead, on track or behind the line; overdue once the deadline passed unfinished."""
    if goal.status is GoalStatus.DONE or progress >= 1.0:
        return Pace.DONE
    if goal.status is not GoalStatus.ACTIVE:
        return Pace.IDLE
    expected = expected_progress(goal, today)
    if expected is None or goal.deadline is None:
        return Pace.UNDATED
    if today > goal.deadline:
        return Pace.OVERDUE
    if progress >= expected + TOLERANCE:
        return Pace.AHEAD
    if progress >= expected - TOLERANCE:
        return Pace.ON_TRACK
    return Pace.BEHIND
