"""The sample plan looks like a real person's, and generated plans have the size asked for."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.demo import demo_document, generated_document
from tui.domain.document import Document
from tui.domain.models import InventoryKind, StepStatus
from tui.domain.progress import goal_progress, tree_order
from tui.domain.today import today_steps

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo() -> Document:
    return demo_document(TODAY)


@pytest.fixture(scope="module")
def generated() -> Document:
    return generated_document(500, TODAY)


def revalidated(doc: Document) -> Document:
    """The document read back from its JSON form, through every rule again."""
    return Document.model_validate_json(doc.model_dump_json())


def test_the_demo_validates_as_a_whole(demo: Document) -> None:
    assert revalidated(demo) == demo


def test_the_demo_has_a_vision(demo: Document) -> None:
    vision = demo.vision
    assert vision.statement.strip() and vision.responsibility.strip() and vision.impact.strip()


def test_the_demo_ranks_its_values(demo: Document) -> None:
    values = [i for i in demo.inventory.values() if i.kind is InventoryKind.VALUE]
    assert len(values) >= 3
    assert sorted(v.position for v in values) == list(range(len(values)))


def test_the_demo_has_every_kind_of_self_assessment(demo: Document) -> None:
    assert {i.kind for i in demo.inventory.values()} == set(InventoryKind)


def test_the_demo_has_skills_with_gaps(demo: Document) -> None:
    skills = [i for i in demo.inventory.values() if i.kind is InventoryKind.SKILL]
    assert len(skills) >= 2
    assert sum(1 for s in skills if s.gap > 0) >= 2
    assert {s.skill_kind for s in skills} == {"technical", "soft"}


def test_the_demo_goal_tree_is_three_levels_deep(demo: Document) -> None:
    depths = [depth for depth, _ in tree_order(demo)]
    assert max(depths) >= 2
    assert len(depths) == len(demo.goals)


def test_the_demo_has_goals_with_metrics_and_linked_values(demo: Document) -> None:
    goals = demo.goals.values()
    assert any(g.metric is not None for g in goals)
    assert all(g.value_ids for g in goals)
    assert any(g.objective_ids for g in goals)


def test_the_demo_has_steps_in_every_status(demo: Document) -> None:
    assert len(demo.steps) >= 30
    assert {s.status for s in demo.steps.values()} == set(StepStatus)


def test_the_demo_has_steps_done_over_the_past_weeks(demo: Document) -> None:
    done_on = [s.done_at.date() for s in demo.steps.values() if s.done_at is not None]
    assert all(day <= TODAY for day in done_on)
    recent = {day for day in done_on if TODAY - timedelta(weeks=5) <= day < TODAY}
    assert len(recent) >= 5
    assert any(day < TODAY - timedelta(weeks=2) for day in recent)


def test_the_demo_has_a_habit(demo: Document) -> None:
    habits = [s for s in demo.steps.values() if s.recurrence is not None]
    assert habits and all(h.completions for h in habits)


def test_the_demo_has_something_to_do_today(demo: Document) -> None:
    listed = today_steps(demo, TODAY)
    assert listed
    assert any(s.due is not None and s.due < TODAY for s in listed)  # something overdue


def test_the_demo_shows_partial_progress(demo: Document) -> None:
    progress = goal_progress(demo).values()
    assert all(0.0 <= p <= 1.0 for p in progress)
    assert any(0.0 < p < 1.0 for p in progress)


@settings(max_examples=25, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_the_demo_is_valid_whatever_today_is(today: date) -> None:
    doc = demo_document(today)
    assert today_steps(doc, today)
    assert revalidated(doc) == doc


def test_a_generated_plan_has_exactly_the_steps_asked_for(generated: Document) -> None:
    assert len(generated.steps) == 500


def test_a_generated_plan_validates(generated: Document) -> None:
    assert revalidated(generated) == generated


def test_a_generated_plan_keeps_the_demo_and_spreads_its_steps(generated: Document) -> None:
    demo = demo_document(TODAY)
    assert set(demo.goals) < set(generated.goals)
    assert {s.status for s in generated.steps.values()} == set(StepStatus)
    assert len({s.goal_id for s in generated.steps.values()}) > len(demo.goals)


def test_a_generated_plan_is_the_same_for_the_same_seed(generated: Document) -> None:
    assert generated_document(500, TODAY) == generated
    assert generated_document(500, TODAY, seed=8) != generated


@pytest.mark.parametrize("size", [34, 120, 1000])
def test_generated_plans_of_other_sizes(size: int) -> None:
    assert len(generated_document(size, TODAY).steps) == size
