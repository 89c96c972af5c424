"""The modal forms for the feedback log and for wins written down by hand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from tui.domain.dates import DateError, parse_date
from tui.domain.document import Document
from tui.domain.errors import field_errors
from tui.domain.models import Feedback, FeedbackKind, Win
from tui.screens.form import KEYS_HINT, FormScreen, field_row, goal_options


def _day(text: str, today: date, errors: dict[str, str]) -> date:
    try:
        return parse_date(text or "today", today)
    except DateError as error:
        errors["on"] = str(error)
        return today


def _checked(model: type[Feedback] | type[Win], fields: dict[str, Any],
             errors: dict[str, str]) -> None:
    """The model's own rules applied to what was typed (errors by field name)."""
    try:
        model(id=1, **fields)
    except ValidationError as error:
        for name, message in field_errors(error).items():
            errors.setdefault(name, message)


@dataclass(frozen=True)
class FeedbackDraft:
    """What the feedback form collected."""

    who: str
    role: str
    on: date
    kind: FeedbackKind
    goal_id: int | None
    text: str

    def fields(self) -> dict[str, Any]:
        """The Feedback fields this draft sets."""
        return {"who": self.who, "role": self.role, "on": self.on, "kind": self.kind,
                "goal_id": self.goal_id, "text": self.text}


class FeedbackForm(FormScreen[FeedbackDraft]):
    """Record feedback from a mentor, manager or peer, on a goal or in general."""

    def __init__(self, doc: Document, today: date, entry: Feedback | None = None, *,
                 goal_id: int | None = None,
                 submit: Callable[[FeedbackDraft], bool] | None = None) -> None:
        super().__init__(submit)
        self.doc, self.today, self.entry = doc, today, entry
        self.goal_id = entry.goal_id if entry else goal_id

    def compose(self) -> ComposeResult:
        entry = self.entry
        with Vertical(id="form-box") as box:
            box.border_title = "Edit feedback" if entry else "New feedback"
            yield from field_row("Who", "who", Input(entry.who if entry else "",
                                                     placeholder="e.g. Priya", id="field-who"))
            yield from field_row("Role", "role", Input(
                entry.role if entry else "", placeholder="mentor, manager, peer …",
                id="field-role"))
            yield from field_row("Date", "on", Input(
                entry.on.isoformat() if entry else "today", id="field-on"))
            yield from field_row("Kind", "kind", Select(
                [(k.value, k) for k in FeedbackKind], allow_blank=False,
                value=entry.kind if entry else FeedbackKind.SUGGESTION, id="field-kind"))
            yield from field_row("Goal", "goal_id", Select(
                goal_options(self.doc, self.goal_id), prompt="(general)",
                value=self.goal_id if self.goal_id is not None else Select.NULL,
                id="field-goal"))
            yield from field_row("Said", "text", Input(entry.text if entry else "",
                                                       placeholder="what they said",
                                                       id="field-text"))
            yield Label(Text(KEYS_HINT), id="form-keys")

    @property
    def field_names(self) -> tuple[str, ...]:
        return ("who", "role", "on", "kind", "goal_id", "text")

    def collect(self) -> tuple[FeedbackDraft, dict[str, str]]:
        errors: dict[str, str] = {}
        kind = self.query_one("#field-kind", Select).value
        goal = self.query_one("#field-goal", Select).value
        draft = FeedbackDraft(
            who=self.query_one("#field-who", Input).value,
            role=self.query_one("#field-role", Input).value,
            on=_day(self.query_one("#field-on", Input).value, self.today, errors),
            kind=kind if isinstance(kind, FeedbackKind) else FeedbackKind.SUGGESTION,
            goal_id=goal if isinstance(goal, int) else None,
            text=self.query_one("#field-text", Input).value)
        _checked(Feedback, draft.fields(), errors)
        return draft, errors


@dataclass(frozen=True)
class WinDraft:
    """What the win form collected."""

    title: str
    on: date
    goal_id: int | None

    def fields(self) -> dict[str, Any]:
        """The Win fields this draft sets."""
        return {"title": self.title, "on": self.on, "goal_id": self.goal_id}


class WinForm(FormScreen[WinDraft]):
    """Write down a win no step or goal records."""

    def __init__(self, doc: Document, today: date, win: Win | None = None, *,
                 submit: Callable[[WinDraft], bool] | None = None) -> None:
        super().__init__(submit)
        self.doc, self.today, self.win = doc, today, win

    def compose(self) -> ComposeResult:
        win = self.win
        goal_id = win.goal_id if win else None
        with Vertical(id="form-box") as box:
            box.border_title = "Edit win" if win else "New win"
            yield from field_row("Win", "title", Input(
                win.title if win else "", placeholder="e.g. presented at the team meeting",
                id="field-title"))
            yield from field_row("Date", "on", Input(
                win.on.isoformat() if win else "today", id="field-on"))
            yield from field_row("Goal", "goal_id", Select(
                goal_options(self.doc, goal_id), prompt="(no goal)",
                value=goal_id if goal_id is not None else Select.NULL, id="field-goal"))
            yield Label(Text(KEYS_HINT), id="form-keys")

    @property
    def field_names(self) -> tuple[str, ...]:
        return ("title", "on", "goal_id")

    def collect(self) -> tuple[WinDraft, dict[str, str]]:
        errors: dict[str, str] = {}
        goal = self.query_one("#field-goal", Select).value
        draft = WinDraft(title=self.query_one("#field-title", Input).value,
                         on=_day(self.query_one("#field-on", Input).value, self.today, errors),
                         goal_id=goal if isinstance(goal, int) else None)
        _checked(Win, draft.fields(), errors)
        return draft, errors
