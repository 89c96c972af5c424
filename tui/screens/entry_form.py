"""The modal form for an entry of the self-assessment or an organisation objective."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from tui.domain.document import Document
from tui.domain.inventory import EntryDraft, Section, entry_problems
from tui.domain.models import InventoryItem, InventoryKind, Objective
from tui.screens.form import KEYS_HINT, FormScreen, field_row

_LEVEL_FIELDS = ("current_level", "target_level")
_FIELDS = ("name", "notes", "skill_kind", *_LEVEL_FIELDS)


class EntryForm(FormScreen[EntryDraft]):
    """Add or edit one entry of `section`; skills also take a kind and two levels 1-5."""

    def __init__(
        self,
        doc: Document,
        section: Section,
        entry: InventoryItem | Objective | None = None,
        submit: Callable[[EntryDraft], bool] | None = None,
    ) -> None:
        super().__init__(submit)
        self.doc, self.section, self.entry = doc, section, entry
        self.is_skill = section.kind is InventoryKind.SKILL

    def _initial(self) -> EntryDraft:
        entry = self.entry
        if isinstance(entry, Objective):
            return EntryDraft(entry.title, entry.description)
        if isinstance(entry, InventoryItem):
            return EntryDraft(entry.name, entry.notes, entry.skill_kind, entry.current_level,
                              entry.target_level)
        return EntryDraft("", "", "technical", 1, 3) if self.is_skill else EntryDraft("")

    def compose(self) -> ComposeResult:
        start = self._initial()
        with Vertical(id="form-box") as box:
            noun = self.section.noun
            box.border_title = f"Edit {noun}" if self.entry else f"New {noun}"
            yield from field_row("Name", "name", Input(start.name, id="field-name"))
            if self.is_skill:
                yield from field_row("Kind", "skill_kind", Select(
                    [("technical", "technical"), ("soft", "soft")], allow_blank=False,
                    value=start.skill_kind or "technical", id="field-skill_kind"))
                yield from field_row("Now", "current_level", Input(
                    str(start.current_level), placeholder="1-5", id="field-current_level"))
                yield from field_row("Target", "target_level", Input(
                    str(start.target_level), placeholder="1-5", id="field-target_level"))
            yield from field_row("Notes", "notes", Input(start.notes, id="field-notes"))
            yield Label(Text(KEYS_HINT), id="form-keys")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.input.id in ("field-current_level", "field-target_level"):
            _draft, errors = self.collect()
            self.show_errors({k: v for k, v in errors.items() if k in _LEVEL_FIELDS},
                             _LEVEL_FIELDS)

    @property
    def field_names(self) -> tuple[str, ...]:
        return _FIELDS if self.is_skill else ("name", "notes")

    def collect(self) -> tuple[EntryDraft, dict[str, str]]:
        errors: dict[str, str] = {}
        levels: dict[str, int | None] = {}
        for name in _LEVEL_FIELDS if self.is_skill else ():
            levels[name] = _level(self.query_one(f"#field-{name}", Input).value)
            if levels[name] is None:
                errors[name] = "a whole number from 1 to 5"
        kind = self.query_one("#field-skill_kind", Select).value if self.is_skill else None
        draft = EntryDraft(
            name=self.query_one("#field-name", Input).value,
            notes=self.query_one("#field-notes", Input).value,
            skill_kind=kind if isinstance(kind, str) else None,
            current_level=levels.get("current_level"),
            target_level=levels.get("target_level"),
        )
        if not errors:
            except_id = self.entry.id if self.entry else None
            errors = entry_problems(self.doc, self.section, draft, except_id)
        for name in _LEVEL_FIELDS:  # pydantic says "less than or equal to 5": say it plainly
            if name in errors:
                errors[name] = "a whole number from 1 to 5"
        return draft, errors


def _level(text: str) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        return None
