"""The store: round trips, transactions, corrupt and newer files, migrations, backups, the lock."""

from __future__ import annotations

import errno
import functools
import os
import socket
import stat
import subprocess
import sys
import time
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.actions import add_step, complete_step
from tui.domain.demo import demo_document
from tui.domain.document import Document
from tui.domain.models import SCHEMA_VERSION, Goal, Priority, Step, Vision
from tui.store import CorruptFile, LockTimeout, ReadOnlyError, Store, StoreError, storage
from tui.store import migrations
from tui.store.lenient import known_only
from tui.store import store as store_module
from tui.store.store import to_tables

START = datetime(2026, 11, 23, 9, 0)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "store" / "careerdash.json"


def add_goal(tx: Any, title: str = "Senior engineer") -> Goal:
    goal = Goal(id=tx.new_id(), title=title, start=tx.now.date(), created_at=tx.now)
    tx.put(goal)
    return goal


def seed(path: Path, clock: Callable[[], datetime] = Clock()) -> Store:
    """A store with a goal (id 1) and two steps (ids 2 and 3), written in one transaction."""
    store = Store.open(path, clock)
    with store.transaction() as tx:
        goal = add_goal(tx)
        add_step(tx, "Write the RFC", goal_id=goal.id, due=date(2026, 11, 30),
                 priority=Priority.HIGH, notes="two pages\nmax")
        add_step(tx, "Book the exam")
    return store


def titles(store: Store) -> list[str]:
    return [store.document.steps[i].title for i in sorted(store.document.steps)]


def folder_state(folder: Path, lock: bool = True) -> dict[str, tuple[bytes | None, int]]:
    """Every file under `folder` with its bytes and mtime, to prove nothing was touched.

    A transaction stamps its pid into the lock file even when it changes nothing, so
    `lock=False` leaves the lock file out.
    """
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if lock or not p.name.endswith(".lock")
    }


# --- round trips ------------------------------------------------------------------------


def test_a_document_reopens_equal(path: Path) -> None:
    store = seed(path)
    with store.transaction() as tx:
        tx.set(Vision(statement="Staff engineer", impact="[b]teams[/b] ship safely"))
        complete_step(tx, 3)
    reopened = Store.open(path)
    assert reopened.document == store.document
    assert reopened.revision == 2
    assert reopened.document.steps[2].notes == "two pages\nmax"
    assert reopened.document.steps[3].done_at == START
    assert reopened.document.vision.impact == "[b]teams[/b] ship safely"


SPICE = st.sampled_from([
    "[bold]", "[/bold]", "[@click=app.quit]", "\x1b[2J", "\x1b]0;title\x07", "\x00", "\x9b",
    "\x7f", "\r\n", "\t", "🚀", "👩‍💻", "e\u0301", "\u202e", "\ufeff", "\\", '"', "{}", " ",
])
TITLE = (st.lists(st.one_of(st.text(max_size=12), SPICE), min_size=1, max_size=6)
         .map("".join).filter(lambda text: bool(text.strip())))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(step_titles=st.lists(TITLE, min_size=1, max_size=6))
def test_any_step_titles_reopen_identical(
    tmp_path_factory: pytest.TempPathFactory, step_titles: list[str]
) -> None:
    path = tmp_path_factory.mktemp("titles") / "careerdash.json"
    store = Store.open(path, Clock())
    for title in step_titles:
        with store.transaction() as tx:
            add_step(tx, title)
    reopened = Store.open(path)
    assert titles(reopened) == step_titles
    assert reopened.document == store.document
    assert reopened.revision == len(step_titles)


# --- transactions -----------------------------------------------------------------------


def test_the_revision_counts_transactions_not_records(path: Path) -> None:
    store = Store.open(path, Clock())
    assert store.revision == 0
    with store.transaction() as tx:
        for title in ("a", "b", "c"):
            add_step(tx, title)
    assert store.revision == 1
    with store.transaction() as tx:
        add_step(tx, "d")
    assert store.revision == 2
    assert Store.open(path).revision == 2


