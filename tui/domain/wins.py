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


def all_wins(doc: Document) -> list[WinEntry]:
    """Every win, newest first. Recurring practice is counted as activity, not as wins:
    it never completes."""
    wins = [WinEntry(local_day(s.done_at), s.title, "step", s.id, s.goal_id)
            for s in doc.steps.values() if s.done_at is not None]
    wins += [WinEntry(local_day(g.done_at), g.title, "goal", g.id, g.id)
             for g in doc.goals.values() if g.done_at is not None]
    wins += [WinEntry(w.on, w.title, "manual", w.id, w.goal_id) for w in doc.wins.values()]
    # Goals before steps on the same day: the bigger thing leads.
    order = {"goal": 0, "manual": 1, "step": 2}
    return sorted(wins, key=lambda w: (-w.on.toordinal(), order[w.source], -w.record_id))


def wins_between(wins: Iterable[WinEntry], first: date, last: date) -> list[WinEntry]:
    """The wins from `first` to `last`, both included."""
    return [w for w in wins if first <= w.on <= last]


def wins_this_week(doc: Document, today: date) -> list[WinEntry]:
    """The wins since Monday."""
    return wins_between(all_wins(doc), week_of(today), today)
