"""Data files edited by hand: each mistake is named with the file, the place in it and what
is wrong, by the store, by `careerdash check` and at start-up, with the backup to go back
to; the file itself is never written over. A file from a newer careerdash is read-only."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from terminal import CSI, Terminal  # tests/terminal.py

from tui import actions
from tui.domain.models import SCHEMA_VERSION, Goal
from tui.store import CorruptFile, ReadOnlyError, Store

pytestmark = pytest.mark.faults

Cli = Callable[..., tuple[int, str, str]]  # the `cli` fixture of tests/conftest.py
DAY_ONE = datetime(2026, 11, 20, 9, 0)
GOAL, STEP, OTHER = 1, 2, 3  # the ids `written` gives its records
BACKUP = "careerdash.2026-11-21.json"  # taken by day two's change: the plan of day one
NEWLINE = b"\n"


def written(path: Path) -> bytes:
    """A plan written on two days as careerdash writes it, so a backup of day one exists."""
    clock = {"now": DAY_ONE}
    store = Store.open(path, lambda: clock["now"])
    with store.transaction() as tx:
        tx.put(Goal(id=tx.new_id(), title="Lead the platform team", start=DAY_ONE.date(),
                    created_at=DAY_ONE))
        actions.add_step(tx, "Write the RFC", goal_id=GOAL)
    clock["now"] = DAY_ONE + timedelta(days=1)
    with store.transaction() as tx:
        actions.add_step(tx, "Book the exam")
    return path.read_bytes()


def tables(data: bytes) -> dict[str, Any]:
    return orjson.loads(data)


def changed(data: bytes, change: Callable[[dict[str, Any]], object]) -> bytes:
    """`data` with `change` applied to its tables, written back as careerdash writes."""
    parsed = tables(data)
    change(parsed)
    return orjson.dumps(parsed, option=orjson.OPT_INDENT_2)


def line_of(data: bytes, text: str) -> int:
    """The 1-based line of `data` on which `text` first appears."""
    return data[: data.index(text.encode())].count(b"\n") + 1


def cut_in_half(data: bytes) -> tuple[bytes, str]:
    cut = data[: len(data) // 2]
    return cut, f"line {cut.count(NEWLINE) + 1}, column"


def comma_dropped(data: bytes) -> tuple[bytes, str]:
    line = line_of(data, '"title": "Write the RFC",')
    return data.replace(b'"title": "Write the RFC",', b'"title": "Write the RFC"'), \
        f"line {line + 1}, column 7"


def latin1_title(data: bytes) -> tuple[bytes, str]:
    line = line_of(data, '"Write the RFC"')
    column = data.split(NEWLINE)[line - 1].index(b"RFC") + 3  # at the C
    return data.replace(b"RFC", b"RF\xc9", 1), f"line {line}, column {column}"


def pasted_twice(data: bytes) -> bytes:
    """The step's whole block copied below itself, key and id unchanged."""
    text = data.decode()
    start = text.index(f'\n    "{STEP}": {{')
    end = text.index("\n    }", start) + len("\n    }")
    return (text[:end] + "," + text[start:end] + text[end:]).encode()


def step_change(**fields: Any) -> Callable[[bytes], bytes]:
    return lambda data: changed(data, lambda t: t["steps"][str(STEP)].update(fields))


def id_of_the_goal(t: dict[str, Any]) -> None:
    t["steps"][str(GOAL)] = {**t["steps"].pop(str(STEP)), "id": GOAL}


# name: (damage, the place the message names, what it says is wrong)
CASES: dict[str, tuple[Callable[[bytes], tuple[bytes, str]], str]] = {
    "truncated": (cut_in_half,
                  "not valid JSON: unexpected end of data, so the file looks cut short"),
    "empty": (lambda data: (b"", ""), "not valid JSON: the file is empty"),
    "not JSON at all": (lambda data: (b"goals:\n  - Lead the team\n", "line 1, column 1"),
                        "not valid JSON: unexpected character"),
    "a dropped comma": (comma_dropped, "not valid JSON: unexpected character, expected ',' or '}'"),
    "not UTF-8": (latin1_title, "not valid JSON: byte 0xc9 is not UTF-8 text"),
    "an array at the top": (lambda data: (b"[]\n", "the top level is an array"),
                            "not an object of tables: there is no meta record"),
    "a table that is an array": (
        lambda data: (changed(data, lambda t: t.update(steps=list(t["steps"].values()))),
                      "steps: is an array"), "must be an object of tables, each an object"),
    "no meta record": (lambda data: (changed(data, lambda t: t.pop("meta")), "meta.1: "),
                       "there is no meta record"),
    "a schema_version that is text": (
        lambda data: (changed(data, lambda t: t["meta"]["1"].update(schema_version="4")),
                      'meta.1.schema_version: "4"'), "is not a schema version"),
    "a duplicated id": (lambda data: (changed(data, id_of_the_goal), f"steps.{GOAL}.id: "),
                        f"id {GOAL} is used twice (goals and steps)"),
    "a record pasted twice": (lambda data: (pasted_twice(data), f"steps.{STEP}: "),
                              "is in the file twice"),
    "a record under another id": (
        lambda data: (step_change(id=OTHER + 10)(data), f"steps.{STEP}.id: "),
        f"record stored under {STEP} has id {OTHER + 10}"),
    "a step pointing to a missing goal": (
        lambda data: (step_change(goal_id=999)(data), f"steps.{STEP}.goal_id: "),
        f"step {STEP} points to goal 999, which does not exist"),
    "a date that is not one": (lambda data: (step_change(due="next week")(data),
                                             f"steps.{STEP}.due: "), "valid date"),
    "a title that is a number": (lambda data: (step_change(title=7)(data),
                                               f"steps.{STEP}.title: "), "valid string"),
}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_the_store_names_the_file_the_place_and_what_is_wrong(data_file: Path,
                                                             case: str) -> None:
    damage, what = CASES[case]
    damaged, place = damage(written(data_file))
    data_file.write_bytes(damaged)

    with pytest.raises(CorruptFile) as raised:
        Store.open(data_file)
    message = str(raised.value)
    assert message.startswith(f"{data_file} cannot be used: {place}"), message
    assert what in message
    assert f"the newest backup is {data_file.parent / 'backups' / BACKUP}" in message
    assert raised.value.path == data_file
    assert data_file.read_bytes() == damaged


