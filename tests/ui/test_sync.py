"""Changes made by another process (a second Store on the same file) reach the screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


from tui.app import CareerApp
from tui.domain.models import Goal, revise
from tui.store import Store

from .helpers import SIZE, add_step_elsewhere, cell, goal_row, listed_ids, table


async def test_another_process_change_shows_after_a_poll(
    app: CareerApp, data_file: Path, clock: Callable[[], object]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        new_id = add_step_elsewhere(data_file, clock, "Added from the shell", app.today())
        await pilot.pause()
        assert new_id not in listed_ids(app), "nothing polled yet"

        app.poll_store()
        await pilot.pause()

        assert new_id in app.store.document.steps
        assert new_id in listed_ids(app)
        assert cell(app, new_id, "title") == "Added from the shell"


async def test_another_process_change_shows_by_itself(
    demo_store: Store, make_app: Callable[..., CareerApp], data_file: Path,
    clock: Callable[[], object],
) -> None:
    app = make_app(demo_store, poll_seconds=0.1)
    async with app.run_test(size=SIZE) as pilot:
        new_id = add_step_elsewhere(data_file, clock, "Added from the shell", app.today())
        for _ in range(20):  # at most 2 s
            if new_id in listed_ids(app):
                break
            await pilot.pause(0.1)
        assert new_id in listed_ids(app)
        assert cell(app, new_id, "title") == "Added from the shell"


async def test_a_corrupt_file_from_elsewhere_is_reported_once_and_never_overwritten(
    app: CareerApp, data_file: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        rows = listed_ids(app)
        data_file.write_bytes(b"{ half a document")
        app.poll_store()
        app.poll_store()  # the same problem is not reported twice
        await pilot.pause()

        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and str(data_file) in errors[0].message
        assert listed_ids(app) == rows, "the last good document stays on screen"

        await pilot.press("space")
        await pilot.pause()
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 2 and errors[1].title == "Not saved"
        assert data_file.read_bytes() == b"{ half a document"
        assert not app.store.document.steps[rows[0]].is_done
        assert cell(app, rows[0], "check") == "[ ]"


async def test_a_renamed_goal_shows_its_new_title_in_the_table(
    app: CareerApp, data_file: Path, clock: Callable[[], object]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        first = table(app).step_id
        assert first is not None
        goal_id = app.store.document.steps[first].goal_id
        assert cell(app, first, "goal") == "Pass the CKA certification"
        other = Store.open(data_file, clock=clock)  # type: ignore[arg-type]
        with other.transaction() as tx:
            tx.put(revise(tx.get(Goal, goal_id), title="Pass the CKAD exam"))

        app.poll_store()
        await pilot.pause()

        assert goal_row(app, goal_id).title == "Pass the CKAD exam"
        assert cell(app, first, "goal") == "Pass the CKAD exam"
