"""A list of sections (the self-assessment's by default), each with how many entries it has."""

from __future__ import annotations

from collections.abc import Sequence

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

    def __init__(self, sections: Sequence[tuple[str, str]] | None = None, *,
                 id: str | None = None) -> None:
        self.sections = list(sections or [(s.key, s.title) for s in SECTIONS])
        super().__init__(*[Option(title, id=key) for key, title in self.sections], id=id)
        self._shown: tuple[dict[str, str], dict[str, str]] = ({}, {})

    def show(self, counts: dict[str, str], titles: dict[str, str] | None = None) -> None:
        """Update the figure beside each section title (e.g. '5', or '!' for attention),
        and any title that changed."""
        if (counts, titles or {}) == self._shown:
            return
        self._shown = (counts, titles or {})
        for index, (key, title) in enumerate(self.sections):
            figure = counts.get(key, "")
            label = Content.assemble((titles or {}).get(key, title).ljust(
                _WIDTH - len(figure) - 1), (figure, "$foreground-muted"))
            self.replace_option_prompt_at_index(index, label)
