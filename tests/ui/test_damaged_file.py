"""A data file damaged while the dashboard runs: the error names the backup to go back to."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from tui import actions
from tui.app import CareerApp
from tui.store import Store

from .conftest import FIXED
from .helpers import SIZE, listed_ids

pytestmark = pytest.mark.faults


async def test_a_file_damaged_elsewhere_points_to_the_newest_good_backup(
    demo_store: Store, make_app: Callable[..., CareerApp], data_file: Path
) -> None:
    yesterday = Store.open(data_file, lambda: FIXED - timedelta(days=1))
    with yesterday.transaction() as tx:  # yesterday's change, so today's one makes a backup
        actions.add_step(tx, "from yesterday")
    goals, steps = len(yesterday.document.goals), len(yesterday.document.steps)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")  # today's first change: yesterday's plan is backed up
        await pilot.pause()
        rows = listed_ids(app)
        data_file.write_bytes(data_file.read_bytes()[:-10])
        app.poll_store()
        await pilot.pause()
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1
        assert errors[0].startswith(f"{data_file} cannot be used: line ")
        assert errors[0].endswith(
            f"the newest backup is {data_file.parent / 'backups' / 'careerdash.2026-11-23.json'}."
            f" It can be used (saved 2026-11-23, {goals} goals, {steps} steps); to bring it"
            " back, run: careerdash restore")
        assert listed_ids(app) == rows, "the last good document stays on screen"
