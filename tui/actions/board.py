"""Changes made on the board: a card to another column, a card up or down in its column."""

from __future__ import annotations

from datetime import date

from tui.domain.board import BoardFilter, board_columns, next_position, reordered
from tui.domain.models import Step, StepStatus, revise
from tui.domain.steps import check_off
from tui.store import Transaction


def move_step(tx: Transaction, step_id: int, status: StepStatus) -> Step:
    """Put the step in the `status` column, at its end. Into Done it is checked off (a
    recurring step records the completion and comes back in To do, due again)."""
    step = tx.get(Step, step_id)
    if step.status is status:
        return step
    position = next_position(tx.doc.steps)
    if status is StepStatus.DONE:
        moved = revise(check_off(step, tx.now), position=position)
    else:
        moved = revise(step, status=status, done_at=None, position=position)
    tx.put(moved)
    return moved


def reorder_step(tx: Transaction, step_id: int, offset: int, today: date,
                 board_filter: BoardFilter = BoardFilter()) -> list[Step]:
    """Move the card `offset` places up (negative) or down among the cards its column shows
    under `board_filter`; returns the cards whose position changed (none at either end)."""
    step = tx.get(Step, step_id)
    changed = reordered(board_columns(tx.doc, today, board_filter)[step.status], step_id, offset)
    tx.put_all(changed)
    return changed
