"""The store: the only way the document is read from or written to its file.

The file is a TinyDB JSON document (a table per entity, records keyed by their own id).
It is kept in memory; every change is one transaction under an exclusive lock that
reloads the file if another process changed it, validates, and writes atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document as TinyDocument

from tui.domain.document import RECORD_TABLES, SINGLE_TABLES, Document, reference_problems
from tui.domain.errors import describe
from tui.domain.models import SCHEMA_VERSION, Meta, Model, Record
from tui.store import storage
from tui.store.errors import CorruptFile, NotFound, ReadOnlyError, StoreError
from tui.store.migrations import Tables, migrate

Clock = Callable[[], datetime]
_TABLE_OF: dict[type[Record], str] = {kind: name for name, kind in RECORD_TABLES.items()}
_SINGLE_OF: dict[type[Model], str] = {kind: name for name, kind in SINGLE_TABLES.items()}


class _MemoryStorage(Storage):
    """TinyDB storage over the tables in memory; the store persists them at commit."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables

    def read(self) -> Tables:
        return self.tables

    def write(self, data: Tables) -> None:
        self.tables = data


def to_tables(doc: Document) -> Tables:
    """The document in its file layout: {table: {id: record}}."""
    tables: Tables = {name: {"1": getattr(doc, name).model_dump(mode="json")}
                      for name in SINGLE_TABLES}
    for name in RECORD_TABLES:
        tables[name] = {str(i): r.model_dump(mode="json") for i, r in getattr(doc, name).items()}
    return tables


def from_tables(tables: Any) -> Document:
    """Validate tables read from a file into a Document (raises ValueError or ValidationError)."""
    if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
        raise ValueError("the top level must be an object of tables, each an object")
    if "1" not in tables.get("meta", {}):
        raise ValueError("there is no meta record (meta.1)")
    fields = {name: (table.get("1", {}) if name in SINGLE_TABLES else table)
              for name, table in tables.items()}
    return Document.model_validate(fields)


def encode(tables: Tables) -> bytes:
    """The file's bytes: indented JSON, so a person can read and diff it."""
    return orjson.dumps(tables, option=orjson.OPT_INDENT_2) + b"\n"


class Transaction:
    """One change to the document: typed puts and removes, committed all at once."""

    def __init__(self, doc: Document, tables: Tables, now: datetime) -> None:
        self.base = doc  # the document the change starts from, for undo
        self.doc = doc
        self.now = now
        self._db = TinyDB(storage=lambda: _MemoryStorage(dict(tables)))
        self._next_id = doc.meta.next_id
        self.changed = False

    @property
    def tables(self) -> Tables:
        """The changed tables, in file layout."""
        return self._db.storage.read()

    def new_id(self) -> int:
        """A fresh id, unique in this file across processes (allocated under the lock)."""
        self._next_id += 1
        return self._next_id - 1

    def get(self, kind: type[Record], record_id: int) -> Any:
        """The record of `kind` with `record_id`, or NotFound."""
        record = getattr(self.doc, _TABLE_OF[kind]).get(record_id)
        if record is None:
            raise NotFound(f"there is no {kind.__name__.lower()} with id {record_id}")
        return record

    def put(self, record: Record) -> None:
        """Insert `record`, or replace the record with its id."""
        name = _TABLE_OF[type(record)]
        table, fields = self._db.table(name), record.model_dump(mode="json")
        # One TinyDB operation per put: each one copies the whole table. A dump has every
        # field, so updating an existing record replaces it.
        if record.id in getattr(self.doc, name):
            table.update(fields, doc_ids=[record.id])
        else:
            table.insert(TinyDocument(fields, doc_id=record.id))
        self._update(name, {**getattr(self.doc, name), record.id: record})

    def remove(self, kind: type[Record], record_id: int) -> None:
        """Delete the record of `kind` with `record_id`."""
        self.get(kind, record_id)
        name = _TABLE_OF[kind]
        self._db.table(name).remove(doc_ids=[record_id])
        self._update(name, {k: v for k, v in getattr(self.doc, name).items() if k != record_id})

    def set(self, value: Model) -> None:
        """Replace a single-record table: the vision or the settings."""
        name = _SINGLE_OF[type(value)]
        self._db.table(name).truncate()
        self._db.table(name).insert(TinyDocument(value.model_dump(mode="json"), doc_id=1))
        self._update(name, value)

    def replace_all(self, doc: Document) -> None:
        """Make `doc` the whole new document (import, demo)."""
        self._db.storage.write(to_tables(doc))
        self._next_id = doc.meta.next_id
        self.doc = doc
        self.changed = True

    def _update(self, name: str, value: Any) -> None:
        self.doc = self.doc.model_copy(update={name: value})
        self.changed = True

    def finish(self, revision: int, schema_version: int) -> tuple[Document, Tables]:
        """Check the whole document and stamp the new revision; raise StoreError if invalid."""
        self.set(Meta(schema_version=schema_version, revision=revision, next_id=self._next_id))
        problems = list(reference_problems(self.doc))
        if problems:
            raise StoreError("; ".join(problems[:3]))
        return self.doc, self.tables


