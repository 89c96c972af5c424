"""The self-assessment read as sections, and how well the goals serve what it says matters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import ValidationError

from tui.domain.document import Document
from tui.domain.errors import field_errors
from tui.domain.models import Goal, GoalStatus, InventoryItem, InventoryKind, Objective
from tui.domain.text import one_line

LEVELS = range(1, 6)


@dataclass(frozen=True)
class Section:
    """One part of the self-assessment, with the questions that help fill it."""

    key: str
    title: str
    noun: str
    prompts: tuple[str, ...]
    kind: InventoryKind | None = None


# Questions from career-planning practice, shown while a section is empty; never stored.
SECTIONS: tuple[Section, ...] = (
    Section("vision", "Vision", "vision", (
        "Where do you want to be in five years?",
        "What level of responsibility do you want: an area, a team, a discipline?",
        "What impact should your work have, and on whom?",
    )),
    Section("value", "Values", "value", (
        "Which values guide your decisions when a choice is hard?",
        "Think of a day you were proud of your work: what made it matter?",
        "What would make you leave a job that pays well?",
    ), InventoryKind.VALUE),
    Section("strength", "Strengths", "strength", (
        "What do colleagues come to you for?",
        "Which work feels easy to you but hard to others?",
        "What praise have you heard more than once?",
    ), InventoryKind.STRENGTH),
    Section("weakness", "Growth areas", "growth area", (
        "Which feedback keeps coming back?",
        "What do you avoid, or hand to someone else?",
        "Which gap would hold you back in the role you want next?",
    ), InventoryKind.WEAKNESS),
    Section("skill", "Skills", "skill", (
        "Which technical and soft skills does the role you want need?",
        "Rate each from 1 (beginner) to 5 (expert), now and where you want to be.",
        "The biggest gaps are what to learn first.",
    ), InventoryKind.SKILL),
    Section("interest", "Interests", "interest", (
        "What work are you passionate about?",
        "Which topics do you read about when nobody asks you to?",
        "Which projects would you volunteer for?",
    ), InventoryKind.INTEREST),
    Section("objective", "Objectives", "objective", (
        "What is your team or company aiming for this year?",
        "Which of those objectives could your goals move?",
        "Ask your manager which results matter most.",
    )),
)
SECTION_BY_KEY = {section.key: section for section in SECTIONS}


def items_of(doc: Document, kind: InventoryKind) -> list[InventoryItem]:
    """The entries of one section in their order: rank for values, gap first for skills."""
    items = [item for item in doc.inventory.values() if item.kind is kind]
    if kind is InventoryKind.SKILL:
        return sorted(items, key=lambda s: (-s.gap, s.name.casefold(), s.id))
    return sorted(items, key=lambda i: (i.position, i.id))


def objectives_of(doc: Document) -> list[Objective]:
    """The organisation's objectives in their order."""
    return sorted(doc.objectives.values(), key=lambda o: (o.position, o.id))


def name_taken(doc: Document, section: Section, name: str, except_id: int | None = None) -> str:
    """The name of another entry of `section` equal to `name` ignoring case and outer spaces
    ('' if there is none)."""
    wanted = name.strip().casefold()
    if section.kind is None:
        names = ((o.id, o.title) for o in doc.objectives.values())
    else:
        names = ((i.id, i.name) for i in doc.inventory.values() if i.kind is section.kind)
    return next((other for key, other in names
                 if other.strip().casefold() == wanted and key != except_id), "")


def _active(doc: Document) -> Iterator[Goal]:
    return (goal for goal in doc.goals.values() if goal.status is GoalStatus.ACTIVE)


def goals_serving(doc: Document, record_id: int) -> list[Goal]:
    """Active goals linked directly to the value, objective or skill `record_id`."""
    return sorted(
        (g for g in _active(doc)
         if record_id in g.value_ids or record_id in g.objective_ids or record_id in g.skill_ids),
        key=lambda g: (g.position, g.id),
    )


def unserved_values(doc: Document) -> list[InventoryItem]:
    """Values, in rank order, that no active goal serves: said to matter, not worked on."""
    served = {value_id for goal in _active(doc) for value_id in goal.value_ids}
    return [v for v in items_of(doc, InventoryKind.VALUE) if v.id not in served]


def unaligned_goals(doc: Document) -> list[Goal]:
    """Active goals serving no value or objective, directly or through a goal above them.

    A milestone under an aligned goal serves what its parent serves, so only goals whose
    whole chain of parents links nothing are called out.
    """
    aligned: dict[int, bool] = {}

    def is_aligned(goal: Goal) -> bool:
        if goal.id not in aligned:
            aligned[goal.id] = False  # guards against a cycle while it is being decided
            parent = doc.goals.get(goal.parent_id) if goal.parent_id is not None else None
            aligned[goal.id] = bool(goal.value_ids or goal.objective_ids) or (
                parent is not None and is_aligned(parent))
        return aligned[goal.id]

    return sorted((g for g in _active(doc) if not is_aligned(g)), key=lambda g: (g.position, g.id))


def skill_goal_title(skill: InventoryItem) -> str:
    """The title of the goal that closes a skill's gap."""
    return f"Reach level {skill.target_level} in {skill.name.strip()}"


@dataclass(frozen=True)
class EntryDraft:
    """What a person typed for an entry of a section (for objectives: title and description)."""

    name: str
    notes: str = ""
    skill_kind: str | None = None
    current_level: int | None = None
    target_level: int | None = None


def entry_problems(
    doc: Document, section: Section, draft: EntryDraft, except_id: int | None = None
) -> dict[str, str]:
    """What is wrong with `draft` as an entry of `section`, by field ('' when all is well)."""
    try:
        build_entry(section, draft, record_id=except_id or 1)
    except ValidationError as error:
        problems = {_FIELD_OF.get(k, k): v for k, v in field_errors(error).items()}
    else:
        problems = {}
    taken = "" if "name" in problems else name_taken(doc, section, draft.name, except_id)
    if taken:
        problems["name"] = f"another {section.noun} is named {one_line(taken.strip(), 60)!r}"
    return problems


_FIELD_OF = {"title": "name", "description": "notes"}


def build_entry(
    section: Section, draft: EntryDraft, record_id: int, position: int = 0
) -> InventoryItem | Objective:
    """The validated record for `draft` (raises ValidationError)."""
    if section.kind is None:
        return Objective(id=record_id, title=draft.name, description=draft.notes,
                         position=position)
    skill = section.kind is InventoryKind.SKILL
    return InventoryItem(
        id=record_id, kind=section.kind, name=draft.name, notes=draft.notes, position=position,
        skill_kind=draft.skill_kind if skill else None,  # type: ignore[arg-type]
        current_level=draft.current_level if skill else None,
        target_level=draft.target_level if skill else None,
    )
