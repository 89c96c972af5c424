"""The entries of one self-assessment section as a table keyed by id, updated in place."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from tui.domain.document import Document
from tui.domain.inventory import Section, goals_serving
from tui.domain.models import InventoryItem, InventoryKind, Objective
from tui.domain.text import one_line
from tui.widgets.palette import theme_style

Entry = InventoryItem | Objective
_PADDING = 2  # DataTable pads each cell by one on both sides
_GAP_BAR = 5  # one block per level of a 1-5 scale


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int | None = None  # None: shares the free width


_RANKED = [Column("rank", "#", 3)]
_GOALS = [Column("goals", "Goals", 7)]
COLUMNS: dict[str, list[Column]] = {
    "value": [*_RANKED, Column("name", "Value"), *_GOALS],
    "objective": [*_RANKED, Column("name", "Objective"), *_GOALS],
    "skill": [Column("name", "Skill"), Column("kind", "Kind", 9), Column("levels", "Level", 5),
              Column("gap", "Gap", _GAP_BAR + 2), *_GOALS],
    "other": [Column("name", "Name"), Column("notes", "Notes")],
}


def columns_for(section: Section) -> list[Column]:
    """The columns a section shows."""
    return COLUMNS.get(section.key, COLUMNS["other"])


class EntryTable(DataTable[Text]):
    """Entries as rows keyed by id; posts what the person asked for, changes nothing."""

    HELP = "Move with the arrows or j/k; shift+up/down changes the rank."
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="entry-down"),
        Binding("k", "cursor_up", "Up", show=False, id="entry-up"),
        Binding("e", "edit", "Edit", id="entry-edit"),
        Binding("x,delete", "delete", "Delete", id="entry-delete"),
        # K and J too: some terminals and multiplexers swallow shift+arrows.
        Binding("shift+up,K", "move(-1)", "Rank up", show=False, id="entry-up-rank"),
        Binding("shift+down,J", "move(1)", "Rank down", show=False, id="entry-down-rank"),
    ]

    @dataclass
    class _EntryMessage(Message):
        table: EntryTable
        entry_id: int

        @property
        def control(self) -> EntryTable:
            return self.table

    class EditRequested(_EntryMessage):
        """The person asked to edit an entry."""

    class DeleteRequested(_EntryMessage):
        """The person asked to delete an entry."""

    @dataclass
    class MoveRequested(_EntryMessage):
        """The person asked to move an entry up (-1) or down (+1)."""

        offset: int = 0

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.section: Section | None = None
        self.entries: list[Entry] = []
        self._doc = Document()
        self._widths: tuple[int, ...] = ()

    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda: self._fill(self.entry_id), init=False)

    @property
    def entry_id(self) -> int | None:
        """The id of the entry under the cursor."""
        if not 0 <= self.cursor_row < len(self.entries):
            return None
        return self.entries[self.cursor_row].id

    @property
    def can_rank(self) -> bool:
        """Skills are ordered by their gap, everything else by hand."""
        return self.section is not None and self.section.kind is not InventoryKind.SKILL

    def show(self, section: Section, entries: list[Entry], doc: Document,
             follow: int | None = None) -> None:
        """Show `entries`; the cursor follows entry `follow` (else the one it was on)."""
        follow = follow if follow is not None else self.entry_id
        same = section == self.section and [e.id for e in entries] == [e.id for e in self.entries]
        goals_changed = doc.goals is not self._doc.goals
        self._doc = doc
        if same:
            changed = [e for old, e in zip(self.entries, entries, strict=True)
                       if goals_changed or old != e]
            self.entries = entries
            for entry in changed:
                for column, cell in zip(columns_for(section), self._cells(entry), strict=True):
                    self.update_cell(str(entry.id), column.key, cell)
            return
        if section != self.section:
            self.section = section
            self._widths = ()
            self.clear(columns=True)
            self._add_columns()
        self.entries = entries
        self._fill(follow)

    def _add_columns(self) -> None:
        columns = columns_for(self.section) if self.section else []
        widths = self._column_widths(columns)
        self._widths = tuple(widths)
        for column, width in zip(columns, widths, strict=True):
            self.add_column(column.label, width=width, key=column.key)

    def _column_widths(self, columns: list[Column]) -> list[int]:
        fixed = sum(c.width or 0 for c in columns) + _PADDING * len(columns) + 1
        flexible = [c for c in columns if c.width is None]
        share = max(10, (self.scrollable_content_region.width - fixed) // max(1, len(flexible)))
        return [c.width or share for c in columns]

    def _fill(self, follow: int | None) -> None:
        row = self.cursor_row
        self.clear()
        for entry in self.entries:
            self.add_row(*self._cells(entry), key=str(entry.id))
        ids = [e.id for e in self.entries]
        if follow in ids:
            row = ids.index(follow)
        if self.entries:
            self.move_cursor(row=max(0, min(row, len(self.entries) - 1)), animate=False)

    def _cells(self, entry: Entry) -> list[Text]:
        assert self.section is not None
        cells = {
            "rank": lambda: Text(str(self.entries.index(entry) + 1), style=self._muted),
            "name": lambda: _flat(entry.title if isinstance(entry, Objective) else entry.name),
            "notes": lambda: _flat(entry.description if isinstance(entry, Objective)
                                   else entry.notes, self._muted),
            "goals": lambda: self._goals_cell(entry.id),
            "kind": lambda: Text(getattr(entry, "skill_kind", "") or "", style=self._muted),
            "levels": lambda: Text(f"{entry.current_level}→{entry.target_level}"
                                   if isinstance(entry, InventoryItem) else ""),
            "gap": lambda: self._gap_cell(entry),
        }
        return [cells[column.key]() for column in columns_for(self.section)]

    @property
    def _muted(self) -> Style:
        return theme_style(self.app, "text-muted")

    def _goals_cell(self, entry_id: int) -> Text:
        count = len(goals_serving(self._doc, entry_id))
        if count == 0:
            return Text("none", style=theme_style(self.app, "warning"))
        return Text(f"{count} goal{'s' if count != 1 else ''}")

    def _gap_cell(self, entry: Entry) -> Text:
        gap = entry.gap if isinstance(entry, InventoryItem) else 0
        if gap == 0:
            return Text("✓ met", style=theme_style(self.app, "success"))
        colour = "error" if gap >= 3 else "warning" if gap == 2 else "primary"
        return Text.assemble(("■" * gap, theme_style(self.app, colour)),
                             ("·" * (_GAP_BAR - gap), self._muted))

    def on_resize(self) -> None:
        if self.section and tuple(self._column_widths(columns_for(self.section))) != self._widths:
            follow = self.entry_id
            self.clear(columns=True)
            self._add_columns()
            self._fill(follow)

    def action_edit(self) -> None:
        if self.entry_id is not None:
            self.post_message(self.EditRequested(self, self.entry_id))

    def action_delete(self) -> None:
        if self.entry_id is not None:
            self.post_message(self.DeleteRequested(self, self.entry_id))

    def action_move(self, offset: int) -> None:
        if self.entry_id is not None:
            self.post_message(self.MoveRequested(self, self.entry_id, offset))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete", "move") and self.entry_id is None:
            return False
        if action == "move" and not self.can_rank:
            return None  # shown dimmed: skills follow their gap
        return True

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()


def _flat(text: str, style: Style | str = "") -> Text:
    return Text(one_line(text, 300), style=style, no_wrap=True, overflow="ellipsis")
