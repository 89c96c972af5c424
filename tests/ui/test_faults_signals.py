"""The dashboard ended mid-edit by SIGHUP (the SSH connection drops, the tmux pane is closed)
or SIGTERM (a shutdown): every committed change is on disk, the review page being typed is
kept as the review's draft, and the terminal is restored.

The real app runs in a subprocess on a pseudo-terminal, as sshd or tmux would run it.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.widgets import Select

from tui.app import CareerApp
from tui.cli import main
from tui.domain.models import Review
from tui.store import Store

from .helpers import SIZE

pytestmark = pytest.mark.faults

CSI = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|[^\[])")
TYPED = "Shipped the canary fix"


class Terminal:
    """`python -m tui` on a pseudo-terminal of 80x24; what it draws, without the escapes."""

    def __init__(self) -> None:
        env = {**os.environ, "TERM": "xterm-256color", "CAREERDASH_BLINK": "0"}
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the app
            os.execvpe(sys.executable, [sys.executable, "-m", "tui"], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.output = bytearray()
        self.status: int | None = None

    def read(self, seconds: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], seconds)
        if ready:
            try:
                self.output.extend(os.read(self.fd, 65536))
            except OSError:  # the app closed the terminal
                pass

    def wait_for(self, condition: Callable[[], bool], what: str, seconds: float = 20) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            assert time.monotonic() < deadline, f"no {what} after {seconds} s"
            self.read(0.05)

    def shows(self, text: str) -> Callable[[], bool]:
        """A condition: `text` was drawn since the last call to press()."""
        start = self._mark
        return lambda: text.encode() in CSI.sub(b"", bytes(self.output[start:]))

    def press(self, keys: str) -> None:
        self._mark = len(self.output)
        os.write(self.fd, keys.encode())

    _mark = 0

    def exited(self) -> bool:
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid:
            self.status = status
        return self.status is not None

    def hang_up(self) -> None:
        """Close the terminal, as sshd does when the connection drops."""
        os.close(self.fd)
        self.fd = -1

    def close(self) -> None:
        if self.status is None and not self.exited():
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        if self.fd >= 0:
            self.hang_up()


@pytest.fixture
def terminal(data_file: Path) -> Iterator[Terminal]:
    """The demo plan in the data file, and the app on it, showing Today."""
    assert main(["demo", "-o", str(data_file)]) == 0  # `careerdash demo -o FILE`
    app = Terminal()
    try:
        app._mark = 0
        app.wait_for(app.shows("Book the exam date"), "Today screen")
        yield app
    finally:
        app.close()


def draft(path: Path) -> Review | None:
    reviews = Store.open(path).document.reviews.values()
    return next((r for r in reviews if r.finished_at is None), None)


@pytest.mark.parametrize("ending", ["SIGHUP", "SIGTERM", "terminal closed"])
def test_ending_the_session_keeps_the_review_draft_and_every_change(
    terminal: Terminal, data_file: Path, ending: str
) -> None:
    step = next(s for s in Store.open(data_file).document.steps.values()
                if s.title == "Book the exam date")
    terminal.press(" ")  # check it off: a committed change
    terminal.wait_for(lambda: Store.open(data_file).document.steps[step.id].is_done,
                      "check-off on disk")
    terminal.press("6")
    terminal.wait_for(terminal.shows("History"), "Review screen")
    terminal.press("r")
    terminal.wait_for(terminal.shows("what went well"), "review page")  # Wins, empty
    started = draft(data_file)
    assert started is not None and started.pages == []
    goal = Store.open(data_file).document.goals[started.goal_ids[0]]
    terminal.press(("\t" if goal.metric else "") + TYPED)  # into Wins (after any Metric)
    terminal.wait_for(terminal.shows(TYPED[-8:]), "typed text")

    if ending == "terminal closed":  # the kernel sends SIGHUP when the terminal goes
        terminal.hang_up()
    else:
        os.kill(terminal.pid, getattr(signal, ending))
    deadline = time.monotonic() + 10
    while not terminal.exited():
        assert time.monotonic() < deadline, "the app did not exit"
        if ending == "terminal closed":
            time.sleep(0.02)
        else:
            terminal.read(0.02)

    assert terminal.status is not None and os.WIFEXITED(terminal.status), terminal.status
    signum = signal.SIGTERM if ending == "SIGTERM" else signal.SIGHUP
    assert os.WEXITSTATUS(terminal.status) == 128 + signum
    kept = draft(data_file)
    assert kept is not None and kept.id == started.id
    [page] = kept.pages
    assert (page.goal_id, page.wins, page.saved) == (goal.id, TYPED, False)
    assert Store.open(data_file).document.steps[step.id].is_done
    if ending != "terminal closed":
        tail = bytes(terminal.output[-400:])
        assert b"\x1b[?1049l" in tail, "back from the alternate screen"
        assert b"\x1b[?25h" in tail, "the cursor shown again"


async def test_a_review_left_open_under_another_screen_is_kept_too(
    app: CareerApp, data_file: Path
) -> None:
    """The review's screen stays open in its mode while another screen is shown (1 … 6 work
    from its choice fields): a hang-up then still keeps what was typed on its page."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "r")
        await pilot.pause()
        started = draft(data_file)
        assert started is not None
        goal = app.store.document.goals[started.goal_ids[0]]
        await pilot.press(*(["tab"] if goal.metric else []), *TYPED)
        while not isinstance(app.focused, Select):
            await pilot.press("tab")
        await pilot.press("1")
        await pilot.pause()
        assert app.current_mode == "today"

        app.end_session(signal.SIGHUP)
        await pilot.pause()
        assert app.return_value == 128 + signal.SIGHUP  # the exit status the command gives
    kept = draft(data_file)
    assert kept is not None and kept.id == started.id
    [page] = kept.pages
    assert (page.goal_id, page.wins, page.saved) == (goal.id, TYPED, False)
