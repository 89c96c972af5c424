"""The modal form for the vision: three multi-line texts."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, TextArea

from tui.domain.errors import field_errors
from tui.domain.models import Vision
from tui.screens.form import FormScreen

_FIELDS = (
    ("statement", "Where do you want to be? The role, in a sentence or two"),
    ("responsibility", "What level of responsibility?"),
    ("impact", "What impact, on whom?"),
)


class VisionForm(FormScreen[Vision]):
    """Edit the vision; enter starts a new line, tab moves on, ctrl+s saves."""

    def __init__(self, vision: Vision, submit: Callable[[Vision], bool] | None = None) -> None:
        super().__init__(submit)
        self.vision = vision

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box", classes="vision-form") as box:
            box.border_title = "Vision"
            for name, question in _FIELDS:
                yield Label(question, classes="vision-question")
                yield TextArea(getattr(self.vision, name), id=f"field-{name}",
                               soft_wrap=True, tab_behavior="focus", show_line_numbers=False)
                yield Label("", id=f"error-{name}", classes="field-error")
            yield Label(Text("ctrl+s: save · tab: next field · escape: cancel"), id="form-keys")

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(name for name, _question in _FIELDS)

    def collect(self) -> tuple[Vision, dict[str, str]]:
        texts = {name: self.query_one(f"#field-{name}", TextArea).text
                 for name in self.field_names}
        try:
            return Vision(**texts), {}
        except ValidationError as error:
            return self.vision, field_errors(error)
