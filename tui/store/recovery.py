"""Backups as a person needs them after a bad day: which ones can be used, and bringing
the newest good one back without losing the file it replaces."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from tui.domain.document import Document
from tui.domain.errors import describe
from tui.domain.models import SCHEMA_VERSION
from tui.store import storage
from tui.store.errors import StoreError
from tui.store.store import from_tables, made_when, parse_tables, upgrade

_DAY = re.compile(r"\.(\d{4}-\d{2}-\d{2})(\.[^.]+)?\.json$")


@dataclass(frozen=True)
class Backup:
    """One backup of the data file and whether it can be brought back."""

    path: Path
    problem: str | None  # why it cannot be used; None for a good one
    goals: int = 0
    steps: int = 0

    @property
    def good(self) -> bool:
        """It parses and validates (after migrating it, if it is from an older version)."""
        return self.problem is None

    @property
    def saved(self) -> str:
        """The day it was taken, from its name."""
        day = _DAY.search(self.path.name)
        return day[1] if day else "?"

    def summary(self) -> str:
        """e.g. 'saved 2026-11-22, 10 goals, 33 steps'."""
        goals, steps = ("s" * (n != 1) for n in (self.goals, self.steps))
        return f"saved {self.saved}, {self.goals} goal{goals}, {self.steps} step{steps}"


def read_plan(data: bytes) -> Document:
    """`data` as a plan this careerdash can use and write (an older one migrated); else
    ValueError saying where in it and what is wrong."""
    tables, version = parse_tables(data)
    if version > SCHEMA_VERSION:
        raise ValueError(f"it is from a newer careerdash (schema version {version}, this one"
                         f" reads up to {SCHEMA_VERSION})")
    try:
        return from_tables(upgrade(tables, version))
    except ValidationError as error:
        raise ValueError(describe(error)) from None


def examine(path: Path) -> Backup:
    """Read the backup at `path` the way the store would read the data file."""
    try:
        data = storage.read_bytes(path)
        if data is None:
            return Backup(path, "it is gone")
        doc = read_plan(data)
    except (StoreError, ValueError) as error:
        return Backup(path, str(error))
    return Backup(path, None, len(doc.goals), len(doc.steps))


def backups_of(path: Path) -> list[Backup]:
    """Every backup of the data file at `path`, examined, newest first."""
    return [examine(backup) for backup in _newest_first(path)]


def newest_good(path: Path) -> Backup | None:
    """The newest backup of `path` that can be used, reading no further than needed."""
    for backup in _newest_first(path):
        examined = examine(backup)
        if examined.good:
            return examined
    return None


def _newest_first(path: Path) -> list[Path]:
    # By the day in the name, then by when it was written: on one day the daily backup
    # comes before a copy kept at an import, a migration or a restore.
    return sorted(storage.backups(path), key=made_when, reverse=True)


def restore(path: Path, backup: Backup, today: date) -> Path | None:
    """Replace the data file with `backup`, atomically and under the lock, after keeping
    the file it replaces (broken or not) in the backups; returns where that copy is (None
    when there was no file)."""
    storage.ensure_folder(path.parent)
    with storage.exclusive_lock(path):
        data = storage.read_bytes(backup.path)  # first: keeping a copy may prune the oldest
        if data is None:
            raise StoreError(f"{backup.path}: the backup is gone; nothing was changed")
        try:
            read_plan(data)
        except ValueError as error:
            raise StoreError(f"{backup.path} cannot be used: {error}; nothing was changed"
                             ) from None
        kept = _keep_current(path, today)
        storage.write_atomic(path, data)
    return kept


def _keep_current(path: Path, today: date) -> Path | None:
    """Copy the data file into its backups under a tag no other copy has."""
    folder = storage.backup_folder(path)
    for n in range(1, 1000):
        tag = "before-restore" + (f"-{n}" if n > 1 else "")
        if not (folder / f"{path.stem}.{today.isoformat()}.{tag}.json").exists():
            return storage.back_up(path, today, tag=tag)
    raise StoreError(f"{folder}: too many copies made before restores today; nothing was"
                     " changed")