def test_a_transaction_without_change_writes_nothing(path: Path) -> None:
    store = seed(path)
    before = folder_state(path.parent, lock=False)
    announced: list[Document] = []
    store.subscribe(announced.append)
    with store.transaction() as tx:
        tx.get(Step, 2)
    with store.transaction():
        pass
    assert store.revision == 1
    assert announced == []
    assert folder_state(path.parent, lock=False) == before


def test_an_exception_inside_a_transaction_changes_nothing(path: Path) -> None:
    store = seed(path)
    doc = store.document
    data = path.read_bytes()
    with pytest.raises(RuntimeError, match="boom"):
        with store.transaction() as tx:
            add_step(tx, "half done")
            complete_step(tx, 2)
            raise RuntimeError("boom")
    assert store.document == doc
    assert store.revision == 1
    assert path.read_bytes() == data
    assert Store.open(path).document == doc


def test_an_invalid_document_is_never_written(path: Path) -> None:
    store = seed(path)
    doc, data = store.document, path.read_bytes()
    with pytest.raises(StoreError, match="goal 42"):
        with store.transaction() as tx:
            tx.put(Step(id=tx.new_id(), title="orphan", goal_id=42, created_at=tx.now))
    assert store.document == doc
    assert path.read_bytes() == data


def test_two_stores_on_one_file_keep_ids_unique_and_stable(path: Path) -> None:
    first, second = Store.open(path, Clock()), Store.open(path, Clock())
    written: dict[int, str] = {}
    for round_ in range(12):
        store = (first, second)[round_ % 2]
        with store.transaction() as tx:
            # the other store wrote since this one last looked: the transaction reloaded
            assert {i: s.title for i, s in tx.doc.steps.items()} == written
            step = add_step(tx, f"step {round_}")
        written[step.id] = step.title
    assert len(written) == 12
    reopened = Store.open(path)
    assert {i: s.title for i, s in reopened.document.steps.items()} == written
    assert reopened.revision == 12
    assert first.refresh() is True
    assert first.document == second.document == reopened.document


def test_reading_never_writes(path: Path) -> None:
    seed(path)
    before = folder_state(path.parent)
    store = Store.open(path)
    assert store.refresh() is False
    assert len(store.document.steps) == 2
    assert Store.open(path).refresh() is False
    assert folder_state(path.parent) == before


def test_opening_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "careerdash.json"
    store = Store.open(path)
    assert store.document == Document()
    assert store.refresh() is False
    assert not path.parent.exists()


def test_refresh_sees_another_writer_and_tells_subscribers(path: Path) -> None:
    watcher = seed(path)
    announced: list[Document] = []
    watcher.subscribe(announced.append)
    writer = Store.open(path)
    with writer.transaction() as tx:
        add_step(tx, "from elsewhere")
    assert watcher.refresh() is True
    assert len(announced) == 1
    assert "from elsewhere" in [s.title for s in announced[0].steps.values()]
    assert watcher.document == writer.document
    assert watcher.refresh() is False
    assert len(announced) == 1


# --- permissions ------------------------------------------------------------------------


