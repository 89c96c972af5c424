"""A full disk: a clear error in the store, the command line and the app; the previous file
intact byte for byte, no temporary file left, and the next change once there is room works.

The disk is a small tmpfs when this user may mount one (root in a container usually may);
otherwise the storage layer's fsync fails with ENOSPC while the "disk" is full.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tui import actions
from tui.app import CareerApp
from tui.domain.demo import demo_document
from tui.screens.board import BoardScreen
from tui.store import Store, StoreError, storage

from .conftest import FIXED
from .helpers import SIZE, cell, table

pytestmark = pytest.mark.faults

FULL = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
# The command line, with fsync failing while $FAKE_FULL_DISK names a file that exists.
CLI_ON_A_FAKE_DISK = r"""
import os, sys
real_fsync = os.fsync
def fsync(fd):
    if os.path.exists(os.environ["FAKE_FULL_DISK"]):
        raise OSError(28, os.strerror(28))
    real_fsync(fd)
os.fsync = fsync
from tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


class Disk:
    """A small file system that can be filled up and freed again."""

    def __init__(self, root: Path, flag: Path | None) -> None:
        self.root = root
        self.flag = flag  # None on a real tmpfs; else the file that says "full"
        self.data = root / "data" / "careerdash.json"

    def fill(self) -> None:
        if self.flag is not None:
            self.flag.touch()
            return
        fd = os.open(self.root / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while True:
                os.write(fd, b"\0" * 4096)
        except OSError as error:
            assert error.errno == errno.ENOSPC
        finally:
            os.close(fd)

    def free(self) -> None:
        (self.flag or self.root / "filler").unlink()

    def cli(self, *args: str) -> tuple[int, str, str]:
        """`careerdash ARGS` on this disk's data file."""
        program = ["-m", "tui"] if self.flag is None else ["-c", CLI_ON_A_FAKE_DISK]
        env = {**os.environ, "CAREERDASH_DATA": str(self.data), "PYTHONIOENCODING": "utf-8",
               "FAKE_FULL_DISK": str(self.flag)}
        result = subprocess.run([sys.executable, *program, *args], capture_output=True,
                                encoding="utf-8", env=env, timeout=60)
        return result.returncode, result.stdout, result.stderr


@pytest.fixture
def disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Disk]:
    root = tmp_path / "disk"
    root.mkdir()
    mount = shutil.which("mount")
    mounted = mount is not None and subprocess.run(
        [mount, "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(root)],
        capture_output=True).returncode == 0
    if mounted:
        yield Disk(root, None)
        subprocess.run(["umount", "-l", str(root)], check=True)
        return
    flag = tmp_path / "disk-is-full"
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if flag.exists():
            raise FULL
        real_fsync(fd)

    monkeypatch.setattr(storage.os, "fsync", fsync)
    yield Disk(root, flag)


def seeded(disk: Disk) -> Store:
    """The demo plan on the disk, with today's backup already made (so the full disk is
    met by the write of the data file itself)."""
    store = Store.open(disk.data, lambda: FIXED)
    store.replace_document(demo_document(FIXED.date()))
    with store.transaction() as tx:
        actions.add_step(tx, "before the disk filled up")
    assert storage.backups(disk.data)
    return store


def temp_files(disk: Disk) -> list[Path]:
    return list(disk.data.parent.rglob("*.tmp"))


def test_a_full_disk_is_one_clear_line_from_the_cli(disk: Disk) -> None:
    step = next(iter(seeded(disk).document.steps))
    before = disk.data.read_bytes()
    disk.fill()

    for command in (["add", "no room"], ["done", str(step)]):
        code, out, err = disk.cli(*command)
        assert (code, out) == (1, "")
        assert err == (f"careerdash: error: {disk.data}: could not save: the disk is full;"
                       " the file is unchanged\n")
        assert disk.data.read_bytes() == before
        assert temp_files(disk) == []

    disk.free()
    assert disk.cli("add", "room again")[0] == 0
    titles = [s.title for s in Store.open(disk.data).document.steps.values()]
    assert titles[-1] == "room again" and "no room" not in titles


async def test_a_full_disk_in_the_app_says_so_and_the_next_change_works(disk: Disk) -> None:
    app = CareerApp(seeded(disk), poll_seconds=3600)
    async with app.run_test(size=SIZE) as pilot:
        first = table(app).step_id
        assert first is not None
        before, document = disk.data.read_bytes(), app.store.document
        disk.fill()

        await pilot.press("space")
        await pilot.pause()

        [error] = [n for n in app._notifications if n.severity == "error"]
        assert error.title == "Not saved" and "the disk is full" in error.message
        assert app.store.document is document
        assert cell(app, first, "check") == "[ ]"
        assert table(app).step_id == first, "the cursor stays on the step that failed"
        assert disk.data.read_bytes() == before and temp_files(disk) == []

        await pilot.press("4")  # the Board: a card moved to the next column
        board = app.screen
        assert isinstance(board, BoardScreen)
        card = board.selected()
        assert card is not None
        await pilot.press("shift+right")
        await pilot.pause()
        assert len([n for n in app._notifications if n.severity == "error"]) == 2
        assert board.selected() == card, "the focus stays on the card, in its column"
        assert board.focused_column.status is card.status
        assert disk.data.read_bytes() == before and temp_files(disk) == []

        await pilot.press("1")
        assert app.return_code is None, "the app keeps running"

        disk.free()
        await pilot.press("space")
        await pilot.pause()
        assert cell(app, first, "check") != "[ ]"
        assert Store.open(disk.data).document.steps[first].is_done


class FullAt:
    """The os module as the storage layer sees it, with the disk filling up at one call."""

    def __init__(self, call: str) -> None:
        self.call = call

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def write(self, fd: int, data: Any) -> int:
        if self.call == "write":  # the first write lands half-way, the next finds no room
            self.call = "write again"
            return os.write(fd, bytes(data[:len(data) // 2]))
        if self.call == "write again":
            raise FULL
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        if self.call == "fsync":
            raise FULL
        os.fsync(fd)

    def replace(self, source: Any, target: Any) -> None:
        if self.call == "replace":
            raise FULL
        os.replace(source, target)


@pytest.mark.parametrize("call", ["write", "fsync", "replace"])
def test_the_disk_filling_up_at_any_step_of_a_write_leaves_the_old_file(
    data_file: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    store = Store.open(data_file, lambda: datetime(2026, 11, 23, 9))
    with store.transaction() as tx:
        actions.add_step(tx, "first")
    before, document = data_file.read_bytes(), store.document

    monkeypatch.setattr(storage, "os", FullAt(call))
    with pytest.raises(StoreError, match="could not save: the disk is full"):
        with store.transaction() as tx:
            actions.add_step(tx, "no room")
    monkeypatch.undo()

    assert data_file.read_bytes() == before and store.document is document
    assert list(data_file.parent.rglob("*.tmp")) == []
    with store.transaction() as tx:
        actions.add_step(tx, "room again")
    assert [s.title for s in Store.open(data_file).document.steps.values()] == [
        "first", "room again"]
