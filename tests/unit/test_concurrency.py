"""Several writers on one file, and writers killed at random moments: nothing is lost."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from tui import actions
from tui.settings import clock
from tui.store import Store
from tui.store.storage import backups

pytestmark = pytest.mark.faults


def careerdash() -> list[str]:
    """The installed `careerdash` command, or the module if the script is not there."""
    script = shutil.which("careerdash", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "tui"]


# --- parallel writers --------------------------------------------------------------------

WRITERS, ADDS = 6, 15
DRIVER = """
import subprocess, sys
*command, writer = sys.argv[1:]
for n in range({adds}):
    title = f"writer {{writer}} step {{n}}"
    result = subprocess.run([*command, "add", title], capture_output=True, text=True)
    if result.returncode != 0 or result.stderr:
        sys.exit(f"{{title}}: exit {{result.returncode}}: {{result.stderr}}")
""".format(adds=ADDS)


def test_parallel_writers_lose_nothing(data_file: Path) -> None:
    drivers = [subprocess.Popen([sys.executable, "-c", DRIVER, *careerdash(), str(w)],
                                stderr=subprocess.PIPE, text=True)
               for w in range(WRITERS)]
    failures = [(d.wait(timeout=300), d.stderr.read() if d.stderr else "") for d in drivers]
    assert failures == [(0, "")] * WRITERS

    doc = Store.open(data_file).document
    counts = Counter(step.title for step in doc.steps.values())
    expected = {f"writer {w} step {n}" for w in range(WRITERS) for n in range(ADDS)}
    assert set(counts) == expected
    assert set(counts.values()) == {1}
    assert sorted(doc.steps) == list(range(1, WRITERS * ADDS + 1))
    assert doc.meta.revision == WRITERS * ADDS


# --- SIGKILL at random moments -----------------------------------------------------------

# Imports the store once, then forks one writer per request so that a few hundred kills
# stay fast. Each forked writer adds steps forever and acknowledges each title on stdout
# only after its transaction has returned.
FORK_SERVER = r"""
import os, sys
from pathlib import Path
from tui.actions import add_step
from tui.store import Store

def write_forever(path, prefix):
    try:
        store = Store.open(Path(path))
        n = 0
        while True:
            title = f"{prefix}-{n}"
            with store.transaction() as tx:
                add_step(tx, title)
            os.write(1, f"ack {title}\n".encode())
            n += 1
    except BaseException as error:
        os.write(1, f"error {error!r}\n".encode())
    finally:
        os._exit(1)

for line in sys.stdin:
    command, *args = line.rstrip("\n").split("\t")
    if command == "start":
        ready_read, ready_write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(ready_write)
            os.read(ready_read, 1)  # speak only after the server has announced the pid
            write_forever(*args)
        os.close(ready_read)
        print(f"pid {pid}", flush=True)
        os.write(ready_write, b"go")
        os.close(ready_write)
    elif command == "reap":
        _, status = os.waitpid(int(args[0]), 0)
        print(f"reaped {status}", flush=True)
"""


class ForkServer:
    """Talks to a fork server (`script`): start a writer, read its acknowledgements, kill it.

    tests/unit/test_faults_kills.py drives its own script through this class too."""

    def __init__(self, script: str = FORK_SERVER) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", script], text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def send(self, *words: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("\t".join(words) + "\n")
        self.process.stdin.flush()

    def line(self) -> str:
        assert self.process.stdout is not None
        text = self.process.stdout.readline()
        assert text.endswith("\n"), f"the fork server stopped: {text!r}"
        assert not text.startswith("error"), text
        return text.rstrip("\n")

    def start(self, *args: str | Path) -> int:
        """Start a writer with the script's arguments; returns its pid."""
        self.send("start", *map(str, args))
        word, pid = self.line().split()
        assert word == "pid"
        return int(pid)

    def ack(self) -> str:
        word, title = self.line().split(" ", 1)
        assert word == "ack"
        return title

    def kill_lines(self, pid: int) -> list[str]:
        """SIGKILL the writer and wait until it is gone; returns its last lines."""
        os.kill(pid, signal.SIGKILL)
        self.send("reap", str(pid))
        lines = []
        while not (text := self.line()).startswith("reaped "):
            lines.append(text)
        status = int(text.split()[1])
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
        return lines

    def kill(self, pid: int) -> list[str]:
        """SIGKILL the writer; returns the titles of its last acknowledgements."""
        return [text.split(" ", 1)[1] for text in self.kill_lines(pid)]

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture
def fork_server() -> Iterator[ForkServer]:
    server = ForkServer()
    try:
        yield server
    finally:
        server.close()


def assert_intact(path: Path, acknowledged: set[str]) -> list[str]:
    """The file parses, holds every acknowledged title, and holds each title once."""
    titles = [step.title for step in Store.open(path).document.steps.values()]
    assert acknowledged <= set(titles), sorted(acknowledged - set(titles))
    assert len(titles) == len(set(titles))
    return titles


ROUNDS, KILLS_PER_ROUND = 5, 45


def test_writers_killed_at_random_moments_lose_nothing_acknowledged(
    tmp_path: Path, fork_server: ForkServer
) -> None:
    rng = random.Random(20261123)
    kills = 0
    for round_ in range(ROUNDS):
        path = tmp_path / f"round-{round_}" / "careerdash.json"
        acknowledged: set[str] = set()
        for attempt in range(KILLS_PER_ROUND):
            pid = fork_server.start(path, f"r{round_}-{attempt}")
            for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 5])):
                acknowledged.add(fork_server.ack())
            time.sleep(rng.uniform(0, 0.004))  # the kill moment: often mid-write
            acknowledged.update(fork_server.kill(pid))
            kills += 1
            assert_intact(path, acknowledged)
        assert len(acknowledged) > KILLS_PER_ROUND
        for backup in backups(path):
            orjson.loads(backup.read_bytes())
    assert kills >= 200


def test_cli_runs_killed_at_random_moments_leave_a_good_file(data_file: Path) -> None:
    rng = random.Random(7)
    store = Store.open(data_file, clock())
    with store.transaction() as tx:
        open_ids = [actions.add_step(tx, f"seed {n}").id for n in range(12)]
    for run in range(16):
        if run % 2:
            args, step_id = ["add", f"cli {run}"], None
        else:
            step_id = open_ids.pop(rng.randrange(len(open_ids)))
            args = ["done", str(step_id)]
        process = subprocess.Popen([*careerdash(), *args], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.1, 0.5))  # the kill moment: start-up, transaction or after
        process.kill()
        _, err = process.communicate()
        assert "Traceback" not in err
        doc = Store.open(data_file).document  # the file always parses
        titles = [step.title for step in doc.steps.values()]
        assert len(titles) == len(set(titles))
        if process.returncode == 0:
            if step_id is None:
                assert args[1] in titles
            else:
                assert doc.steps[step_id].is_done
        else:
            assert process.returncode == -signal.SIGKILL
