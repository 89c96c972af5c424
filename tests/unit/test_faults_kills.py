"""Writers SIGKILLed at random moments, mid-write as often as not: the app's own changes and
the command line's. The file always parses, no acknowledged change is lost, and the
temporary files the killed writers leave are cleaned up by the next write.

tests/unit/test_concurrency.py kills 225 writers that only add steps and 16 `careerdash`
processes; this file kills 120 writers making the app's changes and 100 running the
command line's code, without a Python start-up per kill (a fork server imports once).
"""

from __future__ import annotations

import os
import random
import subprocess
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from test_concurrency import (
    ForkServer,  # tests/unit is on the path, like any test module
)

from tui.domain.demo import generated_document
from tui.domain.models import Step, StepStatus
from tui.store import Store, storage

pytestmark = pytest.mark.faults

TODAY = date(2026, 11, 23)

# Imports the app's actions and the command line once, then forks one writer per request.
# An "app" writer makes, step after step, the changes the app makes on a key (through the
# same actions and the same diff for undo as CareerApp.change and ctrl+z) and acknowledges
# each on stdout only once its transaction has returned. A "cli" writer runs the command
# line's main() over and over; its own "Added #N: …" and "Done #N: …" lines are the
# acknowledgements, printed only after the transaction.
FORK_SERVER = r"""
import os, sys
from datetime import date
from pathlib import Path
from tui.actions import add_step, delete_step, toggle_step
from tui.actions.board import move_step
from tui.actions.review import add_win
from tui.actions.undo import apply_patch
from tui.cli import main
from tui.domain.history import diff
from tui.domain.models import StepStatus
from tui.store import Store

sys.stdout.reconfigure(line_buffering=True)
TODAY = date(2026, 11, 23)


def app_writer(path, prefix):
    store = Store.open(Path(path))

    def change(stage, title, edit):
        with store.transaction() as tx:
            result = edit(tx)
            base = tx.base
        os.write(1, f"ack {stage} {title}\n".encode())
        return result, diff(base, store.document, stage)

    n = 0
    while True:
        title = f"{prefix}-{n}"
        step, _ = change("added", title, lambda tx: add_step(tx, title))
        change("doing", title, lambda tx: move_step(tx, step.id, StepStatus.DOING))
        change("done", title, lambda tx: toggle_step(tx, step.id))
        _, deleted = change("deleted", title, lambda tx: delete_step(tx, step.id))
        change("restored", title, lambda tx: apply_patch(tx, deleted.inverse()))
        change("win", title, lambda tx: add_win(tx, f"win {title}", TODAY))
        n += 1


def cli_writer(path, prefix):
    n = 0
    while True:
        title = f"{prefix}-{n}"
        if main(["add", "--data", path, title]) != 0:
            raise SystemExit("add failed")
        if n % 2 and main(["done", "--data", path, str(last_id(path))]) != 0:
            raise SystemExit("done failed")
        n += 1


def last_id(path):
    return max(Store.open(Path(path)).document.steps)


for line in sys.stdin:
    command, *args = line.rstrip("\n").split("\t")
    if command == "start":
        mode, path, prefix = args
        ready_read, ready_write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(ready_write)
            os.read(ready_read, 1)  # speak only after the server has announced the pid
            try:
                (app_writer if mode == "app" else cli_writer)(path, prefix)
            except BaseException as error:
                os.write(1, f"error {error!r}\n".encode())
            finally:
                os._exit(1)
        os.close(ready_read)
        print(f"pid {pid}")
        os.write(ready_write, b"go")
        os.close(ready_write)
    elif command == "reap":
        _, status = os.waitpid(int(args[0]), 0)
        print(f"reaped {status}")
"""

# How far a step has got, in the order an app writer takes it.
STAGES = {"added": 0, "doing": 1, "done": 2, "deleted": 3, "restored": 4}


@pytest.fixture
def fork_server() -> Iterator[ForkServer]:
    server = ForkServer(FORK_SERVER)
    try:
        yield server
    finally:
        server.close()


def seeded(path: Path, steps: int) -> Path:
    """A generated plan; a few hundred steps make a write take long enough to be hit."""
    Store.open(path).replace_document(generated_document(steps, TODAY))
    return path


def temp_files(path: Path) -> list[Path]:
    """Temporary files beside the data file and its backups."""
    return [p for p in path.parent.rglob(".*.tmp")]


def kill_at_random(server: ForkServer, rng: random.Random, mode: str, path: Path,
                   prefix: str) -> list[str]:
    """Start a writer, let it acknowledge a few changes, kill it at a random moment."""
    pid = server.start(mode, path, prefix)
    lines = [server.line() for _ in range(rng.choice([0, 1, 2, 3, 5, 8]))]
    time.sleep(rng.uniform(0, 0.012))  # the kill moment: often in the middle of a write
    return lines + server.kill_lines(pid)


