"""Wins: every completed step and goal, and the wins written down by hand."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from tui.domain.document import Document
from tui.domain.series import local_day, week_of

WinSource = Literal["step", "goal", "manual"]


@dataclass(frozen=True)
class WinEntry:
    """One win, whatever it came from; `record_id` is the step, goal or win record."""

    on: date
    title: str
    source: WinSource
    record_id: int
    goal_id: int | None


def all_wins(doc: Document, since: date = date.min) -> list[WinEntry]:
    """Every win (on or after `since`), newest first. Recurring practice is counted as
    activity, not as wins: it never completes."""
    # Days first, entries only for the wins kept: a week's wins out of 30,000 done steps.
    steps = ((local_day(s.done_at), s) for s in doc.steps.values() if s.done_at is not None)
    goals = ((local_day(g.done_at), g) for g in doc.goals.values() if g.done_at is not None)
    wins = [WinEntry(day, s.title, "step", s.id, s.goal_id) for day, s in steps if day >= since]
    wins += [WinEntry(day, g.title, "goal", g.id, g.id) for day, g in goals if day >= since]
    wins += [WinEntry(w.on, w.title, "manual", w.id, w.goal_id) for w in doc.wins.values()
             if w.on >= since]
    # Goals before steps on the same day: the bigger thing leads.
    order = {"goal": 0, "manual": 1, "step": 2}
    return sorted(wins, key=lambda w: (-w.on.toordinal(), order[w.source], -w.record_id))


def win_count(doc: Document) -> int:
    """How many wins there are (what `len(all_wins(doc))` says, without listing them)."""
    return (sum(s.done_at is not None for s in doc.steps.values())
            + sum(g.done_at is not None for g in doc.goals.values()) + len(doc.wins))


def wins_between(wins: Iterable[WinEntry], first: date, last: date) -> list[WinEntry]:
    """The wins from `first` to `last`, both included."""
    return [w for w in wins if first <= w.on <= last]


def wins_this_week(doc: Document, today: date) -> list[WinEntry]:
    """The wins since Monday."""
    return wins_between(all_wins(doc, since=week_of(today)), week_of(today), today)
