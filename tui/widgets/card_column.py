"""One kanban column: cards drawn line by line, only those on screen, so thousands scroll."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.color import Color, ColorParseError
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.domain.dates import describe_due
from tui.domain.models import Goal, Priority, Step, StepStatus
from tui.domain.steps import streak
from tui.domain.text import one_line
from tui.domain.today import is_overdue
from tui.widgets.palette import cursor_style, theme_style, theme_variables

_PLAIN = Style()
CARD_LINES = 3  # title, goal, due · priority · streak
CARD_HEIGHT = CARD_LINES + 1  # and a blank line between cards
_PRIORITY_COLOUR = {Priority.HIGH: "error", Priority.MEDIUM: "warning", Priority.LOW: "text-muted"}
_PRIORITY_WORD = {Priority.HIGH: "high", Priority.MEDIUM: "med", Priority.LOW: "low"}  # fits 80x24


class CardColumn(ScrollView, can_focus=False):
    """The cards of one status, with a cursor; the board screen moves the cursor of the
    active column and acts on its `current` card.

    Columns never take the focus: a focus change makes Textual rebuild the footer and lay
    the screen out again, which moving a card from column to column should not cost.
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class CursorMoved(Message):
        """The cursor is on another card (or the cards changed under it)."""

    def __init__(self, status: StepStatus, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.status = status
        self.active = False  # the column the keys act on
        self._laying_out = False  # a new virtual size waits for the next layout
        self.cards: list[Step] = []
        self._goals: Mapping[int, Goal] = {}
        self._today = date.min
        self._lines: dict[tuple[int, int], Strip] = {}  # (card, line) -> strip, this width

    @property
    def current(self) -> Step | None:
        """The card under the cursor."""
        return self.cards[self.cursor] if 0 <= self.cursor < len(self.cards) else None

    def show(self, cards: list[Step], goals: Mapping[int, Goal], today: date,
             follow: int | None = None) -> None:
        """Show `cards`, keeping the cursor on the same step (or `follow`) where it can.

        Only the cards from the first one that changed down are drawn again."""
        keep = follow if follow is not None else (self.current.id if self.current else None)
        old_cards, old_index = self.cards, self.cursor
        if goals is not self._goals or today != self._today:
            first_changed = 0
        else:
            first_changed = next((i for i, (a, b) in enumerate(zip(old_cards, cards, strict=False))
                                  if a is not b), min(len(old_cards), len(cards)))
        self.cards, self._goals, self._today = cards, goals, today
        if first_changed < max(len(old_cards), len(cards)):
            self._invalidate(first_changed)
        if keep is not None and (old_index >= len(cards) or cards[old_index].id != keep):
            index = next((i for i, card in enumerate(cards) if card.id == keep), old_index)
        else:
            index = old_index
        self._set_virtual_height(len(cards) * CARD_HEIGHT)
        index = max(0, min(index, len(cards) - 1))
        if index != old_index:
            self.cursor = index

    def _invalidate(self, first: int, last: int | None = None) -> None:
        """Draw cards `first` to `last` (default: to the end) again."""
        self._lines = {key: strip for key, strip in self._lines.items()
                       if key[0] < first or (last is not None and key[0] > last)}
        top = first * CARD_HEIGHT - int(self.scroll_y)
        bottom = ((last + 1) * CARD_HEIGHT if last is not None else self.virtual_size.height
                  ) - int(self.scroll_y)
        height = self.scrollable_content_region.height
        top, bottom = max(0, top), min(height, max(bottom, height if last is None else 0))
        if bottom > top:
            self.refresh(Region(0, top, self.size.width, bottom - top))

    def _set_virtual_height(self, height: int) -> None:
        """Set the scrollable height. A new virtual size lays out the whole screen again,
        which a card checked off should not cost: while the scrollbar stays as it is (shown
        or not), only the scrollbar is told."""
        size = Size(self.scrollable_content_region.width, height)
        if size == self.virtual_size:
            return
        window = self.scrollable_content_region.height
        scrolling = self.virtual_size.height > window
        if not window or (height > window) != scrolling or size.width != self.virtual_size.width:
            self.virtual_size = size
            self._laying_out = True
            return
        self.set_reactive(CardColumn.virtual_size, size)
        if scrolling:
            self.vertical_scrollbar.window_virtual_size = height
            self.vertical_scrollbar.refresh()
        if self.scroll_y > self.max_scroll_y:
            self.scroll_to(y=self.max_scroll_y, animate=False)

    def watch_cursor(self, old: int, new: int) -> None:
        if self._laying_out:  # the new height is known only after the layout
            self.call_after_refresh(self._scroll_to_cursor)
        else:
            self._scroll_to_cursor()
        for index in {old, new}:  # the old and the new cursor card change colour
            self._invalidate(index, index)
        self.post_message(self.CursorMoved())

    def _scroll_to_cursor(self) -> None:
        self._laying_out = False
        top = self.cursor * CARD_HEIGHT
        height = self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif top + CARD_LINES > self.scroll_y + height:
            self.scroll_to(y=top + CARD_LINES - height, animate=False)

    def action_cursor(self, offset: int) -> None:
        if self.cards:
            self.cursor = max(0, min(len(self.cards) - 1, self.cursor + offset))

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(1, self.scrollable_content_region.height
                                           // CARD_HEIGHT))

    def action_edge(self, end: int) -> None:
        if self.cards:
            self.cursor = 0 if end == 0 else len(self.cards) - 1

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._repaint())

    def _repaint(self) -> None:
        """Draw every card again (in a new theme's colours)."""
        self._lines.clear()
        self.refresh()

    def on_resize(self) -> None:
        self._lines.clear()
        self.virtual_size = Size(self.scrollable_content_region.width,
                                 len(self.cards) * CARD_HEIGHT)  # a full layout is due anyway

    def set_active(self, active: bool) -> None:
        """Make this the column the keys act on (its cursor card shows it), or not."""
        if active != self.active:
            self.active = active
            self._invalidate(self.cursor, self.cursor)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index, line = divmod(y + int(self.scroll_y), CARD_HEIGHT)
        base = self.rich_style
        if index >= len(self.cards) or line >= CARD_LINES:
            return Strip.blank(width, base)
        strip = self._lines.get((index, line))
        if strip is None:
            strip = self._render_card_line(self.cards[index], line, width,
                                           selected=index == self.cursor)
            self._lines[(index, line)] = strip
        return strip

    def _render_card_line(self, step: Step, line: int, width: int, selected: bool) -> Strip:
        muted = theme_style(self.app, "text-muted")
        if line == 0:
            text = Text(one_line(step.title, 400), style="bold" if selected else "")
        elif line == 1:
            goal = self._goals.get(step.goal_id) if step.goal_id is not None else None
            text = Text(f"◆ {one_line(goal.title, 200)}" if goal else "no goal", style=muted)
        else:
            text = self._meta(step)
        text.truncate(width - 1, overflow="ellipsis", pad=True)
        text = Text.assemble(text, " ")
        background, over = self._card_styles(selected)
        segments = [Segment(s.text, background + s.style + over if s.style else background + over)
                    for s in text.render(self.app.console)]
        return Strip(segments).adjust_cell_length(width, background + over)

    def _card_styles(self, selected: bool) -> tuple[Style, Style]:
        """The card's style, and one laid over its text.

        The cursor card takes the cursor colour in the active column, a muted one in the
        others. Where the theme says which colour text on its cursor takes (yellow under
        black in careerdash-high-contrast), the card takes the cursor's whole look, so no
        red or yellow text lands on a yellow cursor; in an ANSI theme the other columns'
        cursors too (careerdash-ansi's are white on blue, and underlined).
        """
        base = self.rich_style
        if not selected:
            return base, _PLAIN
        if self.active or self.app.current_theme.ansi:
            cursor = cursor_style(self.app, blurred=not self.active)
            if cursor.color is not None:
                return base, cursor
        colour = theme_variables(self.app).get("block-cursor-background" if self.active
                                               else "primary-muted")
        try:
            return base + Style(bgcolor=Color.parse(colour or "").rich_color), _PLAIN
        except ColorParseError:  # a theme without that colour: reverse the card instead
            return base + Style(reverse=True), _PLAIN

    def _meta(self, step: Step) -> Text:
        today = self._today
        parts: list[tuple[str, Style | str]] = []
        if step.due is not None:
            near = abs((step.due - today).days) < 7
            label = describe_due(step.due, today) if near else (
                f"{step.due:%d %b}" if step.due.year == today.year else f"{step.due:%b %Y}")
            parts.append((label,
                          theme_style(self.app, "error") if is_overdue(step, today)
                          else theme_style(self.app, "text-muted")))
        else:
            parts.append(("no date", theme_style(self.app, "text-muted")))
        parts.append((" · ", ""))
        parts.append((_PRIORITY_WORD[step.priority],
                      theme_style(self.app, _PRIORITY_COLOUR[step.priority])))
        if step.recurrence is not None:
            parts.append((f" · ↻{streak(step, today)}", theme_style(self.app, "success")))
        if step.is_done and step.done_at is not None:
            parts = [(f"✓ {step.done_at:%Y-%m-%d}", theme_style(self.app, "success"))]
        return Text.assemble(*parts)
