"""Shown instead of a squeezed layout while the terminal is smaller than the app needs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static

# Every screen was checked down to this size; tmux's status line takes one row of 80x24.
MIN_SIZE = Size(70, 20)


def too_small(size: Size) -> bool:
    """Whether a terminal of `size` is below the minimum."""
    return size.width < MIN_SIZE.width or size.height < MIN_SIZE.height


class TooSmallScreen(Screen[None]):
    """A plain request for a bigger window; it goes away by itself once there is room."""

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(id="too-small-message")

    def show(self, size: Size) -> None:
        """Say how big the window must be, and how big it is."""
        self.query_one(Static).update(Content.assemble(
            (f"Make the window at least {MIN_SIZE.width}×{MIN_SIZE.height}", "bold"),
            f"\nIt is {size.width}×{size.height} now.\n\n",
            ("Everything is saved; q quits.", "$foreground-muted")))

    def on_mount(self) -> None:
        self.show(self.app.size)