@pytest.fixture
def no_umask() -> Iterator[None]:
    """Let the code alone decide file modes."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("no_umask")
def test_new_files_and_folders_are_private(tmp_path: Path) -> None:
    path = tmp_path / "new" / "careerdash" / "careerdash.json"
    clock = Clock()
    store = Store.open(path, clock)
    for _ in range(2):  # the second write makes the day's backup
        with store.transaction() as tx:
            add_step(tx, "private")
    assert mode(path.parent) == 0o700
    assert mode(path) == 0o600
    assert mode(storage.lock_path(path)) == 0o600
    [backup] = storage.backups(path)
    assert mode(backup.parent) == 0o700
    assert mode(backup) == 0o600
    assert Store.open(path).warnings == []


def test_a_file_others_can_read_draws_a_warning(path: Path) -> None:
    seed(path)
    path.chmod(0o644)
    [warning] = Store.open(path).warnings
    assert str(path) in warning
    assert "0644" in warning
    assert f"chmod 600 {path}" in warning


def test_a_folder_others_can_change_draws_a_warning(path: Path) -> None:
    seed(path)
    path.parent.chmod(0o777)
    [warning] = storage.permission_warnings(path)
    assert str(path.parent) in warning
    assert f"chmod 700 {path.parent}" in warning
    assert Store.open(path).warnings == [warning]


# --- files that cannot be used ----------------------------------------------------------


def _tables(data: bytes) -> dict[str, Any]:
    return orjson.loads(data)


def _dump(tables: Any) -> bytes:
    return orjson.dumps(tables)


def _without_meta(data: bytes) -> bytes:
    tables = _tables(data)
    del tables["meta"]
    return _dump(tables)


def _steps_as_list(data: bytes) -> bytes:
    tables = _tables(data)
    tables["steps"] = list(tables["steps"].values())
    return _dump(tables)


def _missing_goal(data: bytes) -> bytes:
    tables = _tables(data)
    tables["steps"]["2"]["goal_id"] = 42
    return _dump(tables)


def _duplicate_id(data: bytes) -> bytes:
    tables = _tables(data)
    tables["steps"]["1"] = {**tables["steps"]["2"], "id": 1}  # goal 1 already has id 1
    return _dump(tables)


def _bad_date(data: bytes) -> bytes:
    tables = _tables(data)
    tables["steps"]["2"]["due"] = "someday"
    return _dump(tables)


CORRUPTIONS: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "truncated": (lambda data: data[: len(data) // 2], "not valid JSON"),
    "empty": (lambda data: b"", "not valid JSON"),
    "garbage": (lambda data: bytes(range(256)) * 3, "not valid JSON"),
    "a list": (lambda data: b"[]", "no meta record"),
    "an empty object": (lambda data: b"{}", "no meta record"),
    "meta missing": (_without_meta, "no meta record"),
    "a table that is a list": (_steps_as_list, "each an object"),
    "a step pointing to a missing goal": (_missing_goal, "points to goal 42"),
    "a duplicated id": (_duplicate_id, "id 1 is used twice"),
    "a date that is not one": (_bad_date, "steps.2.due"),
}


@pytest.mark.parametrize("corruption", CORRUPTIONS, ids=str)
def test_a_corrupt_file_is_named_explained_and_never_overwritten(
    path: Path, corruption: str
) -> None:
    seed(path)
    damage, what = CORRUPTIONS[corruption]
    path.write_bytes(damage(path.read_bytes()))
    before = folder_state(path.parent, lock=False)

    with pytest.raises(CorruptFile) as raised:
        Store.open(path)
    message = str(raised.value)
    assert str(path) in message
    assert what in message

    with pytest.raises(CorruptFile):  # a store that never loaded it tries to write
        with Store(path).transaction() as tx:
            add_step(tx, "must not land")
    assert folder_state(path.parent, lock=False) == before


def test_a_file_corrupted_under_an_open_store_is_not_overwritten(path: Path) -> None:
    store = seed(path)
    doc = store.document
    path.write_bytes(path.read_bytes()[:-40])
    damaged = path.read_bytes()
    with pytest.raises(CorruptFile, match="not valid JSON"):
        with store.transaction() as tx:
            add_step(tx, "must not land")
    assert path.read_bytes() == damaged
    assert store.document == doc


def test_a_corrupt_file_message_names_the_newest_backup(path: Path) -> None:
    clock = Clock()
    store = seed(path, clock)
    for day in range(1, 3):
        clock.now = START + timedelta(days=day)
        with store.transaction() as tx:
            add_step(tx, f"day {day}")
    newest = storage.backups(path)[-1]
    assert "2026-11-25" in newest.name
    path.write_bytes(b"{")
    with pytest.raises(CorruptFile) as raised:
        Store.open(path)
    assert str(newest) in str(raised.value)


# --- versions ---------------------------------------------------------------------------


def _with_version(path: Path, version: int, **extra_tables: Any) -> bytes:
    tables = _tables(path.read_bytes())
    tables["meta"]["1"]["schema_version"] = version
    tables.update(extra_tables)
    data = _dump(tables)
    path.write_bytes(data)
    return data


def test_a_newer_file_opens_read_only_and_is_never_written(path: Path) -> None:
    seed(path)
    data = _with_version(path, 99)
    store = Store.open(path)
    assert store.read_only and "99" in store.read_only
    assert any("newer" in warning for warning in store.warnings)
    assert titles(store) == ["Write the RFC", "Book the exam"]
    with pytest.raises(ReadOnlyError):
        with store.transaction() as tx:
            add_step(tx, "must not land")
    with pytest.raises(ReadOnlyError):
        store.replace_document(Document())
    assert path.read_bytes() == data


def test_a_newer_file_with_new_fields_still_opens_read_only(path: Path) -> None:
    seed(path)
    tables = _tables(path.read_bytes())
    for step in tables["steps"].values():  # new fields at the top and inside a record
        step["colour"] = "teal"
        step["resources"]["room"] = "B12"
    path.write_bytes(orjson.dumps(tables))
    data = _with_version(path, NEXT, badges={"9": {"id": 9, "name": "first"}})
    store = Store.open(path)
    assert store.read_only
    assert titles(store) == ["Write the RFC", "Book the exam"]
    assert path.read_bytes() == data


NEXT = SCHEMA_VERSION + 1


@pytest.fixture
def upgrade(monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[dict[str, Any]]]:
    """Pretend, from the call on, that careerdash writes the next schema version."""

    def apply() -> list[dict[str, Any]]:
        seen: list[dict[str, Any]] = []

        def to_next(tables: dict[str, Any]) -> dict[str, Any]:
            seen.append(tables)
            tables["vision"]["1"]["statement"] = "migrated"
            return tables

        monkeypatch.setattr(store_module, "SCHEMA_VERSION", NEXT)
        monkeypatch.setitem(migrations.MIGRATIONS, SCHEMA_VERSION, to_next)
        return seen

    return apply


def test_an_older_file_is_migrated_on_the_first_write_after_a_backup(
    path: Path, upgrade: Callable[[], list[dict[str, Any]]]
) -> None:
    assert seed(path).document.meta.schema_version == SCHEMA_VERSION
    old_bytes = path.read_bytes()
    upgraded = upgrade()

    store = Store.open(path, Clock())
    assert len(upgraded) == 1
    assert store.document.vision.statement == "migrated"
    assert store.document.meta.schema_version == NEXT
    assert path.read_bytes() == old_bytes  # reading alone does not migrate the file
    assert storage.backups(path) == []

    with store.transaction() as tx:
        add_step(tx, "after the upgrade")
    tagged = [b for b in storage.backups(path) if f".v{SCHEMA_VERSION}." in b.name]
    assert len(tagged) == 1
    assert tagged[0].read_bytes() == old_bytes
    on_disk = _tables(path.read_bytes())
    assert on_disk["meta"]["1"]["schema_version"] == NEXT
    assert on_disk["vision"]["1"]["statement"] == "migrated"

    with store.transaction() as tx:
        add_step(tx, "no second migration backup")
    assert [b for b in storage.backups(path) if f".v{SCHEMA_VERSION}." in b.name] == tagged
    assert len(upgraded) == 1


def test_a_version_1_file_gains_empty_skill_links_after_a_tagged_backup(path: Path) -> None:
    seed(path)
    tables = _tables(path.read_bytes())
    tables["meta"]["1"]["schema_version"] = 1
    for goal in tables["goals"].values():
        del goal["skill_ids"]
    path.write_bytes(orjson.dumps(tables))
    v1_bytes = path.read_bytes()

    store = Store.open(path, Clock())
    assert all(goal.skill_ids == [] for goal in store.document.goals.values())
    with store.transaction() as tx:
        add_step(tx, "after the upgrade")
    assert [b.read_bytes() for b in storage.backups(path) if ".v1." in b.name] == [v1_bytes]
    assert _tables(path.read_bytes())["meta"]["1"]["schema_version"] == SCHEMA_VERSION


def test_a_version_2_estimate_in_words_becomes_hours(path: Path) -> None:
    seed(path)
    tables = _tables(path.read_bytes())
    tables["meta"]["1"]["schema_version"] = 2
    steps = list(tables["steps"].values())
    for step, estimate in zip(steps, ["2.5h", "a while"], strict=True):
        step["resources"]["estimate"] = estimate
        step["estimate_hours"] = None
    path.write_bytes(orjson.dumps(tables))

    store = Store.open(path, Clock())
    hours = [store.document.steps[int(key)].estimate_hours for key in tables["steps"]]
    assert hours == [2.5, None]
    with store.transaction() as tx:
        add_step(tx, "after the upgrade")
    on_disk = _tables(path.read_bytes())
    assert all("estimate" not in s["resources"] for s in on_disk["steps"].values())
    assert on_disk["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 4


def test_an_older_file_a_migration_cannot_handle_is_reported_as_corrupt(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def to_next(tables: dict[str, Any]) -> dict[str, Any]:
        tables["settings"]["1"]["review_day"] = tables["settings"]["1"].pop("old_review_day")
        return tables

    seed(path)
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", NEXT)
    monkeypatch.setitem(migrations.MIGRATIONS, SCHEMA_VERSION, to_next)
    data = path.read_bytes()
    with pytest.raises(CorruptFile) as raised:
        Store.open(path)
    assert str(path) in str(raised.value)
    assert path.read_bytes() == data


# --- backups ----------------------------------------------------------------------------


def test_a_backup_is_made_on_the_first_write_of_each_day_and_14_are_kept(path: Path) -> None:
    clock = Clock()
    store = Store.open(path, clock)
    expected: dict[str, bytes] = {}
    for day in range(20):
        clock.now = START + timedelta(days=day)
        name = f"careerdash.{clock.now.date().isoformat()}.json"
        for write in range(3):
            before = path.read_bytes() if path.exists() else None
            with store.transaction() as tx:
                add_step(tx, f"day {day} write {write}")
            if before is not None and name not in expected:
                expected[name] = before  # the first write of the day with a file to copy
        kept = storage.backups(path)
        assert kept[-1].name == name
        assert len(kept) == min(day + 1, storage.BACKUPS_KEPT)
        for backup in kept:
            assert backup.read_bytes() == expected[backup.name]
    days = [(START + timedelta(days=d)).date().isoformat() for d in range(6, 20)]
    assert [b.name for b in storage.backups(path)] == [f"careerdash.{d}.json" for d in days]


def test_two_data_files_in_one_folder_keep_their_own_backups(tmp_path: Path) -> None:
    clock = Clock()
    plan, side = tmp_path / "plan.json", tmp_path / "plan.side.json"
    stores = [Store.open(plan, clock), Store.open(side, clock)]
    for day in range(16):
        clock.now = START + timedelta(days=day)
        for store in stores:
            for _ in range(2):
                with store.transaction() as tx:
                    add_step(tx, "x")
    assert len(storage.backups(side)) == storage.BACKUPS_KEPT
    own = [b for b in storage.backups(plan) if not b.name.startswith("plan.side.")]
    assert len(own) == storage.BACKUPS_KEPT


# --- atomic writes ----------------------------------------------------------------------


def test_write_atomic_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "atomic" / "careerdash.json"
    target.parent.mkdir()
    storage.write_atomic(target, b"first")
    storage.write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["careerdash.json"]


def test_write_atomic_never_follows_a_planted_symlink(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "careerdash.json"
    target.write_bytes(b"old")
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    fixed = types.SimpleNamespace(monotonic_ns=lambda: 12345)  # make the temp name predictable
    monkeypatch.setattr(storage, "time", fixed)
    planted = tmp_path / f".careerdash.json.{os.getpid()}.12345.tmp"
    planted.symlink_to(victim)
    with pytest.raises(StoreError, match="could not save"):
        storage.write_atomic(target, b"new")
    assert victim.read_bytes() == b"precious"
    assert target.read_bytes() == b"old"


def disk_full(*args: object) -> None:
    """What a write, fsync or rename raises when the disk has no room."""
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_leaves_the_old_file_and_no_temporary_file(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = seed(path)
    doc, data = store.document, path.read_bytes()

    monkeypatch.setattr(storage.os, "replace", disk_full)
    with pytest.raises(StoreError, match="disk is full"):
        with store.transaction() as tx:
            add_step(tx, "no room")
    monkeypatch.undo()
    assert path.read_bytes() == data
    assert store.document == doc
    assert not [p for p in path.parent.rglob("*") if p.name.endswith(".tmp")]
    with store.transaction() as tx:  # and the store still works once there is room
        add_step(tx, "room again")
    assert titles(Store.open(path))[-1] == "room again"


def test_threads_switch_promptly_only_while_a_write_overlaps_the_redraw(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = seed(path)
    interval, during = sys.getswitchinterval(), []
    store.subscribe(lambda _doc: during.append(sys.getswitchinterval()))
    with store.transaction() as tx:
        add_step(tx, "quick")
    assert during and during[0] < interval
    assert sys.getswitchinterval() == interval

    monkeypatch.setattr(storage.os, "replace", disk_full)
    with pytest.raises(StoreError, match="disk is full"):
        with store.transaction() as tx:
            add_step(tx, "no room")
    assert sys.getswitchinterval() == interval


# --- the lock ---------------------------------------------------------------------------

HOLDER = """
import sys
from pathlib import Path
from tui.store.storage import exclusive_lock
with exclusive_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    sys.stdin.readline()
"""


@contextmanager
def lock_held_elsewhere(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the file's lock until the test lets it go."""
    path.parent.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        yield holder
    finally:
        holder.kill()
        holder.wait()