@pytest.mark.parametrize("case", ["truncated", "a dropped comma", "a record pasted twice",
                                  "a step pointing to a missing goal"])
def test_check_and_start_up_report_it_and_point_to_the_good_backup(
    cli: Cli, data_file: Path, case: str
) -> None:
    damage, what = CASES[case]
    damaged, place = damage(written(data_file))
    data_file.write_bytes(damaged)

    code, out, err = cli("check")
    assert (code, out) == (1, ""), err
    assert "Traceback" not in err and len(err.splitlines()) == 1
    said = err
    # The dashboard, on a terminal: its frame shows while the plan loads, then it ends with
    # the same error, below the shell's prompt, and never starts on the file.
    app = Terminal()
    try:
        app.wait_for(app.exited, "exit")
        app.read(0.5)
        assert os.waitstatus_to_exitcode(app.status or 0) == 1
        printed = CSI.sub(b"", bytes(app.output)).decode().replace("\r\n", "\n")
    finally:
        app.close()
    assert "Traceback" not in printed and printed.rstrip().endswith(said.rstrip())
    assert said.startswith(f"careerdash: error: {data_file} cannot be used: {place}")
    assert what in said
    assert (f"the newest backup is {data_file.parent / 'backups' / BACKUP}. It can be used"
            " (saved 2026-11-21, 1 goal, 1 step); to bring it back, run:"
            " careerdash restore") in said
    assert data_file.read_bytes() == damaged


def test_check_names_the_newest_good_backup_when_the_newest_is_damaged_too(
    cli: Cli, tmp_path: Path
) -> None:
    plan = tmp_path / "elsewhere" / "plan.json"  # not the usual file: the hint says --data
    written(plan)
    newer = plan.parent / "backups" / "plan.2026-11-22.json"
    newer.write_bytes(b'{"meta": ')
    plan.write_bytes(b"")
    code, _, err = cli("check", "--data", plan)
    assert code == 1
    assert f"the newest backup is {newer}. That one cannot be used either" in err
    assert ("the newest good backup is plan.2026-11-21.json (saved 2026-11-21, 1 goal, 1 step);"
            f" to bring it back, run: careerdash restore --data {plan}") in err


def test_check_says_when_no_backup_can_be_used(cli: Cli, data_file: Path) -> None:
    written(data_file)
    (data_file.parent / "backups" / BACKUP).write_bytes(b"[]")
    data_file.write_bytes(b"{")
    code, _, err = cli("check")
    assert code == 1
    assert "None of its backups can be used either; careerdash restore --list says why." in err


def test_a_file_with_no_backup_says_so(cli: Cli, data_file: Path) -> None:
    data_file.parent.mkdir(parents=True)
    data_file.write_bytes(b"{")
    code, _, err = cli("check")
    assert code == 1
    assert err.strip().endswith("It was not changed; there is no backup yet.")


# --- a newer careerdash -------------------------------------------------------------------


def newer(data: bytes, **step_fields: Any) -> bytes:
    def change(t: dict[str, Any]) -> None:
        t["meta"]["1"]["schema_version"] = 99
        t["steps"][str(STEP)].update(step_fields)
    return changed(data, change)


def test_check_says_a_newer_file_is_read_only_with_a_status_of_its_own(
    cli: Cli, data_file: Path
) -> None:
    data_file.write_bytes(newer(written(data_file), colour="teal"))  # a field of version 99
    data = data_file.read_bytes()

    code, out, err = cli("check")
    assert code == 3
    assert out.splitlines() == [
        f"{data_file}: 1 goals, 2 steps, revision 2, schema version 99",
        "read-only: written by a newer careerdash; update careerdash to change it"]
    assert err == (f"careerdash: warning: {data_file} was written by a newer careerdash (schema"
                   f" version 99, this one reads up to {SCHEMA_VERSION}); it is shown read-only\n")
    assert cli("add", "must not land")[0] == 1
    assert cli("list")[0] == 0
    assert data_file.read_bytes() == data


def test_a_newer_file_that_is_also_damaged_says_both(data_file: Path) -> None:
    data_file.write_bytes(newer(written(data_file), due="soon"))
    with pytest.raises(CorruptFile) as raised:
        Store.open(data_file)
    assert str(raised.value).startswith(
        f"{data_file} cannot be used: it is from a newer careerdash (schema version 99), and"
        f" what this version can read of it is not valid: steps.{STEP}.due: ")


def test_a_newer_file_is_never_written(data_file: Path) -> None:
    data_file.write_bytes(newer(written(data_file)))
    data = data_file.read_bytes()
    store = Store.open(data_file)
    assert store.read_only
    with pytest.raises(ReadOnlyError):
        with store.transaction() as tx:
            actions.add_step(tx, "must not land")
    assert data_file.read_bytes() == data


def test_a_file_careerdash_wrote_is_read_without_the_careful_second_parse(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check for records pasted twice re-reads the file slowly only on suspicion."""
    written(data_file)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the careful parse ran on a file careerdash wrote")

    monkeypatch.setattr("tui.store.store.json.loads", refuse)
    assert len(Store.open(data_file).document.steps) == 2
