"""A table of action steps that draws only the rows on screen, updated in place by id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from tui.domain.dates import describe_due
from tui.domain.document import Document
from tui.domain.models import Priority, Step
from tui.domain.text import one_line
from tui.domain.today import is_overdue
from tui.widgets.palette import theme_style

_FIXED = {"check": 3, "due": 9, "priority": 6}
_PADDING = 2  # DataTable pads each cell by one on both sides


class StepTable(DataTable[Text]):
    """Steps as rows keyed by step id; posts what the person asked for, changes nothing."""

    HELP = "Move with the arrows or j/k; space checks the step off (or back on)."
    BINDINGS = [
        Binding("space", "toggle", "Done", id="step-toggle"),
        Binding("j", "cursor_down", "Down", show=False, id="step-down"),
        Binding("k", "cursor_up", "Up", show=False, id="step-up"),
        Binding("e", "edit", "Edit", id="step-edit"),
        Binding("x,delete", "delete", "Delete", id="step-delete"),
    ]

    @dataclass
    class _StepMessage(Message):
        table: StepTable
        step_id: int

        @property
        def control(self) -> StepTable:
            return self.table

    class Toggled(_StepMessage):
        """The person checked a step off or back on."""

    class EditRequested(_StepMessage):
        """The person asked to edit a step."""

    class DeleteRequested(_StepMessage):
        """The person asked to delete a step."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self._steps: list[Step] = []
        self._doc = Document()
        self._today = date.min
        self._title_width = 30
        self._goal_width = 18

    def on_mount(self) -> None:
        self._add_columns()
        self.watch(self.app, "theme", lambda: self._fill(self.step_id), init=False)

    def _add_columns(self) -> None:
        self.add_column("", width=_FIXED["check"], key="check")
        self.add_column("Step", width=self._title_width, key="title")
        self.add_column("Goal", width=self._goal_width, key="goal")
        self.add_column("Due", width=_FIXED["due"], key="due")
        self.add_column("Pri", width=_FIXED["priority"], key="priority")

    @property
    def step_id(self) -> int | None:
        """The id of the step under the cursor."""
        if not self._steps or not 0 <= self.cursor_row < len(self._steps):
            return None
        return self._steps[self.cursor_row].id

    def show(self, steps: list[Step], doc: Document, today: date) -> None:
        """Show `steps`, keeping the cursor on the same step where it still is listed."""
        same_rows = [s.id for s in steps] == [s.id for s in self._steps]
        goals_changed = doc.goals is not self._doc.goals or today != self._today
        self._doc, self._today = doc, today
        if same_rows:
            changed = [new for old, new in zip(self._steps, steps, strict=True)
                       if goals_changed or old != new]
            self._steps = steps
            for step in changed:
                for key, cell in zip(("check", "title", "goal", "due", "priority"),
                                     self._cells(step), strict=True):
                    self.update_cell(str(step.id), key, cell)
            return
        followed = self.step_id
        self._steps = steps
        self._fill(followed)

    def _fill(self, follow: int | None = None) -> None:
        """Rebuild the rows; the cursor follows step `follow` while it is still open,
        else stays on the same row, so checking steps off walks down the list."""
        row = self.cursor_row
        self.clear()
        self.add_rows_keyed(self._steps)
        listed = {s.id: s for s in self._steps}
        if follow in listed and not listed[follow].is_done:
            row = self.get_row_index(str(follow))
        if self._steps:
            self.move_cursor(row=min(row, len(self._steps) - 1), animate=False)

    def add_rows_keyed(self, steps: list[Step]) -> None:
        """Add one row per step, keyed by its id."""
        for step in steps:
            self.add_row(*self._cells(step), key=str(step.id))

    def _cells(self, step: Step) -> tuple[Text, Text, Text, Text, Text]:
        done = step.is_done
        muted = theme_style(self.app, "text-muted")
        check = Text("[✓]" if done else "[ ]", style=theme_style(self.app, "success") if done
                     else muted)
        title = Text(one_line(step.title), no_wrap=True, overflow="ellipsis",
                     style=theme_style(self.app, "text-muted", strike=True) if done else "")
        goal = self._doc.goals.get(step.goal_id) if step.goal_id else None
        goal_text = Text(one_line(goal.title, 80) if goal else "—", style=muted, no_wrap=True,
                         overflow="ellipsis")
        return check, title, goal_text, self._due_cell(step), self._priority_cell(step.priority)

    def _due_cell(self, step: Step) -> Text:
        if step.due is None:
            return Text("—")
        label = describe_due(step.due, self._today)
        if is_overdue(step, self._today):
            return Text(label, style=theme_style(self.app, "error", bold=True))
        if step.due == self._today and not step.is_done:
            return Text(label, style=theme_style(self.app, "warning"))
        return Text(label)

    def _priority_cell(self, priority: Priority) -> Text:
        if priority is Priority.HIGH:
            return Text("high", style=theme_style(self.app, "error"))
        return Text(priority.value, style=theme_style(self.app, "text-muted")
                    if priority is Priority.LOW else "")

    def on_resize(self) -> None:
        free = self.scrollable_content_region.width - sum(_FIXED.values())
        free -= _PADDING * (len(_FIXED) + 2)
        goal = max(10, min(30, free * 2 // 5))
        title = max(12, free - goal)
        if (title, goal) != (self._title_width, self._goal_width):
            self._title_width, self._goal_width = title, goal
            self.columns["title"].width = title  # type: ignore[index]
            self.columns["goal"].width = goal  # type: ignore[index]
            self._fill(self.step_id)

    def _post(self, kind: type[_StepMessage]) -> None:
        if self.step_id is not None:
            self.post_message(kind(self, self.step_id))

    def action_toggle(self) -> None:
        self._post(self.Toggled)

    def action_edit(self) -> None:
        self._post(self.EditRequested)

    def action_delete(self) -> None:
        self._post(self.DeleteRequested)

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._post(self.EditRequested)
