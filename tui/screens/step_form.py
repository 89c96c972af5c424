"""The modal form for adding or editing an action step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from tui.domain.dates import DateError, parse_date
from tui.domain.document import Document
from tui.domain.errors import field_errors
from tui.domain.models import Priority, Recurrence, Step, StepResources
from tui.domain.steps import (RecurrenceError, describe_recurrence,
                              parse_recurrence)
from tui.screens.form import KEYS_HINT, FormScreen, goal_options
from tui.screens.form import field_row as _field


@dataclass(frozen=True)
class StepDraft:
    """What the form collected, already validated."""

    title: str
    due: date | None
    priority: Priority
    goal_id: int | None
    notes: str
    recurrence: Recurrence | None = None
    estimate_hours: float | None = None
    cost: str = ""
    helpers: str = ""

    def fields(self) -> dict[str, Any]:
        """The step fields the draft sets, for add_step and edit_step."""
        return {"title": self.title, "due": self.due, "priority": self.priority,
                "goal_id": self.goal_id, "notes": self.notes, "recurrence": self.recurrence,
                "estimate_hours": self.estimate_hours,
                "resources": StepResources(cost=self.cost, helpers=self.helpers)}


class StepForm(FormScreen[StepDraft]):
    """Add or edit a step: tab moves, enter on the last field or ctrl+s saves, escape cancels."""

    def __init__(self, doc: Document, today: date, step: Step | None = None,
                 submit: Callable[[StepDraft], bool] | None = None,
                 goal_id: int | None = None) -> None:
        super().__init__(submit)
        self.doc, self.today, self.step, self.goal_id = doc, today, step, goal_id

    def compose(self) -> ComposeResult:
        step = self.step
        due = step.due.isoformat() if step and step.due else ("" if step else "today")
        goal_id = step.goal_id if step else self.goal_id
        goal = goal_id if goal_id is not None else Select.NULL
        with Vertical(id="form-box") as box:
            box.border_title = "Edit step" if step else "New step"
            yield from _field("Title", "title", Input(step.title if step else "",
                                                      id="field-title"))
            yield from _field("Due", "due", Input(due, placeholder="today, fri, +3d, 2027-01-31",
                                                  id="field-due"))
            yield from _field("Priority", "priority", Select(
                [(p.value, p) for p in Priority], allow_blank=False,
                value=step.priority if step else Priority.MEDIUM, id="field-priority"))
            yield from _field("Goal", "goal_id", Select(
                goal_options(self.doc, self.step.goal_id if self.step else None), prompt="(no goal)", value=goal, id="field-goal"))
            yield from _field("Repeats", "recurrence", Input(
                describe_recurrence(step.recurrence) if step and step.recurrence else "",
                placeholder="once · daily, weekdays, weekly fri, every 3 days",
                id="field-recurrence"))
            yield from _field("Estimate", "estimate_hours", Input(
                f"{step.estimate_hours:g}" if step and step.estimate_hours is not None else "",
                placeholder="hours, e.g. 1.5", id="field-estimate"))
            yield from _field("Cost", "cost", Input(
                step.resources.cost if step else "", placeholder="e.g. 300 EUR exam fee",
                id="field-cost"))
            yield from _field("Who helps", "helpers", Input(
                step.resources.helpers if step else "", placeholder="e.g. Priya reviews",
                id="field-helpers"))
            yield from _field("Notes", "notes", Input(step.notes if step else "",
                                                      id="field-notes"))
            yield Label(Text(KEYS_HINT), id="form-keys")

    def on_mount(self) -> None:
        self._show_due_hint()
        self._show_recurrence_hint()

    @on(Input.Changed, "#field-recurrence")
    def _show_recurrence_hint(self) -> None:
        self._recurrence()

    def _recurrence(self) -> tuple[Recurrence | None, str | None]:
        text = self.query_one("#field-recurrence", Input).value
        label = self.query_one("#error-recurrence", Label)
        try:
            recurrence = parse_recurrence(text)
        except RecurrenceError as error:
            label.update(Text(str(error)))
            label.set_class(True, "-invalid")
            return None, str(error)
        label.update(Text(f"→ {describe_recurrence(recurrence)}, checked off again each time"
                          if recurrence else ""))
        label.set_class(False, "-invalid")
        return recurrence, None

    def _estimate(self) -> tuple[float | None, str | None]:
        text = self.query_one("#field-estimate", Input).value.strip().casefold()
        number = text.removesuffix("h").strip()
        if not number:
            return None, None
        try:
            return float(number), None
        except ValueError:
            return None, "the estimate is a number of hours, e.g. 1.5"

    @on(Input.Changed, "#field-due")
    def _show_due_hint(self) -> None:
        self._due(show_errors=True)

    def _due(self, show_errors: bool) -> tuple[date | None, str | None]:
        text = self.query_one("#field-due", Input).value
        label = self.query_one("#error-due", Label)
        if not text.strip():
            label.update("no due date")
            label.set_class(False, "-invalid")
            return None, None
        try:
            due = parse_date(text, self.today)
        except DateError as error:
            if show_errors:
                label.update(Text(str(error)))
                label.set_class(True, "-invalid")
            return None, str(error)
        label.update(Text(f"→ {due:%a %d %b %Y}"))
        label.set_class(False, "-invalid")
        return due, None

    @property
    def field_names(self) -> tuple[str, ...]:
        return ("title", "priority", "notes", "goal_id", "estimate_hours", "cost", "helpers")

    def collect(self) -> tuple[StepDraft, dict[str, str]]:
        due, due_error = self._due(show_errors=True)
        priority = self.query_one("#field-priority", Select).value
        goal = self.query_one("#field-goal", Select).value
        recurrence, recurrence_error = self._recurrence()
        estimate, estimate_error = self._estimate()
        draft = StepDraft(
            title=self.query_one("#field-title", Input).value,
            due=due,
            priority=priority if isinstance(priority, Priority) else Priority.MEDIUM,
            goal_id=goal if isinstance(goal, int) else None,
            notes=self.query_one("#field-notes", Input).value,
            recurrence=recurrence,
            estimate_hours=estimate,
            cost=self.query_one("#field-cost", Input).value,
            helpers=self.query_one("#field-helpers", Input).value,
        )
        errors = self._validate(draft)
        if estimate_error:
            errors["estimate_hours"] = estimate_error
        if recurrence_error:
            errors["recurrence"] = recurrence_error  # shown beside the field already
        if due_error:
            errors["due"] = due_error  # already shown beside the field by _due
        return draft, errors

    def _validate(self, draft: StepDraft) -> dict[str, str]:
        """The domain model's own rules, applied to what was typed."""
        try:
            Step(id=1, created_at=datetime.min, **draft.fields())
        except ValidationError as error:
            return field_errors(error)
        return {}
