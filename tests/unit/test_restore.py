"""`careerdash restore`: the newest good backup comes back after a yes on the terminal (or
--yes), the file it replaces is kept, and nothing happens without a confirmation."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tui import actions
from tui.store import Store, StoreError, recovery, storage

pytestmark = pytest.mark.faults

Cli = Callable[..., tuple[int, str, str]]  # the `cli` fixture of tests/conftest.py
DAY = datetime(2026, 11, 19, 9, 0)


def plan_of_four_days(path: Path) -> dict[str, Path]:
    """One step added on each of four days: backups taken on the 20th, 21st and 22nd hold
    one, two and three steps."""
    clock = {"now": DAY}
    store = Store.open(path, lambda: clock["now"])
    for day in range(4):
        clock["now"] = DAY + timedelta(days=day)
        with store.transaction() as tx:
            actions.add_step(tx, f"step of day {day + 1}")
    folder = storage.backup_folder(path)
    return {day: folder / f"careerdash.2026-11-{day}.json" for day in ("20", "21", "22")}


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` but the lock, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(".lock")}


@pytest.fixture
def broken(data_file: Path) -> dict[str, Path]:
    """A plan of four days whose file was cut short and whose newest backup is damaged."""
    backups = plan_of_four_days(data_file)
    backups["22"].write_bytes(backups["22"].read_bytes()[:-200])
    data_file.write_bytes(data_file.read_bytes()[:100])
    return backups


def on_a_terminal(*args: str, answer: bytes | None, timeout: float = 30) -> tuple[int, str]:
    """Run `careerdash ARGS` on a pseudo-terminal, type `answer` once it asks; returns the
    exit status and everything it wrote (stdout and stderr share the terminal)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the terminal is its stdin, stdout and stderr
        os.execv(sys.executable, [sys.executable, "-m", "tui", *args])
    output, answered, deadline = b"", False, time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
            if answer is not None and not answered and output.endswith(b"[y/N] "):
                os.write(fd, answer)
                answered = True
        else:
            os.kill(pid, 9)
    finally:
        os.close(fd)
        _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output.decode().replace("\r\n", "\n")


def question(data_file: Path, backup: Path, summary: str) -> str:
    return f"Replace {data_file} with {backup} ({summary})? [y/N] "


# --- on a terminal ----------------------------------------------------------------------------


def test_yes_on_the_terminal_brings_back_the_newest_good_backup_and_keeps_the_broken_file(
    data_file: Path, broken: dict[str, Path]
) -> None:
    damaged = data_file.read_bytes()
    code, output = on_a_terminal("restore", answer=b"y\n")
    assert code == 0, output
    *lines, last = damaged.decode().split("\n")
    assert (f"{data_file} cannot be used: line {len(lines) + 1}, column {len(last) + 1}: not"
            " valid JSON: unexpected end of data, so the file looks cut short\n") in output
    assert question(data_file, broken["21"], "saved 2026-11-21, 0 goals, 2 steps") in output
    kept = storage.backup_folder(data_file) / "careerdash.2026-11-23.before-restore.json"
    assert output.endswith(
        f"Restored {data_file} from {broken['21']} (saved 2026-11-21, 0 goals, 2 steps).\n"
        f"The file it replaced is kept in {kept}\n")
    assert data_file.read_bytes() == broken["21"].read_bytes()
    assert kept.read_bytes() == damaged
    steps = Store.open(data_file).document.steps.values()
    assert [s.title for s in steps] == ["step of day 1", "step of day 2"]


@pytest.mark.parametrize("answer", [b"n\n", b"\n", b"maybe\n", b"\x04"], ids=repr)
def test_anything_but_yes_on_the_terminal_changes_nothing(
    data_file: Path, broken: dict[str, Path], answer: bytes
) -> None:
    before = folder_state(data_file.parent)
    code, output = on_a_terminal("restore", answer=answer)
    assert code == 1
    assert output.endswith("Not restored; nothing was changed.\n")
    assert folder_state(data_file.parent) == before


# --- without a terminal ---------------------------------------------------------------------------


def test_without_a_terminal_it_refuses_unless_told_yes(
    cli: Cli, data_file: Path, broken: dict[str, Path]
) -> None:
    before = folder_state(data_file.parent)
    code, out, err = cli("restore")
    assert code == 1
    assert err == (f"careerdash: error: restoring replaces {data_file} with {broken['21']} (saved"
                   " 2026-11-21, 0 goals, 2 steps) and needs a yes: run it on a terminal, or"
                   " careerdash restore --yes; nothing was changed\n")
    assert folder_state(data_file.parent) == before

    code, out, err = cli("restore", "--yes")
    assert (code, err) == (0, "")
    assert f"Restored {data_file} from {broken['21']}" in out
    assert data_file.read_bytes() == broken["21"].read_bytes()
    assert cli("check")[0] == 0


