"""JSON and Taskwarrior exports: round trips, imports through the store, refused files."""

from __future__ import annotations

import itertools
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.actions.imports import ImportReport, import_tasks, is_empty, replace_with
from tui.domain.demo import demo_document
from tui.domain.document import Document
from tui.domain.models import (
    CheckIn,
    Feedback,
    Goal,
    GoalChange,
    InventoryItem,
    InventoryKind,
    Meta,
    Metric,
    Objective,
    Priority,
    ProgressSnapshot,
    Recurrence,
    Retrospective,
    Review,
    ReviewPage,
    Settings,
    Step,
    StepStatus,
    Vision,
    Win,
)
from tui.exports import FormatError, render
from tui.exports.json_doc import document_json, read_document_json
from tui.exports.taskwarrior import parse_tasks, step_id_of, step_uuid, tasks_json
from tui.store import Invalid, Store

NOW = datetime(2026, 11, 23, 9, 0)
Draw = Callable[[st.SearchStrategy[Any]], Any]

# --- generated documents ---------------------------------------------------------------------

HOSTILE = [*"|\"'\\`*_#<>[]\x1b\x00\x07\x7f\x9b\u202e\u2028\n\r\t", "🚀", "职业", "👩‍💻",
           "\x1b[2J", "[bold]x[/]", "a.b c"]
PIECES = st.one_of(st.text(st.characters(exclude_categories=("Cs",)), max_size=8),
                   st.sampled_from(HOSTILE))
TEXT = st.one_of(st.lists(PIECES, max_size=5).map("".join), st.just("long " * 1000 + "|end"))
REQUIRED = TEXT.map(lambda text: text if text.strip() else f"x{text}")
DAYS = st.dates(date(2000, 1, 1), date(2100, 1, 1))
TIMES = st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1))
NUMBERS = st.floats(allow_nan=False, allow_infinity=False)


def _inventory(draw: Draw, ids: Iterator[int]) -> dict[int, InventoryItem]:
    items = [InventoryItem(id=next(ids), kind=InventoryKind.VALUE, name=draw(REQUIRED),
                           position=n) for n in range(draw(st.integers(0, 3)))]
    for n in range(draw(st.integers(0, 2))):
        current, target = draw(st.integers(1, 5)), draw(st.integers(1, 5))
        items.append(InventoryItem(id=next(ids), kind=InventoryKind.SKILL, name=draw(REQUIRED),
                                   skill_kind=draw(st.sampled_from(["technical", "soft"])),
                                   current_level=current, target_level=target, position=n))
    return {item.id: item for item in items}


def _goal(draw: Draw, goal_id: int, parent: int | None, links: dict[str, list[int]]) -> Goal:
    start = draw(DAYS)
    baseline = draw(NUMBERS)
    metric = draw(st.none() | st.builds(Metric, baseline=st.just(baseline),
                                        target=NUMBERS.filter(lambda t: t != baseline),
                                        unit=TEXT, current=st.none() | NUMBERS))
    return Goal(
        id=goal_id, parent_id=parent, title=draw(REQUIRED), description=draw(TEXT),
        status=draw(st.sampled_from(["active", "paused", "done", "dropped"])),
        horizon=draw(st.sampled_from(["long", "medium", "short"])), metric=metric,
        value_ids=draw(st.lists(st.sampled_from(links["values"]), unique=True))
        if links["values"] else [],
        skill_ids=links["skills"][: draw(st.integers(0, 2))],
        objective_ids=links["objectives"][: draw(st.integers(0, 2))],
        start=start, deadline=draw(st.none() | st.dates(start, date(2100, 12, 31))),
        created_at=draw(TIMES), done_at=draw(st.none() | TIMES),
        history=[GoalChange(at=draw(TIMES), field="deadline", old=draw(TEXT), new=draw(TEXT),
                            reason=draw(TEXT))] * draw(st.integers(0, 1)),
        retrospective=draw(st.none() | st.builds(Retrospective, happened=REQUIRED,
                                                 learned=TEXT)))


