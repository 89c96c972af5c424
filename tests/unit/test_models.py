"""Record rules and document rules: what is rejected, and that the message says why."""

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from tui.domain.document import Document
from tui.domain.errors import describe, field_errors
from tui.domain.models import (
    CheckIn,
    Feedback,
    Goal,
    InventoryItem,
    Meta,
    Metric,
    Objective,
    ProgressSnapshot,
    Recurrence,
    Record,
    Review,
    Settings,
    Step,
    StepStatus,
    Vision,
    Win,
    revise,
)

NOW = datetime(2026, 11, 23, 9, 0)
TODAY = NOW.date()


# --- factories ---------------------------------------------------------------------------


def step_data(id: int = 1, **fields: Any) -> dict[str, Any]:
    return {"id": id, "title": f"Step {id}", "created_at": NOW, **fields}


def goal_data(id: int = 1, **fields: Any) -> dict[str, Any]:
    return {"id": id, "title": f"Goal {id}", "start": TODAY, "created_at": NOW, **fields}


def step(id: int = 1, **fields: Any) -> Step:
    return Step.model_validate(step_data(id, **fields))


def goal(id: int = 1, **fields: Any) -> Goal:
    return Goal.model_validate(goal_data(id, **fields))


def item(id: int, kind: str, **fields: Any) -> InventoryItem:
    return InventoryItem.model_validate({"id": id, "kind": kind, "name": f"Item {id}", **fields})


def skill_data(**fields: Any) -> dict[str, Any]:
    base = {"id": 1, "kind": "skill", "name": "Python", "skill_kind": "technical",
            "current_level": 2, "target_level": 4}
    return {**base, **fields}


_TABLE_OF = {Objective: "objectives", InventoryItem: "inventory", Goal: "goals",
             Step: "steps", CheckIn: "checkins", ProgressSnapshot: "snapshots",
             Review: "reviews", Feedback: "feedback", Win: "wins"}


def document(*records: Record, next_id: int | None = None) -> Document:
    """A document holding `records`, each under its own id, with a fitting next_id."""
    tables: dict[str, dict[int, Record]] = {}
    for record in records:
        tables.setdefault(_TABLE_OF[type(record)], {})[record.id] = record
    top = max((record.id for record in records), default=0)
    meta = Meta(next_id=next_id if next_id is not None else top + 1)
    return Document.model_validate({"meta": meta, **tables})


def rejection(build: Callable[[], object]) -> tuple[dict[str, str], str]:
    """The field errors and the one-line description of why `build` was refused."""
    with pytest.raises(ValidationError) as info:
        build()
    return field_errors(info.value), describe(info.value)


def document_problem(*records: Record, next_id: int | None = None) -> str:
    errors, text = rejection(lambda: document(*records, next_id=next_id))
    assert list(errors) == [""], "a cross-record rule is about the whole document"
    return text


# --- titles and names --------------------------------------------------------------------

TITLED: list[tuple[type[BaseModel], dict[str, Any]]] = [
    (Step, step_data()),
    (Goal, goal_data()),
    (Objective, {"id": 1, "title": "Cut incidents"}),
    (Win, {"id": 1, "title": "Shipped", "on": TODAY}),
]


@pytest.mark.parametrize(("model", "data"), TITLED, ids=lambda v: getattr(v, "__name__", ""))
@pytest.mark.parametrize("title", ["", "   ", "\t\n "])
def test_an_empty_title_is_rejected(model: type[BaseModel], data: dict[str, Any],
                                    title: str) -> None:
    errors, text = rejection(lambda: model.model_validate({**data, "title": title}))
    assert errors == {"title": "must not be empty"}
    assert text == "title: must not be empty"


@pytest.mark.parametrize(("model", "data"), TITLED, ids=lambda v: getattr(v, "__name__", ""))
def test_a_title_with_text_is_kept_as_typed(model: type[BaseModel], data: dict[str, Any]) -> None:
    record = model.model_validate({**data, "title": "  Ship it  "})
    assert record.title == "  Ship it  "  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["", "  "])
def test_an_inventory_item_needs_a_name(name: str) -> None:
    errors, text = rejection(lambda: item(1, "value", name=name))
    assert errors == {"name": "must not be empty"}
    assert text == "name: must not be empty"


