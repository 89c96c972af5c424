"""The modal form for adding or editing an action step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from tui.domain.dates import DateError, parse_date
from tui.domain.document import Document
from tui.domain.errors import field_errors
from tui.domain.models import GoalStatus, Priority, Step
from tui.domain.text import one_line
from tui.screens.form import KEYS_HINT, FormScreen
from tui.screens.form import field_row as _field


@dataclass(frozen=True)
class StepDraft:
    """What the form collected, already validated."""

    title: str
    due: date | None
    priority: Priority
    goal_id: int | None
    notes: str


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
                self._goal_options(), prompt="(no goal)", value=goal, id="field-goal"))
            yield from _field("Notes", "notes", Input(step.notes if step else "",
                                                      id="field-notes"))
            yield Label(Text(KEYS_HINT), id="form-keys")

    def _goal_options(self) -> list[tuple[Text, int]]:
        goals = [g for g in self.doc.goals.values()
                 if g.status is GoalStatus.ACTIVE or (self.step and g.id == self.step.goal_id)]
        return [(Text(one_line(g.title, 70)), g.id) for g in sorted(goals, key=lambda g: g.id)]

    def on_mount(self) -> None:
        self._show_due_hint()

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
        return ("title", "priority", "notes", "goal_id")

    def collect(self) -> tuple[StepDraft, dict[str, str]]:
        due, due_error = self._due(show_errors=True)
        priority = self.query_one("#field-priority", Select).value
        goal = self.query_one("#field-goal", Select).value
        draft = StepDraft(
            title=self.query_one("#field-title", Input).value,
            due=due,
            priority=priority if isinstance(priority, Priority) else Priority.MEDIUM,
            goal_id=goal if isinstance(goal, int) else None,
            notes=self.query_one("#field-notes", Input).value,
        )
        errors = self._validate(draft)
        if due_error:
            errors["due"] = due_error  # already shown beside the field by _due
        return draft, errors

    def _validate(self, draft: StepDraft) -> dict[str, str]:
        """The domain model's own rules, applied to what was typed."""
        try:
            Step(id=1, title=draft.title, notes=draft.notes, priority=draft.priority,
                 goal_id=draft.goal_id, due=draft.due, created_at=datetime.min)
        except ValidationError as error:
            return field_errors(error)
        return {}
