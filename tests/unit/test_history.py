"""Undo and redo: what a change did, applied backwards and forwards through the store."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from tui.actions import add_step, delete_step, edit_step, toggle_step
from tui.actions.undo import apply_patch
from tui.domain.document import Document
from tui.domain.history import Patch, UndoStack, diff
from tui.domain.models import Vision
from tui.store import Conflict, Store, Transaction

NOW = datetime(2026, 11, 23, 9, 0)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "careerdash.json", clock=lambda: NOW)
    with store.transaction() as tx:
        add_step(tx, "Write the RFC", due=date(2026, 11, 30))
        add_step(tx, "Book the exam")
    return store


def without_meta(doc: Document) -> Document:
    return doc.model_copy(update={"meta": Document().meta})


def record(store: Store, edit: object, label: str = "change") -> Patch:
    with store.transaction() as tx:
        edit(tx)  # type: ignore[operator]
        base = tx.base
    return diff(base, store.document, label)


def replay(store: Store, patch: Patch) -> None:
    with store.transaction() as tx:
        apply_patch(tx, patch)


@pytest.mark.parametrize("edit", [
    lambda tx: add_step(tx, "New"),
    lambda tx: edit_step(tx, 1, title="Write the RFC, v2"),
    lambda tx: delete_step(tx, 2),
    lambda tx: toggle_step(tx, 1),
    lambda tx: tx.set(Vision(statement="Lead")),
], ids=["add", "edit", "delete", "check-off", "vision"])
def test_undo_restores_the_exact_document_and_redo_the_changed_one(
    store: Store, edit: object
) -> None:
    before = without_meta(store.document)
    patch = record(store, edit)
    after = without_meta(store.document)
    assert patch and after != before

    replay(store, patch.inverse())
    assert without_meta(Store.open(store.path).document) == before
    replay(store, patch)
    assert without_meta(Store.open(store.path).document) == after


def test_the_diff_names_only_what_changed(store: Store) -> None:
    patch = record(store, lambda tx: edit_step(tx, 2, notes="call first"))
    assert list(patch.records) == [("steps", 2)]
    old, new = patch.records[("steps", 2)]
    assert old is not None and new is not None
    assert (old.notes, new.notes) == ("", "call first")
    assert not patch.singles


def test_an_undo_over_another_sessions_newer_change_is_refused(store: Store) -> None:
    patch = record(store, lambda tx: edit_step(tx, 1, title="Mine"))
    other = Store.open(store.path)
    with other.transaction() as tx:
        edit_step(tx, 1, title="Theirs")
    revision = Store.open(store.path).revision

    with pytest.raises(Conflict, match="step 1"):
        replay(store, patch.inverse())
    assert Store.open(store.path).document.steps[1].title == "Theirs"
    assert Store.open(store.path).revision == revision


def test_an_undo_leaves_other_sessions_changes_to_other_records_alone(store: Store) -> None:
    patch = record(store, lambda tx: delete_step(tx, 2))
    with Store.open(store.path).transaction() as tx:
        edit_step(tx, 1, title="Theirs")
    replay(store, patch.inverse())
    doc = Store.open(store.path).document
    assert doc.steps[1].title == "Theirs"
    assert doc.steps[2].title == "Book the exam"


def test_a_change_that_changes_nothing_is_not_remembered(store: Store) -> None:
    history = UndoStack()

    def noop(tx: Transaction) -> None:
        edit_step(tx, 1, title="Write the RFC")

    history.record(record(store, noop))
    assert history.next_undo() is None


def test_the_stack_undoes_newest_first_and_a_new_change_drops_the_redos() -> None:
    history = UndoStack(limit=2)
    first, second, third = (Patch(label, {("steps", n): (None, None)}) for n, label in
                            enumerate(("one", "two", "three"), start=1))
    for patch in (first, second, third):
        history.record(patch)
    assert history.next_undo() == third.inverse()
    history.undone()
    assert history.next_redo() == third
    history.undone()
    assert history.next_undo() is None, "only the newest two were kept"
    history.redone()
    assert history.next_undo() == second.inverse()
    history.record(first)
    assert history.next_redo() is None
