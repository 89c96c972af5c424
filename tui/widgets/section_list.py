"""The list of self-assessment sections, each with how many entries it has."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.domain.inventory import SECTIONS

_WIDTH = 18


class SectionList(OptionList):
    """One line per section; highlighting one shows it (OptionHighlighted bubbles up)."""

    HELP = "Pick a section with the arrows or j/k; tab moves to its entries."
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="section-down"),
        Binding("k", "cursor_up", "Up", show=False, id="section-up"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(*[Option(s.title, id=s.key) for s in SECTIONS], id=id)
        self._counts: dict[str, str] = {}

    def show(self, counts: dict[str, str]) -> None:
        """Update the figure beside each section title (e.g. '5', or '!' for attention)."""
        if counts == self._counts:
            return
        self._counts = counts
        for index, section in enumerate(SECTIONS):
            figure = counts.get(section.key, "")
            label = Content.assemble(
                section.title.ljust(_WIDTH - len(figure) - 1), (figure, "$foreground-muted"))
            self.replace_option_prompt_at_index(index, label)
