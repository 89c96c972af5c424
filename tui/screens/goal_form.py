"""The modal form for a goal: every SMART field, a template to start from, live SMART hints."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, SelectionList, Static

from tui.domain.dates import DateError, parse_date
from tui.domain.document import Document
from tui.domain.errors import field_errors
from tui.domain.goals import TEMPLATE_BY_KEY, TEMPLATES, GoalDraft, drift, from_template
from tui.domain.models import Goal, Horizon, InventoryKind, Metric, Resources
from tui.domain.smart import smart_check
from tui.domain.text import one_line
from tui.screens.form import KEYS_HINT, FormScreen, field_row

_TEXT_FIELDS = ("title", "deadline", "done_when", "time", "money", "support", "mentors",
                "description", "reason")
_METRIC_FIELDS = ("baseline", "target", "unit")


class GoalForm(FormScreen[tuple[GoalDraft, str]]):
    """Add a goal (under `parent`) or edit one; dismisses with the draft and the drift reason."""

    def __init__(self, doc: Document, today: date, goal: Goal | None = None,
                 parent: Goal | None = None,
                 submit: Callable[[tuple[GoalDraft, str]], bool] | None = None) -> None:
        super().__init__(submit)
        self.doc, self.today, self.goal, self.parent_goal = doc, today, goal, parent

    # --- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        start = GoalDraft.of(self.goal) if self.goal else GoalDraft("", self._horizon())
        with VerticalScroll(id="form-box", classes="goal-form") as box:
            box.border_title = self._title()
            yield Static(id="goal-smart")
            if self.goal is None:
                yield from field_row("Template", "template", Select(
                    [(t.name, t.key) for t in TEMPLATES], prompt="(start blank)",
                    id="field-template"))
            yield from self._inputs(start)
            yield from field_row("Horizon", "horizon", Select(
                [(f"{h.value}-term", h) for h in Horizon], allow_blank=False,
                value=start.horizon, id="field-horizon"))
            yield from field_row("Values", "value_ids", SelectionList[int](
                *self._choices(InventoryKind.VALUE, start.value_ids), id="field-value_ids"),
                tall=True)
            yield from field_row("Objectives", "objective_ids", SelectionList[int](
                *self._choices(None, start.objective_ids), id="field-objective_ids"),
                tall=True)
            yield from field_row("Notes", "description",
                                 Input(start.description, id="field-description"))
            with Vertical(id="reason-row"):
                yield from field_row("Why?", "reason", Input(
                    placeholder="why the deadline, target or criterion moves",
                    id="field-reason"))
            yield Label(Text(KEYS_HINT + " · space ticks a value"), id="form-keys")

    def _inputs(self, start: GoalDraft) -> ComposeResult:
        metric = start.metric
        deadline = start.deadline.isoformat() if start.deadline else ""
        yield from field_row("Title", "title", Input(start.title, id="field-title"))
        yield from field_row("Deadline", "deadline", Input(
            deadline, placeholder="2027-06-30, +12w, fri", id="field-deadline"))
        yield from field_row("Done when", "done_when", Input(
            start.done_when, placeholder="the criterion that says it is done",
            id="field-done_when"))
        yield Horizontal(
            Label("Metric", classes="field-label"),
            Input(f"{metric.baseline:g}" if metric else "", placeholder="from", id="field-baseline"),
            Input(f"{metric.target:g}" if metric else "", placeholder="to", id="field-target"),
            Input(metric.unit if metric else "", placeholder="unit", id="field-unit"),
            classes="field-row metric-row")
        yield Label("", id="error-metric", classes="field-error")
        for name in ("time", "money", "support", "mentors"):
            yield from field_row(name.capitalize(), name, Input(
                getattr(start.resources, name), id=f"field-{name}"))

    def _title(self) -> str:
        if self.goal is not None:
            return "Edit goal"
        return f"New goal under “{one_line(self.parent_goal.title, 40)}”" if self.parent_goal else "New goal"

    def _horizon(self) -> Horizon:
        """A child is one horizon shorter than its parent."""
        if self.parent_goal is None:
            return Horizon.LONG
        return Horizon.SHORT if self.parent_goal.horizon is not Horizon.LONG else Horizon.MEDIUM

    def _choices(self, kind: InventoryKind | None,
                 chosen: tuple[int, ...]) -> list[tuple[Content, int, bool]]:
        if kind is None:
            named = [(o.id, o.title) for o in self.doc.objectives.values()]
        else:
            named = [(i.id, i.name) for i in self.doc.inventory.values() if i.kind is kind]
        return [(Content(one_line(name, 60)), record_id, record_id in chosen)
                for record_id, name in named]

    def on_mount(self) -> None:
        self.query_one("#field-title").focus()
        self._refresh_hints()

    # --- live hints -----------------------------------------------------------------------------

    @on(Select.Changed, "#field-template")
    def _template_chosen(self, event: Select.Changed) -> None:
        if not isinstance(event.value, str):
            return
        draft = from_template(TEMPLATE_BY_KEY[event.value], self.today)
        values = {"title": draft.title, "done_when": draft.done_when,
                  "deadline": draft.deadline.isoformat() if draft.deadline else "",
                  "time": draft.resources.time, "support": draft.resources.support}
        for name, value in values.items():
            self.query_one(f"#field-{name}", Input).value = value
        self.query_one("#field-horizon", Select).value = draft.horizon

    @on(Input.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _refresh_hints(self) -> None:
        draft, errors = self._read()
        moved = drift(self.goal, draft) if self.goal and not errors else []
        self.query_one("#reason-row").display = bool(moved)
        self.query_one("#goal-smart", Static).update(self._smart(draft, errors))
        deadline = self.query_one("#error-deadline", Label)
        deadline.update(Text(errors.get("deadline") or (
            f"→ {draft.deadline:%a %d %b %Y}" if draft.deadline else "no deadline yet")))
        deadline.set_class("deadline" in errors, "-invalid")

    def _smart(self, draft: GoalDraft, errors: dict[str, str]) -> Content:
        try:
            goal = self._as_goal(draft)
        except ValidationError:
            return Content.styled("SMART  (fill in the title to see the check)", "$foreground-muted")
        doc = self.doc.model_copy(update={"goals": {**self.doc.goals, goal.id: goal}})
        verdicts = smart_check(goal, doc, self.today)
        badge = [(v.letter + " ", "bold $success" if v.ok else "bold $error") for v in verdicts]
        lines = [Content.assemble(("SMART  ", "bold"), *badge)]
        lines += [Content.assemble(("  ✗ ", "$error"), (v.letter, "bold"), f" {v.reason}")
                  for v in verdicts if not v.ok]
        return Content("\n").join(lines)

    def _as_goal(self, draft: GoalDraft) -> Goal:
        base = self.goal
        record_id = base.id if base else self.doc.meta.next_id
        return Goal(id=record_id, parent_id=base.parent_id if base else (
            self.parent_goal.id if self.parent_goal else None),
            start=base.start if base else self.today, created_at=datetime.min,
            status=base.status if base else "active", **draft.fields())

    # --- reading the fields ---------------------------------------------------------------------

    @property
    def field_names(self) -> tuple[str, ...]:
        return (*_TEXT_FIELDS, "metric", "horizon", "value_ids", "objective_ids")

    def _value(self, name: str) -> str:
        return self.query_one(f"#field-{name}", Input).value

    def _read(self) -> tuple[GoalDraft, dict[str, str]]:
        errors: dict[str, str] = {}
        deadline = None
        if self._value("deadline").strip():
            try:
                deadline = parse_date(self._value("deadline"), self.today)
            except DateError as error:
                errors["deadline"] = str(error)
        metric = self._metric(errors)
        horizon = self.query_one("#field-horizon", Select).value
        draft = GoalDraft(
            title=self._value("title"),
            horizon=horizon if isinstance(horizon, Horizon) else Horizon.SHORT,
            description=self._value("description"), done_when=self._value("done_when"),
            metric=metric, deadline=deadline,
            resources=Resources(**{n: self._value(n) for n in ("time", "money", "support",
                                                               "mentors")}),
            value_ids=tuple(self.query_one("#field-value_ids", SelectionList).selected),
            objective_ids=tuple(self.query_one("#field-objective_ids", SelectionList).selected),
        )
        return draft, errors

    def _metric(self, errors: dict[str, str]) -> Metric | None:
        texts = {name: self._value(name).strip() for name in _METRIC_FIELDS}
        if not any(texts.values()):
            return None
        try:
            baseline = float(texts["baseline"] or 0)
            target = float(texts["target"])
        except ValueError:
            errors["metric"] = "from and to are numbers; 'to' is the target (e.g. 0 → 12 labs)"
            return None
        try:
            return Metric(baseline=baseline, target=target, unit=texts["unit"])
        except ValidationError as error:
            errors["metric"] = next(iter(field_errors(error).values()))
            return None

    def collect(self) -> tuple[tuple[GoalDraft, str], dict[str, str]]:
        draft, errors = self._read()
        try:
            self._as_goal(draft)
        except ValidationError as error:
            # The one whole-goal rule a person can break here: a deadline before the start.
            errors.update({k or "deadline": v for k, v in field_errors(error).items()
                           if (k or "deadline") not in errors})
        reason = self._value("reason")
        if self.goal and not errors and drift(self.goal, draft) and not reason.strip():
            errors["reason"] = "say why the goalposts move; it is kept in the goal's history"
        return (draft, reason), errors
