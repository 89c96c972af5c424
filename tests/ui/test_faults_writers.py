"""Two dashboards and the command line writing to one file at once: every change of every
writer is in the file at the end, and each dashboard shows the others' changes within two
seconds (they poll the file once a second, as they do for a person)."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tui.app import POLL_SECONDS, CareerApp
from tui.store import Store

from .helpers import SIZE, cell, listed_ids, open_form_and_fill, step_titled, table

pytestmark = pytest.mark.faults

# The command line's own main(), run once per step as `careerdash add` would be, over and
# over in one process (a Python start-up per step would only slow the test down), until the
# file named by its argument appears. It prints "Added #N: TITLE" once a step is saved.
SHELL = """
import os, sys, time
from tui.cli import main
n = 0
while not os.path.exists(sys.argv[1]):
    if main(["add", f"From the shell {n}", "--due", "today"]) != 0:
        sys.exit(1)
    sys.stdout.flush()
    n += 1
    time.sleep(0.1)
"""


async def within_two_seconds(pilot: Pilot[int], condition: Callable[[], bool],
                             what: str) -> None:
    """Let both apps run until `condition` holds, for at most two seconds of wall time."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < 2.0, f"{what}: not shown within two seconds"
        await pilot.pause(0.05)


def titled(app: CareerApp, title: str) -> int | None:
    """The id of the step listed on Today under `title`, if it is listed."""
    steps = app.store.document.steps
    return next((i for i in listed_ids(app) if steps[i].title == title), None)


async def test_two_apps_and_the_cli_lose_nothing_and_see_each_other(
    demo_store: Store, data_file: Path, clock: Callable[[], datetime]
) -> None:
    first = CareerApp(demo_store, poll_seconds=POLL_SECONDS)
    second = CareerApp(Store.open(data_file, clock=clock), poll_seconds=POLL_SECONDS)
    stop = data_file.with_name("stop")
    async with first.run_test(size=SIZE) as one, second.run_test(size=SIZE) as two:
        shell = await asyncio.create_subprocess_exec(sys.executable, "-c", SHELL, str(stop),
                                                     stdout=asyncio.subprocess.PIPE)
        checked: list[int] = []
        for round_ in range(3):  # while the shell adds steps,
            step_id = table(first).step_id
            assert step_id is not None
            checked.append(step_id)
            await one.press("space")  # the first app checks a step off
            await within_two_seconds(two, lambda: cell(second, step_id, "check") != "[ ]",
                                     "the first app's check-off, on the second")
            if round_ == 0:  # and the second adds a step, deletes it, takes that back
                await open_form_and_fill(two, "2nd app", "today")
                await two.press("ctrl+s")
                added = step_titled(second.store, "2nd app").id
            elif round_ == 1:
                table(second).select_step(added)  # the cursor onto it, without 30 key presses
                await two.press("x")
            else:
                await two.press("ctrl+z")
            await within_two_seconds(one, lambda: (added in listed_ids(first)) != (round_ == 1),
                                     "the second app's change, on the first")

        stop.touch()
        out, _ = await shell.communicate()
        assert shell.returncode == 0
        from_shell = [line.split(": ", 1)[1] for line in out.decode().splitlines()]
        assert len(from_shell) > 10, "the shell wrote all along"
        for app, pilot in ((first, one), (second, two)):
            await within_two_seconds(pilot, lambda: all(titled(app, t) for t in from_shell),
                                     "the shell's steps")

    doc = Store.open(data_file).document
    titles = [s.title for s in doc.steps.values()]
    assert all(titles.count(t) == 1 for t in [*from_shell, "2nd app"])
    assert all(doc.steps[i].is_done for i in checked) and len(set(checked)) == 3
