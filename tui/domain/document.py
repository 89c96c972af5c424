"""The whole plan as one validated value, with the cross-record rules."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Self

from pydantic import model_validator

from tui.domain.models import (
    CheckIn,
    Feedback,
    Goal,
    InventoryItem,
    InventoryKind,
    Meta,
    Model,
    Objective,
    ProgressSnapshot,
    Record,
    Review,
    Settings,
    Step,
    Vision,
    Win,
)

# Table name -> record type, in the order they are written to the file.
RECORD_TABLES: dict[str, type[Record]] = {
    "objectives": Objective,
    "inventory": InventoryItem,
    "goals": Goal,
    "steps": Step,
    "checkins": CheckIn,
    "snapshots": ProgressSnapshot,
    "reviews": Review,
    "feedback": Feedback,
    "wins": Win,
}
# Tables holding one record each.
SINGLE_TABLES: dict[str, type[Model]] = {"meta": Meta, "vision": Vision, "settings": Settings}


class Document(Model):
    """Everything a person has written down, validated as a whole."""

    meta: Meta = Meta()
    vision: Vision = Vision()
    settings: Settings = Settings()
    objectives: dict[int, Objective] = {}
    inventory: dict[int, InventoryItem] = {}
    goals: dict[int, Goal] = {}
    steps: dict[int, Step] = {}
    checkins: dict[int, CheckIn] = {}
    snapshots: dict[int, ProgressSnapshot] = {}
    reviews: dict[int, Review] = {}
    feedback: dict[int, Feedback] = {}
    wins: dict[int, Win] = {}

    def records(self) -> Iterator[tuple[str, Record]]:
        """Every record with the name of its table."""
        for table in RECORD_TABLES:
            for record in getattr(self, table).values():
                yield table, record

    @model_validator(mode="after")
    def _references(self) -> Self:
        problems = list(reference_problems(self))
        if problems:
            raise ValueError("; ".join(problems[:5]))
        return self


def reference_problems(doc: Document, *, keys: bool = True) -> Iterator[str]:
    """Every broken rule between records, as a sentence (checked on every write, so the
    common case, nothing wrong, is answered with set operations). `keys=False` skips the
    check that each record is stored under its own id, which only a file can break."""
    tables = [(name, getattr(doc, name)) for name in RECORD_TABLES]
    ids: set[int] = set()
    for _name, table in tables:
        ids |= table.keys()
    if len(ids) != sum(len(table) for _name, table in tables):
        seen: dict[int, str] = {}
        for name, record in doc.records():
            if record.id in seen:
                yield (f"{name}.{record.id}.id: id {record.id} is used twice"
                       f" ({seen[record.id]} and {name})")
            seen[record.id] = name
    for name, table in tables if keys else ():
        for key, record in table.items():
            if key != record.id:
                yield f"{name}.{key}.id: record stored under {key} has id {record.id}"
    if ids and max(ids) >= doc.meta.next_id:
        yield f"meta.next_id {doc.meta.next_id} is not above the largest id {max(ids)}"
    yield from _goal_problems(doc)
    pointed = {r.goal_id for table in _GOAL_REFERRING for r in getattr(doc, table).values()}
    if not pointed <= doc.goals.keys() | {None}:
        yield from _missing(doc.goals, _goal_refs(doc))


_GOAL_REFERRING = ("steps", "checkins", "snapshots", "feedback", "wins")


_OWNER = {"steps": "step", "checkins": "check-in", "snapshots": "snapshot",
          "feedback": "feedback", "wins": "win"}


def _goal_refs(doc: Document) -> Iterator[tuple[str, str, int | None]]:
    """(the record's path in the file, its name in a sentence, the goal it points to)."""
    for table in _GOAL_REFERRING:
        for record in getattr(doc, table).values():
            yield f"{table}.{record.id}.goal_id", f"{_OWNER[table]} {record.id}", record.goal_id


def _missing(
    goals: Mapping[int, Goal], refs: Iterator[tuple[str, str, int | None]]
) -> Iterator[str]:
    for where, owner, ref in refs:
        if ref is not None and ref not in goals:
            yield f"{where}: {owner} points to goal {ref}, which does not exist"


def _goal_problems(doc: Document) -> Iterator[str]:
    values = {i for i, item in doc.inventory.items() if item.kind is InventoryKind.VALUE}
    skills = {i for i, item in doc.inventory.items() if item.kind is InventoryKind.SKILL}
    for goal in doc.goals.values():
        if goal.parent_id is not None and goal.parent_id not in doc.goals:
            yield (f"goals.{goal.id}.parent_id: goal {goal.id} has parent {goal.parent_id},"
                   " which does not exist")
        for value_id in goal.value_ids:
            if value_id not in values:
                yield (f"goals.{goal.id}.value_ids: goal {goal.id} links value {value_id},"
                       " which is not a value")
        for skill_id in goal.skill_ids:
            if skill_id not in skills:
                yield (f"goals.{goal.id}.skill_ids: goal {goal.id} links skill {skill_id},"
                       " which is not a skill")
        for objective_id in goal.objective_ids:
            if objective_id not in doc.objectives:
                yield (f"goals.{goal.id}.objective_ids: goal {goal.id} links objective"
                       f" {objective_id}, which does not exist")
    yield from _cycles(doc.goals)


def _cycles(goals: Mapping[int, Goal]) -> Iterator[str]:
    settled: set[int] = set()
    for start in goals:
        path: list[int] = []
        node: int | None = start
        while node is not None and node in goals and node not in settled:
            if node in path:
                yield f"goals {' -> '.join(map(str, path[path.index(node):]))} form a cycle"
                break
            path.append(node)
            node = goals[node].parent_id
        settled.update(path)
