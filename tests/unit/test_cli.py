"""The command line, run as a subprocess the way a person or a script runs it."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tui import __version__, actions
from tui.domain.dates import parse_date
from tui.domain.models import Priority
from tui.settings import clock
from tui.store import Store

Cli = Callable[..., tuple[int, str, str]]  # the `cli` fixture of tests/conftest.py
Steps = list[dict[str, Any]]


def listed(cli: Cli, *args: str) -> Steps:
    code, out, err = cli("list", "--json", *args)
    assert (code, err) == (0, ""), err
    return json.loads(out)


def added(cli: Cli, *args: str) -> int:
    code, out, err = cli("add", *args)
    assert (code, err) == (0, ""), err
    assert out.startswith("Added #")
    return int(out.split("#")[1].split(":")[0])


def seeded(data_file: Path, *steps: tuple[str, str | None, str]) -> list[int]:
    """Steps (title, due as typed, priority) written in-process, faster than the CLI."""
    store = Store.open(data_file, clock())
    today = store.clock().date()
    with store.transaction() as tx:
        return [actions.add_step(tx, title, priority=Priority(priority),
                                 due=parse_date(due, today) if due else None).id
                for title, due, priority in steps]


def assert_rejected(result: tuple[int, str, str]) -> None:
    """A refused command: non-zero, one error line on stderr, nothing on stdout."""
    code, out, err = result
    assert code != 0
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("careerdash: error: ")
    assert out == ""


# --- add, list, done ----------------------------------------------------------------------


def test_add_list_done_round_trip(cli: Cli, data_file: Path) -> None:
    first = added(cli, "Write the RFC", "--due", "today", "--priority", "high")
    second = added(cli, "Book the exam", "--notes", "before March")
    assert (first, second) == (1, 2)
    assert data_file.exists()

    steps = listed(cli)
    assert [(s["id"], s["title"], s["status"]) for s in steps] == [
        (1, "Write the RFC", "todo"), (2, "Book the exam", "todo")]
    assert steps[0]["due"] == "2026-11-23"
    assert steps[0]["priority"] == "high"
    assert steps[1]["due"] is None
    assert steps[1]["notes"] == "before March"

    code, out, err = cli("done", "1")
    assert (code, err) == (0, "")
    assert out == "Done #1: Write the RFC\n"
    assert [s["id"] for s in listed(cli)] == [2]
    [done] = [s for s in listed(cli, "--all") if s["id"] == 1]
    assert done["status"] == "done"
    assert done["done_at"] == "2026-11-23T09:00:00"


def test_done_twice_keeps_the_first_completion(cli: Cli, data_file: Path) -> None:
    added(cli, "once")
    assert cli("done", "1", "#1")[0] == 0
    data = data_file.read_bytes()
    code, out, _ = cli("done", "1")
    assert code == 0 and out == "Done #1: once\n"
    assert Store.open(data_file).document.steps[1].done_at is not None
    assert data_file.read_bytes() == data  # nothing changed, nothing written


DUE = {
    "today": "2026-11-23",
    "tomorrow": "2026-11-24",
    "+3d": "2026-11-26",
    "+2w": "2026-12-07",
    "friday": "2026-11-27",
    "Fri": "2026-11-27",
    "monday": "2026-11-30",  # today is a Monday: the next one
    "2027-01-15": "2027-01-15",
}


def test_due_dates_are_read_relative_to_today(cli: Cli) -> None:
    for typed in DUE:
        added(cli, f"due {typed}", "--due", typed)
    assert {s["title"]: s["due"] for s in listed(cli)} == {f"due {t}": d for t, d in DUE.items()}


def test_priorities_have_short_forms(cli: Cli) -> None:
    for typed in ("h", "L", "2", "High"):
        added(cli, typed, "--priority", typed)
    assert {s["title"]: s["priority"] for s in listed(cli)} == {
        "h": "high", "L": "low", "2": "medium", "High": "high"}


@pytest.fixture
def plan(cli: Cli, data_file: Path) -> dict[str, int]:
    """Steps around today (Monday 2026-11-23), one of them done."""
    steps = [
        ("overdue low", "2026-11-20", "low"),
        ("overdue high", "2026-11-22", "high"),
        ("today medium", "today", "medium"),
        ("today high", "today", "high"),
        ("tomorrow high", "tomorrow", "high"),
        ("undated", None, "medium"),
        ("done overdue", "2026-11-10", "medium"),
    ]
    ids = dict(zip([title for title, _, _ in steps], seeded(data_file, *steps), strict=True))
    assert cli("done", str(ids["done overdue"]))[0] == 0
    return ids


def titles_of(steps: Steps) -> list[str]:
    return [s["title"] for s in steps]


def test_list_today_puts_overdue_first_then_priority(cli: Cli, plan: dict[str, int]) -> None:
    expected = ["overdue high", "overdue low", "today high", "today medium"]
    assert titles_of(listed(cli, "--today")) == expected
    code, out, _ = cli("list", "--today")
    assert code == 0
    lines = out.splitlines()
    assert [f"#{plan[t]} " in line for t, line in zip(expected, lines, strict=True)] == [True] * 4
    assert [line[:3] for line in lines] == ["[!]", "[!]", "[ ]", "[ ]"]


def test_list_overdue_and_all_and_open(cli: Cli, plan: dict[str, int]) -> None:
    assert titles_of(listed(cli, "--overdue")) == ["overdue low", "overdue high"]
    everything = listed(cli, "--all")
    assert sorted(s["id"] for s in everything) == sorted(plan.values())
    assert titles_of(everything)[0] == "done overdue"  # by due date, undated last
    assert titles_of(everything)[-1] == "undated"
    open_steps = titles_of(listed(cli))
    assert "done overdue" not in open_steps
    assert len(open_steps) == 6
    code, out, _ = cli("list", "--all")
    assert code == 0
    assert out.splitlines()[0].startswith(f"[x] #{plan['done overdue']} ")


# --- refused commands ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("add", "x", "--due", "someday"),
        ("add", "x", "--due", "2026-02-30"),
        ("add", "x", "--due", "+2y"),
        ("add", ""),
        ("add", "   \t"),
        ("add", "x", "--goal", "7"),
        ("add", "x", "--priority", "urgent"),
        ("done", "1", "999"),
        ("done", "999"),
    ],
    ids=lambda args: " ".join(args) or "(empty)",
)
def test_a_refused_command_says_why_and_changes_nothing(
    cli: Cli, data_file: Path, args: tuple[str, ...]
) -> None:
    seeded(data_file, ("keep me open", None, "medium"), ("me too", "today", "low"))
    data = data_file.read_bytes()
    assert_rejected(cli(*args))
    assert data_file.read_bytes() == data
    assert [s["status"] for s in listed(cli, "--all")] == ["todo", "todo"]


@pytest.mark.parametrize(
    "args",
    [("done", "abc"), ("done", "0"), ("add",), ("list", "--today", "--overdue"), ("frobnicate",)],
    ids=" ".join,
)
def test_a_malformed_command_line_is_refused_without_a_traceback(
    cli: Cli, data_file: Path, args: tuple[str, ...]
) -> None:
    seeded(data_file, ("keep me", None, "medium"))
    data = data_file.read_bytes()
    code, out, err = cli(*args)
    assert code == 2
    assert "Traceback" not in err
    assert err.splitlines()[-1].startswith("careerdash")
    assert "error: " in err.splitlines()[-1]
    assert data_file.read_bytes() == data


def test_an_error_on_a_fresh_path_creates_no_file(cli: Cli, data_file: Path) -> None:
    assert_rejected(cli("add", "x", "--due", "never"))
    assert_rejected(cli("done", "1"))
    assert not data_file.exists()


# --- user text is data -----------------------------------------------------------------------

LITERAL = ["[bold]x[/bold]", "[@click=app.quit]x", "[red on blue]y[/]", "🚀 ship it"]
HOSTILE = ["\x1b[2J\x1b[31mred", "\x1b]0;pwned\x07title", "c1\x9b31m", "bell\x07del\x7f",
           "two\nlines"]
RAW_CONTROLS = ("\x1b", "\x9b", "\x07", "\x7f")


def test_markup_is_printed_literally(cli: Cli) -> None:
    for title in LITERAL:
        code, out, _ = cli("add", title)
        assert code == 0 and title in out
    code, out, _ = cli("list")
    assert code == 0
    for title in LITERAL:
        assert title in out
    assert titles_of(listed(cli)) == LITERAL


def test_escape_sequences_never_reach_the_terminal(cli: Cli) -> None:
    outputs = []
    for title in HOSTILE:
        code, out, err = cli("add", title)
        assert code == 0
        outputs += [out, err]
    for args in (("list",), ("list", "--all"), ("list", "--json"), ("done", "1", "2"),
                 ("list", "--all", "--json"), ("add", "x", "--due", "\x1b[2J")):
        _, out, err = cli(*args)
        outputs += [out, err]
    for output in outputs:
        for control in RAW_CONTROLS:
            assert control not in output
    assert "\u241b[2J" in outputs[0]  # shown as a visible symbol, not dropped
    assert titles_of(listed(cli, "--all")) == HOSTILE  # and stored exactly as typed


# --- check ---------------------------------------------------------------------------------


def test_check_passes_a_good_file(cli: Cli, data_file: Path) -> None:
    added(cli, "one")
    code, out, err = cli("check")
    assert (code, err) == (0, "")
    assert str(data_file) in out
    assert "1 steps" in out
    assert out.splitlines()[-1] == "ok"


def test_check_fails_on_a_corrupt_file_and_leaves_it(cli: Cli, data_file: Path) -> None:
    seeded(data_file, ("one", None, "medium"))
    data_file.write_bytes(data_file.read_bytes()[:-30])
    damaged = data_file.read_bytes()
    for args in (("check",), ("list",), ("add", "two"), ("done", "1")):
        result = cli(*args)
        assert_rejected(result)
        assert str(data_file) in result[2]
    assert data_file.read_bytes() == damaged


def test_check_fails_on_a_file_others_can_read(cli: Cli, data_file: Path) -> None:
    seeded(data_file, ("one", None, "medium"))
    data_file.chmod(0o644)
    code, _, err = cli("check")
    assert code == 1
    assert f"chmod 600 {data_file}" in err
    assert "Traceback" not in err


# --- demo, paths, version ------------------------------------------------------------------


def test_demo_writes_the_size_asked_and_will_not_overwrite(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "demo.json"
    code, out, err = cli("demo", "-o", target, "--steps", "300")
    assert (code, err) == (0, "")
    assert "300 steps" in out
    assert len(Store.open(target).document.steps) == 300
    data = target.read_bytes()

    assert_rejected(cli("demo", "-o", target, "--steps", "100"))
    assert target.read_bytes() == data

    code, _, err = cli("demo", "-o", target, "--steps", "100", "--force")
    assert (code, err) == (0, "")
    assert len(Store.open(target).document.steps) == 100


@pytest.mark.parametrize("where", ["before", "after"])
def test_data_option_works_before_and_after_the_command(
    cli: Cli, data_file: Path, tmp_path: Path, where: str
) -> None:
    other = tmp_path / "elsewhere" / "plan.json"

    def placed(*command: str) -> list[str]:
        option = ["--data", str(other)]
        return option + list(command) if where == "before" else list(command) + option

    code, _, err = cli(*placed("add", "here"))
    assert (code, err) == (0, "")
    assert titles_of(listed(cli, "--data", str(other))) == ["here"]
    code, out, _ = cli(*placed("list"))
    assert code == 0 and "here" in out
    assert not data_file.exists()


def test_careerdash_data_is_honoured(cli: Cli, tmp_path: Path) -> None:
    chosen = tmp_path / "chosen.json"
    added(cli, "via env")  # the fixture's CAREERDASH_DATA
    assert cli("add", "other", env={"CAREERDASH_DATA": str(chosen)})[0] == 0
    assert [s.title for s in Store.open(chosen).document.steps.values()] == ["other"]
    assert titles_of(listed(cli)) == ["via env"]


def test_without_careerdash_data_the_xdg_data_home_is_used(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CAREERDASH_DATA")
    xdg = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(xdg))
    added(cli, "in xdg")
    expected = xdg / "careerdash" / "careerdash.json"
    assert [s.title for s in Store.open(expected).document.steps.values()] == ["in xdg"]


def test_reading_a_missing_file_creates_nothing(cli: Cli, data_file: Path) -> None:
    code, out, err = cli("list")
    assert (code, out, err) == (0, "", "")
    assert cli("check")[0] == 0
    assert not data_file.parent.exists()


def test_version(cli: Cli) -> None:
    code, out, _ = cli("--version")
    assert code == 0
    assert out.strip() == f"careerdash {__version__}"


def test_the_environment_is_isolated(data_file: Path, tmp_path: Path) -> None:
    assert Path(os.environ["CAREERDASH_DATA"]) == data_file
    assert data_file.is_relative_to(tmp_path)
    assert Path(os.environ["HOME"]).is_relative_to(tmp_path)