@pytest.mark.parametrize("field", ["who", "text"])
def test_feedback_needs_who_and_what(field: str) -> None:
    data = {"id": 1, "who": "Priya", "on": TODAY, "text": "Good RFC", field: " "}
    errors, _ = rejection(lambda: Feedback.model_validate(data))
    assert errors == {field: "must not be empty"}


# --- skills --------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["current_level", "target_level"])
@pytest.mark.parametrize(("level", "bound"), [(0, "greater than or equal to 1"),
                                              (6, "less than or equal to 5")])
def test_skill_levels_outside_one_to_five_are_rejected(field: str, level: int,
                                                       bound: str) -> None:
    errors, text = rejection(lambda: InventoryItem.model_validate(skill_data(**{field: level})))
    assert list(errors) == [field]
    assert bound in errors[field]
    assert text.startswith(f"{field}: ")


@pytest.mark.parametrize("level", [1, 5])
def test_skill_levels_at_the_bounds_are_accepted(level: int) -> None:
    skill = InventoryItem.model_validate(skill_data(current_level=level, target_level=level))
    assert skill.current_level == skill.target_level == level


@pytest.mark.parametrize("missing", ["skill_kind", "current_level", "target_level"])
def test_a_skill_needs_its_kind_and_both_levels(missing: str) -> None:
    errors, text = rejection(lambda: InventoryItem.model_validate(skill_data(**{missing: None})))
    assert list(errors) == [""]
    assert "a skill needs skill_kind (technical or soft), current_level and target_level" in text


def test_a_skill_kind_must_be_technical_or_soft() -> None:
    errors, _ = rejection(lambda: InventoryItem.model_validate(skill_data(skill_kind="hard")))
    assert "'technical' or 'soft'" in errors["skill_kind"]


@pytest.mark.parametrize("kind", ["value", "strength", "weakness", "interest"])
@pytest.mark.parametrize("extra", [{"current_level": 3}, {"target_level": 3},
                                   {"skill_kind": "soft"}])
def test_only_skills_have_levels(kind: str, extra: dict[str, Any]) -> None:
    errors, text = rejection(lambda: item(1, kind, **extra))
    assert list(errors) == [""]
    assert text == f"only skills have skill_kind and levels, not a {kind}"


@pytest.mark.parametrize(("current", "target", "gap"), [(2, 4, 2), (4, 4, 0), (5, 3, 0)])
def test_a_skills_gap_is_the_levels_still_to_learn(current: int, target: int, gap: int) -> None:
    skill = InventoryItem.model_validate(skill_data(current_level=current, target_level=target))
    assert skill.gap == gap


def test_anything_but_a_skill_has_no_gap() -> None:
    assert item(1, "strength").gap == 0


# --- metrics -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0.0, 3.5, -2.0])
def test_a_metric_target_must_differ_from_its_baseline(value: float) -> None:
    errors, text = rejection(lambda: Metric(baseline=value, target=value))
    assert list(errors) == [""]
    assert text == "the metric's target must differ from its baseline"


def test_a_goal_reports_its_metric_problem_under_metric() -> None:
    errors, text = rejection(lambda: goal(metric={"baseline": 2, "target": 2}))
    assert list(errors) == ["metric"]
    assert text == "metric: the metric's target must differ from its baseline"


@pytest.mark.parametrize(
    ("baseline", "target", "current", "fraction"),
    [
        (0, 10, None, 0.0),  # nothing measured yet: at the baseline
        (0, 10, 4, 0.4),
        (0, 10, 10, 1.0),
        (0, 10, 15, 1.0),  # beyond the target is clamped
        (0, 10, -5, 0.0),  # behind the baseline is clamped
        (10, 2, 6, 0.5),  # a metric that should go down
        (10, 2, 0, 1.0),
        (10, 2, 12, 0.0),
    ],
)
def test_metric_fraction_runs_from_baseline_to_target_clamped(
    baseline: float, target: float, current: float | None, fraction: float
) -> None:
    metric = Metric(baseline=baseline, target=target, current=current)
    assert metric.fraction == pytest.approx(fraction)


# --- goals ---------------------------------------------------------------------------------