class Store:
    """The document in memory, backed by one file shared safely between processes."""

    def __init__(self, path: Path, clock: Clock = datetime.now) -> None:
        self.path = path
        self.clock = clock
        self.read_only: str | None = None
        self.warnings: list[str] = []
        self._doc = Document()
        self._tables = to_tables(self._doc)
        self._signature: storage.Signature | None = None
        self._migrated_from: int | None = None
        self._listeners: list[Callable[[Document], None]] = []

    @classmethod
    def open(cls, path: Path, clock: Clock = datetime.now) -> Store:
        """Load the file at `path` (which need not exist yet)."""
        store = cls(path, clock)
        store._load()
        store.warnings = storage.permission_warnings(path)
        if store.read_only:
            store.warnings.append(store.read_only)
        return store

    @property
    def document(self) -> Document:
        """The current validated document; replaced, never mutated, on every change."""
        return self._doc

    @property
    def revision(self) -> int:
        """The change counter stored in the file."""
        return self._doc.meta.revision

    def subscribe(self, listener: Callable[[Document], None]) -> None:
        """Call `listener` with each new document, from this process or another."""
        self._listeners.append(listener)

    def refresh(self) -> bool:
        """Reload if another process changed the file (a cheap stat); True if it did."""
        if storage.signature(self.path) == self._signature:
            return False
        before = self.revision
        self._load()
        if self.revision != before:
            self._announce()
            return True
        return False

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Apply the changes made in the block as one atomic, durable write."""
        if self.read_only:
            raise ReadOnlyError(self.read_only)
        storage.ensure_folder(self.path.parent)
        with storage.exclusive_lock(self.path):
            if storage.signature(self.path) != self._signature:
                self._load()
            tx = Transaction(self._doc, self._tables, self.clock())
            yield tx
            if not tx.changed:
                return
            doc, tables = tx.finish(self.revision + 1, SCHEMA_VERSION)
            self._write(tables)
            self._doc, self._tables = doc, tables
        self._announce()

    def replace_document(self, doc: Document) -> None:
        """Write a whole new document (import, demo), keeping the revision counting up."""
        with self.transaction() as tx:
            tx.replace_all(doc)

    def _write(self, tables: Tables) -> None:
        today = self.clock().date()
        if self._migrated_from is not None:
            storage.back_up(self.path, today, tag=f"v{self._migrated_from}")
        storage.back_up(self.path, today)
        storage.write_atomic(self.path, encode(tables))
        self._signature = storage.signature(self.path)
        self._migrated_from = None

    def _load(self) -> None:
        signature = storage.signature(self.path)
        data = storage.read_bytes(self.path)
        if data is None:
            self._doc, self._tables, self._signature = Document(), to_tables(Document()), None
            return
        tables = self._parse(data)
        self._doc = self._validate(tables)
        self._tables, self._signature = tables, signature

    def _parse(self, data: bytes) -> Tables:
        try:
            tables = orjson.loads(data)
        except orjson.JSONDecodeError as error:
            raise self._corrupt(f"not valid JSON ({error})") from None
        version = _schema_version(tables)
        if version is None:
            raise self._corrupt("there is no meta record with a schema_version")
        self.read_only = None
        if version > SCHEMA_VERSION:
            self.read_only = (
                f"{self.path} was written by a newer careerdash (schema version {version},"
                f" this one reads up to {SCHEMA_VERSION}); it is shown read-only"
            )
        elif version < SCHEMA_VERSION:
            try:
                tables = migrate(tables, version, SCHEMA_VERSION)
            except (KeyError, TypeError, ValueError) as error:
                raise self._corrupt(f"cannot upgrade from schema version {version}: {error}") from None
            self._migrated_from = version
        return tables

    def _validate(self, tables: Tables) -> Document:
        try:
            return from_tables(tables)
        except (ValidationError, ValueError) as error:
            what = describe(error) if isinstance(error, ValidationError) else str(error)
            raise self._corrupt(f"{self.read_only}; {what}" if self.read_only else what) from None

    def _corrupt(self, what: str) -> CorruptFile:
        newest = storage.backups(self.path)
        hint = f"; the newest backup is {newest[-1]}" if newest else "; there is no backup yet"
        return CorruptFile(f"{self.path} cannot be used: {what}. It was not changed{hint}")

    def _announce(self) -> None:
        for listener in self._listeners:
            listener(self._doc)


def _schema_version(tables: Any) -> int | None:
    try:
        version = tables["meta"]["1"]["schema_version"]
    except (TypeError, KeyError):
        return None
    return version if isinstance(version, int) and version >= 1 else None
