"""The text exports: the Markdown plan and brag document, the steps CSV and the calendar."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from datetime import date, datetime, timedelta, timezone
from typing import Any

import icalendar
import pytest
from hostile_plan import hostile_document  # tests/hostile_plan.py
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.demo import demo_document
from tui.domain.document import Document
from tui.domain.models import Goal, Meta, Step
from tui.domain.text import visible
from tui.exports import FORMATS, render
from tui.exports.ics import calendar_ics, fold
from tui.exports.json_doc import read_document_json
from tui.exports.markdown import brag_markdown, md, plan_markdown
from tui.exports.steps_csv import HEADER, steps_csv
from tui.exports.taskwarrior import parse_tasks

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone(timedelta(hours=1)))
SECTIONS = ["## Vision", "## Values", "## Strengths", "## Growth areas", "## Interests",
            "## Skills and gaps", "## Organisation objectives", "## Goals", "## Action plan",
            "## Recent wins (last 30 days)", "## Feedback"]
HOSTILE_GOAL = "a | b\n# not a heading <script>"
FORMULA = "=cmd|' /C calc'!A0"
ESCAPE = "\x1b[31mred"


def demo() -> Document:
    return demo_document(TODAY)


def add(doc: Document, **tables: list[dict[str, Any]]) -> Document:
    """`doc` with new records (ids allocated here) appended to the named tables."""
    data = doc.model_dump()
    next_id = doc.meta.next_id
    for table, records in tables.items():
        for record in records:
            data[table][next_id] = {"id": next_id, **record}
            next_id += 1
    data["meta"]["next_id"] = next_id
    return Document.model_validate(data)


def hostile() -> Document:
    """The demo plan with markup, formulas and escape sequences typed into it."""
    doc = demo()
    goal_id = doc.meta.next_id
    created = datetime(2026, 11, 1, 9, 0)
    doc = add(doc, goals=[dict(title=HOSTILE_GOAL, start=date(2026, 11, 1),
                               deadline=date(2026, 12, 24), created_at=created,
                               description="*bold* [link](http://x) `code` & &amp; $x$",
                               metric={"target": 3, "unit": "| units |"})])
    return add(doc, steps=[
        dict(goal_id=goal_id, title=FORMULA, due=date(2026, 12, 1), created_at=created,
             notes="line one\nline two, with \"quotes\"", resources={"cost": "-5 EUR"}),
        dict(goal_id=goal_id, title=ESCAPE, due=date(2026, 12, 2), created_at=created),
    ], inventory=[
        dict(kind="skill", name="C | C++\nand `rust`", skill_kind="technical",
             current_level=1, target_level=4),
        dict(kind="value", name="1. first", position=-3),
        dict(kind="value", name="- dash", position=-2),
        dict(kind="value", name="> quote\x1b]8;;http://x\x07", position=-1),
    ], feedback=[dict(goal_id=goal_id, who="#1 fan", role="peer | friend", on=TODAY,
                      text="## great\n- really\x1b[2J", kind="praise")])


def cells(row: str) -> list[str]:
    """A Markdown table row split on its unescaped pipes."""
    parts, current, escaped = [], "", False
    for char in row.strip()[1:-1]:
        if char == "|" and not escaped:
            parts.append(current)
            current = ""
        else:
            current += char
        escaped = char == "\\" and not escaped
    return [*parts, current]


def no_raw_controls(text: str) -> bool:
    return all(c in "\r\n" or unicodedata.category(c) != "Cc" for c in text)


# --- the Markdown plan ------------------------------------------------------------------


def test_plan_shows_every_section_of_the_demo_plan() -> None:
    doc = demo()
    plan = plan_markdown(doc, TODAY)
    assert plan.startswith("# Career development plan — 2026-11-23\n")
    positions = [plan.index(f"\n{heading}\n") for heading in SECTIONS]
    assert positions == sorted(positions)
    assert doc.vision.statement in plan
    for goal in doc.goals.values():
        assert goal.title in plan
    values = ["Craftsmanship", "Autonomy", "Helping others grow", "Learning", "Balance"]
    assert [f"{rank}. {name}" in plan for rank, name in enumerate(values, 1)] == [True] * 5
    assert "| Kubernetes | technical | 2 | 4 | 2 |" in plan
    assert "Priya (mentor) · praise" in plan
    assert "Lead with the incident numbers" in plan
    assert "Presented the deploy tool at the all-hands" in plan
    assert "Address review comments \\[round 1] — due 2026-11-22 (overdue)" in plan


def test_goals_are_nested_with_smart_fields() -> None:
    plan = plan_markdown(demo(), TODAY)
    assert "### 1 Senior engineer by mid-2027\n" in plan
    assert "##### 1.1.1 Ship self-service deploys to 10 teams\n" in plan
    section = plan[plan.index("1.1.1 Ship"):plan.index("1.1.2 Write")]
    assert "- **Measurable:** 0 → 10 teams, now 4" in section
    assert "- **Progress:** 40% · ↓ behind" in section
    assert "objectives: Cut platform incidents by half" in section
    assert "deadline 2027-01-02" in section
    assert "- **SMART check:** S ✓ M ✓ A ✓ R ✓ T ✓" in section


def test_skills_biggest_gap_first() -> None:
    plan = plan_markdown(demo(), TODAY)
    rows = [line for line in plan.splitlines() if line.startswith("| ") and "---" not in line]
    gaps = [int(cells(row)[4]) for row in rows[1:]]
    assert gaps == sorted(gaps, reverse=True) and gaps[0] == 2


def test_an_empty_plan_says_so_in_every_section() -> None:
    plan = plan_markdown(Document(), TODAY)
    for heading in SECTIONS:
        assert f"\n{heading}\n\n_" in plan
    assert "_No feedback recorded yet._" in plan
    assert "_No goals set yet._" in plan


# --- hostile text -------------------------------------------------------------------------


def test_hostile_text_cannot_break_the_markdown() -> None:
    doc = hostile()
    text = plan_markdown(doc, TODAY) + brag_markdown(doc, date(2026, 1, 1), TODAY)
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert len(table) == 2 + 6
    assert {len(cells(row)) for row in table} == {5}
    assert "C \\| C++<br>and \\`rust\\`" in text
    for line in text.splitlines():
        assert not re.match(r"\s*(#|[-*+>]\s*#)+\s*(not a heading|great|1 fan)", line), line
    assert "a \\| b<br>\\# not a heading \\<script>" in text
    assert "<script>" not in text.replace("\\<script>", "")
    assert "1. 1\\. first" in text and "\\- dash" in text and "\\> quote␛]8;;" in text
    assert "\\*bold\\* \\[link](http://x) \\`code\\` & \\&amp; \\$x\\$" in text
    assert "**2026-11-23** \\#1 fan (peer \\| friend) · praise" in text
    assert "\\#\\# great<br>\\- really␛\\[2J" in text


def test_hostile_text_is_never_emitted_raw() -> None:
    doc = hostile()
    exports = [plan_markdown(doc, TODAY), brag_markdown(doc, date(2026, 1, 1), TODAY),
               steps_csv(doc), calendar_ics(doc, NOW)]
    for text in exports:
        assert "\x1b" not in text and "\x07" not in text
        assert no_raw_controls(text)
    assert "␛\\[31mred" in exports[0]  # and its `[` escaped
    assert "␛[31mred" in exports[2] and "␛[31mred" in exports[3]


def test_csv_keeps_its_columns_and_defuses_formulas() -> None:
    rows = list(csv.reader(io.StringIO(steps_csv(hostile()), newline="")))
    assert rows[0] == list(HEADER)
    assert {len(row) for row in rows} == {len(HEADER)}
    by_title = {row[1]: dict(zip(HEADER, row, strict=True)) for row in rows[1:]}
    formula = by_title["'" + FORMULA]
    assert formula["goal"] == "a | b\n# not a heading <script>"
    assert formula["goal_path"] == formula["goal"]
    assert formula["notes"] == "line one\nline two, with \"quotes\""
    assert formula["cost"] == "'-5 EUR"
    assert formula["due"] == "2026-12-01" and formula["status"] == "todo"
    assert "␛[31mred" in by_title


def test_csv_has_a_row_per_step_with_goal_paths() -> None:
    doc = demo()
    rows = list(csv.DictReader(io.StringIO(steps_csv(doc), newline="")))
    assert sorted(int(row["id"]) for row in rows) == sorted(doc.steps)
    row = next(r for r in rows if r["title"] == "Lab 6: networking policies")
    assert row["goal_path"] == ("Senior engineer by mid-2027 / Pass the CKA certification"
                                " / Finish the 12 practice labs")
    assert row["goal"] == "Finish the 12 practice labs" and row["status"] == "doing"
    practice = next(r for r in rows if r["title"] == "30 minutes of kubectl practice")
    assert practice["recurrence"] == "weekdays"
    loose = next(r for r in rows if r["title"] == "Clean up personal notes")
    assert loose["goal"] == "" and loose["done"] == "2026-11-22T09:00:00"


# --- the brag document ----------------------------------------------------------------------


def test_brag_groups_by_month_from_since() -> None:
    doc = add(demo(), wins=[dict(title="Won the hackathon", on=date(2026, 10, 2)),
                            dict(title="Too old to count", on=date(2026, 9, 30))],
              feedback=[dict(who="Ana", role="manager", on=date(2026, 10, 15),
                             text="Great incident write-up.", kind="praise"),
                        dict(who="Old", on=date(2026, 9, 1), text="Before since.")])
    brag = brag_markdown(doc, date(2026, 10, 1), TODAY)
    assert brag.startswith("# Brag document — 2026-10-01 to 2026-11-23\n")
    months = re.findall(r"^## (.+)$", brag, flags=re.M)
    assert months == ["November 2026", "October 2026"]
    november, october = brag.split("## October 2026")
    assert "Won the hackathon" in october and "Won the hackathon" not in november
    assert "**2026-10-15** Ana (manager) · praise, in general: Great incident" in october
    assert "Presented the deploy tool at the all-hands" in november
    assert "Priya (mentor) · praise on “Write and land the observability RFC”" in november
    assert ("Demo at the platform sync (step done, towards “Ship self-service deploys to"
            " 10 teams”)") in november
    assert "Too old to count" not in brag and "Before since" not in brag
    assert "_16 wins and 2 pieces of feedback._" in brag


def test_an_empty_brag_says_so() -> None:
    brag = brag_markdown(demo(), date(2020, 1, 1), date(2020, 12, 31))
    assert "_0 wins and 0 pieces of feedback._" in brag
    assert "## " not in brag


# --- the calendar ---------------------------------------------------------------------------


def events(ics: str) -> dict[str, Any]:
    calendar = icalendar.Calendar.from_ical(ics)
    found = calendar.walk("VEVENT")
    uids = [str(event["UID"]) for event in found]
    assert len(uids) == len(set(uids))
    return dict(zip(uids, found, strict=True))


def test_calendar_has_one_all_day_event_per_date() -> None:
    doc = demo()
    ics = calendar_ics(doc, NOW)
    found = events(ics)
    expected = {f"goal-{g.id}-deadline@careerdash": (g.deadline, "Deadline: " + g.title)
                for g in doc.goals.values() if g.deadline is not None}
    expected |= {f"step-{s.id}-due@careerdash": (s.due, "Due: " + s.title)
                 for s in doc.steps.values() if s.due is not None and not s.is_done}
    assert found.keys() == expected.keys()
    for uid, (day, summary) in expected.items():
        start, end = found[uid]["DTSTART"].dt, found[uid]["DTEND"].dt
        assert type(start) is date and start == day
        assert type(end) is date and end == day + timedelta(days=1)
        assert str(found[uid]["SUMMARY"]) == summary
        assert found[uid]["DTSTAMP"].to_ical() == b"20261123T090000Z"
    calendar = icalendar.Calendar.from_ical(ics)
    assert str(calendar["VERSION"]) == "2.0" and "careerdash" in str(calendar["PRODID"])


def test_calendar_uids_are_stable_across_exports() -> None:
    doc = demo()
    first = calendar_ics(doc, NOW)
    second = calendar_ics(doc, NOW + timedelta(days=3, hours=5))
    assert list(events(first)) == list(events(second))
    assert first.replace("DTSTAMP:20261123T090000Z", "") == second.replace(
        "DTSTAMP:20261126T140000Z", "")


def test_calendar_lines_are_folded_crlf_and_short() -> None:
    title = "Plan, budget; and C:\\path\\n — " + "日本語のタイトル🎉" * 12
    doc = add(demo(), steps=[dict(title=title, notes="a;b,c\\d\nnext line" * 20,
                                  due=date(2026, 12, 9), created_at=datetime(2026, 11, 1))])
    ics = calendar_ics(doc, NOW)
    raw = ics.encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert b"\r" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) == 75
    for line in lines:
        assert len(line) <= 75
        line.decode("utf-8")  # no character split across two lines
    unfolded = ics.replace("\r\n ", "")
    assert "\r\nSUMMARY:Due: Plan\\, budget\\; and C:\\\\path\\\\n — 日本語" in unfolded
    assert "a\\;b\\,c\\\\d\\nnext line" in unfolded
    step = events(ics)[f"step-{doc.meta.next_id - 1}-due@careerdash"]
    assert str(step["SUMMARY"]) == "Due: " + title
    assert str(step["DESCRIPTION"]).endswith("a;b,c\\d\nnext line" * 20)


def test_fold_leaves_short_lines_alone_and_counts_octets() -> None:
    assert fold("SUMMARY:short") == "SUMMARY:short"
    folded = fold("X:" + "é" * 100)
    assert [len(part.encode()) for part in folded.split("\r\n")] == [74, 75, 55]
    assert folded.replace("\r\n ", "") == "X:" + "é" * 100


# --- properties -----------------------------------------------------------------------------


def shown(title: str) -> str:
    """What the exports promise for a title: line breaks kept, other controls visible."""
    return "\n".join(visible(line) for line in title.replace("\r\n", "\n").split("\n"))


def one_step(title: str) -> Document:
    created = datetime(2026, 11, 1, 9, 0)
    goal = Goal(id=1, title="Goal", start=date(2026, 11, 1), created_at=created)
    step = Step(id=2, goal_id=1, title=title, due=date(2026, 12, 1), created_at=created)
    return Document(meta=Meta(next_id=3), goals={1: goal}, steps={2: step})


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1).filter(lambda t: t.strip()))
def test_any_step_title_round_trips_through_ics_and_csv(title: str) -> None:
    doc = one_step(title)
    summary = events(calendar_ics(doc, NOW))["step-2-due@careerdash"]["SUMMARY"]
    assert str(summary) == "Due: " + shown(title)
    rows = list(csv.reader(io.StringIO(steps_csv(doc), newline="")))
    assert len(rows) == 2 and len(rows[1]) == len(HEADER)
    expected = shown(title)
    if expected.startswith(("=", "+", "-", "@", "\t", "\r")):
        expected = "'" + expected
    assert rows[1][1] == expected


@settings(max_examples=60, deadline=None)
@given(st.text())
def test_any_text_stays_one_markdown_cell(text: str) -> None:
    shown_md = md(text)
    assert "\n" not in shown_md and "\r" not in shown_md and no_raw_controls(shown_md)
    assert len(cells(f"| {shown_md} |")) == 1
    assert not re.match(r"[-+*>#=]|[0-9]{1,9}[.)]", shown_md)


# --- hostile text in every field, in every format -------------------------------------------

# What must never reach a file a person may print: C0 controls but the line breaks, DEL,
# C1 controls, bidirectional overrides and isolates.
RAW = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HEADING = re.compile(r"#{3,5} (\d+(\.\d+)*|Not under a goal)( |$)|## [A-Z][a-z]+ \d{4}$"
                     r"|### (Wins|Feedback)$")


@pytest.fixture(scope="module")
def hostile_exports() -> tuple[Document, dict[str, str]]:
    """The sample plan with markup, escape sequences, every control character, emoji,
    CJK, right-to-left text and 100,000-character titles in every field, in every format."""
    doc = hostile_document(TODAY)
    texts = {fmt: render(doc, fmt, NOW) for fmt in FORMATS}
    texts["brag"] = render(doc, "markdown", NOW, wins_since=date(2026, 1, 1))
    return doc, texts


@pytest.mark.faults
def test_no_export_of_hostile_text_holds_a_raw_control_character(
    hostile_exports: tuple[Document, dict[str, str]]
) -> None:
    for fmt, text in hostile_exports[1].items():
        found = RAW.search(text)
        assert found is None, f"{fmt}: raw U+{ord(found[0]):04X}" if found else ""


@pytest.mark.faults
def test_hostile_json_and_taskwarrior_exports_read_back(
    hostile_exports: tuple[Document, dict[str, str]]
) -> None:
    doc, texts = hostile_exports
    assert read_document_json(texts["json"].encode()) == doc
    tasks = json.loads(texts["taskwarrior"])
    assert len(tasks) == len(parse_tasks(texts["taskwarrior"].encode())) == len(doc.steps)
    titles = {task["description"] for task in tasks}  # data: kept exactly, JSON-escaped
    assert titles == {step.title for step in doc.steps.values()}


@pytest.mark.faults
def test_hostile_csv_keeps_its_columns_and_every_title(
    hostile_exports: tuple[Document, dict[str, str]]
) -> None:
    doc, texts = hostile_exports
    rows = list(csv.reader(io.StringIO(texts["csv"], newline="")))
    assert rows[0] == list(HEADER)
    assert {len(row) for row in rows} == {len(HEADER)}
    assert {int(row[0]): row[1] for row in rows[1:]} == {
        step.id: shown(step.title) for step in doc.steps.values()}


@pytest.mark.faults
def test_hostile_calendar_parses_with_every_summary_as_typed(
    hostile_exports: tuple[Document, dict[str, str]]
) -> None:
    doc, texts = hostile_exports
    found = events(texts["ics"])
    due = [step for step in doc.steps.values() if step.due is not None and not step.is_done]
    assert len(found) == len(due) + sum(g.deadline is not None for g in doc.goals.values())
    for step in due:
        assert str(found[f"step-{step.id}-due@careerdash"]["SUMMARY"]) == "Due: " + shown(
            step.title)


@pytest.mark.faults
@pytest.mark.parametrize("which", ["markdown", "brag"])
def test_hostile_markdown_keeps_its_tables_and_headings(
    hostile_exports: tuple[Document, dict[str, str]], which: str
) -> None:
    lines = hostile_exports[1][which].splitlines()
    tables: list[list[str]] = []
    for before, line in zip(["", *lines], lines, strict=False):
        if line.startswith("|"):
            if not before.startswith("|"):
                tables.append([])
            tables[-1].append(line)
    assert len(tables) == (1 if which == "markdown" else 0)
    for table in tables:
        assert len(table) == 2 + 5  # the skills, each on one row
        assert {len(cells(row)) for row in table} == {len(cells(table[0]))}
    headings = [line for line in lines[1:] if line.startswith("#")]
    assert headings and all(line in SECTIONS or HEADING.match(line) for line in headings)
