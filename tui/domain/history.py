"""What one change did to the document, so it can be undone and redone as a change of its own."""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.domain.document import RECORD_TABLES, Document
from tui.domain.models import Model, Record

# The single-record tables a person edits (meta is bookkeeping and is never undone).
EDITABLE_SINGLES = ("vision", "settings")

RecordKey = tuple[str, int]


@dataclass(frozen=True)
class Patch:
    """Records before and after a change (None where a record did not exist)."""

    label: str
    records: dict[RecordKey, tuple[Record | None, Record | None]] = field(default_factory=dict)
    singles: dict[str, tuple[Model, Model]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.records or self.singles)

    def inverse(self) -> Patch:
        """The patch that takes the document back."""
        return Patch(
            self.label,
            {key: (after, before) for key, (before, after) in self.records.items()},
            {name: (after, before) for name, (before, after) in self.singles.items()},
        )

    def conflicts(self, doc: Document) -> list[str]:
        """Where `doc` no longer holds what this patch starts from (changed since, elsewhere)."""
        found = [f"{table[:-1] if table.endswith('s') else table} {record_id}"
                 for (table, record_id), (before, _after) in self.records.items()
                 if getattr(doc, table).get(record_id) != before]
        found += [name for name, (before, _after) in self.singles.items()
                  if getattr(doc, name) != before]
        return found


def diff(before: Document, after: Document, label: str) -> Patch:
    """The records that differ between two documents.

    Tables and records are shared between documents until changed, so identity is
    checked first and unchanged tables cost nothing.
    """
    records: dict[RecordKey, tuple[Record | None, Record | None]] = {}
    for table in RECORD_TABLES:
        old, new = getattr(before, table), getattr(after, table)
        if old is new:
            continue
        # Identity first: a change replaces a few records and shares the rest.
        suspects = [i for i, b in new.items() if old.get(i) is not b]
        suspects += [i for i in old.keys() - new.keys()]
        for record_id in suspects:
            a, b = old.get(record_id), new.get(record_id)
            if a != b:
                records[(table, record_id)] = (a, b)
    singles = {name: (getattr(before, name), getattr(after, name))
               for name in EDITABLE_SINGLES if getattr(before, name) != getattr(after, name)}
    return Patch(label, records, singles)


class UndoStack:
    """The session's changes, newest last, and the ones undone that can be redone."""

    def __init__(self, limit: int = 200) -> None:
        self.limit = limit
        self._done: list[Patch] = []
        self._undone: list[Patch] = []

    def record(self, patch: Patch) -> None:
        """A new change: it can be undone, and what was undone can no longer be redone."""
        if patch:
            self._done = [*self._done, patch][-self.limit:]
            self._undone = []

    def next_undo(self) -> Patch | None:
        """The patch that undoes the newest change, if any."""
        return self._done[-1].inverse() if self._done else None

    def next_redo(self) -> Patch | None:
        """The patch that redoes the newest undone change, if any."""
        return self._undone[-1] if self._undone else None

    def undone(self) -> None:
        """The newest change was undone."""
        self._undone.append(self._done.pop())

    def redone(self) -> None:
        """The newest undone change was redone."""
        self._done.append(self._undone.pop())