def test_a_goal_deadline_must_be_a_date() -> None:
    errors, text = rejection(lambda: goal(deadline="soon"))
    assert list(errors) == ["deadline"]
    assert "valid date" in errors["deadline"]
    assert text.startswith("deadline: ")


def test_a_goal_deadline_must_not_be_before_its_start() -> None:
    errors, text = rejection(lambda: goal(start=TODAY, deadline=TODAY - timedelta(days=1)))
    assert list(errors) == [""]
    assert text == "the deadline must not be before the goal's start"


def test_a_goal_may_end_the_day_it_starts() -> None:
    assert goal(start=TODAY, deadline=TODAY).deadline == TODAY


def test_a_goal_cannot_be_its_own_parent() -> None:
    _, text = rejection(lambda: goal(7, parent_id=7))
    assert text == "a goal cannot be its own parent"


@pytest.mark.parametrize("field", ["title", "start", "created_at"])
def test_a_goal_names_each_missing_field(field: str) -> None:
    data = goal_data()
    del data[field]
    errors, text = rejection(lambda: Goal.model_validate(data))
    assert errors == {field: "is required"}
    assert text == f"{field}: is required"


def test_ids_start_at_one() -> None:
    errors, _ = rejection(lambda: step(0))
    assert list(errors) == ["id"]


# --- recurrence and steps ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "weekly"}, "a weekly recurrence needs a weekday (0=Monday), others none"),
        ({"kind": "daily", "weekday": 2}, "a weekly recurrence needs a weekday"),
        ({"kind": "every"}, "an 'every N days' recurrence needs an interval, others none"),
        ({"kind": "weekdays", "interval": 3}, "an 'every N days' recurrence needs an interval"),
    ],
)
def test_a_recurrence_has_exactly_the_fields_its_kind_needs(fields: dict[str, Any],
                                                            message: str) -> None:
    errors, text = rejection(lambda: Recurrence.model_validate(fields))
    assert list(errors) == [""]
    assert message in text


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "weekly", "weekday": 7}, "weekday"),
        ({"kind": "weekly", "weekday": -1}, "weekday"),
        ({"kind": "every", "interval": 0}, "interval"),
        ({"kind": "every", "interval": 367}, "interval"),
        ({"kind": "monthly"}, "kind"),
    ],
)
def test_recurrence_values_out_of_range_are_rejected(fields: dict[str, Any], field: str) -> None:
    errors, _ = rejection(lambda: Recurrence.model_validate(fields))
    assert field in errors


@pytest.mark.parametrize(
    "fields",
    [{"kind": "daily"}, {"kind": "weekdays"}, {"kind": "weekly", "weekday": 6},
     {"kind": "every", "interval": 1}, {"kind": "every", "interval": 366}],
)
def test_well_formed_recurrences_are_accepted(fields: dict[str, Any]) -> None:
    assert Recurrence.model_validate(fields).kind == fields["kind"]


def test_a_done_step_needs_a_done_time() -> None:
    _, text = rejection(lambda: step(status="done"))
    assert text == "a step has a done time exactly when its status is done"


@pytest.mark.parametrize("status", ["todo", "doing", "blocked"])
def test_an_open_step_has_no_done_time(status: str) -> None:
    _, text = rejection(lambda: step(status=status, done_at=NOW))
    assert text == "a step has a done time exactly when its status is done"


def test_a_done_step_with_its_time_is_accepted() -> None:
    done = step(status="done", done_at=NOW)
    assert done.is_done and done.done_at == NOW


def test_a_recurring_step_is_never_done() -> None:
    _, text = rejection(
        lambda: step(status="done", done_at=NOW, recurrence={"kind": "daily"})
    )
    assert text == "a recurring step is never done; its completions are recorded"


def test_a_step_status_must_be_known() -> None:
    errors, _ = rejection(lambda: step(status="finished"))
    assert list(errors) == ["status"]


