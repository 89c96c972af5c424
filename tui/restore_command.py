"""`careerdash restore`: bring back the newest good backup, after asking; and the hint
that points to it when the data file cannot be used."""

from __future__ import annotations

import os
import shlex
import sys
from datetime import date
from pathlib import Path

from tui.domain.text import one_line
from tui.settings import data_path
from tui.store import StoreError
from tui.store.recovery import Backup, backups_of, examine, newest_good, restore


def restore_command(path: Path) -> str:
    """The command that restores `path`: with --data unless it is the usual data file."""
    usual = os.path.realpath(data_path(None)) == os.path.realpath(path)
    return "careerdash restore" + ("" if usual else f" --data {shlex.quote(str(path))}")


def restore_hint(path: Path) -> str:
    """What to run to bring back the newest backup of `path` that can be used."""
    command = restore_command(path)
    found = backups_of(path)
    good = next((backup for backup in found if backup.good), None)
    if good is not None and good is found[0]:
        return f" It can be used ({good.summary()}); to bring it back, run: {command}"
    if good is not None:
        return (f" That one cannot be used either; the newest good backup is {good.path.name}"
                f" ({good.summary()}); to bring it back, run: {command}")
    if found:
        return f" None of its backups can be used either; {command} --list says why."
    return ""


def list_backups(path: Path) -> int:
    """Print each backup of `path`, newest first, and whether it can be brought back."""
    found = backups_of(path)
    if not found:
        print(f"There are no backups of {path} yet (they are kept in"
              f" {path.parent / 'backups'}).")
        return 0
    print(f"Backups of {path}, newest first:")
    width = max(len(b.path.name) for b in found)
    chosen = next((b for b in found if b.good), None)
    for backup in found:
        state = (f"good: {backup.summary()}" + ("  <- restore brings this one back"
                                                if backup is chosen else "")
                 if backup.good else f"cannot be used: {backup.problem}")
        print(f"  {backup.path.name:<{width}}  {one_line(state, 300)}")
    return 0


def run_restore(path: Path, today: date, *, yes: bool) -> int:
    """Replace the data file at `path` with its newest good backup, once confirmed."""
    command = restore_command(path)
    backup = newest_good(path)
    if backup is None:
        raise StoreError(f"there is no good backup of {path} to restore"
                         f" ({command} --list shows them); nothing was changed")
    if _same(path, backup):
        print(f"{path} already holds what {backup.path.name} holds; nothing to restore.")
        return 0
    print(_current(path))
    if not yes and not _confirmed(path, backup, command):
        return 1
    kept = restore(path, backup, today)
    print(f"Restored {path} from {backup.path} ({backup.summary()}).")
    if kept is not None:
        print(f"The file it replaced is kept in {kept}")
    return 0


def _current(path: Path) -> str:
    """One line on the file about to be replaced."""
    now = examine(path)
    if now.problem == "it is gone":
        return f"{path} does not exist."
    if now.good:
        return (f"{path} can be used ({now.goals} goals, {now.steps} steps); a restore takes"
                " it back to the older plan.")
    return one_line(f"{path} cannot be used: {now.problem}", 2000)


def _confirmed(path: Path, backup: Backup, command: str) -> bool:
    """Ask on the terminal; refuse, saying how to go on, when there is none."""
    if not sys.stdin.isatty():
        raise StoreError(f"restoring replaces {path} with {backup.path} ({backup.summary()})"
                         f" and needs a yes: run it on a terminal, or {command} --yes;"
                         " nothing was changed")
    print(f"Replace {path} with {backup.path} ({backup.summary()})? [y/N] ", end="",
          file=sys.stderr, flush=True)
    answer = sys.stdin.readline().strip().casefold()
    if answer in ("y", "yes"):
        return True
    print("Not restored; nothing was changed.", file=sys.stderr)
    return False


def _same(path: Path, backup: Backup) -> bool:
    try:
        return path.read_bytes() == backup.path.read_bytes()
    except OSError:
        return False
