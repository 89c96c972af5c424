"""The store: the only way the document is read from or written to its file.

The file is a TinyDB JSON document (a table per entity, records keyed by their own id).
It is kept in memory; every change is one transaction under an exclusive lock that
reloads the file if another process changed it, validates, and writes atomically.
"""

from __future__ import annotations

import gc
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import cache
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document as TinyDocument
from tinydb.table import Table

from tui.domain.document import RECORD_TABLES, SINGLE_TABLES, Document, reference_problems
from tui.domain.errors import describe
from tui.domain.models import SCHEMA_VERSION, Meta, Model, Record
from tui.store import storage
from tui.store.errors import CorruptFile, NotFound, ReadOnlyError, StoreError
from tui.store.lenient import known_only
from tui.store.migrations import Tables, migrate
from tui.store.peek import FILE_ORDER

Clock = Callable[[], datetime]
_TABLE_OF: dict[type[Record], str] = {kind: name for name, kind in RECORD_TABLES.items()}
_SINGLE_OF: dict[type[Model], str] = {kind: name for name, kind in SINGLE_TABLES.items()}
_PROMPT_SWITCH_SECONDS = 0.0001  # while a write overlaps the redraw (see _prompt_switches)


class _MemoryStorage(Storage):
    """TinyDB storage over one transaction's view of the tables in memory.

    The tables are shared with the committed document; a table is copied the first time
    the transaction changes it (once, however many records change), so the committed
    tables are never touched and a failed transaction leaves nothing behind.
    """

    def __init__(self, tables: Tables) -> None:
        self.tables = dict(tables)
        self._own: set[str] = set()

    def read(self) -> Tables:
        return self.tables

    def write(self, data: Tables) -> None:
        self.tables = data

    def writable(self, name: str) -> dict[str, Any]:
        """The transaction's own copy of table `name`, made on first use."""
        if name not in self._own:
            self.tables[name] = dict(self.tables.get(name, {}))
            self._own.add(name)
        return self.tables[name]


class _IntIds(MutableMapping[int, Any]):
    """A table with the file's string ids, seen with TinyDB's int ids."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def __getitem__(self, key: int) -> Any:
        return self.raw[str(key)]

    def __setitem__(self, key: int, value: Any) -> None:
        self.raw[str(key)] = value

    def __delitem__(self, key: int) -> None:
        del self.raw[str(key)]

    def __contains__(self, key: object) -> bool:
        return str(key) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in self.raw)

    def __len__(self) -> int:
        return len(self.raw)


class _Table(Table):
    """A TinyDB table that changes the transaction's copy of its records in place.

    TinyDB's own update rebuilds the whole table twice per operation (string ids to int
    and back), which made every change cost in proportion to the plan's size.
    """

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        storage = self._storage
        assert isinstance(storage, _MemoryStorage)
        updater(_IntIds(storage.writable(self.name)))  # type: ignore[arg-type]
        self.clear_cache()


class _Database(TinyDB):
    table_class = _Table


def to_tables(doc: Document) -> Tables:
    """The document in its file layout: {table: {id: record}}."""
    tables: Tables = {name: {"1": getattr(doc, name).model_dump(mode="json")}
                      for name in SINGLE_TABLES}
    for name in RECORD_TABLES:
        tables[name] = {str(i): r.model_dump(mode="json") for i, r in getattr(doc, name).items()}
    return tables


def from_tables(tables: Any) -> Document:
    """Validate tables read from a file into a Document (raises ValueError or ValidationError)."""
    if not isinstance(tables, dict):
        raise ValueError("the top level must be an object of tables, each an object")
    for name, table in tables.items():
        if not isinstance(table, dict):
            kind = "an array" if isinstance(table, list) else orjson.dumps(table).decode()[:40]
            raise ValueError(f"{name}: is {kind}, where the top level must be an object of"
                             " tables, each an object")
    if "1" not in tables.get("meta", {}):
        raise ValueError("there is no meta record (meta.1)")
    fields = {name: (table.get("1", {}) if name in SINGLE_TABLES else table)
              for name, table in tables.items()}
    return Document.model_validate(fields)


def parse_tables(data: bytes) -> tuple[Tables, int]:
    """A data file's tables and schema version, as the store reads them (else ValueError)."""
    try:
        tables = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise ValueError(not_json(data, error)) from None
    twice = given_twice(data, tables)
    if twice is not None:
        raise ValueError(f"{twice}: is in the file twice (a record pasted twice?); JSON keeps"
                         " only the last, so give the other its own id")
    version = _schema_version(tables)
    if version is None:
        raise ValueError(_no_version(tables))
    return tables, version