def stage_reached(step: Step | None, acknowledged: int) -> bool:
    """The file holds the acknowledged stage, or the next one (a change that was in flight
    when the writer was killed may have landed unacknowledged); never an earlier one."""
    if step is None:
        found = {STAGES["deleted"]}
    elif step.status is StepStatus.DONE:
        found = {STAGES["done"], STAGES["restored"]}
    else:
        found = {STAGES["added"] if step.status is StepStatus.TODO else STAGES["doing"]}
    return any(acknowledged <= stage <= acknowledged + 1 for stage in found)


def test_app_writers_killed_at_random_moments_lose_no_acknowledged_change(
    tmp_path: Path, fork_server: ForkServer
) -> None:
    rng = random.Random(20261123)
    path = seeded(tmp_path / "app" / "careerdash.json", 300)
    stages: dict[str, int] = {}
    wins: set[str] = set()
    left_behind = 0
    for kill in range(120):
        for line in kill_at_random(fork_server, rng, "app", path, f"k{kill}"):
            word, stage, title = line.split(" ", 2)
            assert word == "ack", line
            if stage == "win":
                wins.add(f"win {title}")
            else:
                stages[title] = max(stages.get(title, 0), STAGES[stage])
        left_behind += bool(temp_files(path))

        doc = Store.open(path).document  # the file always parses
        by_title = {s.title: s for s in doc.steps.values()}
        assert len(by_title) == len(doc.steps), "a step was written twice"
        lost = [t for t, stage in stages.items() if not stage_reached(by_title.get(t), stage)]
        assert not lost, lost
        assert wins <= {w.title for w in doc.wins.values()}
    assert len(stages) > 60 and max(stages.values()) == STAGES["restored"]
    assert left_behind >= 5, "hardly any kill landed mid-write: the test proves little"
    assert_temp_files_cleaned_up(path)


def test_cli_writers_killed_at_random_moments_lose_no_acknowledged_change(
    tmp_path: Path, fork_server: ForkServer
) -> None:
    rng = random.Random(7)
    path = seeded(tmp_path / "cli" / "careerdash.json", 30)  # each run reads it whole
    added: dict[int, str] = {}
    done: set[int] = set()
    for kill in range(100):
        for line in kill_at_random(fork_server, rng, "cli", path, f"k{kill}"):
            word, number, title = line.split(" ", 2)
            step_id = int(number.strip("#:"))
            if word == "Added":
                added[step_id] = title
            else:
                assert word == "Done", line
                done.add(step_id)

        doc = Store.open(path).document  # the file always parses
        assert {i: doc.steps[i].title for i in added if i in doc.steps} == added
        assert all(doc.steps[i].is_done for i in done)
    assert len(added) > 100 and done
    assert_temp_files_cleaned_up(path)


def assert_temp_files_cleaned_up(path: Path) -> None:
    """The next write removes what the killed writers left behind."""
    from tui.actions import add_step

    store = Store.open(path)
    with store.transaction() as tx:
        add_step(tx, "after the kills")
    assert temp_files(path) == []


# --- temporary files left by killed writers ---------------------------------------------


def dead_pid() -> int:
    """The pid of a process that has just ended."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_a_write_removes_the_temporary_files_of_dead_writers_only(tmp_path: Path) -> None:
    from tui.actions import add_step

    path = tmp_path / "data" / "plan.json"
    store = Store.open(path)
    with store.transaction() as tx:
        add_step(tx, "first")
    backups = storage.backup_folder(path)
    backups.mkdir()
    dead, alive = dead_pid(), subprocess.Popen(["sleep", "30"])
    try:
        stale = [path.with_name(f".plan.json.{dead}.123.tmp"),
                 backups / f".plan.2026-11-23.json.{dead}.456.tmp"]
        kept = [path.with_name(f".plan.json.{alive.pid}.123.tmp"),  # still writing, maybe
                path.with_name(f".plan.side.json.{dead}.123.tmp"),  # another file's
                backups / f".plan.side.2026-11-23.json.{dead}.456.tmp",
                path.with_name(f"plan.json.{dead}.123.tmp"),  # not hidden: not ours
                path.with_name("notes.txt")]
        for leftover in stale + kept:
            leftover.write_bytes(b'{"half": ')
        stale.append(path.with_name(f".plan.json.{dead}.789.tmp"))
        stale[-1].symlink_to(tmp_path / "victim")  # removed as a link, never followed

        with store.transaction() as tx:
            add_step(tx, "second")

        assert [p for p in stale if os.path.lexists(p)] == []
        assert [p for p in kept if not p.exists()] == []
        assert not (tmp_path / "victim").exists()
        assert [s.title for s in Store.open(path).document.steps.values()] == ["first", "second"]
    finally:
        alive.kill()
        alive.wait()
