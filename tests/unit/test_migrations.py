"""Files written by earlier versions (tests/fixtures/plan-v1.json … v3) open migrated,
and the first change writes the current schema after a backup of the original bytes."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from tui import actions
from tui.domain.models import SCHEMA_VERSION, GoalStatus, StepStatus
from tui.store import Store, storage

pytestmark = pytest.mark.faults

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NOW = datetime(2026, 11, 23, 9, 0)
# The ids the fixture plans give their records.
VALUE, SKILL, LEAD, CKA = 1, 3, 5, 6


def opened(version: int, data_file: Path) -> tuple[Store, bytes]:
    """A store on a copy of the plan careerdash wrote at schema `version`."""
    data_file.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FIXTURES / f"plan-v{version}.json", data_file)
    data_file.chmod(0o600)
    return Store.open(data_file, lambda: NOW), data_file.read_bytes()


def on_disk(path: Path) -> dict[str, Any]:
    return orjson.loads(path.read_bytes())


def steps_by_title(store: Store) -> dict[str, Any]:
    return {step.title: step for step in store.document.steps.values()}


@pytest.mark.parametrize("version", [1, 2, 3])
def test_each_fixture_is_what_its_version_wrote(version: int) -> None:
    tables = orjson.loads((FIXTURES / f"plan-v{version}.json").read_bytes())
    assert tables["meta"]["1"]["schema_version"] == version
    goal = tables["goals"][str(LEAD)]
    assert ("skill_ids" in goal) == (version >= 2)
    assert ("weekly_hours" in tables["settings"]["1"]) == (version >= 2)
    steps = tables["steps"].values()
    assert all(("estimate" in s["resources"]) == (version <= 2) for s in steps)
    assert all(("estimate_hours" in s) == (version >= 2) for s in steps)
    assert {name: len(table) for name, table in tables.items()} == {
        "meta": 1, "vision": 1, "settings": 1, "objectives": 1, "inventory": 3,
        "goals": 2 if version == 1 else 3, "steps": 5, "checkins": 1, "snapshots": 0,
        "reviews": 0, "feedback": 1, "wins": 1}


@pytest.mark.parametrize("version", [1, 2, 3])
def test_an_older_plan_opens_whole_and_migrated_without_writing(
    version: int, data_file: Path
) -> None:
    store, original = opened(version, data_file)
    doc = store.document
    assert doc.meta.schema_version == SCHEMA_VERSION
    assert doc.meta.revision == 1
    assert doc.vision.statement.startswith("A staff engineer")
    assert doc.inventory[SKILL].gap == 2
    assert doc.goals[CKA].parent_id == LEAD and doc.goals[CKA].metric is not None
    assert doc.goals[CKA].metric.fraction == pytest.approx(5 / 12)
    assert [c.value for c in doc.checkins.values()] == [5.0]
    assert [f.who for f in doc.feedback.values()] == ["Priya"]
    assert [w.title for w in doc.wins.values()] == ["Presented the deploy tool at the all-hands"]
    steps = steps_by_title(store)
    assert steps["Read the security chapter"].status is StepStatus.DONE
    assert steps["30 minutes of kubectl practice"].recurrence is not None
    assert steps["Book the exam date"].notes == "Ask for the\ntraining budget first"
    assert steps["Book the exam date"].resources.cost == "395 USD"
    assert doc.settings.weekly_hours == 5.0
    assert data_file.read_bytes() == original  # reading alone migrates only in memory
    assert storage.backups(data_file) == []


def test_version_1_goals_build_no_skills_and_lose_no_estimate_that_reads_as_hours(
    data_file: Path,
) -> None:
    store, _ = opened(1, data_file)
    assert [g.skill_ids for g in store.document.goals.values()] == [[], []]
    assert all(g.retrospective is None for g in store.document.goals.values())
    steps = steps_by_title(store)
    assert steps["Lab 6: networking policies"].estimate_hours == 2.5  # "2.5h"
    assert steps["Book the exam date"].estimate_hours is None  # "a weekend"


def test_version_2_keeps_skill_links_and_retrospectives_and_moves_estimates(
    data_file: Path,
) -> None:
    store, _ = opened(2, data_file)
    goals = store.document.goals
    assert goals[CKA].skill_ids == [SKILL]
    dropped = [g for g in goals.values() if g.status is GoalStatus.DROPPED]
    assert [g.retrospective.happened for g in dropped if g.retrospective] == [
        "No conference near enough"]
    steps = steps_by_title(store)
    assert steps["Lab 6: networking policies"].estimate_hours == 2.5
    assert steps["Book the exam date"].estimate_hours is None


def test_version_3_estimates_in_hours_carry_over(data_file: Path) -> None:
    store, _ = opened(3, data_file)
    assert steps_by_title(store)["Lab 6: networking policies"].estimate_hours == 2.5
    assert store.document.goals[CKA].skill_ids == [SKILL]


@pytest.mark.parametrize("version", [1, 2, 3])
def test_the_first_change_writes_the_current_schema_after_a_tagged_backup(
    version: int, data_file: Path
) -> None:
    store, original = opened(version, data_file)
    with store.transaction() as tx:
        actions.complete_step(tx, steps_by_title(store)["Book the exam date"].id)

    tagged = storage.backup_folder(data_file) / f"careerdash.2026-11-23.v{version}.json"
    assert tagged.read_bytes() == original
    written = on_disk(data_file)
    assert written["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert written["meta"]["1"]["revision"] == 2
    assert all("estimate" not in s["resources"] for s in written["steps"].values())
    assert all("skill_ids" in g and "retrospective" in g for g in written["goals"].values())
    assert written["settings"]["1"]["weekly_hours"] == 5.0

    reopened = Store.open(data_file, lambda: NOW)
    assert reopened.document == store.document
    assert steps_by_title(reopened)["Book the exam date"].status is StepStatus.DONE
    with reopened.transaction() as tx:
        actions.add_step(tx, "after the upgrade")
    assert [b.name for b in storage.backups(data_file) if ".v" in b.name] == [tagged.name]
    assert tagged.read_bytes() == original


def test_a_session_that_read_the_old_file_does_not_back_up_the_new_one_as_old(
    data_file: Path,
) -> None:
    """Another session migrated the file first: this one's next write is a plain change."""
    clock = {"now": NOW}
    first, original = opened(1, data_file)
    first.clock = lambda: clock["now"]
    with Store.open(data_file, lambda: NOW).transaction() as tx:
        actions.add_step(tx, "from the other session")
    clock["now"] = NOW.replace(day=24)
    with first.transaction() as tx:
        actions.add_step(tx, "the next day")
    assert [b.name for b in storage.backups(data_file)] == [
        "careerdash.2026-11-23.json", "careerdash.2026-11-23.v1.json",
        "careerdash.2026-11-24.json"]
    assert (storage.backup_folder(data_file) / "careerdash.2026-11-23.v1.json"
            ).read_bytes() == original
    assert len(Store.open(data_file).document.steps) == 7


def test_check_reads_an_older_file_without_changing_it(cli: Any, data_file: Path) -> None:
    _, original = opened(1, data_file)
    code, out, err = cli("check")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "ok"
    assert data_file.read_bytes() == original
