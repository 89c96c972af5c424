"""Board: the action plan as a kanban, To do → Doing → Blocked → Done."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Static

from tui.actions.board import move_step, reorder_step
from tui.domain.board import (COLUMN_TITLES, COLUMNS, BoardFilter, BoardView, board_view,
                              neighbour_column, updated_view)
from tui.domain.document import Document
from tui.domain.models import GoalStatus, Step, StepStatus
from tui.domain.progress import tree_order
from tui.domain.steps import describe_recurrence, next_due, streak
from tui.domain.text import one_line
from tui.screens.base import BaseScreen
from tui.widgets.card_column import CardColumn
from tui.widgets.choice_dialog import ChoiceDialog
from tui.widgets.hanging_text import HangingText, Line

_ALL_GOALS = "all"


# The footer shows < > (they work in every terminal; shift+arrows do too where they arrive).
_MOVE = Binding.Group("move", compact=True)


class BoardScreen(BaseScreen):
    """Four columns of cards; keys move the focused card between and within them."""

    AUTO_FOCUS = ""  # the keys go to the board itself, not to a widget in it
    HELP = ("The action plan as a kanban. Doing shows its work-in-progress limit (settings). "
            "Done hides cards done over a week ago until o shows them.")
    BINDINGS = [
        Binding("h,left", "column(-1)", "Column", show=False, id="board-left"),
        Binding("l,right", "column(1)", "Column", show=False, id="board-right"),
        Binding("j,down", "cursor(1)", "Down", show=False, id="board-down"),
        Binding("k,up", "cursor(-1)", "Up", show=False, id="board-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="board-page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="board-page-up"),
        Binding("home", "edge(0)", "First", show=False, id="board-first"),
        Binding("end", "edge(-1)", "Last", show=False, id="board-last"),
        Binding("shift+left,less_than_sign", "move(-1)", "Move", key_display="<",
                id="board-move-left", group=_MOVE),
        Binding("shift+right,greater_than_sign", "move(1)", "Move", key_display=">",
                id="board-move-right", group=_MOVE),
        # K and J too: some terminals and multiplexers swallow shift+arrows.
        Binding("shift+up,K", "reorder(-1)", "Up", show=False, id="board-reorder-up"),
        Binding("shift+down,J", "reorder(1)", "Down", show=False, id="board-reorder-down"),
        Binding("space", "toggle", "Done", id="board-toggle"),
        Binding("a", "add", "Add", id="board-add"),
        Binding("e,enter", "edit", "Edit", id="board-edit"),
        Binding("x,delete", "delete", "Delete", show=False, id="board-delete"),
        # A priority binding runs before the next key is read, so text typed in the same
        # instant as / (or pasted with it) lands in the filter.
        Binding("slash", "filter_text", "Filter", priority=True, id="board-filter"),
        Binding("g", "filter_goal", "Goal", id="board-filter-goal"),
        Binding("o", "old_done", "Old done", show=False, id="board-old-done"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.board_filter = BoardFilter()
        # The card to keep the cursor on after the next change, and the column it lands in.
        self._follow: tuple[StepStatus, int] | None = None
        self._status = ""
        self._on_card = False
        self._active = StepStatus.TODO
        self._titles: dict[StepStatus, tuple[str, bool, bool]] = {}
        # The view last shown, and what it was computed from, to update it by the change.
        self._view: BoardView | None = None
        self._view_of: tuple[Document, BoardFilter, object] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="board-status")
        with Horizontal(id="board-columns"):
            for status in COLUMNS:
                with Vertical(id=f"board-{status.value}", classes="panel board-column"):
                    yield CardColumn(status, id=f"cards-{status.value}")
        with Vertical(id="board-detail-panel", classes="panel") as detail:
            detail.border_title = "Card"
            yield HangingText(id="board-detail")
        # Always laid out, so keys typed right after / already land in it.
        yield Input(placeholder="/ filters the cards by text (enter keeps it, escape clears it)",
                    select_on_focus=False, id="board-filter-input")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self._activate(StepStatus.TODO)

    # --- reading -----------------------------------------------------------------------------

    def column(self, status: StepStatus) -> CardColumn:
        return self.query_one(f"#cards-{status.value}", CardColumn)

    @property
    def focused_column(self) -> CardColumn:
        """The column the keys act on."""
        return self.column(self._active)

    def _activate(self, status: StepStatus) -> None:
        self._active = status
        doc = self.career.store.document
        for column in self.query(CardColumn):
            column.set_active(column.status is status)
            self._title_column(column.status, len(column.cards), doc)
        self._show_detail()

    def selected(self) -> Step | None:
        """The card under the cursor of the focused column."""
        return self.focused_column.current

    def show(self, doc: Document) -> None:
        today = self.career.today()
        view = self._view_for(doc, today)
        follow, self._follow = self._follow, None
        for status, cards in view.columns.items():
            self.column(status).show(cards, doc.goals, today,
                                     follow[1] if follow and follow[0] is status else None)
            self._title_column(status, len(cards), doc)
        self._show_status(doc, view)
        self._show_detail()

    def _view_for(self, doc: Document, today: date) -> BoardView:
        """The board of `doc`: moved on from the last one by the cards that changed when
        only steps changed since, else computed afresh."""
        last, key = self._view_of, (self.board_filter, today)
        if (self._view is not None and last is not None and last[1:] == key
                and last[0].goals is doc.goals):
            view = updated_view(self._view, last[0].steps, doc, today, self.board_filter)
        else:
            view = board_view(doc, today, self.board_filter)
        self._view, self._view_of = view, (doc, *key)
        return view

    def _title_column(self, status: StepStatus, count: int, doc: Document) -> None:
        """Name and count in the border; the active column's in bold, Doing's against its
        limit (in the warning colour past it). Only the labels change: a class or border
        change would restyle and lay out the screen on every move."""
        panel = self.query_one(f"#board-{status.value}")
        title, over = f"{COLUMN_TITLES[status]} {count}", False
        if status is StepStatus.DOING:
            limit = doc.settings.doing_wip_limit
            title, over = f"{COLUMN_TITLES[status]} {count}/{limit}", count > limit
        shown = (title, status is self._active, over)
        if self._titles.get(status) == shown:  # setting a label repaints the whole column
            return
        self._titles[status] = shown
        style = " ".join(["bold" if status is self._active else "",
                          "$warning" if over else "$text-primary"])
        panel.border_title = Content.styled(title, style.strip())
        panel.border_subtitle = Content.styled("over the limit", "$warning") if over else ""
        panel.set_class(over, "-over-limit")

    def _show_status(self, doc: Document, view: BoardView) -> None:
        shown = self.board_filter.describe(doc)
        parts = [f"only {one_line(shown, 50)} (escape clears)" if shown else "all steps"]
        if self.board_filter.old_done:
            parts.append("done cards of every age (o hides the old)")
        elif view.hidden_old_done:
            parts.append(f"{view.hidden_old_done} done over a week ago hidden (o shows)")
        status = " · ".join(parts)
        if status != self._status:  # a Static update lays the whole screen out again
            self._status = status
            self.query_one("#board-status", Static).update(Content(status))

    def _show_detail(self) -> None:
        step = self.selected()
        if (step is not None) != self._on_card:  # an empty column: no card to move or edit
            self._on_card = step is not None
            self.refresh_bindings()  # rebuilds the footer, so only when that changes
        self.query_one("#board-detail", HangingText).update(
            self._detail_lines(step) if step else
            [Line(Content.styled("No card here. a adds one to this column.",
                                 "$foreground-muted"))])

    def _detail_lines(self, step: Step) -> list[Line]:
        today = self.career.today()
        doc = self.career.store.document
        label = lambda text: Content.styled(f"{text:<9}", "bold")  # noqa: E731
        lines = [Line(Content(one_line(step.title, 500)), label("Step"))]
        if step.recurrence is not None:
            lines.append(Line(Content(
                f"{describe_recurrence(step.recurrence)} · streak {streak(step, today)}"
                f" · next due {step.due or next_due(step.recurrence, today)}"), label("Repeats")))
        resources = [f"{step.estimate_hours:g} h" if step.estimate_hours is not None else "",
                     f"costs {one_line(step.resources.cost, 60)}" if step.resources.cost else "",
                     f"with {one_line(step.resources.helpers, 60)}"
                     if step.resources.helpers else ""]
        lines.append(Line(Content(" · ".join(r for r in resources if r) or "—"), label("Needs")))
        if step.notes.strip():
            lines.append(Line(Content(one_line(step.notes, 500)), label("Notes")))
        goal = doc.goals.get(step.goal_id) if step.goal_id is not None else None
        if goal is not None:
            lines.append(Line(Content(one_line(goal.title, 200)), label("Goal")))
        return lines

    # --- moving around -----------------------------------------------------------------------

    @on(CardColumn.CursorMoved)
    def _cursor_moved(self) -> None:
        self._show_detail()

    def action_column(self, offset: int) -> None:
        """Focus the column to the left or right."""
        target = neighbour_column(self.focused_column.status, offset)
        if target is not None:
            self._activate(target)

    def action_cursor(self, offset: int) -> None:
        """Move the cursor up or down the active column."""
        self.focused_column.action_cursor(offset)

    def action_page(self, direction: int) -> None:
        self.focused_column.action_page(direction)

    def action_edge(self, end: int) -> None:
        self.focused_column.action_edge(end)

    # --- changing ----------------------------------------------------------------------------

    def action_move(self, offset: int) -> None:
        """Move the card to the next column left or right; focus goes with it."""
        step, target = self.selected(), neighbour_column(self.focused_column.status, offset)
        if step is None or target is None:
            return
        # A recurring step moved to Done is checked off and comes back in To do.
        lands = StepStatus.TODO if target is StepStatus.DONE and step.recurrence else target
        self._follow = (lands, step.id)
        self._activate(lands)
        if self.career.change(lambda tx: move_step(tx, step.id, target),
                              f"move “{one_line(step.title, 40)}” to {COLUMN_TITLES[target]}"
                              ) is None:
            # Not saved: the focus goes back to the card, in the column it never left.
            self._follow = (step.status, step.id)
            self._activate(step.status)
            self.show(self.career.store.document)

    def action_reorder(self, offset: int) -> None:
        """Move the card up or down in its column; the order is kept."""
        step = self.selected()
        if step is None:
            return
        self._follow = (step.status, step.id)
        self.career.change(lambda tx: reorder_step(tx, step.id, offset, self.career.today(),
                                                   self.board_filter),
                           f"reorder “{one_line(step.title, 40)}”")

    def action_toggle(self) -> None:
        """Check the card off (to Done), or back on (to To do)."""
        step = self.selected()
        if step is not None:
            self.toggle_step(step)

    def commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Add card", "Add a step to the current column (a)", self.action_add)
        yield SystemCommand("Filter cards", "By text in titles and notes (/)",
                            self.action_filter_text)
        yield SystemCommand("Cards of one goal", "Only one goal's cards (g)",
                            self.action_filter_goal)
        yield SystemCommand("Old done cards", "Show or hide cards done over a week ago (o)",
                            self.action_old_done)

    def action_add(self) -> None:
        """Add a step to the focused column."""
        def added(step: Step) -> None:
            self._follow = (step.status, step.id)
            self.show(self.career.store.document)

        self.add_step_in_form(goal_id=self.board_filter.goal_id,
                              status=self.focused_column.status, added=added)

    def action_edit(self) -> None:
        """Edit the card in the step form (resources included)."""
        step = self.selected()
        if step is not None:
            self.edit_step_in_form(step)

    def action_delete(self) -> None:
        """Delete the card; ctrl+z brings it back."""
        step = self.selected()
        if step is not None:
            self.delete_step(step)

    # --- filters -----------------------------------------------------------------------------

    def action_filter_text(self) -> None:
        """Filter the cards by text as it is typed."""
        field = self.query_one("#board-filter-input", Input)
        if self.focused is field:  # a / typed in the filter is part of the text
            field.insert_text_at_cursor("/")
        self.set_focus(field)

    @on(Input.Changed, "#board-filter-input")
    def _filter_typed(self, event: Input.Changed) -> None:
        self._set_filter(BoardFilter(event.value.strip(), self.board_filter.goal_id,
                                     self.board_filter.old_done))

    @on(Input.Submitted, "#board-filter-input")
    def _filter_kept(self) -> None:
        self._close_filter()

    def _close_filter(self) -> None:
        self.set_focus(None)  # the keys go to the board again

    def action_filter_goal(self) -> None:
        """Show only the cards of one goal (and the goals under it)."""
        doc = self.career.store.document
        choices = [(_ALL_GOALS, "All goals")] + [
            (str(goal.id), "  " * depth + one_line(goal.title, 60))
            for depth, goal in tree_order(doc) if goal.status is not GoalStatus.DROPPED]

        def chosen(key: str | None) -> None:
            if key is not None:
                goal_id = None if key == _ALL_GOALS else int(key)
                self._set_filter(BoardFilter(self.board_filter.text, goal_id,
                                             self.board_filter.old_done))

        current = str(self.board_filter.goal_id) if self.board_filter.goal_id else _ALL_GOALS
        self.app.push_screen(ChoiceDialog("Show the cards of which goal?", choices, current),
                             chosen)

    def action_old_done(self) -> None:
        """Show or hide cards done over a week ago."""
        self._set_filter(BoardFilter(self.board_filter.text, self.board_filter.goal_id,
                                     not self.board_filter.old_done))

    def _set_filter(self, board_filter: BoardFilter) -> None:
        self.board_filter = board_filter
        self.show(self.career.store.document)

    def key_escape(self) -> None:
        """Clear the text and goal filters (and leave the filter field)."""
        field = self.query_one("#board-filter-input", Input)
        field.value = ""  # its Changed event clears the text filter
        self._close_filter()
        if self.board_filter.goal_id is not None:
            self._set_filter(BoardFilter(old_done=self.board_filter.old_done))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("move", "reorder", "toggle", "edit", "delete"):
            return self.is_mounted and self.selected() is not None
        return True
