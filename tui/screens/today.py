"""Today: what is overdue or due today, checked off with space, and the goals it moves."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from tui.domain.document import Document
from tui.domain.models import Step
from tui.domain.review import review_due
from tui.domain.today import is_overdue, today_steps
from tui.domain.wins import wins_this_week
from tui.screens.base import BaseScreen
from tui.widgets.goal_bars import GoalBars, active_goal_rows
from tui.widgets.step_table import StepTable


class TodayScreen(BaseScreen):
    """The daily two minutes: see what is due, check it off, add what came up."""

    HELP = "Steps overdue or due today, most urgent first. Active goals below."
    BINDINGS = [Binding("a", "add", "Add step", id="today-add")]

    def compose(self) -> ComposeResult:
        yield Static(id="today-summary")
        yield Static(id="today-review")
        with Vertical(id="today-steps-panel", classes="panel") as panel:
            panel.border_title = "Due today and overdue"
            yield StepTable(id="today-steps")
            yield Static(Text("Nothing due today. Press a to add a step."), id="today-empty")
        with VerticalScroll(id="today-goals-panel", classes="panel") as goals:
            goals.border_title = "Active goals"
            goals.can_focus = False
            yield GoalBars(id="today-goals")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(StepTable).focus()

    def show(self, doc: Document) -> None:
        today = self.career.today()
        steps = today_steps(doc, today)
        self.query_one(StepTable).show(steps, doc, today)
        self.query_one("#today-empty").display = not steps
        self.query_one(StepTable).display = bool(steps)
        self.query_one(GoalBars).show(active_goal_rows(doc))
        # One line each (today.tcss): a new text needs no new layout of the screen.
        self.query_one("#today-summary", Static).update(self._summary(steps), layout=False)
        self.query_one("#today-review", Static).update(_review_line(doc, today), layout=False)

    def _summary(self, steps: list[Step]) -> Text:
        today = self.career.today()
        # The list runs overdue, due today, done: count the last two from its end, rather
        # than look at every overdue step (thousands, in a neglected plan).
        done = due = 0
        for step in reversed(steps):
            if step.is_done:
                done += 1
            elif not is_overdue(step, today):
                due += 1
            else:
                break
        overdue = len(steps) - done - due
        parts = [f"{today:%A %d %B %Y}", f"{overdue} overdue",
                 f"{due} due today", f"{done} done today"]
        if self.career.store.read_only:
            parts.append("read-only")
        return Text(" · ".join(parts))  # spaced as the review line below

    @on(StepTable.Toggled)
    def _toggle(self, event: StepTable.Toggled) -> None:
        step = self.career.store.document.steps.get(event.step_id)
        if step is not None and self.toggle_step(step) is None:
            # Not saved: the rows were redrawn twice meanwhile (as if done, then as they
            # were), which walked the cursor on; put it back so a retry hits the same step.
            event.control.select_step(step.id)

    def commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Add step", "Add an action step (a)", self.action_add)

    def action_add(self) -> None:
        """Add a step in a form."""
        self.add_step_in_form()

    @on(StepTable.EditRequested)
    def _edit(self, event: StepTable.EditRequested) -> None:
        step = self.career.store.document.steps.get(event.step_id)
        if step is not None:
            self.edit_step_in_form(step)

    @on(StepTable.DeleteRequested)
    def _delete(self, event: StepTable.DeleteRequested) -> None:
        step = self.career.store.document.steps.get(event.step_id)
        if step is not None:
            self.delete_step(step)


def _review_line(doc: Document, today: date) -> Content:
    """Whether the weekly review is due, when the last was, and this week's wins."""
    due = review_due(doc, today)
    last = f"last one {due.last:%d %b}" if due.last else "no review yet"
    wins = len(wins_this_week(doc, today))
    return Content.assemble(
        (due.sentence(today) + (" (6)" if due.due else ""),
         "bold $warning" if due.due else "$foreground-muted"),
        (f" · {last} · ", "$foreground-muted"),  # the whole line fits 80 columns
        (f"{wins} win{'s' * (wins != 1)} this week", "$success" if wins else "$foreground-muted"))
