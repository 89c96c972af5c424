"""Goals: the tree from the vision down to short-term goals, and the selected goal in full."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Tree

from tui.actions import goals as change
from tui.domain.document import Document
from tui.domain.goals import GoalDraft, descendants
from tui.domain.models import Goal, GoalStatus, Retrospective
from tui.domain.progress import tree_order
from tui.domain.text import one_line
from tui.screens.base import BaseScreen
from tui.screens.goal_dialogs import CheckInDraft, CheckInForm, RetrospectiveForm
from tui.screens.goal_form import GoalForm
from tui.store import Transaction
from tui.widgets.choice_dialog import ChoiceDialog
from tui.widgets.goal_detail import goal_detail, vision_detail
from tui.widgets.goal_tree import GoalTree
from tui.widgets.hanging_text import HangingText

_STATUS_CHOICES = [("active", "Active: working on it"), ("paused", "Paused: not now"),
                   ("done", "Done: achieved 🎉"), ("dropped", "Dropped: no longer wanted")]
_TOP = "top"


class GoalsScreen(BaseScreen):
    """The goal tree with each goal's progress, pace and SMART check, its details beside it."""

    HELP = ("The goal tree: long-term goals under the vision, milestones below them. "
            "Each line: status, title, SMART badge, progress, pace (↑ ahead, → on track, "
            "↓ behind, ! overdue) and deadline.")
    BINDINGS = [
        Binding("a", "add_child", "Add", id="goals-add"),
        Binding("A", "add_sibling", "Add sibling", id="goals-add-sibling"),
        Binding("e", "edit", "Edit", id="goals-edit"),
        Binding("x,delete", "delete", "Delete", id="goals-delete"),
        Binding("m", "move", "Move", id="goals-move"),
        Binding("s", "status", "Status", id="goals-status"),
        Binding("c", "check_in", "Check in", id="goals-check-in"),
        Binding("n", "new_step", "New step", id="goals-new-step"),
        Binding("f", "feedback", "Feedback", show=False, id="goals-feedback"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._follow: int | None = None
        self._on_goal = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="goals-body"):
            with Vertical(id="goals-tree-panel", classes="panel") as panel:
                panel.border_title = "Goals"
                panel.border_subtitle = "space folds · enter edits"
                yield GoalTree(id="goals-tree")
            with VerticalScroll(id="goals-detail-panel", classes="panel") as detail:
                detail.border_title = "Goal"
                detail.can_focus = False
                yield HangingText(id="goals-detail")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(GoalTree).focus()

    @property
    def tree(self) -> GoalTree:
        return self.query_one(GoalTree)

    def show(self, doc: Document) -> None:
        self.tree.show(doc, self.career.today(), self._follow)
        self._follow = None
        self._show_detail(doc)

    def select_goal(self, goal_id: int) -> None:
        """Show `goal_id` (called when another screen jumps here)."""
        self._follow = goal_id
        if self.is_mounted and not self.tree.select_goal(goal_id):
            self.notify("That goal is no longer in the plan.", severity="warning")

    @on(Tree.NodeHighlighted, "#goals-tree")
    def _highlighted(self) -> None:
        self._show_detail(self.career.store.document)
        on_goal = self.tree.goal_id is not None
        if on_goal != self._on_goal:  # the footer is rebuilt only when the keys change
            self._on_goal = on_goal
            self.refresh_bindings()

    @on(Tree.NodeSelected, "#goals-tree")
    def _selected(self) -> None:
        self.action_edit()

    def _show_detail(self, doc: Document) -> None:
        goal = self.selected(doc)
        panel = self.query_one("#goals-detail-panel")
        panel.border_title = Content(one_line(goal.title, 60)) if goal else "Vision"
        self.query_one("#goals-detail", HangingText).update(
            goal_detail(doc, goal, self.career.today()) if goal
            else vision_detail(doc))

    def selected(self, doc: Document | None = None) -> Goal | None:
        """The goal under the cursor (None on the vision)."""
        goal_id = self.tree.goal_id
        return (doc or self.career.store.document).goals.get(goal_id) if goal_id else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add_sibling", "edit", "delete", "move", "status", "check_in",
                      "new_step", "feedback"):
            return self.is_mounted and self.selected() is not None
        return True

    # --- adding and editing ---------------------------------------------------------------------

    def action_add_child(self) -> None:
        """Add a goal under the selected one (on the vision: a top-level goal)."""
        self._add(self.selected())

    def action_add_sibling(self) -> None:
        """Add a goal beside the selected one."""
        goal = self.selected()
        if goal is not None:
            doc = self.career.store.document
            self._add(doc.goals.get(goal.parent_id) if goal.parent_id else None)

    def _add(self, parent: Goal | None) -> None:
        def submit(result: tuple[GoalDraft, str]) -> bool:
            def add(tx: Transaction) -> Goal:
                goal = change.add_goal(tx, result[0], parent.id if parent else None)
                self._follow = goal.id
                return goal

            return self.career.change(add, f"add goal “{one_line(result[0].title, 40)}”") \
                is not None

        self.app.push_screen(GoalForm(self.career.store.document, self.career.today(),
                                      parent=parent, submit=submit))

    def action_edit(self) -> None:
        """Edit the selected goal (a changed deadline, target or criterion asks why)."""
        goal = self.selected()
        if goal is None:
            return

        def submit(result: tuple[GoalDraft, str]) -> bool:
            draft, reason = result
            return self.career.change(lambda tx: change.edit_goal(tx, goal.id, draft, reason),
                                      f"edit goal “{one_line(goal.title, 40)}”") is not None

        self.app.push_screen(GoalForm(self.career.store.document, self.career.today(), goal,
                                      submit=submit))

    # --- deleting and moving ------------------------------------------------------------------

    def action_delete(self) -> None:
        """Delete the selected goal; one with goals under it asks what becomes of them."""
        goal = self.selected()
        if goal is None:
            return
        under = descendants(self.career.store.document.goals, goal.id)
        if not under:
            self._delete(goal, "lift")
            return
        home = "the top level" if goal.parent_id is None else "its parent"
        question = f"“{one_line(goal.title, 50)}” has {len(under)} goal(s) under it."
        choices = [("lift", f"Keep them: move them up to {home}"),
                   ("delete", "Delete them too (their steps are kept, unassigned)")]
        self.app.push_screen(ChoiceDialog(question, choices),
                             lambda answer: self._delete(goal, answer) if answer else None)

    def _delete(self, goal: Goal, children: str | None) -> None:
        how = "delete" if children == "delete" else "lift"
        label = f"delete goal “{one_line(goal.title, 40)}”"
        if self.career.change(lambda tx: change.delete_goal(tx, goal.id, how), label):
            self.notify(f"Deleted “{one_line(goal.title, 50)}”. ctrl+z brings it back.",
                        markup=False)

    def action_move(self) -> None:
        """Put the selected goal under another parent, chosen from a list."""
        goal = self.selected()
        if goal is None:
            return
        doc = self.career.store.document
        barred = {goal.id, *descendants(doc.goals, goal.id)}
        choices = [(_TOP, "(top level, under the vision)")] + [
            (str(g.id), "  " * depth + one_line(g.title, 60))
            for depth, g in tree_order(doc) if g.id not in barred]
        current = str(goal.parent_id) if goal.parent_id else _TOP

        def moved(answer: str | None) -> None:
            if answer is None:
                return
            parent = None if answer == _TOP else int(answer)
            self._follow = goal.id
            self.career.change(lambda tx: change.move_goal(tx, goal.id, parent),
                               f"move goal “{one_line(goal.title, 40)}”")

        self.app.push_screen(ChoiceDialog(f"Move “{one_line(goal.title, 50)}” under:", choices,
                                          current), moved)

    # --- status, check-ins, steps -------------------------------------------------------------

    def action_status(self) -> None:
        """Mark the selected goal active, paused, done or dropped."""
        goal = self.selected()
        if goal is None:
            return

        def chosen(answer: str | None) -> None:
            if answer == GoalStatus.DROPPED.value:
                self.app.push_screen(RetrospectiveForm(goal, submit=lambda retro: self._status(
                    goal, GoalStatus.DROPPED, retro)))
            elif answer is not None:
                self._status(goal, GoalStatus(answer), None)

        self.app.push_screen(ChoiceDialog(f"Status of “{one_line(goal.title, 50)}”:",
                                          _STATUS_CHOICES, goal.status.value), chosen)

    def _status(self, goal: Goal, status: GoalStatus, retro: Retrospective | None) -> bool:
        label = f"mark “{one_line(goal.title, 40)}” {status.value}"
        done = self.career.change(lambda tx: change.set_status(tx, goal.id, status, retro),
                                  label)
        if done is not None and status is GoalStatus.DONE:
            self.notify(f"🎉 Goal achieved: {one_line(goal.title, 60)}", title="Win",
                        markup=False)
        return done is not None

    def action_check_in(self) -> None:
        """Log a value of the selected goal's metric."""
        goal = self.selected()
        if goal is None:
            return
        if goal.metric is None:
            self.notify("This goal has no metric; e adds one (from, to, unit).",
                        severity="warning")
            return

        def submit(draft: CheckInDraft) -> bool:
            return self.career.change(
                lambda tx: change.check_in(tx, goal.id, draft.value, draft.on, draft.note),
                f"check in “{one_line(goal.title, 40)}”") is not None

        self.app.push_screen(CheckInForm(goal, self.career.today(), submit=submit))

    def action_new_step(self) -> None:
        """Add an action step to the selected goal."""
        goal = self.selected()
        if goal is not None:
            self.add_step_in_form(goal_id=goal.id)

    def action_feedback(self) -> None:
        """Record feedback on the selected goal."""
        goal = self.selected()
        if goal is not None:
            self.add_feedback_in_form(goal.id)
