"""A session frozen (SIGSTOP) while it holds the lock, mid-transaction: others wait a bounded
time, then fail cleanly naming the holder's pid and host; nothing is half-done. A lock file
left by a dead process blocks nobody."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tui.app import CareerApp
from tui.store import Store
from tui.store.storage import lock_path

from .helpers import SIZE, cell, table

pytestmark = pytest.mark.faults

Cli = Callable[..., tuple[int, str, str]]  # tests/conftest.py's `cli` fixture

TIMEOUT = "0.4"  # $CAREERDASH_LOCK_TIMEOUT for the waiters: seconds, not the default 10

# A session that stops itself half-way through a transaction, holding the lock: what a
# careerdash suspended with ctrl+z, or frozen by a debugger, looks like to the others.
FROZEN = r"""
import os, signal, sys
from pathlib import Path
from tui.actions import add_step
from tui.store import Store

store = Store.open(Path(sys.argv[1]))
with store.transaction() as tx:
    add_step(tx, "from the frozen session")
    print("holding", flush=True)
    os.kill(os.getpid(), signal.SIGSTOP)
print("committed", flush=True)
"""


def stopped(pid: int) -> bool:
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0] in ("T", "t")


@contextmanager
def frozen_holder(path: Path) -> Iterator[subprocess.Popen[str]]:
    """A careerdash frozen with SIGSTOP while it holds the lock of `path`."""
    holder = subprocess.Popen([sys.executable, "-c", FROZEN, str(path)], text=True,
                              stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        deadline = time.monotonic() + 10
        while not stopped(holder.pid):
            assert time.monotonic() < deadline, "the holder did not stop"
            time.sleep(0.01)
        yield holder
    finally:
        holder.kill()
        holder.wait()


def titles(path: Path) -> list[str]:
    return [s.title for s in Store.open(path).document.steps.values()]


def test_the_cli_waits_a_bounded_time_and_names_the_frozen_holder(
    cli: Cli, data_file: Path
) -> None:
    assert cli("add", "before")[0] == 0
    with frozen_holder(data_file) as holder:
        before = data_file.read_bytes()
        started = time.monotonic()
        code, out, err = cli("add", "blocked", env={"CAREERDASH_LOCK_TIMEOUT": TIMEOUT})
        waited = time.monotonic() - started

        assert (code, out) == (1, "")
        [line] = err.splitlines()
        assert line.startswith("careerdash: error: ")
        assert f"pid {holder.pid} on host {socket.gethostname()}" in line
        assert f"over {TIMEOUT} s" in line and "nothing was changed" in line
        assert float(TIMEOUT) <= waited < 10, "bounded by the timeout (and a start-up)"
        assert data_file.read_bytes() == before

        holder.send_signal(signal.SIGCONT)  # it wakes and finishes its own change
        assert holder.stdout is not None and holder.stdout.readline() == "committed\n"
        assert holder.wait(timeout=10) == 0
    assert cli("add", "after")[0] == 0
    assert titles(data_file) == ["before", "from the frozen session", "after"]


def test_a_lock_left_by_a_dead_process_blocks_nobody(cli: Cli, data_file: Path) -> None:
    assert cli("add", "before")[0] == 0
    with frozen_holder(data_file) as holder:
        holder.kill()  # dies holding the lock, mid-transaction
        holder.wait()
    assert lock_path(data_file).read_text().split()[0] == str(holder.pid)  # its stamp stays

    started = time.monotonic()  # the default timeout (10 s): a stale lock would show
    code, out, err = cli("add", "after")
    assert (code, err) == (0, "") and time.monotonic() - started < 5
    assert titles(data_file) == ["before", "after"]  # the dead session's change: none of it


async def test_a_change_in_the_app_while_the_lock_is_held_fails_cleanly(
    app: CareerApp, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAREERDASH_LOCK_TIMEOUT", TIMEOUT)
    async with app.run_test(size=SIZE) as pilot:
        first = table(app).step_id
        assert first is not None
        with frozen_holder(data_file) as holder:
            before, document = data_file.read_bytes(), app.store.document

            await pilot.press("space")
            await pilot.pause()

            [error] = [n for n in app._notifications if n.severity == "error"]
            assert error.title == "Not saved"
            assert f"pid {holder.pid} on host {socket.gethostname()}" in error.message
            assert app.store.document is document and data_file.read_bytes() == before
            assert cell(app, first, "check") == "[ ]"
            assert app.history.next_undo() is None, "nothing half-done to undo"

            await pilot.press("4", "1")  # the app keeps running
            assert app.return_code is None and table(app).step_id == first

            holder.send_signal(signal.SIGCONT)
            assert holder.wait(timeout=10) == 0

        await pilot.press("space")
        await pilot.pause()
        assert cell(app, first, "check") != "[ ]"
        doc = Store.open(data_file).document
        assert doc.steps[first].is_done
        assert "from the frozen session" in [s.title for s in doc.steps.values()]
        assert os.path.exists(lock_path(data_file))


def test_the_cli_says_whom_it_waits_for_while_it_waits(cli: Cli, data_file: Path) -> None:
    assert cli("add", "before")[0] == 0
    with frozen_holder(data_file) as holder:
        code, _, err = cli("add", "blocked", env={"CAREERDASH_LOCK_TIMEOUT": "1.5"})

        assert code == 1
        waiting, error = err.splitlines()
        who = f"pid {holder.pid} on host {socket.gethostname()}"
        assert waiting == (f"careerdash: waiting for another careerdash ({who}), which is"
                           f" changing {data_file} (up to 1.5 s)")
        assert error.startswith("careerdash: error: ") and who in error


async def test_the_app_says_when_another_session_holds_the_file(
    app: CareerApp, data_file: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        def busy() -> list[str]:
            return [n.message for n in app._notifications if n.title == "Data file busy"]

        async def poll() -> None:  # the app's poll, called when the test says
            app.poll_store()
            await pilot.pause()

        await poll()
        with frozen_holder(data_file) as holder:
            await poll()
            assert busy() == [], "a lock seen once may be a change of a few milliseconds"
            await poll()
            [notice] = busy()
            assert f"pid {holder.pid} on host {socket.gethostname()}" in notice
            assert "waits for it, up to 10 s, then is refused" in notice
            await poll()
            assert len(busy()) == 1, "said once"
            holder.send_signal(signal.SIGCONT)
            assert holder.wait(timeout=10) == 0
        await poll()
        assert app.store.document.steps[max(app.store.document.steps)].title == \
            "from the frozen session"