def _step(draw: Draw, step_id: int, goals: list[int]) -> Step:
    done = draw(st.booleans())
    recurrence = None if done else draw(st.none() | st.sampled_from(
        [Recurrence(kind="daily"), Recurrence(kind="weekly", weekday=4),
         Recurrence(kind="every", interval=3)]))
    return Step(
        id=step_id, goal_id=draw(st.sampled_from([None, *goals])), title=draw(REQUIRED),
        notes=draw(TEXT), priority=draw(st.sampled_from(list(Priority))),
        status=StepStatus.DONE if done else draw(st.sampled_from(["todo", "doing", "blocked"])),
        due=draw(st.none() | DAYS), recurrence=recurrence, position=draw(st.integers(0, 50)),
        created_at=draw(TIMES), done_at=draw(TIMES) if done else None,
        completions=draw(st.lists(TIMES, max_size=2)) if recurrence else [],
        estimate_hours=draw(st.none() | st.floats(0, 1000)))


def _tracking(draw: Draw, ids: Iterator[int], goals: list[int]) -> dict[str, dict[int, Any]]:
    goal = st.sampled_from(goals) if goals else st.nothing()
    records: dict[str, list[Any]] = {
        "checkins": [CheckIn(id=next(ids), goal_id=draw(goal), on=draw(DAYS),
                             value=draw(NUMBERS), note=draw(TEXT))
                     for _ in range(draw(st.integers(0, 2)) if goals else 0)],
        "snapshots": [ProgressSnapshot(id=next(ids), goal_id=draw(goal), on=draw(DAYS),
                                       progress=draw(st.floats(0, 1)))
                      for _ in range(draw(st.integers(0, 2)) if goals else 0)],
        "feedback": [Feedback(id=next(ids), goal_id=draw(st.none() | goal), who=draw(REQUIRED),
                              on=draw(DAYS), text=draw(REQUIRED),
                              kind=draw(st.sampled_from(["praise", "suggestion", "concern"])))
                     for _ in range(draw(st.integers(0, 2)))],
        "wins": [Win(id=next(ids), title=draw(REQUIRED), on=draw(DAYS),
                     goal_id=draw(st.none() | goal)) for _ in range(draw(st.integers(0, 2)))],
        "reviews": [Review(id=next(ids), started_at=draw(TIMES),
                           finished_at=draw(st.none() | TIMES), goal_ids=goals[:2],
                           reflection=draw(TEXT), confidence=draw(st.none() | st.integers(1, 5)),
                           pages=[ReviewPage(goal_id=g, goal_title=draw(TEXT), wins=draw(TEXT),
                                             metric_value=draw(st.none() | NUMBERS),
                                             new_deadline=draw(st.none() | DAYS),
                                             saved=draw(st.booleans())) for g in goals[:2]])
                    for _ in range(draw(st.integers(0, 1)))],
    }
    return {name: {r.id: r for r in rows} for name, rows in records.items()}


@st.composite
def documents(draw: Draw) -> Document:
    """Valid plans: goals in a tree, steps, tracking, reviews, all with hostile text."""
    ids = itertools.count(1)
    inventory = _inventory(draw, ids)
    objectives = {i: Objective(id=i, title=draw(REQUIRED))
                  for i in itertools.islice(ids, draw(st.integers(0, 2)))}
    links = {"objectives": list(objectives),
             "values": [i for i, v in inventory.items() if v.kind is InventoryKind.VALUE],
             "skills": [i for i, v in inventory.items() if v.kind is InventoryKind.SKILL]}
    goals: dict[int, Goal] = {}
    for goal_id in itertools.islice(ids, draw(st.integers(0, 5))):
        goals[goal_id] = _goal(draw, goal_id, draw(st.sampled_from([None, *goals])), links)
    steps = {i: _step(draw, i, list(goals)) for i in itertools.islice(ids, draw(st.integers(0, 6)))}
    tracking = _tracking(draw, ids, list(goals))
    return Document(
        meta=Meta(revision=draw(st.integers(0, 10_000)), next_id=next(ids)),
        vision=Vision(statement=draw(TEXT), impact=draw(TEXT)),
        settings=Settings(theme=draw(st.none() | TEXT), weekly_hours=draw(st.floats(0.5, 168))),
        objectives=objectives, inventory=inventory, goals=goals, steps=steps, **tracking)


