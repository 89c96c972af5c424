"""The dashboard ended mid-edit by SIGHUP (the SSH connection drops, the tmux pane is closed)
or SIGTERM (a shutdown): every committed change is on disk, the review page being typed is
kept as the review's draft, and the terminal is restored.

The real app runs in a subprocess on a pseudo-terminal, as sshd or tmux would run it.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from terminal import Terminal  # tests/terminal.py
from textual.widgets import Select

from tui.app import CareerApp
from tui.cli import main
from tui.domain.models import Review
from tui.store import Store

from .helpers import SIZE

pytestmark = pytest.mark.faults

TYPED = "Shipped the canary fix"


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