def test_a_held_lock_times_out_naming_the_holder(path: Path) -> None:
    with lock_held_elsewhere(path) as holder:
        started = time.monotonic()
        with pytest.raises(LockTimeout) as raised:
            with storage.exclusive_lock(path, timeout=0.3):
                pytest.fail("the lock was taken twice")
        assert 0.3 <= time.monotonic() - started < 5
    assert str(holder.pid) in str(raised.value)
    assert str(storage.lock_path(path)) in str(raised.value)



def test_a_long_wait_names_the_holder_once_a_short_one_says_nothing(path: Path) -> None:
    told: list[str] = []
    with lock_held_elsewhere(path) as holder:
        assert storage.lock_holder(path) == f"pid {holder.pid} on host {socket.gethostname()}"
        with pytest.raises(LockTimeout):
            with storage.exclusive_lock(path, timeout=0.3, waiting=told.append):
                pytest.fail("the lock was taken twice")
        assert told == [], "under half a second: a change of a few milliseconds, unsaid"
        with pytest.raises(LockTimeout):
            with storage.exclusive_lock(path, timeout=0.9, waiting=told.append):
                pytest.fail("the lock was taken twice")
        assert told == [f"pid {holder.pid} on host {socket.gethostname()}"]
    assert storage.lock_holder(path) is None  # its holder gone, nobody holds it


