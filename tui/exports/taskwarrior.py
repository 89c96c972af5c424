"""Action steps in Taskwarrior's JSON import/export format, and tasks read back from it.

Each step's uuid is derived from its id (see `step_uuid`), so a task exported, changed in
Taskwarrior and imported again updates the step it came from.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from typing import Any, Literal

import orjson

from tui.domain.document import Document
from tui.domain.models import Goal, InventoryKind, Priority, Step
from tui.domain.progress import tree_order
from tui.exports import FormatError
from tui.exports.json_doc import terminal_safe

# RFC 9562 version 8 leaves 122 bits to the application: 60 fixed bits mark a careerdash
# step (a foreign uuid matches them by chance once in 2**60) and 62 carry its id.
_MARK_A = 0xCA4E_E4DA_5B01  # custom_a, 48 bits
_MARK_B = 0x7A5  # custom_b, 12 bits
_ID_BITS = 62
_HIGH = (_MARK_A << 80) | (0x8 << 76) | (_MARK_B << 64) | (0b10 << _ID_BITS)
_STAMP = "%Y%m%dT%H%M%SZ"
_PRIORITY = {Priority.HIGH: "H", Priority.MEDIUM: "M", Priority.LOW: "L"}
_PRIORITY_OF = {letter: priority for priority, letter in _PRIORITY.items()}
_OPEN = {"pending", "waiting"}
_SKIPPED = {"deleted", "recurring"}  # removed tasks, and recurrence templates (not tasks)


def step_uuid(step_id: int) -> str:
    """The Taskwarrior uuid of step `step_id`: a version 8 UUID carrying the id."""
    if not 1 <= step_id < 1 << _ID_BITS:
        raise ValueError(f"step id {step_id} does not fit in a uuid")
    return str(uuid.UUID(int=_HIGH | step_id))


def step_id_of(text: object) -> int | None:
    """The step id a uuid made by `step_uuid` carries; None for any other uuid."""
    try:
        value = uuid.UUID(str(text)).int
    except ValueError:
        return None
    step_id = value & ((1 << _ID_BITS) - 1)
    return step_id if value ^ step_id == _HIGH and step_id >= 1 else None


def stamp(moment: datetime) -> str:
    """A time in Taskwarrior's form, YYYYMMDDTHHMMSSZ in UTC (a naive time is local)."""
    return moment.astimezone(timezone.utc).strftime(_STAMP)


def project_name(title: str) -> str:
    """A goal title as one level of a Taskwarrior project ("." separates the levels)."""
    return re.sub(r"[.\s]", "_", title)


def slug(name: str) -> str:
    """A value's name as a Taskwarrior tag: lower case, no spaces."""
    return re.sub(r"[^\w]+", "-", name.casefold()).strip("-")


def goal_projects(doc: Document) -> dict[int, str]:
    """Each goal's project: the titles from the top goal down, joined with dots."""
    projects: dict[int, str] = {}
    for _depth, goal in tree_order(doc):
        parent = projects.get(goal.parent_id) if goal.parent_id else None
        own = project_name(goal.title)
        projects[goal.id] = f"{parent}.{own}" if parent else own
    return projects


def _lineage(doc: Document, goal_id: int | None) -> Iterator[Goal]:
    seen: set[int] = set()
    while goal_id is not None and goal_id in doc.goals and goal_id not in seen:
        seen.add(goal_id)
        yield doc.goals[goal_id]
        goal_id = doc.goals[goal_id].parent_id


def _tags(doc: Document, step: Step) -> list[str]:
    values = (doc.inventory.get(value_id) for goal in _lineage(doc, step.goal_id)
              for value_id in goal.value_ids)
    names = (v.name for v in values if v is not None and v.kind is InventoryKind.VALUE)
    return [tag for tag in dict.fromkeys(slug(name) for name in names) if tag]


def _task(doc: Document, step: Step, projects: dict[int, str]) -> dict[str, Any]:
    modified = max([step.created_at, *step.completions,
                    *([step.done_at] if step.done_at else [])])
    task: dict[str, Any] = {
        "uuid": step_uuid(step.id),
        "description": step.title,
        "status": "completed" if step.is_done else "pending",
        "entry": stamp(step.created_at),
        "modified": stamp(modified),
        "priority": _PRIORITY[step.priority],
    }
    if step.done_at is not None:
        task["end"] = stamp(step.done_at)
    if step.due is not None:  # a date is local midnight, as Taskwarrior reads due:DATE
        task["due"] = stamp(datetime.combine(step.due, time()))
    if step.goal_id is not None and step.goal_id in projects:
        task["project"] = projects[step.goal_id]
    if tags := _tags(doc, step):
        task["tags"] = tags
    if step.notes:
        task["annotations"] = [{"entry": stamp(step.created_at), "description": step.notes}]
    return task


