"""Small forms the Goals screen opens: a dropped goal's retrospective, a metric check-in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from tui.domain.dates import DateError, parse_date
from tui.domain.errors import field_errors
from tui.domain.models import Goal, Retrospective
from tui.domain.text import one_line
from tui.screens.form import KEYS_HINT, FormScreen, field_row


class RetrospectiveForm(FormScreen[Retrospective]):
    """Before a goal is dropped: what happened, and what was learned."""

    def __init__(self, goal: Goal, submit: Callable[[Retrospective], bool] | None = None) -> None:
        super().__init__(submit)
        self.goal = goal

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box") as box:
            box.border_title = f"Drop “{one_line(self.goal.title, 50)}”"
            yield from field_row("Happened", "happened", Input(
                placeholder="what changed, or what got in the way", id="field-happened"))
            yield from field_row("Learned", "learned", Input(
                placeholder="what you would do differently", id="field-learned"))
            yield Label(Text(KEYS_HINT), id="form-keys")

    @property
    def field_names(self) -> tuple[str, ...]:
        return ("happened", "learned")

    def collect(self) -> tuple[Retrospective, dict[str, str]]:
        texts = {name: self.query_one(f"#field-{name}", Input).value for name in self.field_names}
        try:
            return Retrospective(**texts), {}
        except ValidationError as error:
            return Retrospective(happened="-"), field_errors(error)


@dataclass(frozen=True)
class CheckInDraft:
    """A measurement typed into the check-in form."""

    value: float
    on: date
    note: str


class CheckInForm(FormScreen[CheckInDraft]):
    """Log today's (or another day's) value of a goal's metric."""

    def __init__(self, goal: Goal, today: date,
                 submit: Callable[[CheckInDraft], bool] | None = None) -> None:
        super().__init__(submit)
        self.goal, self.today = goal, today

    def compose(self) -> ComposeResult:
        metric = self.goal.metric
        unit = f" ({metric.unit})" if metric and metric.unit else ""
        with Vertical(id="form-box") as box:
            box.border_title = f"Check in “{one_line(self.goal.title, 50)}”"
            yield from field_row("Value", "value", Input(
                placeholder=f"target {metric.target:g}{unit}" if metric else "",
                id="field-value"))
            yield from field_row("On", "on", Input("today", id="field-on"))
            yield from field_row("Note", "note", Input(id="field-note"))
            yield Label(Text(KEYS_HINT), id="form-keys")

    @property
    def field_names(self) -> tuple[str, ...]:
        return ("value", "on", "note")

    def collect(self) -> tuple[CheckInDraft, dict[str, str]]:
        errors: dict[str, str] = {}
        try:
            value = float(self.query_one("#field-value", Input).value)
        except ValueError:
            value, errors["value"] = 0.0, "a number, e.g. 4 or 2.5"
        try:
            on = parse_date(self.query_one("#field-on", Input).value, self.today)
        except DateError as error:
            on, errors["on"] = self.today, str(error)
        if on > self.today:
            errors["on"] = "a check-in records what already happened: today or earlier"
        return CheckInDraft(value, on, self.query_one("#field-note", Input).value), errors