def test_probing_the_lock_never_takes_it_from_a_writer(path: Path) -> None:
    path.parent.mkdir(parents=True)
    assert storage.lock_holder(path) is None  # no lock file yet
    with storage.exclusive_lock(path):
        assert storage.lock_holder(path) == f"pid {os.getpid()} on host {socket.gethostname()}"
    assert storage.lock_holder(path) is None
    with storage.exclusive_lock(path, timeout=0.1):  # the probe let its shared lock go
        pass

def test_a_transaction_waiting_on_a_held_lock_changes_nothing(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = seed(path)
    data = path.read_bytes()
    # LOCK_TIMEOUT is bound as exclusive_lock's default when the module loads, so
    # shorten the timeout where the store looks the function up.
    monkeypatch.setattr(storage, "exclusive_lock",
                        functools.partial(storage.exclusive_lock, timeout=0.3))
    with lock_held_elsewhere(path) as holder:
        with pytest.raises(LockTimeout, match=str(holder.pid)):
            with store.transaction() as tx:
                add_step(tx, "blocked")
        assert path.read_bytes() == data
        assert store.revision == 1

        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.wait(timeout=10) == 0
        with store.transaction() as tx:
            add_step(tx, "after release")
    assert titles(Store.open(path))[-1] == "after release"


def test_reading_a_newer_file_drops_only_what_this_version_does_not_know() -> None:
    tables = to_tables(demo_document(date(2026, 11, 23)))
    assert known_only(tables) == tables  # nothing of this version's own is dropped
    newer = orjson.loads(orjson.dumps(tables))
    review = next(iter(newer["reviews"].values()))
    review["pages"][0]["mood"] = "good"
    review["mood"] = "calm"
    newer["settings"]["1"]["font"] = "large"
    newer["badges"] = {"1": {"id": 1}}
    assert known_only(newer) == tables
