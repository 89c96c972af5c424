"""`careerdash export` and `careerdash import`, run as a subprocess the way a person runs them."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_cli import assert_rejected  # tests/unit is on the path, like any test module

from tui.actions import add_step
from tui.domain.demo import demo_document, generated_document
from tui.settings import clock
from tui.store import Store

Cli = Callable[..., tuple[int, str, str]]  # the `cli` fixture of tests/conftest.py


def ok(result: tuple[int, str, str]) -> str:
    code, out, err = result
    assert (code, err) == (0, ""), err
    return out


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """The sample plan in a file of its own, written in-process (as `demo` does), faster."""
    path = tmp_path / "sample" / "plan.json"
    store = Store.open(path, clock())
    store.replace_document(demo_document(store.clock().date()))
    return path


def seeded(data_file: Path) -> None:
    """A plan of one step of the person's own."""
    with Store.open(data_file, clock()).transaction() as tx:
        add_step(tx, "Mine, not to be lost")


def plan_of(path: Path) -> dict[str, Any]:
    """The plan in `path`, without its change counter (an import is a new change)."""
    dump = Store.open(path).document.model_dump(mode="json")
    del dump["meta"]["revision"]
    return dump


def test_json_export_imports_into_an_empty_plan_unchanged(
    cli: Cli, data_file: Path, tmp_path: Path
) -> None:
    sample = tmp_path / "sample.json"
    ok(cli("demo", "-o", sample))
    exported = tmp_path / "out" / "plan-export.json"
    exported.parent.mkdir()
    sample_bytes = sample.read_bytes()
    out = ok(cli("export", "json", "-o", exported, "--data", sample))
    size = exported.stat().st_size
    assert out == f"Wrote {exported} ({size} bytes)\n"
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    assert sample.read_bytes() == sample_bytes  # an export only reads
    assert not list(exported.parent.glob(".*.tmp"))

    out = ok(cli("import", exported))
    assert out.startswith(f"Imported {exported}: 10 goals, ")
    assert plan_of(data_file) == plan_of(sample)
    assert Store.open(data_file).revision == 1


def test_json_export_to_stdout_is_the_plan(cli: Cli, sample: Path) -> None:
    out = ok(cli("--data", sample, "export", "json"))
    tables = json.loads(out)
    assert tables["meta"]["1"]["schema_version"] == Store.open(sample).document.meta.schema_version
    assert len(tables["steps"]) == len(Store.open(sample).document.steps)


def test_export_refuses_to_write_over_the_data_file(cli: Cli, sample: Path) -> None:
    data = sample.read_bytes()
    assert_rejected(cli("export", "taskwarrior", "--data", sample, "-o", sample))
    assert sample.read_bytes() == data


def test_wins_only_go_with_markdown(cli: Cli, sample: Path) -> None:
    for fmt in ("json", "ics"):
        assert_rejected(cli("export", fmt, "--wins", "2026-01-01", "--data", sample))


def test_import_into_a_plan_that_is_not_empty_needs_replace(
    cli: Cli, sample: Path, data_file: Path
) -> None:
    seeded(data_file)
    before = data_file.read_bytes()
    result = cli("import", sample)
    assert_rejected(result)
    assert "--replace" in result[2]
    assert data_file.read_bytes() == before

    out = ok(cli("import", sample, "--replace"))
    assert plan_of(data_file) == plan_of(sample)
    kept = Path(out.splitlines()[-1].removeprefix("The plan it replaced is kept in "))
    assert kept.parent == data_file.parent / "backups"
    assert kept.read_bytes() == before  # the exact plan replaced, today's changes included


def _tables(sample: Path) -> dict[str, Any]:
    return json.loads(sample.read_text())


def _missing_goal(tables: dict[str, Any]) -> None:
    next(iter(tables["steps"].values()))["goal_id"] = 9999


def _newer(tables: dict[str, Any]) -> None:
    tables["meta"]["1"]["schema_version"] = 99


BAD_FILES: dict[str, tuple[Callable[[Path], bytes], str]] = {
    "truncated json": (lambda s: s.read_bytes()[:-50], "not valid JSON"),
    "step with a missing goal": (
        lambda s: json.dumps(_changed(_tables(s), _missing_goal)).encode(), "goal 9999"),
    "newer schema": (lambda s: json.dumps(_changed(_tables(s), _newer)).encode(),
                     "newer careerdash"),
    "bad taskwarrior due": (
        lambda s: b'[{"description": "ok"}, {"description": "late", "due": "soon"}]',
        "task 1: due"),
    "neither": (lambda s: b"hello", "neither"),
}


def _changed(tables: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    change(tables)
    return tables


@pytest.mark.parametrize("case", BAD_FILES, ids=str)
def test_a_bad_import_says_why_and_changes_nothing(
    cli: Cli, sample: Path, data_file: Path, tmp_path: Path, case: str
) -> None:
    make, expected = BAD_FILES[case]
    bad = tmp_path / "bad.json"
    bad.write_bytes(make(sample))
    seeded(data_file)
    before = data_file.read_bytes()
    for args in (("import", bad), ("import", bad, "--replace")):
        result = cli(*args)
        assert_rejected(result)
        assert str(bad) in result[2] and expected in result[2]
    assert data_file.read_bytes() == before


def test_a_bad_import_into_no_plan_creates_no_file(
    cli: Cli, data_file: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"description": "x", "priority": "urgent"}]')
    assert_rejected(cli("import", bad))
    assert_rejected(cli("import", tmp_path / "missing.json"))
    assert not data_file.exists()


def test_taskwarrior_round_trip_through_the_command_line(
    cli: Cli, sample: Path, data_file: Path, tmp_path: Path
) -> None:
    tasks_file = tmp_path / "tasks.json"
    ok(cli("export", "taskwarrior", "--data", sample, "-o", tasks_file))
    steps = len(Store.open(sample).document.steps)
    before = sample.read_bytes()
    out = ok(cli("import", tasks_file, "--data", sample))
    assert out == f"Imported {steps} tasks: 0 added, 0 updated, {steps} unchanged\n"
    assert sample.read_bytes() == before

    tasks = json.loads(tasks_file.read_text())
    tasks[0].update(status="completed", end="20261123T080000Z", description="Done elsewhere")
    tasks.append({"description": "New in Taskwarrior", "project": "Not.A.Goal"})
    tasks_file.write_text(json.dumps(tasks))
    out = ok(cli("import", tasks_file, "--data", sample))
    assert out.splitlines() == [
        f"Imported {steps + 1} tasks: 1 added, 1 updated, {steps - 1} unchanged",
        "1 task had a project with no matching goal; added without a goal"]
    titles = {s.title: s for s in Store.open(sample).document.steps.values()}
    assert titles["Done elsewhere"].is_done
    assert titles["New in Taskwarrior"].goal_id is None

    out = ok(cli("import", tasks_file))  # into the empty default plan: every task is new
    assert out.startswith(f"Imported {steps + 1} tasks: {steps + 1} added")
    assert len(Store.open(data_file).document.steps) == steps + 1


def test_an_export_piped_into_head_ends_quietly(tmp_path: Path) -> None:
    big = tmp_path / "big" / "plan.json"
    store = Store.open(big, clock())
    store.replace_document(generated_document(3000, store.clock().date()))
    reader = subprocess.Popen([sys.executable, "-m", "tui", "export", "csv", "--data", big],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ)
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.readline().startswith(b"id,")
    reader.stdout.close()  # as `| head -1` does, long before the export is written out
    err = reader.stderr.read().decode()
    assert reader.wait(timeout=60) == 0
    assert "Traceback" not in err and "Broken pipe" not in err
