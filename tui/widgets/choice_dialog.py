"""A question with a short list of answers, picked with the arrows and enter."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option


class ChoiceDialog(ModalScreen[str | None]):
    """Asks `question`; dismisses with the id of the chosen answer, or None on escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="choice-cancel")]

    def __init__(self, question: str, choices: list[tuple[str, str]],
                 current: str | None = None) -> None:
        super().__init__()
        self.question, self.choices, self.current = question, choices, current

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box"):
            yield Label(Text(self.question), id="choice-question")
            yield OptionList(*[Option(Content(label), id=key) for key, label in self.choices],
                             id="choice-options")
            yield Label(Text("↑↓ and enter: choose · escape: cancel"), id="choice-keys")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        keys = [key for key, _label in self.choices]
        options.highlighted = keys.index(self.current) if self.current in keys else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
