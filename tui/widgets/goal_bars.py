"""Active goals with progress bars: a read-only panel redrawn from the document."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from tui.domain.document import Document
from tui.domain.models import GoalStatus
from tui.domain.progress import goal_progress, tree_order
from tui.domain.text import one_line


@dataclass(frozen=True)
class GoalRow:
    """One line of the panel: a goal, its depth in the tree and its progress 0..1."""

    goal_id: int
    depth: int
    title: str
    progress: float


def active_goal_rows(doc: Document) -> list[GoalRow]:
    """Active goals in tree order with their progress (goals under inactive ones left out)."""
    progress = goal_progress(doc)
    rows, hidden = [], set()
    for depth, goal in tree_order(doc):
        if goal.status is not GoalStatus.ACTIVE or goal.parent_id in hidden:
            hidden.add(goal.id)
            continue
        rows.append(GoalRow(goal.id, depth, goal.title, progress[goal.id]))
    return rows


class GoalBars(Widget):
    """Draws one line per active goal: title, a bar and the percentage."""

    DEFAULT_CSS = """
    GoalBars { height: auto; text-wrap: nowrap; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[GoalRow] = []

    def show(self, rows: list[GoalRow]) -> None:
        """Replace the rows and redraw the lines that changed (the height follows the
        number of goals; a check-off moves a goal or two)."""
        if rows == self.rows:
            return
        old, self.rows = self.rows, rows
        if len(rows) != len(old):
            self.refresh(layout=True)
            return
        width = self.size.width
        self.refresh(*(Region(0, y, width, 1)
                       for y, (was, now) in enumerate(zip(old, rows, strict=True)) if was != now))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.rows))

    def render_line(self, y: int) -> Strip:
        """One line; only those on screen are drawn, however many goals are active."""
        strips = Visual.to_strips(self, self._content(y), self.size.width, 1, self.visual_style)
        return strips[0] if strips else Strip.blank(self.size.width, self.visual_style.rich_style)

    def _content(self, y: int) -> Content:
        if y >= len(self.rows):
            empty = not self.rows and y == 0
            return Content.styled("No active goals yet." if empty else "", "$foreground-muted")
        width = max(self.size.width, 30)
        bar_width = max(10, min(40, width // 3))
        # The terminal's own colours cannot be blended: an ANSI theme's track is dim text.
        track = "dim $bar-track" if self.app.current_theme.ansi else "$bar-track"
        return self._line(self.rows[y], width, bar_width, track)

    def _line(self, row: GoalRow, width: int, bar_width: int, track: str) -> Content:
        title = Content("  " * row.depth + one_line(row.title, 200))
        title = title.truncate(width - bar_width - 6, ellipsis=True, pad=True)
        filled = round(row.progress * bar_width)
        colour = "$success" if row.progress >= 1.0 else "$primary"
        return Content.assemble(
            title, " ",
            ("━" * filled, colour),
            ("━" * (bar_width - filled), track),
            (f"{round(row.progress * 100):>4}%", colour),
        )
