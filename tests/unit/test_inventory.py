"""The self-assessment: section order, name rules, alignment with goals, and its changes."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.actions import inventory as change
from tui.domain.document import Document
from tui.domain.inventory import (
    SECTION_BY_KEY,
    EntryDraft,
    entry_problems,
    goals_serving,
    items_of,
    name_taken,
    unaligned_goals,
    unserved_values,
)
from tui.domain.models import Goal, InventoryItem, InventoryKind, Meta, Objective, Vision
from tui.store import Invalid, NotFound, Store

NOW = datetime(2026, 11, 23, 9, 0)
VALUE, SKILL, OBJECTIVE = (SECTION_BY_KEY[k] for k in ("value", "skill", "objective"))


def item(id: int, kind: str, name: str, position: int = 0, **fields: Any) -> dict[str, Any]:
    return {"id": id, "kind": kind, "name": name, "position": position, **fields}


def skill(id: int, name: str, now: int, target: int) -> dict[str, Any]:
    return item(id, "skill", name, skill_kind="technical", current_level=now, target_level=target)


def goal(id: int, parent: int | None = None, status: str = "active", **links: Any) -> dict[str, Any]:
    return {"id": id, "parent_id": parent, "title": f"Goal {id}", "status": status,
            "start": "2026-11-01", "created_at": NOW.isoformat(), **links}


def document(inventory: list[dict[str, Any]] = (), goals: list[dict[str, Any]] = (),
             objectives: list[dict[str, Any]] = ()) -> Document:
    records = [*inventory, *goals, *objectives]
    return Document.model_validate({
        "meta": Meta(next_id=max((r["id"] for r in records), default=0) + 1).model_dump(),
        "inventory": {r["id"]: r for r in inventory},
        "goals": {r["id"]: r for r in goals},
        "objectives": {r["id"]: r for r in objectives},
    })


# --- order and names ------------------------------------------------------------------------


def test_values_are_in_rank_order_and_skills_biggest_gap_first() -> None:
    doc = document([item(1, "value", "Balance", 2), item(2, "value", "Craft", 0),
                    item(3, "value", "Autonomy", 1), skill(4, "Python", 4, 5),
                    skill(5, "Kubernetes", 1, 4), skill(6, "SQL", 5, 5), skill(7, "Go", 2, 4)])
    assert [v.name for v in items_of(doc, InventoryKind.VALUE)] == ["Craft", "Autonomy", "Balance"]
    assert [s.name for s in items_of(doc, InventoryKind.SKILL)] == [
        "Kubernetes", "Go", "Python", "SQL"]
    assert [s.gap for s in items_of(doc, InventoryKind.SKILL)] == [3, 2, 1, 0]


def test_a_name_is_taken_within_its_section_ignoring_case_and_spaces() -> None:
    doc = document([item(1, "value", "Craft"), item(2, "strength", "Writing")],
                   objectives=[{"id": 3, "title": "Ship it"}])
    assert name_taken(doc, VALUE, "  craft ") == "Craft"
    assert name_taken(doc, VALUE, "craft", except_id=1) == ""  # its own name, when editing
    assert name_taken(doc, VALUE, "Writing") == ""  # a strength, not a value
    assert name_taken(doc, OBJECTIVE, "SHIP IT") == "Ship it"


@pytest.mark.parametrize(("draft", "field", "message"), [
    (EntryDraft("   "), "name", "must not be empty"),
    (EntryDraft(" CRAFT"), "name", "another value is named 'Craft'"),
])
def test_a_bad_value_draft_names_its_field(draft: EntryDraft, field: str, message: str) -> None:
    doc = document([item(1, "value", "Craft")])
    assert entry_problems(doc, VALUE, draft) == {field: message}


@pytest.mark.parametrize(("now", "target", "field"), [
    (0, 3, "current_level"), (6, 3, "current_level"), (2, 9, "target_level"),
    (2, -1, "target_level"),
])
def test_skill_levels_outside_1_to_5_are_refused(now: int, target: int, field: str) -> None:
    draft = EntryDraft("Go", "", "technical", now, target)
    assert field in entry_problems(document(), SKILL, draft)


def test_a_good_skill_draft_has_no_problems() -> None:
    assert entry_problems(document(), SKILL, EntryDraft("Go", "", "soft", 1, 5)) == {}


# --- alignment ------------------------------------------------------------------------------


def alignment_doc() -> Document:
    return document(
        [item(1, "value", "Craft", 0), item(2, "value", "Balance", 1),
         item(3, "value", "Learning", 2), skill(4, "Go", 1, 3)],
        [goal(10, value_ids=[1]), goal(11, parent=10), goal(12, status="dropped", value_ids=[3]),
         goal(13), goal(14, parent=13, skill_ids=[4]), goal(15, objective_ids=[20]),
         goal(16, status="paused")],
        [{"id": 20, "title": "Fewer incidents"}],
    )


def test_goals_serving_counts_active_goals_linked_directly() -> None:
    doc = alignment_doc()
    assert [g.id for g in goals_serving(doc, 1)] == [10]
    assert goals_serving(doc, 3) == []  # only a dropped goal serves it
    assert [g.id for g in goals_serving(doc, 4)] == [14]
    assert [g.id for g in goals_serving(doc, 20)] == [15]


def test_values_no_active_goal_serves_are_called_out_in_rank_order() -> None:
    assert [v.name for v in unserved_values(alignment_doc())] == ["Balance", "Learning"]


def test_goals_serving_nothing_even_through_their_parents_are_called_out() -> None:
    # 11 serves Craft through its parent 10; 15 serves an objective; 16 is paused.
    assert [g.id for g in unaligned_goals(alignment_doc())] == [13, 14]


# --- changes through the store -----------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "careerdash.json", clock=lambda: NOW)


def add(store: Store, key: str, *drafts: EntryDraft) -> list[int]:
    with store.transaction() as tx:
        return [change.add_entry(tx, SECTION_BY_KEY[key], d).id for d in drafts]


def test_entries_are_added_at_the_end_and_a_duplicate_changes_nothing(store: Store) -> None:
    ids = add(store, "value", EntryDraft("Craft"), EntryDraft("Balance"))
    assert [store.document.inventory[i].position for i in ids] == [0, 1]
    revision = store.revision
    with pytest.raises(Invalid, match="another value is named"), store.transaction() as tx:
        change.add_entry(tx, VALUE, EntryDraft("craft"))
    assert store.revision == revision
    assert len(Store.open(store.path).document.inventory) == 2


def test_moving_a_value_renumbers_the_ranks(store: Store) -> None:
    ids = add(store, "value", *(EntryDraft(n) for n in ("A", "B", "C", "D")))
    with store.transaction() as tx:
        assert change.move_entry(tx, VALUE, ids[3], -1) == 2
    with store.transaction() as tx:
        assert change.move_entry(tx, VALUE, ids[0], -1) == 0  # already first: stays
    ranked = [v.name for v in items_of(Store.open(store.path).document, InventoryKind.VALUE)]
    assert ranked == ["A", "B", "D", "C"]


def test_deleting_a_value_unlinks_it_from_every_goal(store: Store) -> None:
    craft, balance = add(store, "value", EntryDraft("Craft"), EntryDraft("Balance"))
    with store.transaction() as tx:
        tx.put(Goal(id=tx.new_id(), title="Lead", start=date(2026, 11, 1), created_at=NOW,
                    value_ids=[craft, balance]))
    with store.transaction() as tx:
        change.delete_entry(tx, VALUE, craft)
    doc = Store.open(store.path).document
    assert craft not in doc.inventory
    assert [g.value_ids for g in doc.goals.values()] == [[balance]]


def test_editing_an_objective_keeps_its_place(store: Store) -> None:
    first, second = add(store, "objective", EntryDraft("Ship"), EntryDraft("Grow"))
    with store.transaction() as tx:
        change.edit_entry(tx, OBJECTIVE, second, EntryDraft("Grow the team", "by two"))
    objective = store.document.objectives[second]
    assert (objective.title, objective.description, objective.position) == (
        "Grow the team", "by two", 1)
    with pytest.raises(NotFound), store.transaction() as tx:
        change.edit_entry(tx, OBJECTIVE, 999, EntryDraft("x"))
    assert store.document.objectives[first].title == "Ship"


def test_a_goal_for_a_skill_is_linked_to_it_and_named_after_its_target(store: Store) -> None:
    (go,) = add(store, "skill", EntryDraft("Go", "", "technical", 2, 4))
    (craft,) = add(store, "value", EntryDraft("Craft"))
    with store.transaction() as tx:
        made = change.add_goal_for_skill(tx, go, NOW.date())
    with pytest.raises(Invalid, match="not a skill"), store.transaction() as tx:
        change.add_goal_for_skill(tx, craft, NOW.date())
    stored = Store.open(store.path).document.goals[made.id]
    assert (stored.title, stored.skill_ids, stored.parent_id) == ("Reach level 4 in Go", [go], None)
    assert [g.id for g in goals_serving(store.document, go)] == [made.id]


def test_a_goal_may_link_only_skills_as_skills(store: Store) -> None:
    (craft,) = add(store, "value", EntryDraft("Craft"))
    with pytest.raises(Exception, match="not a skill"), store.transaction() as tx:
        tx.put(Goal(id=tx.new_id(), title="Lead", start=date(2026, 11, 1), created_at=NOW,
                    skill_ids=[craft]))
    assert store.document.goals == {}


# --- round trip ---------------------------------------------------------------------------

names = st.text(min_size=1, max_size=40).filter(lambda s: s.strip())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(names, max_size=5, unique_by=lambda s: s.strip().casefold()),
       skills=st.lists(st.tuples(names, st.integers(1, 5), st.integers(1, 5)), max_size=4,
                       unique_by=lambda t: t[0].strip().casefold()),
       objective=names, vision=st.text(max_size=200))
def test_the_self_assessment_round_trips_through_the_file_unchanged(
    tmp_path_factory: pytest.TempPathFactory, values: list[str],
    skills: list[tuple[str, int, int]], objective: str, vision: str,
) -> None:
    path = tmp_path_factory.mktemp("inventory") / "careerdash.json"
    store = Store.open(path, clock=lambda: NOW)
    with store.transaction() as tx:
        for name in values:
            change.add_entry(tx, VALUE, EntryDraft(name, notes=name[::-1]))
        for name, now, target in skills:
            change.add_entry(tx, SKILL, EntryDraft(name, "", "soft", now, target))
        change.add_entry(tx, OBJECTIVE, EntryDraft(objective))
        change.set_vision(tx, Vision(statement=vision, impact=vision[:5]))
    reread = Store.open(path).document
    assert reread == store.document
    assert [v.name for v in items_of(reread, InventoryKind.VALUE)] == values
    assert sorted(s.name for s in items_of(reread, InventoryKind.SKILL)) == sorted(
        n for n, _, _ in skills)
    assert isinstance(next(iter(reread.objectives.values())), Objective)
    assert all(isinstance(i, InventoryItem) for i in reread.inventory.values())
    assert reread.vision.statement == vision
