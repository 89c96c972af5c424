"""What every modal form shares: labelled fields, inline errors, ctrl+s and escape."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Generic, TypeVar

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label

from tui.domain.document import Document
from tui.domain.models import GoalStatus
from tui.domain.text import one_line

D = TypeVar("D")

KEYS_HINT = "enter on the last field or ctrl+s: save · escape: cancel"


def field_row(label: str, name: str, widget: Widget, tall: bool = False) -> Iterator[Widget]:
    """A labelled field on one line (several if `tall`), with a line under it for its error
    or hint."""
    rows = "field-row -tall" if tall else "field-row"
    yield Horizontal(Label(label, classes="field-label"), widget, classes=rows)
    yield Label("", id=f"error-{name}", classes="field-error")


def goal_options(doc: Document, keep: int | None = None) -> list[tuple[Text, int]]:
    """Active goals for a goal picker (and `keep`, the one already chosen)."""
    goals = [g for g in doc.goals.values() if g.status is GoalStatus.ACTIVE or g.id == keep]
    return [(Text(one_line(g.title, 70)), g.id) for g in sorted(goals, key=lambda g: g.id)]


class FormScreen(ModalScreen[D | None], Generic[D]):
    """A modal form that stays open, with what was typed, until its draft is saved.

    `submit` is given the validated draft and says whether the change was saved; if it
    was not (the file is locked, say), the form stays open so nothing typed is lost.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form-save"),
        Binding("escape", "cancel", "Cancel", id="form-cancel"),
    ]

    def __init__(self, submit: Callable[[D], bool] | None = None) -> None:
        super().__init__()
        self.submit = submit

    @property
    def field_names(self) -> tuple[str, ...]:
        """The fields that have an error line."""
        raise NotImplementedError

    def collect(self) -> tuple[D, dict[str, str]]:
        """The draft from the fields, and what is wrong with it by field name."""
        raise NotImplementedError

    def show_errors(self, errors: Mapping[str, str], names: tuple[str, ...]) -> None:
        """Put each field's error beside it, and clear the others."""
        for name in names:
            label = self.query_one(f"#error-{name}", Label)
            label.update(Text(errors.get(name, "")))
            label.set_class(name in errors, "-invalid")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter saves on the last field and moves to the next one elsewhere."""
        inputs = [w for w in self.focus_chain if isinstance(w, Input)]  # hidden ones excluded
        if inputs and event.input is inputs[-1]:
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        draft, errors = self.collect()
        self.show_errors(errors, self.field_names)
        if errors:
            whole = f" {errors['']}." if "" in errors else ""
            self.notify(f"Fix the marked fields; nothing was saved.{whole}", severity="warning",
                        markup=False)
            return
        if self.submit is not None and not self.submit(draft):
            return
        self.dismiss(draft)

    def action_cancel(self) -> None:
        self.dismiss(None)
