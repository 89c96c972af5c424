"""The action plan as a kanban: which steps each column shows, in which order, and moves."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from tui.domain.document import Document
from tui.domain.goals import descendants
from tui.domain.models import Step, StepStatus, revise

COLUMNS = (StepStatus.TODO, StepStatus.DOING, StepStatus.BLOCKED, StepStatus.DONE)
COLUMN_TITLES = {StepStatus.TODO: "To do", StepStatus.DOING: "Doing",
                 StepStatus.BLOCKED: "Blocked", StepStatus.DONE: "Done"}
OLD_DONE_DAYS = 7  # done cards older than this are hidden unless asked for


@dataclass(frozen=True)
class BoardFilter:
    """What the board shows: text in a title or notes, one goal (and the goals under it),
    and whether done cards older than a week are shown."""

    text: str = ""
    goal_id: int | None = None
    old_done: bool = False

    def describe(self, doc: Document) -> str:
        """The filter in words, for the screen's status line ("" when it shows everything)."""
        parts = []
        if self.text:
            parts.append(f"text “{self.text}”")
        if self.goal_id is not None and self.goal_id in doc.goals:
            parts.append(f"goal “{doc.goals[self.goal_id].title}”")
        return ", ".join(parts)


def order_key(step: Step) -> tuple[int, int]:
    """Cards are ordered by their position, then by id (positions are kept unique)."""
    return (step.position, step.id)


@dataclass(frozen=True)
class BoardView:
    """What the board shows: each column's cards in order, and how many done cards the
    view hides for being older than a week."""

    columns: dict[StepStatus, list[Step]]
    hidden_old_done: int


def _keeps(step: Step, goals: set[int] | None, needle: str) -> bool:
    """Whether `step` passes the text and goal parts of the filter."""
    if goals is not None and step.goal_id not in goals:
        return False
    return not needle or needle in step.title.casefold() or needle in step.notes.casefold()


def _is_old_done(step: Step, oldest_done: date) -> bool:
    return step.done_at is not None and step.done_at.date() < oldest_done


def _goal_set(doc: Document, board_filter: BoardFilter) -> set[int] | None:
    if board_filter.goal_id is None:
        return None
    return {board_filter.goal_id, *descendants(doc.goals, board_filter.goal_id)}


def board_view(doc: Document, today: date, board_filter: BoardFilter = BoardFilter()) -> BoardView:
    """The steps of each column under `board_filter`, in order."""
    needle, goals = board_filter.text.casefold(), _goal_set(doc, board_filter)
    oldest_done = today - timedelta(days=OLD_DONE_DAYS)
    columns: dict[StepStatus, list[Step]] = {status: [] for status in COLUMNS}
    hidden = 0
    for step in doc.steps.values():
        if not _keeps(step, goals, needle):
            continue
        if step.status is StepStatus.DONE and _is_old_done(step, oldest_done):
            hidden += 1
            if not board_filter.old_done:
                continue
        columns[step.status].append(step)
    for cards in columns.values():
        cards.sort(key=order_key)
    return BoardView(columns, hidden)


def board_columns(doc: Document, today: date,
                  board_filter: BoardFilter = BoardFilter()) -> dict[StepStatus, list[Step]]:
    """Only the columns of `board_view`."""
    return board_view(doc, today, board_filter).columns


def changed_steps(before: Mapping[int, Step], after: Mapping[int, Step]) -> set[int]:
    """Ids of steps added, removed or replaced between two steps tables (records are
    replaced, never changed in place, so identity says what changed)."""
    changed = {i for i, step in after.items() if before.get(i) is not step}
    return changed | (before.keys() - after.keys())


def updated_view(view: BoardView, before: Mapping[int, Step], doc: Document, today: date,
                 board_filter: BoardFilter = BoardFilter()) -> BoardView:
    """`view` (the board of a document whose steps were `before`) brought up to `doc`
    by moving only the cards that changed: the same as `board_view(doc, ...)`, at the cost
    of the change rather than of the whole plan. The goals must be the same as before."""
    changed = changed_steps(before, doc.steps)
    if not changed:
        return view
    needle, goals = board_filter.text.casefold(), _goal_set(doc, board_filter)
    oldest_done = today - timedelta(days=OLD_DONE_DAYS)
    columns, copied = dict(view.columns), set()
    hidden = view.hidden_old_done
    for step_id in changed:
        old, new = before.get(step_id), doc.steps.get(step_id)
        for step, sign in ((old, -1), (new, 1)):
            if step is None or not _keeps(step, goals, needle):
                continue
            old_done = step.status is StepStatus.DONE and _is_old_done(step, oldest_done)
            hidden += sign * old_done
            if old_done and not board_filter.old_done:
                continue
            if step.status not in copied:  # the view's own lists are never changed
                columns[step.status] = [*columns[step.status]]
                copied.add(step.status)
            cards = columns[step.status]
            index = bisect_left(cards, order_key(step), key=order_key)
            if sign < 0:
                if index < len(cards) and cards[index].id == step.id:
                    del cards[index]
            else:
                cards.insert(index, step)
    return BoardView(columns, hidden)


def neighbour_column(status: StepStatus, offset: int) -> StepStatus | None:
    """The column `offset` places to the right (negative: left), None past either end."""
    index = COLUMNS.index(status) + offset
    return COLUMNS[index] if 0 <= index < len(COLUMNS) else None


def next_position(steps: Mapping[int, Step]) -> int:
    """A position after every card's: where a card added or moved to a column lands."""
    return max((s.position for s in steps.values()), default=-1) + 1


def reordered(cards: list[Step], step_id: int, offset: int) -> list[Step]:
    """The cards whose position changes when `step_id` moves `offset` places in `cards`
    (one column, in order), already revised; empty when it cannot move that way.

    The two cards swap positions; cards that share a position (a hand-edited file) are
    renumbered from the top of the column so the order is unambiguous afterwards.
    """
    index = next((i for i, s in enumerate(cards) if s.id == step_id), None)
    if index is None or not 0 <= index + offset < len(cards):
        return []
    other = index + offset
    moved, swapped = cards[index], cards[other]
    if moved.position != swapped.position:
        return [revise(moved, position=swapped.position),
                revise(swapped, position=moved.position)]
    order = [*cards]
    order[index], order[other] = swapped, moved
    base = min(s.position for s in cards)
    return [revise(s, position=base + i) for i, s in enumerate(order) if s.position != base + i]