# --- other records -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: Settings(review_day=7), "review_day"),
        (lambda: Settings(goal_wip_limit=0), "goal_wip_limit"),
        (lambda: Meta(next_id=0), "next_id"),
        (lambda: Meta(revision=-1), "revision"),
        (lambda: ProgressSnapshot(id=1, goal_id=1, on=TODAY, progress=1.5), "progress"),
        (lambda: Review(id=1, started_at=NOW, confidence=6), "confidence"),
    ],
)
def test_numbers_out_of_range_are_rejected(build: Callable[[], object], field: str) -> None:
    errors, _ = rejection(build)
    assert list(errors) == [field]


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (Step, step_data()),
        (Goal, goal_data()),
        (Objective, {"id": 1, "title": "x"}),
        (InventoryItem, skill_data()),
        (Win, {"id": 1, "title": "x", "on": TODAY}),
        (Metric, {"target": 1}),
        (Recurrence, {"kind": "daily"}),
        (Vision, {}),
        (Settings, {}),
        (Meta, {}),
        (Document, {}),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_unknown_fields_are_rejected(model: type[BaseModel], data: dict[str, Any]) -> None:
    errors, text = rejection(lambda: model.model_validate({**data, "colour": "red"}))
    assert errors == {"colour": "Extra inputs are not permitted"}
    assert "colour" in text


def test_records_cannot_be_changed_in_place() -> None:
    record = step()
    with pytest.raises(ValidationError):
        record.title = "Changed"  # type: ignore[misc]
    assert record.title == "Step 1"


# --- revise --------------------------------------------------------------------------------


def test_revise_returns_a_changed_copy_and_leaves_the_original() -> None:
    original = step(priority="low")
    changed = revise(original, title="Renamed", due=TODAY)
    assert (changed.title, changed.due, changed.priority) == ("Renamed", TODAY, "low")
    assert (original.title, original.due) == ("Step 1", None)


def test_revise_validates_like_a_new_record() -> None:
    errors, _ = rejection(lambda: revise(step(), title="  "))
    assert errors == {"title": "must not be empty"}


def test_revise_applies_the_record_rules() -> None:
    _, text = rejection(lambda: revise(step(), status=StepStatus.DONE))
    assert "done time" in text
    _, text = rejection(lambda: revise(goal(3), parent_id=3))
    assert text == "a goal cannot be its own parent"


def test_revise_rejects_unknown_fields() -> None:
    errors, _ = rejection(lambda: revise(step(), colour="red"))
    assert list(errors) == ["colour"]


def test_revise_converts_values_like_a_new_record() -> None:
    assert revise(goal(), deadline="2027-01-31").deadline == date(2027, 1, 31)


# --- the document as a whole ---------------------------------------------------------------


def test_a_consistent_document_validates() -> None:
    doc = document(
        item(1, "value"), Objective(id=2, title="Fewer incidents"),
        goal(3, value_ids=[1], objective_ids=[2]), goal(4, parent_id=3),
        step(5, goal_id=4), step(6),
        CheckIn(id=7, goal_id=3, on=TODAY, value=1),
        Win(id=8, title="Shipped", on=TODAY, goal_id=4),
    )
    assert set(doc.goals) == {3, 4} and doc.steps[5].goal_id == 4


def test_an_empty_document_validates() -> None:
    assert Document().meta.next_id == 1


def test_an_invalid_record_inside_a_document_is_named_by_its_path() -> None:
    data = {"steps": {"3": step_data(3, title="")}, "meta": {"next_id": 4}}
    errors, text = rejection(lambda: Document.model_validate(data))
    assert errors == {"steps.3.title": "must not be empty"}
    assert text == "steps.3.title: must not be empty"


def test_a_goal_with_an_unknown_parent_is_rejected() -> None:
    text = document_problem(goal(1), goal(2, parent_id=99))
    assert text == "goals.2.parent_id: goal 2 has parent 99, which does not exist"


@pytest.mark.parametrize(
    ("record", "owner", "table"),
    [
        (step(2, goal_id=99), "step 2", "steps"),
        (CheckIn(id=2, goal_id=99, on=TODAY, value=1.0), "check-in 2", "checkins"),
        (ProgressSnapshot(id=2, goal_id=99, on=TODAY, progress=0.5), "snapshot 2", "snapshots"),
        (Feedback(id=2, goal_id=99, who="Sam", on=TODAY, text="Nice"), "feedback 2", "feedback"),
        (Win(id=2, title="Won", on=TODAY, goal_id=99), "win 2", "wins"),
    ],
    ids=lambda v: v if isinstance(v, str) else type(v).__name__,
)
def test_a_record_pointing_to_a_missing_goal_is_rejected(
    record: Record, owner: str, table: str
) -> None:
    text = document_problem(goal(1), record)
    assert text == f"{table}.2.goal_id: {owner} points to goal 99, which does not exist"


