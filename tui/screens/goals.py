"""Goals: the tree from the vision down to short-term goals, and the selected goal in full."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static, Tree

from tui.domain.document import Document
from tui.domain.models import Goal
from tui.domain.pace import Pace, expected_progress, pace
from tui.domain.progress import goal_progress, steps_by_goal
from tui.domain.smart import Verdict, smart_check
from tui.domain.text import one_line, visible
from tui.screens.base import BaseScreen
from tui.widgets.goal_tree import GoalTree


class GoalsScreen(BaseScreen):
    """The goal tree with each goal's progress and deadline, and its details beside it."""

    HELP = "The goal tree: long-term goals at the top, milestones below them."

    def __init__(self) -> None:
        super().__init__()
        self._follow: int | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="goals-body"):
            with Vertical(id="goals-tree-panel", classes="panel") as panel:
                panel.border_title = "Goals"
                yield GoalTree(id="goals-tree")
            with VerticalScroll(id="goals-detail-panel", classes="panel") as detail:
                detail.border_title = "Goal"
                detail.can_focus = False
                yield Static(id="goals-detail")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(GoalTree).focus()

    def show(self, doc: Document) -> None:
        self.query_one(GoalTree).show(doc, self.career.today(), self._follow)
        self._follow = None
        self._show_detail(doc)

    def select_goal(self, goal_id: int) -> None:
        """Show `goal_id` (called when another screen jumps here)."""
        self._follow = goal_id
        if self.is_mounted and not self.query_one(GoalTree).select_goal(goal_id):
            self.notify("That goal is no longer in the plan.", severity="warning")

    @on(Tree.NodeHighlighted, "#goals-tree")
    def _highlighted(self) -> None:
        self._show_detail(self.career.store.document)

    def _show_detail(self, doc: Document) -> None:
        goal_id = self.query_one(GoalTree).goal_id
        goal = doc.goals.get(goal_id) if goal_id else None
        panel = self.query_one("#goals-detail-panel")
        panel.border_title = Content(one_line(goal.title, 60)) if goal else "Vision"
        self.query_one("#goals-detail", Static).update(
            _goal_detail(doc, goal, self.career.today()) if goal else _vision_detail(doc))


def _row(label: str, value: str) -> Content:
    return Content.assemble((f"{label:<10}", "bold"), value or "—")


_PACE_STYLE = {Pace.AHEAD: "$success", Pace.ON_TRACK: "$success", Pace.BEHIND: "$warning",
               Pace.OVERDUE: "$error", Pace.DONE: "$success"}


def _pace_line(goal: Goal, progress: float, today: date) -> Content:
    mark = pace(goal, progress, today)
    expected = expected_progress(goal, today)
    against = f"  (the line expects {round(expected * 100)}%)" if expected is not None else ""
    return Content.assemble((f"{'Pace':<10}", "bold"),
                            (mark.value, _PACE_STYLE.get(mark, "$foreground-muted")), against)


def _smart_lines(verdicts: tuple[Verdict, ...]) -> list[Content]:
    badge = Content.assemble(*((v.letter + " ", "bold $success" if v.ok else "bold $error")
                               for v in verdicts))
    lines = [Content.assemble((f"{'SMART':<10}", "bold"), badge)]
    lines += [Content.assemble(("  ✓ " if v.ok else "  ✗ ", "$success" if v.ok else "$error"),
                               (v.letter + " ", "bold"), v.reason) for v in verdicts]
    return lines


def _goal_detail(doc: Document, goal: Goal, today: date) -> Content:
    progress = goal_progress(doc)[goal.id]
    names = [doc.inventory[i].name for i in goal.value_ids + goal.skill_ids if i in doc.inventory]
    names += [doc.objectives[i].title for i in goal.objective_ids if i in doc.objectives]
    metric = goal.metric
    measure = (f"{metric.baseline:g} → {metric.target:g} {metric.unit}, now "
               f"{metric.current if metric.current is not None else metric.baseline:g}"
               if metric else goal.done_when)
    steps = steps_by_goal(doc.steps).get(goal.id, [])
    lines = [
        _row("Status", f"{goal.status.value} · {goal.horizon.value}-term"),
        _row("Progress", f"{round(progress * 100)}%"),
        _pace_line(goal, progress, today),
        _row("Start", goal.start.isoformat()),
        _row("Deadline", goal.deadline.isoformat() if goal.deadline else ""),
        _row("Measure", one_line(measure, 200)),
        _row("Serves", one_line(", ".join(names), 300)),
        _row("Steps", f"{sum(s.is_done for s in steps)} of {len(steps)} done"),
        *_smart_lines(smart_check(goal, doc, today)),
        Content(""),
        Content(visible(goal.description.strip())),
    ]
    return Content("\n").join(lines)


def _vision_detail(doc: Document) -> Content:
    statement = doc.vision.statement.strip()
    if not statement:
        return Content.styled("No vision yet. Write it on Values (2) with v.", "$foreground-muted")
    return Content(visible(statement))
