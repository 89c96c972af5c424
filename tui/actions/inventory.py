"""Changes to the self-assessment, the vision and the organisation's objectives."""

from __future__ import annotations

from datetime import date

from tui.domain.inventory import (
    EntryDraft,
    Section,
    build_entry,
    entry_problems,
    items_of,
    objectives_of,
    skill_goal_title,
)
from tui.domain.models import (
    Goal,
    Horizon,
    InventoryItem,
    InventoryKind,
    Objective,
    Vision,
    revise,
)
from tui.store import Invalid, Transaction

Entry = InventoryItem | Objective


def _check(tx: Transaction, section: Section, draft: EntryDraft, except_id: int | None) -> None:
    problems = entry_problems(tx.doc, section, draft, except_id)
    if problems:
        raise Invalid("; ".join(f"{field or section.noun}: {message}"
                                for field, message in problems.items()))


def _ordered(tx: Transaction, section: Section) -> list[Entry]:
    if section.kind is None:
        return list(objectives_of(tx.doc))
    return list(items_of(tx.doc, section.kind))


def add_entry(tx: Transaction, section: Section, draft: EntryDraft) -> Entry:
    """Add an entry at the end of its section (the lowest rank, for values)."""
    _check(tx, section, draft, None)
    position = max((e.position for e in _ordered(tx, section)), default=-1) + 1
    entry = build_entry(section, draft, tx.new_id(), position)
    tx.put(entry)
    return entry


def edit_entry(tx: Transaction, section: Section, entry_id: int, draft: EntryDraft) -> Entry:
    """Replace what an entry says, keeping its place."""
    old = tx.get(Objective if section.kind is None else InventoryItem, entry_id)
    _check(tx, section, draft, entry_id)
    entry = build_entry(section, draft, entry_id, old.position)
    tx.put(entry)
    return entry


def delete_entry(tx: Transaction, section: Section, entry_id: int) -> Entry:
    """Delete an entry and unlink it from every goal that named it (all undone together)."""
    kind = Objective if section.kind is None else InventoryItem
    entry = tx.get(kind, entry_id)
    for goal in list(tx.doc.goals.values()):
        links = {name: [i for i in getattr(goal, name) if i != entry_id]
                 for name in ("value_ids", "objective_ids", "skill_ids")}
        if any(links[name] != getattr(goal, name) for name in links):
            tx.put(revise(goal, **links))
    tx.remove(kind, entry_id)
    return entry


def move_entry(tx: Transaction, section: Section, entry_id: int, offset: int) -> int:
    """Move an entry up (-1) or down (+1) in its section; returns its new index."""
    entries = _ordered(tx, section)
    index = next((i for i, e in enumerate(entries) if e.id == entry_id), None)
    if index is None:
        raise Invalid(f"there is no {section.noun} with id {entry_id}")
    target = max(0, min(len(entries) - 1, index + offset))
    entries.insert(target, entries.pop(index))
    for position, entry in enumerate(entries):  # renumber, so ties can never stick
        if entry.position != position:
            tx.put(revise(entry, position=position))
    return target


def set_vision(tx: Transaction, vision: Vision) -> Vision:
    """Replace the vision statement."""
    tx.set(vision)
    return vision


def add_goal_for_skill(tx: Transaction, skill_id: int, today: date) -> Goal:
    """A short-term goal to close a skill's gap, linked to the skill, at the top level."""
    skill = tx.get(InventoryItem, skill_id)
    if skill.kind is not InventoryKind.SKILL:
        raise Invalid(f"{skill.name!r} is a {skill.kind}, not a skill")
    position = max((g.position for g in tx.doc.goals.values()), default=-1) + 1
    goal = Goal(id=tx.new_id(), title=skill_goal_title(skill), horizon=Horizon.SHORT,
                skill_ids=[skill.id], start=today, created_at=tx.now, position=position,
                done_when=f"{skill.name.strip()} is at level {skill.target_level} of 5")
    tx.put(goal)
    return goal