def test_an_id_used_in_two_tables_is_rejected() -> None:
    text = document_problem(goal(1), step(1))
    assert text == "steps.1.id: id 1 is used twice (goals and steps)"


def test_a_record_stored_under_another_key_is_rejected() -> None:
    def build() -> Document:
        return Document.model_validate({"meta": {"next_id": 9}, "goals": {5: goal(6)}})

    errors, text = rejection(build)
    assert list(errors) == [""]
    assert text == "goals.5.id: record stored under 5 has id 6"


@pytest.mark.parametrize("next_id", [3, 2, 1])
def test_next_id_must_be_above_the_largest_id(next_id: int) -> None:
    text = document_problem(goal(1), step(3), next_id=next_id)
    assert text == f"meta.next_id {next_id} is not above the largest id 3"


def test_next_id_above_the_largest_id_is_accepted() -> None:
    assert document(goal(1), step(3), next_id=4).meta.next_id == 4


@pytest.mark.parametrize("kind", ["strength", "weakness", "interest"])
def test_a_goal_can_only_link_values_from_the_inventory(kind: str) -> None:
    text = document_problem(item(1, kind), goal(2, value_ids=[1]))
    assert text == "goals.2.value_ids: goal 2 links value 1, which is not a value"


def test_a_goal_cannot_link_a_skill_as_a_value() -> None:
    skill = InventoryItem.model_validate(skill_data(id=1))
    assert document_problem(skill, goal(2, value_ids=[1])) == (
        "goals.2.value_ids: goal 2 links value 1, which is not a value"
    )


def test_a_goal_cannot_link_a_missing_value() -> None:
    text = document_problem(goal(2, value_ids=[40]), next_id=41)
    assert text == "goals.2.value_ids: goal 2 links value 40, which is not a value"


def test_a_goal_cannot_link_an_unknown_objective() -> None:
    text = document_problem(Objective(id=1, title="Known"), goal(2, objective_ids=[1, 9]),
                            next_id=10)
    assert text == "goals.2.objective_ids: goal 2 links objective 9, which does not exist"


def test_two_goals_that_are_each_others_parent_form_a_cycle() -> None:
    text = document_problem(goal(1, parent_id=2), goal(2, parent_id=1))
    assert "form a cycle" in text
    assert "1 -> 2" in text or "2 -> 1" in text


def test_a_longer_cycle_is_named_once_with_its_members() -> None:
    text = document_problem(
        goal(1, parent_id=3), goal(2, parent_id=1), goal(3, parent_id=2), goal(4, parent_id=1)
    )
    assert text.count("form a cycle") == 1
    cycle = text.removeprefix("goals ").removesuffix(" form a cycle").split(" -> ")
    assert sorted(cycle) == ["1", "2", "3"]


def test_a_deep_chain_of_goals_is_not_a_cycle() -> None:
    chain = [goal(1)] + [goal(n, parent_id=n - 1) for n in range(2, 60)]
    assert len(document(*chain).goals) == 59


def test_several_document_problems_are_reported_together() -> None:
    text = document_problem(goal(1, parent_id=50), step(2, goal_id=60), next_id=61)
    assert "goal 1 has parent 50, which does not exist" in text
    assert "step 2 points to goal 60, which does not exist" in text


# --- errors: describe and field_errors ----------------------------------------------------


def test_describe_names_at_most_the_limit_and_counts_the_rest() -> None:
    with pytest.raises(ValidationError) as info:
        Step.model_validate({"id": 0, "status": "nope", "colour": 1})
    text = describe(info.value, limit=2)
    assert text.count(": ") == 2
    # id, title (missing), status, created_at (missing), colour: five in all
    assert text.endswith("(and 3 more)")
    assert "(and" not in describe(info.value, limit=5)


def test_field_errors_strip_pydantics_prefix() -> None:
    errors, _ = rejection(lambda: step(title=""))
    assert not any(message.startswith("Value error") for message in errors.values())
