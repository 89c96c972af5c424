"""Undo and redo: a recorded change applied backwards or forwards as a new transaction."""

from __future__ import annotations

from tui.domain.document import RECORD_TABLES
from tui.domain.history import Patch
from tui.store import Conflict, Transaction


def apply_patch(tx: Transaction, patch: Patch) -> None:
    """Bring the records of `patch` from its before-state to its after-state.

    Refuses, changing nothing, if another session changed any of them since: undoing
    over someone else's newer change would silently lose it.
    """
    conflicts = patch.conflicts(tx.doc)
    if conflicts:
        shown = ", ".join(conflicts[:3]) + (" …" if len(conflicts) > 3 else "")
        raise Conflict(f"{patch.label}: changed since in another session ({shown});"
                       " nothing was undone or redone")
    for (table, record_id), (_before, after) in patch.records.items():
        if after is None:
            tx.remove(RECORD_TABLES[table], record_id)
        else:
            tx.put(after)
    for _name, (_before, after) in patch.singles.items():
        tx.set(after)