def tasks_json(doc: Document) -> str:
    """Every step as a Taskwarrior task, in a JSON array `task import` reads."""
    projects = goal_projects(doc)
    steps = sorted(doc.steps.values(), key=lambda step: step.id)
    tasks = [_task(doc, step, projects) for step in steps]
    return terminal_safe(orjson.dumps(tasks, option=orjson.OPT_INDENT_2).decode()) + "\n"


# --- reading tasks back ---------------------------------------------------------------------


@dataclass(frozen=True)
class TaskDraft:
    """One task read from a Taskwarrior export, checked but not yet applied to a plan.

    Times are in UTC; `index` is the task's place in the file (from 0), for messages;
    `priority` is None when the task has none, and `notes` joins its annotations.
    """

    index: int
    step_id: int | None
    title: str
    status: Literal["open", "done"]
    due: date | None
    priority: Priority | None
    project: str | None
    created: datetime | None
    done_at: datetime | None
    notes: str


def parse_tasks(data: bytes) -> list[TaskDraft]:
    """The tasks of a Taskwarrior JSON export, deleted ones and templates left out."""
    try:
        items = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise FormatError(f"not valid JSON ({error})") from None
    if not isinstance(items, list):
        raise FormatError("a Taskwarrior export is a JSON array of tasks; this is not an array")
    drafts = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        try:
            draft = _draft(index, item)
            uid = str(uuid.UUID(item["uuid"])) if draft and item.get("uuid") else ""
            if uid and seen.setdefault(uid, index) != index:
                raise _FieldError(f"uuid: {uid} is also the uuid of task {seen[uid]}")
        except _FieldError as error:
            raise FormatError(f"task {index}: {error}") from None
        if draft is not None:
            drafts.append(draft)
    return drafts


class _FieldError(ValueError):
    """What is wrong with one task, before the task's index is added."""


def _draft(index: int, item: object) -> TaskDraft | None:
    if not isinstance(item, dict):
        raise _FieldError("not a JSON object")
    status = _text(item, "status") or "pending"
    if status in _SKIPPED:
        return None
    if status not in _OPEN | {"completed"}:
        raise _FieldError(f"status: {status!r} is not pending, waiting, completed or deleted")
    title = _text(item, "description")
    if not title.strip():
        raise _FieldError("description: a task needs a description")
    uid = _text(item, "uuid")
    if uid and not _is_uuid(uid):
        raise _FieldError(f"uuid: {uid!r} is not a UUID")
    due, end, modified = (_time(item, key) for key in ("due", "end", "modified"))
    done = status == "completed"
    return TaskDraft(
        index=index, step_id=step_id_of(uid) if uid else None, title=title,
        status="done" if done else "open",
        due=due.astimezone().date() if due else None,  # back to the local day it names
        priority=_priority(item), project=_text(item, "project") or None,
        created=_time(item, "entry"), done_at=(end or modified) if done else None,
        notes=_notes(item))


def _text(item: dict[str, Any], key: str) -> str:
    value = item.get(key, "")
    if not isinstance(value, str):
        raise _FieldError(f"{key}: must be a string, not {type(value).__name__}")
    return value


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _time(item: dict[str, Any], key: str) -> datetime | None:
    text = _text(item, key).strip()
    if not text:
        return None
    try:
        if re.fullmatch(r"\d{8}T\d{6}Z", text):
            return datetime.strptime(text, _STAMP).replace(tzinfo=timezone.utc)
        moment = datetime.fromisoformat(text)  # ISO 8601 with an offset, as other tools write
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise _FieldError(f"{key}: {text!r} is not a time like 20261123T090000Z")
    return moment.astimezone(timezone.utc)


def _priority(item: dict[str, Any]) -> Priority | None:
    letter = _text(item, "priority").strip().upper()
    if not letter:
        return None
    if letter not in _PRIORITY_OF:
        raise _FieldError(f"priority: {item['priority']!r} is not H, M or L")
    return _PRIORITY_OF[letter]


def _notes(item: dict[str, Any]) -> str:
    annotations = item.get("annotations", [])
    if not isinstance(annotations, list):
        raise _FieldError("annotations: must be a list")
    notes = []
    for number, note in enumerate(annotations):
        if not isinstance(note, dict) or not isinstance(note.get("description"), str):
            raise _FieldError(f"annotations.{number}: needs a description (a string)")
        notes.append(note["description"])
    return "\n".join(notes)