def test_list_shows_each_backup_newest_first_and_which_restore_takes(
    cli: Cli, data_file: Path, broken: dict[str, Path]
) -> None:
    code, out, err = cli("restore", "--list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"Backups of {data_file}, newest first:"
    assert [line.split()[0] for line in lines[1:]] == [
        "careerdash.2026-11-22.json", "careerdash.2026-11-21.json", "careerdash.2026-11-20.json"]
    assert "cannot be used: line " in lines[1] and "cut short" in lines[1]
    assert lines[2].endswith("good: saved 2026-11-21, 0 goals, 2 steps  <- restore brings this"
                             " one back")
    assert lines[3].endswith("good: saved 2026-11-20, 0 goals, 1 step")


def test_with_no_good_backup_it_says_so_and_changes_nothing(
    cli: Cli, data_file: Path, broken: dict[str, Path]
) -> None:
    for backup in broken.values():
        backup.write_bytes(b"")
    before = folder_state(data_file.parent)
    code, out, err = cli("restore", "--yes")
    assert (code, out) == (1, "")
    assert err == (f"careerdash: error: there is no good backup of {data_file} to restore"
                   " (careerdash restore --list shows them); nothing was changed\n")
    assert folder_state(data_file.parent) == before


def test_a_file_that_already_holds_the_backup_is_left_alone(
    cli: Cli, data_file: Path, broken: dict[str, Path]
) -> None:
    data_file.write_bytes(broken["21"].read_bytes())
    before = folder_state(data_file.parent)
    code, out, _ = cli("restore", "--yes")
    assert code == 0
    assert out == (f"{data_file} already holds what careerdash.2026-11-21.json holds; nothing to"
                   " restore.\n")
    assert folder_state(data_file.parent) == before


def test_a_good_file_can_be_taken_back_and_the_running_session_sees_it(
    cli: Cli, data_file: Path
) -> None:
    plan_of_four_days(data_file)
    assert cli("add", "step of today")[0] == 0  # today's backup: the plan of four steps
    today = storage.backup_folder(data_file) / "careerdash.2026-11-23.json"
    running = Store.open(data_file)  # a dashboard open on the file
    current = data_file.read_bytes()
    code, out, _ = cli("restore", "--yes")
    assert code == 0
    assert out.startswith(f"{data_file} can be used (0 goals, 5 steps); a restore takes it back"
                          " to the older plan.\n")
    assert data_file.read_bytes() == today.read_bytes()
    kept = today.with_name("careerdash.2026-11-23.before-restore.json")
    assert kept.read_bytes() == current
    assert running.refresh()
    assert len(running.document.steps) == 4

    # The copy it kept, made after today's backup, is the newest good one now.
    assert cli("restore", "--yes")[0] == 0
    assert data_file.read_bytes() == current
    second = kept.with_name("careerdash.2026-11-23.before-restore-2.json")
    assert second.read_bytes() == today.read_bytes()


def test_a_deleted_file_comes_back(cli: Cli, data_file: Path) -> None:
    backups = plan_of_four_days(data_file)
    data_file.unlink()
    code, out, _ = cli("restore", "--yes")
    assert code == 0
    assert out.splitlines() == [
        f"{data_file} does not exist.",
        f"Restored {data_file} from {backups['22']} (saved 2026-11-22, 0 goals, 3 steps)."]
    assert data_file.read_bytes() == backups["22"].read_bytes()


# --- the replacement itself -----------------------------------------------------------------------


def test_the_replacement_is_one_atomic_write_made_holding_the_lock(
    data_file: Path, broken: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[Path] = []
    write_atomic = storage.write_atomic

    def checked(path: Path, data: bytes) -> None:
        if path == data_file:
            fd = os.open(storage.lock_path(data_file), os.O_RDWR)
            try:
                with pytest.raises(BlockingIOError):  # someone (the restore) holds it
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            finally:
                os.close(fd)
            writes.append(path)
        write_atomic(path, data)

    monkeypatch.setattr(storage, "write_atomic", checked)
    backup = recovery.newest_good(data_file)
    assert backup is not None and backup.path == broken["21"]
    recovery.restore(data_file, backup, date(2026, 11, 23))
    assert writes == [data_file]
    assert data_file.read_bytes() == broken["21"].read_bytes()


def test_a_backup_damaged_after_it_was_chosen_is_not_restored(
    data_file: Path, broken: dict[str, Path]
) -> None:
    backup = recovery.newest_good(data_file)
    assert backup is not None
    backup.path.write_bytes(b"{")
    before = folder_state(data_file.parent)
    with pytest.raises(StoreError, match="cannot be used: line 1, column 2: not valid JSON"):
        recovery.restore(data_file, backup, date(2026, 11, 23))
    assert folder_state(data_file.parent) == before