def not_json(data: bytes, error: orjson.JSONDecodeError) -> str:
    """Where and why `data` is not JSON, for a person who edited the file by hand."""
    if not data.strip():
        return "not valid JSON: the file is empty" + (" (only blank space)" if data else "")
    try:
        data.decode()
    except UnicodeDecodeError as bad:
        before = data[: bad.start].decode(errors="replace")
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        return (f"line {line}, column {column}: not valid JSON: byte 0x{data[bad.start]:02x}"
                " is not UTF-8 text")
    cut = ", so the file looks cut short" if error.msg == "unexpected end of data" else ""
    return f"line {error.lineno}, column {error.colno}: not valid JSON: {error.msg}{cut}"


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys it was given more than once."""

    twice: list[str]


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    found = _Object(pairs)
    seen: set[str] = set()
    found.twice = [] if len(found) == len(pairs) else [
        key for key, _ in pairs if key in seen or seen.add(key)]
    return found


def given_twice(data: bytes, tables: Any) -> str | None:
    """The path of a record whose key is in one table twice, which any JSON reader would
    silently drop but for the last; None when there is none.

    Checked only when the file holds more "id" keys than records: the careful read is
    slower, and a file careerdash wrote never needs it.
    """
    if not isinstance(tables, dict):
        return None
    records = sum(len(t) for name, t in tables.items()
                  if isinstance(t, dict) and name not in SINGLE_TABLES)
    if data.count(b'"id"') <= records:
        return None
    try:
        careful = json.loads(data, object_pairs_hook=_object)
    except ValueError:
        return None
    for name, table in careful.items():
        if isinstance(table, _Object) and table.twice:
            return f"{name}.{table.twice[0]}"
    return None


def _no_version(tables: Any) -> str:
    """What is wrong where the schema version should be."""
    if not isinstance(tables, dict):
        kind = "an array" if isinstance(tables, list) else f"a {type(tables).__name__}"
        return f"the top level is {kind}, not an object of tables: there is no meta record"
    meta = tables.get("meta")
    if not isinstance(meta, dict) or not isinstance(meta.get("1"), dict):
        return "meta.1: there is no meta record (it holds the schema_version)"
    if "schema_version" not in meta["1"]:
        return "meta.1.schema_version: is missing"
    version = orjson.dumps(meta["1"]["schema_version"]).decode()
    return f"meta.1.schema_version: {version} is not a schema version (a whole number from 1)"


def upgrade(tables: Tables, version: int) -> Tables:
    """`tables` of an older schema `version` migrated to this one (else ValueError)."""
    try:
        return migrate(tables, version, SCHEMA_VERSION)
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"cannot upgrade from schema version {version}: {error}") from None


def encode(tables: Tables) -> bytes:
    """The file's bytes: indented JSON, so a person can read and diff it. `meta` and
    `settings` come first, where the opening frame glances for the theme."""
    first = {name: tables[name] for name in FILE_ORDER if name in tables}
    return orjson.dumps(first | tables, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


class Transaction:
    """One change to the document: typed puts and removes, committed all at once."""

    def __init__(self, doc: Document, tables: Tables, now: datetime) -> None:
        self.base = doc  # the document the change starts from, for undo
        self.doc = doc
        self.now = now
        self._db = _Database(storage=lambda: _MemoryStorage(tables))
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
        self.put_all([record])

    def put_all(self, records: list[Record]) -> None:
        """Insert or replace several records of one kind, in two TinyDB operations."""
        if not records:
            return
        name = _TABLE_OF[type(records[0])]
        if any(_TABLE_OF[type(r)] != name for r in records):
            raise TypeError("put_all takes records of one kind")
        table, current = self._db.table(name), getattr(self.doc, name)
        existing = [r.id for r in records if r.id in current]
        if existing:  # replaced whole: TinyDB's update would change the shared record dicts
            table.remove(doc_ids=existing)
        table.insert_multiple(TinyDocument(r.model_dump(mode="json"), doc_id=r.id)
                              for r in records)
        self._update(name, {**current, **{r.id: r for r in records}})

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
        # Puts store every record under its own id, so only the references need checking.
        problems = list(reference_problems(self.doc, keys=False))
        if problems:
            raise StoreError("; ".join(problems[:3]))
        return self.doc, self.tables


class Store:
    """The document in memory, backed by one file shared safely between processes."""

    def __init__(self, path: Path, clock: Clock = datetime.now) -> None:
        # A data file that is a symlink (into a synced or dotfiles folder, say) is read and
        # written where it points, with its lock and backups there: replacing the link
        # itself would leave the file it points to behind, silently out of date.
        self.path = Path(os.path.realpath(path)) if os.path.islink(path) else path
        self.clock = clock
        self.read_only: str | None = None
        self.warnings: list[str] = []
        self._doc = Document()
        self._tables = to_tables(self._doc)
        self._signature: storage.Signature | None = None
        self._migrated_from: int | None = None
        self._listeners: list[Callable[[Document], None]] = []
        # Told who holds the lock when a change has waited half a second for it.
        self.lock_waiting: Callable[[str], None] | None = None

    @classmethod
    def open(cls, path: Path, clock: Clock = datetime.now) -> Store:
        """Load the file at `path` (which need not exist yet)."""
        store = cls(path, clock)
        store._load()
        store.warnings = storage.permission_warnings(store.path)  # where a link points
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

    def lock_holder(self) -> str | None:
        """Who holds the file's lock at this moment ("pid N on host H"), or None."""
        return storage.lock_holder(self.path)

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
        with storage.exclusive_lock(self.path, waiting=self.lock_waiting):
            if storage.signature(self.path) != self._signature:
                self._load()
            tx = Transaction(self._doc, self._tables, self.clock())
            yield tx
            if not tx.changed:
                return
            doc, tables = tx.finish(self.revision + 1, SCHEMA_VERSION)
            self._commit(doc, tables)

    def _commit(self, doc: Document, tables: Tables) -> None:
        """Write the new document durably and announce it.

        The file is written and fsynced on a worker thread while the listeners (the
        screens) read the new document, so the two overlap; this returns only once the
        file is durable, so nothing reaches the terminal before that. If the write fails,
        the listeners are given the old document back and the error is raised.
        """
        storage.check_writable(self.path)  # before a backup is made of a change refused
        storage.remove_stale_temps(self.path)  # what killed writers left; we hold the lock
        today = self.clock().date()
        if self._migrated_from is not None:
            storage.back_up(self.path, today, tag=f"v{self._migrated_from}")
        storage.back_up(self.path, today)
        data = encode(tables)
        with _prompt_switches():
            writing = _writer().submit(storage.write_atomic, self.path, data)
            before = self._doc, self._tables
            self._doc, self._tables = doc, tables
            try:
                self._announce()
            finally:
                try:
                    writing.result()
                except StoreError:
                    self._doc, self._tables = before
                    self._announce()
                    raise
        self._signature = storage.signature(self.path)
        self._migrated_from = None

    def keep_copy(self, tag: str) -> Path | None:
        """Copy the file as it is into its backups, tagged, before a change replaces it
        (the daily backup may predate today's changes); call inside the transaction."""
        return storage.back_up(self.path, self.clock().date(), tag=f"{tag}-r{self.revision}")

    def replace_document(self, doc: Document) -> None:
        """Write a whole new document (import, demo), keeping the revision counting up."""
        with self.transaction() as tx:
            tx.replace_all(doc)

    def _load(self) -> None:
        signature = storage.signature(self.path)
        data = storage.read_bytes(self.path)
        if data is None:
            self._doc, self._tables, self._signature = Document(), to_tables(Document()), None
            return
        with _collector_paused():
            tables = self._parse(data)
            self._doc = self._validate(tables)
        if self._migrated_from is not None:  # the first write is wholly in this version's shape
            tables = to_tables(self._doc)
        self._tables, self._signature = tables, signature

    def _parse(self, data: bytes) -> Tables:
        try:
            tables, version = parse_tables(data)
        except ValueError as error:
            raise self._corrupt(str(error)) from None
        self.read_only = None
        self._migrated_from = None  # another session may have migrated it since
        if version > SCHEMA_VERSION:
            self.read_only = (
                f"{self.path} was written by a newer careerdash (schema version {version},"
                f" this one reads up to {SCHEMA_VERSION}); it is shown read-only"
            )
        elif version < SCHEMA_VERSION:
            try:
                tables = upgrade(tables, version)
            except ValueError as error:
                raise self._corrupt(str(error)) from None
            self._migrated_from = version
        return tables

    def _validate(self, tables: Tables) -> Document:
        try:
            # A newer file may hold what this version has no model for; it is read-only.
            return from_tables(known_only(tables) if self.read_only else tables)
        except (ValidationError, ValueError) as error:
            what = describe(error) if isinstance(error, ValidationError) else str(error)
            if self.read_only:
                what = (f"it is from a newer careerdash (schema version {_schema_version(tables)}),"
                        f" and what this version can read of it is not valid: {what}")
            raise self._corrupt(what) from None

    def _corrupt(self, what: str) -> CorruptFile:
        newest = max(storage.backups(self.path), key=made_when, default=None)
        hint = f"; the newest backup is {newest}" if newest else "; there is no backup yet"
        return CorruptFile(f"{self.path} cannot be used: {what}. It was not changed{hint}",
                           self.path)

    def _announce(self) -> None:
        for listener in self._listeners:
            listener(self._doc)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Keep the cyclic garbage collector out of a load: it creates hundreds of thousands of
    objects and no garbage cycles, and each full collection walked them all again (at
    50,000 steps the collector doubled the load time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _prompt_switches() -> Iterator[None]:
    """Let the writer thread back in promptly while the screens redraw. It needs the
    interpreter for a moment after each system call (open, write, fsync, rename, fsync of
    the folder); at the default switch interval it waited up to 5 ms each time, so the
    file was durable only well after the redraw instead of alongside it."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, _PROMPT_SWITCH_SECONDS))
    try:
        yield
    finally:
        sys.setswitchinterval(interval)


@cache
def _writer() -> ThreadPoolExecutor:
    """The one thread that writes files (fsync releases the interpreter meanwhile)."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="careerdash-write")


def made_when(backup: Path) -> tuple[str, int]:
    """When a backup was made, to order them: the day in its name, then (for several
    made on one day: the daily one, before an import, a migration …) its modification."""
    day = re.search(r"\.(\d{4}-\d{2}-\d{2})(\.[^.]+)?\.json$", backup.name)
    try:
        modified = backup.stat().st_mtime_ns
    except OSError:
        modified = 0
    return (day[1] if day else "", modified)


def _schema_version(tables: Any) -> int | None:
    try:
        version = tables["meta"]["1"]["schema_version"]
    except (TypeError, KeyError):
        return None
    return version if isinstance(version, int) and version >= 1 else None
