"""A table of action steps that draws only the rows on screen, updated in place by id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import App
from textual.binding import Binding
from textual.coordinate import Coordinate
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
_COLUMNS = ("check", "title", "goal", "due", "priority")
_REBUILD_OVER = 200  # rows added or removed at once; past this, building anew is cheaper
_Lines = list[list[Segment]]
_DRAWN_KEPT = 2000  # cells drawn, kept to be drawn again
_FIRST_ROWS = 60  # at least this many rows go in before the first frame of a fill


class _Cell(Text):
    """The text of one cell, in a colour of the app's current theme.

    Every column has a fixed width, so there is nothing to measure: without
    `__rich_measure__`, DataTable no longer builds console options to measure each new
    cell, which was most of the cost of listing thousands of rows. The colour is looked up
    as the cell is drawn, so a new theme (one comes at every start) recolours the rows on
    screen instead of all rows being built again.
    """

    __rich_measure__ = None  # type: ignore[assignment]
    step_id = 0  # the row's step, on its check cell: rows are sorted by it
    colour: tuple[App[object], str, tuple[tuple[str, bool], ...]] | None = None

    @property  # type: ignore[override]
    def style(self) -> str | Style:
        if self.colour is None:
            return self._style
        app, variable, extra = self.colour
        return theme_style(app, variable, **dict(extra))

    @style.setter
    def style(self, style: str | Style) -> None:
        self._style = style


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
        self._listed: dict[int, Step] = {}  # the same steps by id
        self._doc = Document()
        self._today = date.min
        self._title_width = 30
        self._goal_width = 18
        self._unfilled = False  # rows are waiting for the first layout
        self._fills = 0  # counts fills, so one left for after a frame knows it is stale
        # (row key, column key) -> (the cell, how it was drawn, its lines, the row it was on)
        self._drawn: dict[tuple[object, object], tuple[Text, tuple[object, ...], _Lines, int]]
        self._drawn = {}

    def on_mount(self) -> None:
        self._add_columns()

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
        """Show `steps`, keeping the cursor on the same step where it still is listed.

        Only the rows that changed are touched (a step checked off is one row updated and
        the rows sorted again), so a change costs little however long the list is."""
        goals_changed = doc.goals is not self._doc.goals or today != self._today
        self._doc, self._today = doc, today
        old, new = self._listed, {s.id: s for s in steps}
        added = [s for s in steps if s.id not in old]
        removed = old.keys() - new.keys() if len(old) + len(added) != len(new) else set()
        followed, reordered = self.step_id, list(new) != list(old)
        self._steps, self._listed = steps, new
        if len(added) + len(removed) > _REBUILD_OVER or self.row_count != len(old):
            self._fill(followed)
            return
        for step_id in removed:
            self.remove_row(str(step_id))
        for step in steps:  # records are replaced, never changed: the same one is unchanged
            was = old.get(step.id)
            if was is not None and (goals_changed or (was is not step and was != step)):
                for key, cell in zip(_COLUMNS, self._cells(step), strict=True):
                    self.update_cell(str(step.id), key, cell)
        self.add_rows_keyed(added)
        if reordered:
            order = dict(zip(new, range(len(new))))
            self.sort("check", key=lambda check: order[check.step_id])
            self._follow(followed, self.cursor_row)

    def select_step(self, step_id: int) -> None:
        """Put the cursor on step `step_id`, if it is listed."""
        if step_id in self._listed:
            self._move_to(list(self._listed).index(step_id))  # the rows are in its order

    def _fill(self, follow: int | None = None) -> None:
        """Rebuild the rows; the cursor follows step `follow` while it is still open,
        else stays on the same row, so checking steps off walks down the list.

        The rows a window can show go in at once, the rest after the next frame: a long
        list (a plan years overdue) is on screen without waiting for rows below it.
        """
        if not self.size.width:  # not laid out yet: the first resize fills at the right widths
            self._unfilled = True
            return
        self._unfilled = False
        row = self.cursor_row
        self.clear()
        self._fills += 1
        first = max(self.size.height * 2, _FIRST_ROWS)
        self.add_rows_keyed(self._steps[:first])
        if len(self._steps) > first:
            self.call_after_refresh(self._fill_rest, self._fills)
        self._follow(follow, row)

    def _fill_rest(self, fill: int | None = None) -> None:
        """Add the rows `_fill` left for after its frame (unless a later fill replaced them)."""
        if fill is None or fill == self._fills:
            self.add_rows_keyed(self._steps[self.row_count:])
            self._fills += 1  # done: a pending call finds nothing left to add

    def _follow(self, follow: int | None, row: int) -> None:
        """The cursor onto step `follow` if it is listed and open, else onto `row`."""
        listed = self._listed
        if follow in listed and not listed[follow].is_done:
            row = list(listed).index(follow)  # the rows are in the list's order
        if self._steps:
            self._move_to(min(row, len(self._steps) - 1))

    def _move_to(self, row: int) -> None:
        if row >= self.row_count:  # below the rows added so far: add the rest first
            self._fill_rest()
        self.move_cursor(row=row, animate=False)

    def add_rows_keyed(self, steps: list[Step]) -> None:
        """Add one row per step, keyed by its id."""
        for step in steps:
            self.add_row(*self._cells(step), key=str(step.id))

    def _cells(self, step: Step) -> tuple[Text, Text, Text, Text, Text]:
        done = step.is_done
        check = self._cell("[✓]" if done else "[ ]", "success" if done else "text-muted")
        check.step_id = step.id
        title = self._cell(one_line(step.title), "text-muted" if done else "", clip=True,
                           strike=True)
        goal = self._doc.goals.get(step.goal_id) if step.goal_id else None
        goal_text = self._cell(one_line(goal.title, 80) if goal else "—", "text-muted", clip=True)
        return check, title, goal_text, self._due_cell(step), self._priority_cell(step.priority)

    def _cell(self, text: str, colour: str = "", *, clip: bool = False, **extra: bool) -> _Cell:
        """A cell in theme colour `colour` (none if ""); `clip` ends long text with …"""
        cell = _Cell(text, no_wrap=True, overflow="ellipsis") if clip else _Cell(text)
        if colour:
            cell.colour = (self.app, colour, tuple(extra.items()))
        return cell

    def _due_cell(self, step: Step) -> Text:
        if step.due is None:
            return self._cell("—")
        label = describe_due(step.due, self._today)
        if is_overdue(step, self._today):
            return self._cell(label, "error", bold=True)
        if step.due == self._today and not step.is_done:
            return self._cell(label, "warning")
        return self._cell(label)

    def _priority_cell(self, priority: Priority) -> Text:
        if priority is Priority.HIGH:
            return self._cell("high", "error")
        return self._cell(priority.value, "text-muted" if priority is Priority.LOW else "")

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False) -> _Lines:
        """A cell as DataTable draws it, drawn again only when it or its look changed.

        DataTable keys the cells it has drawn on a counter that every update and sort moves
        on, so a check-off (a row updated, the rows sorted again) drew every cell on screen
        anew. Cells here are replaced, never changed: one drawn before is reused, with the
        row it is on now put in the metadata the mouse reads.
        """
        if column_index < 0:  # a row label (there are none)
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        if row_index < 0:  # the header
            column = self.ordered_columns[column_index]
            slot, cell = (None, column.key), column.label
        else:
            slot = self.coordinate_to_cell_key(Coordinate(row_index, column_index))
            cell = self.get_cell(*slot)
        look = (base_style, width, cursor, hover, self.show_cursor, self._show_hover_cursor,
                self._pseudo_class_state, row_index < self.fixed_rows, self.app.current_theme)
        drawn = self._drawn.get(slot)
        if drawn is None or drawn[0] is not cell or drawn[1] != look:
            lines = super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
            if len(self._drawn) > _DRAWN_KEPT:  # those of rows long scrolled past
                self._drawn.clear()
            self._drawn[slot] = (cell, look, lines, row_index)
            return lines
        lines, drawn_on = drawn[2], drawn[3]
        if drawn_on == row_index:
            return lines
        meta = Style.from_meta({"row": row_index, "column": column_index})
        lines = [[Segment(text, style + meta if style else meta, control)
                  for text, style, control in line] for line in lines]
        self._drawn[slot] = (cell, look, lines, row_index)
        return lines

    def on_resize(self) -> None:
        free = self.scrollable_content_region.width - sum(_FIXED.values())
        free -= _PADDING * (len(_FIXED) + 2)
        goal = max(10, min(30, free * 2 // 5))
        title = max(12, free - goal)
        if (title, goal) != (self._title_width, self._goal_width) or self._unfilled:
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
