"""What the Today screen lists, and in which order."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from tui.domain.document import Document
from tui.domain.models import Step
from tui.domain.progress import changed_records


def today_key(step: Step, today: date) -> tuple[int, int, date, int, int]:
    """Sort key: open overdue steps, then open steps due today, then done; priority within."""
    due = step.due or today
    group = 2 if step.is_done else (0 if due < today else 1)
    return (group, step.priority.rank, due, step.position, step.id)


def is_listed(step: Step, today: date) -> bool:
    """Whether Today lists `step`: open and due by today, or checked off today."""
    if step.is_done:
        return step.done_at is not None and step.done_at.date() == today
    return step.due is not None and step.due <= today


@dataclass(frozen=True)
class TodayList:
    """The steps Today lists from one steps table on one day, in order."""

    steps: Mapping[int, Step]
    today: date
    listed: list[Step]


# A check-off replaces one step and shares the rest of the table, so the last few lists are
# kept, by table identity, and the next is moved on from one of them by what changed.
_RECENT: list[TodayList] = []
_KEPT = 4


def today_steps(doc: Document, today: date) -> list[Step]:
    """Open steps due today or earlier, then steps checked off today (so they can be undone)."""
    known = next((k for k in _RECENT if k.today == today and k.steps is doc.steps), None)
    if known is None:
        same_day = next((k for k in _RECENT if k.today == today), None)
        known = (listed_today(doc.steps, today) if same_day is None
                 else updated_list(same_day, doc.steps))
        _RECENT.insert(0, known)
        del _RECENT[_KEPT:]
    return [*known.listed]  # the kept list is never handed out: callers may change theirs


def listed_today(steps: Mapping[int, Step], today: date) -> TodayList:
    """The steps Today lists from `steps`, worked out from the whole table."""
    chosen = [step for step in steps.values() if is_listed(step, today)]
    return TodayList(steps, today, sorted(chosen, key=lambda step: today_key(step, today)))


def updated_list(known: TodayList, steps: Mapping[int, Step]) -> TodayList:
    """`known` brought up to the steps table `steps` by placing only the steps that changed
    (records are replaced, never changed in place, so identity says which): the same as
    `listed_today(steps, known.today)`, at the cost of the change rather than of the plan."""
    before, today = known.steps, known.today
    changed = changed_records(before, steps)
    if len(changed) * 4 > len(steps):  # most of the plan changed: listing anew is cheaper
        return listed_today(steps, today)
    listed = [*known.listed]  # the known list is never changed

    def key(step: Step) -> tuple[int, int, date, int, int]:
        return today_key(step, today)

    for step_id in changed:
        was, now = before.get(step_id), steps.get(step_id)
        if was is not None and is_listed(was, today):
            del listed[bisect_left(listed, key(was), key=key)]
        if now is not None and is_listed(now, today):
            insort(listed, now, key=key)
    return TodayList(steps, today, listed)


def is_overdue(step: Step, today: date) -> bool:
    """True for an open step whose due date has passed."""
    return not step.is_done and step.due is not None and step.due < today