@contextmanager
def store_of(doc: Document | None = None) -> Iterator[Store]:
    """A store on a fresh file (hypothesis cannot share pytest's per-test tmp_path)."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "plan.json", lambda: NOW)
        if doc is not None:
            store.replace_document(doc)
        yield store


def local(moment: datetime) -> datetime:
    """A UTC time as the plan keeps it: naive local time."""
    return moment.astimezone().replace(tzinfo=None)


def utc_stamp(naive_local: datetime) -> str:
    return naive_local.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def without_revision(doc: Document) -> dict[str, Any]:
    dump = doc.model_dump(mode="json")
    del dump["meta"]["revision"]
    return dump


# --- careerdash JSON ------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(documents())
def test_json_export_reads_back_as_the_same_document(doc: Document) -> None:
    text = document_json(doc)
    for raw in ("\x1b", "\x9b", "\x7f", "\u202e"):
        assert raw not in text  # escaped, so printing the export is harmless
    assert read_document_json(text.encode()) == doc


@settings(max_examples=15, deadline=None)
@given(documents())
def test_json_export_imported_into_an_empty_plan_is_the_same_plan(doc: Document) -> None:
    with store_of() as store:
        with store.transaction() as tx:
            replace_with(tx, read_document_json(document_json(doc).encode()))
        reopened = Store.open(store.path).document
    # Only the change counter differs: the import is the new file's first change.
    assert reopened.meta.revision == 1
    assert without_revision(reopened) == without_revision(doc)


def test_a_json_export_is_itself_a_data_file(tmp_path: Path) -> None:
    doc = demo_document(NOW.date())
    path = tmp_path / "exported.json"
    path.write_text(document_json(doc))
    assert Store.open(path).document == doc


def test_an_older_schema_is_migrated_on_import() -> None:
    doc = demo_document(NOW.date())
    tables = orjson.loads(document_json(doc))
    tables["meta"]["1"]["schema_version"] = 1
    for goal in tables["goals"].values():
        del goal["skill_ids"]  # version 1 had none
    assert read_document_json(orjson.dumps(tables)) == doc


def _tables(change: Callable[[dict[str, Any]], object]) -> bytes:
    tables = orjson.loads(document_json(demo_document(NOW.date())))
    change(tables)
    return orjson.dumps(tables)


def _first(tables: dict[str, Any], name: str) -> dict[str, Any]:
    return next(iter(tables[name].values()))


BAD_DOCUMENTS = {
    "truncated": (document_json(demo_document(NOW.date())).encode()[:-40], "not valid JSON"),
    "newer": (_tables(lambda t: t["meta"]["1"].update(schema_version=99)),
              "newer careerdash (schema version 99"),
    "missing goal": (_tables(lambda t: _first(t, "steps").update(goal_id=9999)),
                     "points to goal 9999, which does not exist"),
    "bad date": (_tables(lambda t: _first(t, "steps").update(due="2026-02-30")), "steps."),
    "no meta": (b'{"steps": {}}', "no meta record"),
    "an array": (b"[]", "no meta record"),
}


@pytest.mark.parametrize("case", BAD_DOCUMENTS, ids=str)
def test_a_bad_json_file_is_refused_saying_where(case: str) -> None:
    data, expected = BAD_DOCUMENTS[case]
    with pytest.raises(FormatError, match=expected.replace("(", r"\(")):
        read_document_json(data)


def test_only_an_empty_plan_is_replaced_without_asking() -> None:
    doc = demo_document(NOW.date())
    assert is_empty(Document()) and not is_empty(doc)
    assert not is_empty(Document(vision=Vision(statement="Staff engineer")))
    with store_of(doc) as store:
        before = store.path.read_bytes()
        with pytest.raises(Invalid, match="not empty"), store.transaction() as tx:
            replace_with(tx, Document())
        assert store.path.read_bytes() == before
        with store.transaction() as tx:
            replace_with(tx, Document(), replace=True)
        assert is_empty(Store.open(store.path).document)


def test_render_dispatches_to_json_and_taskwarrior() -> None:
    doc = demo_document(NOW.date())
    assert render(doc, "json", NOW) == document_json(doc)
    assert render(doc, "taskwarrior", NOW) == tasks_json(doc)
    with pytest.raises(ValueError, match="not an export format"):
        render(doc, "pdf", NOW)


# --- Taskwarrior ------------------------------------------------------------------------------


@given(st.integers(1, 2**62 - 1))
def test_a_step_uuid_carries_its_id(step_id: int) -> None:
    text = step_uuid(step_id)
    parsed = uuid.UUID(text)
    assert (parsed.version, parsed.variant) == (8, uuid.RFC_4122)
    assert step_id_of(text) == step_id
    assert step_id_of(text.upper()) == step_id


@given(st.uuids())
def test_a_foreign_uuid_is_no_step(foreign: uuid.UUID) -> None:
    assert step_id_of(str(foreign)) is None


def test_uuids_that_are_not_ours() -> None:
    ours = uuid.UUID(step_uuid(5)).int
    others = [str(uuid.UUID(int=ours ^ (1 << 100))),  # another version 8 uuid
              str(uuid.UUID(int=ours - 5)),  # our mark, but id 0
              "00000000-0000-0000-0000-000000000000", "not-a-uuid", "", None, 7]
    assert [step_id_of(other) for other in others] == [None] * len(others)
    with pytest.raises(ValueError):
        step_uuid(0)


def test_tasks_carry_project_tags_notes_and_times() -> None:
    value = InventoryItem(id=1, kind=InventoryKind.VALUE, name="Helping others  grow")
    top = Goal(id=2, title="Lead v2.0 launch", value_ids=[1], start=NOW.date(), created_at=NOW)
    sub = Goal(id=3, parent_id=2, title="Ship it", start=NOW.date(), created_at=NOW)
    steps = [Step(id=4, goal_id=3, title="Done one", notes="line 1\nline 2", created_at=NOW,
                  status="done", done_at=NOW + timedelta(hours=2), priority="high"),
             Step(id=5, title="Daily practice", created_at=NOW, due=date(2026, 11, 24),
                  recurrence=Recurrence(kind="daily"), priority="low")]
    doc = Document(meta=Meta(next_id=6), inventory={1: value}, goals={2: top, 3: sub},
                   steps={s.id: s for s in steps})
    done, daily = orjson.loads(tasks_json(doc))
    assert done["project"] == "Lead_v2_0_launch.Ship_it"
    assert done["tags"] == ["helping-others-grow"]
    assert (done["status"], done["priority"], done["end"]) == (
        "completed", "H", utc_stamp(NOW + timedelta(hours=2)))
    assert done["annotations"][0]["description"] == "line 1\nline 2"
    # the due day is local midnight, as Taskwarrior reads due:2026-11-24
    assert (daily["status"], daily["priority"], daily["due"]) == (
        "pending", "L", utc_stamp(datetime(2026, 11, 24)))
    assert "project" not in daily and "tags" not in daily and "end" not in daily


@settings(max_examples=25, deadline=None)
@given(documents())
def test_tasks_imported_into_their_own_plan_change_nothing(doc: Document) -> None:
    drafts = parse_tasks(tasks_json(doc).encode())
    with store_of(doc) as store:
        before, data = store.document, store.path.read_bytes()
        with store.transaction() as tx:
            report = import_tasks(tx, drafts)
        assert report == ImportReport(unchanged=len(doc.steps))
        assert store.document == before
        assert store.path.read_bytes() == data  # no change, so no write


def test_tasks_into_an_empty_plan_become_steps_under_matching_goals() -> None:
    doc = demo_document(NOW.date())
    skeleton = doc.model_copy(update={"steps": {}})
    with store_of(skeleton) as store:
        with store.transaction() as tx:
            report = import_tasks(tx, parse_tasks(tasks_json(doc).encode()))
        assert report == ImportReport(added=len(doc.steps))
        steps = sorted(store.document.steps.values(), key=lambda s: s.position)

    def seen(step: Step) -> tuple[Any, ...]:
        return (step.title, step.goal_id, step.is_done, step.due, step.priority, step.notes)

    originals = sorted(doc.steps.values(), key=lambda s: s.id)
    assert [seen(s) for s in steps] == [seen(s) for s in originals]
    assert {s.id for s in steps}.isdisjoint(doc.steps)  # new steps get new ids


def _edited(doc: Document, change: Callable[[list[dict[str, Any]]], None]) -> bytes:
    tasks = orjson.loads(tasks_json(doc))
    change(tasks)
    return orjson.dumps(tasks)


def test_changed_tasks_update_their_steps_and_new_ones_are_added() -> None:
    doc = demo_document(NOW.date())
    open_step = next(s for s in doc.steps.values() if not s.is_done and not s.recurrence)
    done_step = next(s for s in doc.steps.values() if s.is_done)

    def change(tasks: list[dict[str, Any]]) -> None:
        by_id = {step_id_of(t["uuid"]): t for t in tasks}
        by_id[open_step.id].update(description="Renamed", status="completed",
                                   end="20261123T080000Z", priority="L")
        by_id[open_step.id].pop("due", None)
        by_id[done_step.id].update(status="pending")
        tasks.append({"description": "From Taskwarrior", "project": "No.Such.Goal",
                      "uuid": str(uuid.uuid4()), "entry": "20261120T100000Z"})
        tasks.append({"description": "Deleted there", "status": "deleted"})

    with store_of(doc) as store:
        with store.transaction() as tx:
            report = import_tasks(tx, parse_tasks(_edited(doc, change)))
        steps = store.document.steps
    assert report == ImportReport(added=1, updated=2, unchanged=len(doc.steps) - 2,
                                  without_goal=1)
    assert report.lines()[1] == "1 task had a project with no matching goal; added without a goal"
    renamed = steps[open_step.id]
    assert (renamed.title, renamed.status, renamed.priority, renamed.due) == (
        "Renamed", StepStatus.DONE, Priority.LOW, None)
    assert renamed.done_at == local(datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc))
    assert steps[done_step.id].status is StepStatus.TODO and steps[done_step.id].done_at is None
    [added] = [s for s in steps.values() if s.id not in doc.steps]
    assert (added.title, added.goal_id, added.created_at) == (
        "From Taskwarrior", None, local(datetime(2026, 11, 20, 10, 0, tzinfo=timezone.utc)))


def test_another_plans_step_with_the_same_id_is_not_overwritten() -> None:
    doc = demo_document(NOW.date())
    step = next(iter(doc.steps.values()))
    foreign = [{"uuid": step_uuid(step.id), "description": "Someone else's step",
                "entry": "20200101T000000Z"}]
    with store_of(doc) as store:
        with store.transaction() as tx:
            report = import_tasks(tx, parse_tasks(orjson.dumps(foreign)))
        assert report == ImportReport(added=1)
        assert store.document.steps[step.id] == step


def test_an_import_that_fails_part_way_changes_nothing() -> None:
    tasks = [{"description": "fine"}, {"description": "x" * 200_001}]
    with store_of(demo_document(NOW.date())) as store:
        data = store.path.read_bytes()
        with pytest.raises(Invalid, match=r"task 1: title"), store.transaction() as tx:
            import_tasks(tx, parse_tasks(orjson.dumps(tasks)))
        assert store.path.read_bytes() == data
        assert Store.open(store.path).document == store.document


BAD_TASKS = {
    "truncated": (b'[{"description": "x"', "not valid JSON"),
    "not an array": (b'{"description": "x"}', "not an array"),
    "not an object": (b'[{"description": "x"}, 3]', "task 1: not a JSON object"),
    "no description": (b'[{"status": "pending"}]', "task 0: description"),
    "blank description": (b'[{"description": "  "}]', "task 0: description"),
    "description a number": (b'[{"description": 5}]', "task 0: description: must be a string"),
    "bad due": (b'[{"description": "a"}, {"description": "b", "due": "tomorrow"}]',
                "task 1: due: 'tomorrow'"),
    "impossible due": (b'[{"description": "b", "due": "20261340T000000Z"}]', "task 0: due"),
    "bad entry": (b'[{"description": "b", "entry": "2026-11-23T09:00"}]', "task 0: entry"),
    "bad priority": (b'[{"description": "b", "priority": "X"}]', "task 0: priority: 'X'"),
    "bad status": (b'[{"description": "b", "status": "frozen"}]', "task 0: status"),
    "bad uuid": (b'[{"description": "b", "uuid": "abc"}]', "task 0: uuid"),
    "bad annotations": (b'[{"description": "b", "annotations": "x"}]', "task 0: annotations"),
    "twice": (b'[{"description": "a", "uuid": "%s"}, {"description": "b", "uuid": "%s"}]'
              % ((step_uuid(3).encode(),) * 2), "task 1: uuid: .* also the uuid of task 0"),
}


@pytest.mark.parametrize("case", BAD_TASKS, ids=str)
def test_a_bad_task_file_is_refused_naming_the_task_and_field(case: str) -> None:
    data, expected = BAD_TASKS[case]
    with pytest.raises(FormatError, match=expected):
        parse_tasks(data)


def test_task_times_with_an_offset_and_plain_tasks_are_read() -> None:
    [task] = parse_tasks(b'[{"description": "b", "due": "2026-11-24T23:30:00+01:00",'
                         b' "status": "waiting", "priority": ""}]')
    assert (task.status, task.priority, task.step_id, task.project) == ("open", None, None, None)
    assert task.due == local(datetime(2026, 11, 24, 22, 30, tzinfo=timezone.utc)).date()
