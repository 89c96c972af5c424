"""The goal hierarchy as a Tree: the vision at the root, goals under it, keyed by goal id."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.domain.document import Document
from tui.domain.models import Goal, GoalStatus
from tui.domain.pace import Pace, pace
from tui.domain.progress import children_of, goal_progress, tree_order
from tui.domain.smart import planned_goals, smart_check
from tui.domain.text import one_line
from tui.widgets.palette import theme_style

_STATUS_MARK = {GoalStatus.ACTIVE: "●", GoalStatus.PAUSED: "‖", GoalStatus.DONE: "✓",
                GoalStatus.DROPPED: "✗"}
_BAR = 8
# The figures after a title, widest first to go when the tree is narrow; their widths.
_COLUMNS = {"badge": 6, "bar": _BAR + 1, "pace": 5, "deadline": 11}
_DROP_ORDER = ("bar", "badge", "deadline")
_MIN_TITLE = 14
_PACE_COLOUR = {Pace.AHEAD: "success", Pace.ON_TRACK: "primary", Pace.BEHIND: "warning",
                Pace.OVERDUE: "error", Pace.DONE: "success"}
_PACE_GLYPH = {Pace.AHEAD: "↑", Pace.ON_TRACK: "→", Pace.BEHIND: "↓", Pace.OVERDUE: "!",
               Pace.DONE: "✓"}


class GoalTree(Tree[int]):
    """Goals under the vision; each node shows status, title, progress and deadline."""

    HELP = "Move with the arrows or j/k; enter or space folds a goal's children."
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="goal-down"),
        Binding("k", "cursor_up", "Up", show=False, id="goal-up"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Vision", data=0, id=id)
        self.show_root = True
        self.auto_expand = False  # enter edits the goal; space folds it
        self.guide_depth = 3
        self._folded: set[int] = set()
        self._shown: tuple[object, ...] = ()
        self._doc: tuple[Document, date] | None = None
        self._planned: frozenset[int] = frozenset()
        self._follow_later: int | None = None
        self._columns: tuple[str, ...] = tuple(_COLUMNS)
        self._built_width = 0

    @property
    def goal_id(self) -> int | None:
        """The id of the goal under the cursor (None on the vision)."""
        node = self.cursor_node
        return node.data if node is not None and node.data else None

    def show(self, doc: Document, today: date, follow: int | None = None) -> None:
        """Rebuild the tree from `doc`, keeping folds and the cursor on the same goal."""
        key = (id(doc), today, self.app.theme)  # documents are replaced, never changed
        follow = follow if follow is not None else self.goal_id
        if key == self._shown and follow == self.goal_id:
            return
        self._doc = (doc, today)
        if not self.size.width:  # not laid out yet: on_resize builds it at its real width
            self._follow_later = follow if follow is not None else self._follow_later
            return
        self._shown = key
        self._built_width = self.size.width
        nodes = list(self.nodes())
        self._folded = {n.data for n in nodes if n.data and n.children and not n.is_expanded}
        statement = doc.vision.statement.strip()
        root = Text(one_line(statement, 300) if statement else "Vision (not written)",
                    style="bold", no_wrap=True)
        root.truncate(max(10, self.scrollable_content_region.width - 3), overflow="ellipsis")
        self.root.set_label(root)
        self.clear()
        self.root.expand()
        children, progress = children_of(doc.goals), goal_progress(doc)
        self._columns = self._fit_columns(max((d for d, _ in tree_order(doc)), default=0) + 1)
        self._planned = planned_goals(doc)
        self._add(self.root, None, children, progress, today, 1)
        self.select_goal(follow)

    def _room(self, depth: int) -> int:
        """Cells for a label at `depth`: each level indents by the guide and the fold icon."""
        return self.scrollable_content_region.width - depth * self.guide_depth - 3

    def _fit_columns(self, deepest: int) -> tuple[str, ...]:
        """The figures every line shows, chosen once so they line up: the deepest goal
        keeps a readable title, and what does not fit goes in _DROP_ORDER."""
        columns = dict(_COLUMNS)
        for dropped in _DROP_ORDER:
            if self._room(deepest) - 3 - sum(columns.values()) >= _MIN_TITLE:
                break
            del columns[dropped]
        return tuple(columns)

    def _add(self, parent: TreeNode[int], parent_id: int | None,
             children: dict[int | None, list[Goal]], progress: Mapping[int, float],
             today: date, depth: int) -> None:
        room = self._room(depth)
        for goal in children.get(parent_id, []):
            leaf_room = 0 if children.get(goal.id) else 2  # a leaf has no fold icon
            label = self._label(goal, progress[goal.id], today, room + leaf_room)
            if children.get(goal.id):
                node = parent.add(label, data=goal.id, expand=goal.id not in self._folded)
                self._add(node, goal.id, children, progress, today, depth + 1)
            else:
                parent.add_leaf(label, data=goal.id)

    def _label(self, goal: Goal, progress: float, today: date, room: int) -> Text:
        """Mark, title cut to fit, then the figures of the columns that fit the tree."""
        muted = theme_style(self.app, "text-muted")
        mark_pace = pace(goal, progress, today)
        colour = theme_style(self.app, _PACE_COLOUR.get(mark_pace, "primary"))
        filled = round(progress * _BAR)
        figures: list[tuple[str, Style | str]] = []
        for column in self._columns:
            if column == "badge" and self._doc is not None:
                figures += [(v.letter, theme_style(self.app, "success" if v.ok else "error"))
                            for v in smart_check(goal, self._doc[0], today, self._planned)]
                figures.append((" ", ""))
            elif column == "bar":
                figures += [("━" * filled, colour), ("━" * (_BAR - filled) + " ", muted)]
            elif column == "pace":
                figures += [(_PACE_GLYPH.get(mark_pace, " "), colour),
                            (f"{round(progress * 100):>3}%", colour)]
            elif column == "deadline":
                deadline = f"{goal.deadline:%Y-%m-%d}" if goal.deadline else "—"
                figures.append((f" {deadline:<10}", theme_style(self.app, "error")
                                if mark_pace is Pace.OVERDUE else muted))
        width = max(8, room - 3 - sum(len(t) for t, _ in figures))
        title = Text(one_line(goal.title, 200), no_wrap=True,
                     style=muted if goal.status is not GoalStatus.ACTIVE else "")
        title.truncate(width, overflow="ellipsis", pad=True)
        mark = (_STATUS_MARK[goal.status] + " ",
                theme_style(self.app, "success") if goal.status is GoalStatus.DONE else muted)
        return Text.assemble(mark, title, " ", *figures)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width == self._built_width:  # labels are fitted to the width only
            return
        self._shown = ()
        if self._doc is not None:
            follow, self._follow_later = self._follow_later, None
            self.show(*self._doc, follow=follow)

    def nodes(self) -> Iterator[TreeNode[int]]:
        """Every node, depth first from the root."""
        stack = [self.root]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def select_goal(self, goal_id: int | None) -> bool:
        """Put the cursor on `goal_id`, unfolding its parents; False if it is not in the tree."""
        node = next((n for n in self.nodes() if goal_id and n.data == goal_id), None)
        if node is None:
            return False
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        # Line numbers are assigned when the tree is next laid out, so move after that.
        self.call_after_refresh(self.move_cursor, node)
        return True
