"""Values: the self-assessment, the vision and the objectives, against the goals they drive."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui.actions import inventory as change
from tui.domain.document import Document
from tui.domain.inventory import (
    SECTION_BY_KEY,
    SECTIONS,
    EntryDraft,
    Section,
    goals_serving,
    items_of,
    objectives_of,
    unaligned_goals,
    unserved_values,
)
from tui.domain.models import InventoryItem, InventoryKind, Objective, Vision
from tui.domain.progress import goal_progress
from tui.domain.text import one_line, visible
from tui.screens.base import BaseScreen
from tui.store import Transaction
from tui.screens.entry_form import EntryForm
from tui.screens.vision_form import VisionForm
from tui.widgets.entry_table import Entry, EntryTable
from tui.widgets.section_list import SectionList

_LINKED = {"value", "objective", "skill"}


class ValuesScreen(BaseScreen):
    """Know yourself: values, strengths, growth areas, skills, interests, vision, objectives."""

    HELP = ("Sections on the left, their entries on the right; below them, the goals that "
            "serve the selected value, objective or skill (enter jumps to one).")
    BINDINGS = [
        Binding("a", "add", "Add", id="values-add"),
        Binding("e", "edit", "Edit", show=False, id="values-edit"),
        Binding("v", "edit_vision", "Vision", id="values-vision"),
        Binding("g", "skill_goal", "Goal from skill", id="values-skill-goal"),
        Binding("left_square_bracket", "section(-1)", "Prev section", show=False,
                id="values-prev-section"),
        Binding("right_square_bracket", "section(1)", "Next section", show=False,
                id="values-next-section"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.section: Section = SECTION_BY_KEY["value"]
        self._follow: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="values-vision-line")
        with Horizontal(id="values-body"):
            with Vertical(id="values-sections-panel", classes="panel") as sections:
                sections.border_title = "Self-assessment"
                sections.border_subtitle = "[ ] switch"
                yield SectionList(id="values-sections")
            with Vertical(id="values-main"):
                with Vertical(id="values-entries-panel", classes="panel"):
                    yield EntryTable(id="values-entries")
                    yield Static(id="values-vision-text")
                    yield Static(id="values-prompts")
                with Vertical(id="values-detail-panel", classes="panel"):
                    yield Static(id="values-detail")
                    yield OptionList(id="values-goals")
        yield Static(id="values-callout")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(SectionList).highlighted = 1
        self.query_one(EntryTable).focus()

    # --- drawing --------------------------------------------------------------------------

    @property
    def table(self) -> EntryTable:
        return self.query_one(EntryTable)

    def entries(self, doc: Document) -> list[Entry]:
        """The entries of the current section, in the order shown."""
        if self.section.kind is None:
            return list(objectives_of(doc)) if self.section.key == "objective" else []
        return list(items_of(doc, self.section.kind))

    def show(self, doc: Document) -> None:
        self.query_one(SectionList).show(_counts(doc))
        self.query_one("#values-vision-line", Static).update(_vision_line(doc.vision))
        self.query_one("#values-callout", Static).update(_callout(doc))
        is_vision = self.section.key == "vision"
        entries = [] if is_vision else self.entries(doc)
        table = self.table
        table.display = bool(entries)
        if entries:
            table.show(self.section, entries, doc, self._follow)
        self._follow = None
        panel = self.query_one("#values-entries-panel")
        panel.border_title = self.section.title + ("" if is_vision else f" · {len(entries)}")
        panel.border_subtitle = _keys_hint(self.section, bool(entries))
        vision_text = self.query_one("#values-vision-text", Static)
        vision_text.display = is_vision
        if is_vision:
            vision_text.update(_vision_text(doc.vision))
        prompts = self.query_one("#values-prompts", Static)
        prompts.display = not entries and not (is_vision and doc.vision.statement.strip())
        prompts.update(_prompts(self.section))
        self._show_detail(doc)
        self.refresh_bindings()

    def _show_detail(self, doc: Document) -> None:
        panel = self.query_one("#values-detail-panel")
        entry = next((e for e in self.table.entries if e.id == self.table.entry_id), None)
        hidden = self.section.key == "vision" or entry is None or not self.table.display
        panel.display = not hidden
        self.query_one("#values-entries-panel").set_class(hidden, "-alone")
        if hidden:
            return
        name = one_line(entry.title if isinstance(entry, Objective) else entry.name, 60)
        detail = self.query_one("#values-detail", Static)
        goals = self.query_one("#values-goals", OptionList)
        goals.display = self.section.key in _LINKED
        if not goals.display:
            panel.border_title = Content(name)  # user text: never read as markup
            detail.update(_notes(entry))
            return
        serving = goals_serving(doc, entry.id)
        panel.border_title = Content(f"Goals serving {name}" if serving else name)
        detail.update(_link_summary(entry, len(serving)))
        progress = goal_progress(doc)
        goals.set_options(
            Option(Content.assemble(f"{round(progress[g.id] * 100):>3}%  ",
                                    one_line(g.title, 200)), id=str(g.id))
            for g in serving)
        goals.display = bool(serving)
        if serving:
            goals.highlighted = 0

    # --- section and cursor ---------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#values-sections")
    def _section_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        key = event.option.id or "value"
        if key != self.section.key:
            self.section = SECTION_BY_KEY[key]
            self._drawn_revision = -1
            self.show(self.career.store.document)

    @on(OptionList.OptionSelected, "#values-sections")
    def _section_chosen(self) -> None:
        if self.section.key == "vision":
            self.action_edit_vision()
        elif self.table.display:
            self.table.focus()
        else:
            self.action_add()

    def action_section(self, offset: int) -> None:
        """Show the previous (-1) or next (+1) section."""
        sections = self.query_one(SectionList)
        sections.highlighted = ((sections.highlighted or 0) + offset) % len(SECTIONS)

    @on(DataTable.RowHighlighted, "#values-entries")
    def _entry_highlighted(self) -> None:
        self._show_detail(self.career.store.document)
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#values-goals")
    def _goal_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.career.show_goal(int(event.option.id))

    # --- changes ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "skill_goal":
            return self.section.kind is InventoryKind.SKILL and self.table.entry_id is not None
        return True

    def commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Add entry", "Add to the current section (a)", self.action_add)
        yield SystemCommand("Edit vision", "Where you want to be (v)", self.action_edit_vision)

    def action_add(self) -> None:
        """Add an entry to the current section (on Vision: edit the vision)."""
        if self.section.key == "vision":
            self.action_edit_vision()
            return
        section = self.section

        def submit(draft: EntryDraft) -> bool:
            def add(tx: Transaction) -> Entry:
                entry = change.add_entry(tx, section, draft)
                self._follow = entry.id  # drawn when the form closes and this screen resumes
                return entry

            label = f"add {section.noun} “{one_line(draft.name, 40)}”"
            return self.career.change(add, label) is not None

        self.app.push_screen(EntryForm(self.career.store.document, section, submit=submit))

    def action_edit(self) -> None:
        """Edit the selected entry (on Vision: the vision)."""
        if self.section.key == "vision":
            self.action_edit_vision()
        elif self.table.entry_id is not None:
            self._edit(self.table.entry_id)

    @on(EntryTable.EditRequested)
    def _edit_requested(self, event: EntryTable.EditRequested) -> None:
        self._edit(event.entry_id)

    def _edit(self, entry_id: int) -> None:
        section, doc = self.section, self.career.store.document
        entry = (doc.objectives if section.kind is None else doc.inventory).get(entry_id)
        if entry is None:
            return

        def submit(draft: EntryDraft) -> bool:
            label = f"edit {section.noun} “{one_line(draft.name, 40)}”"
            return self.career.change(
                lambda tx: change.edit_entry(tx, section, entry_id, draft), label) is not None

        self.app.push_screen(EntryForm(doc, section, entry, submit=submit))

    @on(EntryTable.DeleteRequested)
    def _delete(self, event: EntryTable.DeleteRequested) -> None:
        section = self.section
        linked = len(goals_serving(self.career.store.document, event.entry_id))
        entry = self.career.change(lambda tx: change.delete_entry(tx, section, event.entry_id),
                                   f"delete {section.noun}")
        if entry is not None:
            name = one_line(entry.title if isinstance(entry, Objective) else entry.name, 40)
            unlinked = f", unlinked from {linked} goal{'s' * (linked != 1)}" if linked else ""
            self.notify(f"Deleted {section.noun} “{name}”{unlinked}. ctrl+z brings it back.",
                        markup=False)

    @on(EntryTable.MoveRequested)
    def _move(self, event: EntryTable.MoveRequested) -> None:
        if self.table.can_rank:
            section = self.section
            self.career.change(
                lambda tx: change.move_entry(tx, section, event.entry_id, event.offset),
                f"move {section.noun}")

    def action_edit_vision(self) -> None:
        """Edit the vision statement in a form."""
        def submit(vision: Vision) -> bool:
            return self.career.change(lambda tx: change.set_vision(tx, vision),
                                      "edit the vision") is not None

        self.app.push_screen(VisionForm(self.career.store.document.vision, submit=submit))

    def action_skill_goal(self) -> None:
        """Create a short-term goal that closes the selected skill's gap."""
        skill_id = self.table.entry_id
        if skill_id is None or self.section.kind is not InventoryKind.SKILL:
            return
        today = self.career.today()
        goal = self.career.change(lambda tx: change.add_goal_for_skill(tx, skill_id, today),
                                  "add a goal for a skill")
        if goal is not None:
            self.notify(f"Added goal “{one_line(goal.title, 50)}”: give it a deadline and "
                        "steps on Goals (3).", markup=False)


# --- what the panels say ----------------------------------------------------------------


def _counts(doc: Document) -> dict[str, str]:
    counts = {"vision": "✓" if doc.vision.statement.strip() else "—",
              "objective": str(len(doc.objectives))}
    for section in SECTIONS:
        if section.kind is not None:
            counts[section.key] = str(len(items_of(doc, section.kind)))
    return counts


def _vision_line(vision: Vision) -> Content:
    statement = vision.statement.strip()
    if not statement:
        return Content.styled("No vision yet: press v to write where you want to be.",
                              "$foreground-muted")
    return Content.assemble(("Vision ", "bold $text-primary"), one_line(statement, 400))


def _vision_text(vision: Vision) -> Content:
    parts = []
    for title, text in (("Where", vision.statement), ("Responsibility", vision.responsibility),
                        ("Impact", vision.impact)):
        parts.append(Content.styled(title, "bold $text-primary"))
        parts.append(Content(visible(text.strip()) if text.strip() else "—"))
        parts.append(Content(""))
    parts.append(Content.styled("e or enter: edit the vision", "$foreground-muted"))
    return Content("\n").join(parts)


def _prompts(section: Section) -> Content:
    verb = "v to write" if section.key == "vision" else "a to add"
    head = f"Nothing here yet. Press {verb} your first {section.noun}. Questions that help:"
    lines = [Content(head), Content("")]
    lines += [Content.styled(f"  • {prompt}", "italic $foreground-muted") for prompt in section.prompts]
    return Content("\n").join(lines)


def _keys_hint(section: Section, has_entries: bool) -> str:
    if section.key == "vision":
        return "e edit"
    hint = "a add · e edit · x delete" if has_entries else "a add"
    if has_entries and section.key == "skill":
        hint += " · g goal"
    elif has_entries:
        hint += " · shift+↑↓ rank"
    return hint


def _notes(entry: Entry) -> Content:
    notes = entry.description if isinstance(entry, Objective) else entry.notes
    if not notes.strip():
        return Content.styled("No notes. e adds some.", "$foreground-muted")
    return Content(visible(notes.strip()))


def _link_summary(entry: Entry, serving: int) -> Content:
    if isinstance(entry, InventoryItem) and entry.kind is InventoryKind.SKILL:
        now, target = entry.current_level, entry.target_level
        gap = f"{entry.gap} level{'s' * (entry.gap != 1)} to learn" if entry.gap else "target met"
        head = f"Level {now} of 5 now, {target} wanted: {gap}."
        tail = "" if serving else " No goal builds it yet: g creates one."
        return Content.assemble(head, (tail, "$warning"))
    if serving:
        return Content.styled("enter on a goal shows it on Goals (3)", "$foreground-muted")
    noun = "value" if isinstance(entry, InventoryItem) else "objective"
    return Content.styled(f"No active goal serves this {noun} yet. Link one on Goals (3).",
                          "$warning")


def _callout(doc: Document) -> Content:
    values = [v.name for v in unserved_values(doc)]
    goals = [g.title for g in unaligned_goals(doc)]
    parts = [_named("No goal serves ", values, 4), _named("Serving no value or objective: ",
                                                          goals, 3)]
    parts = [part for part in parts if part is not None]
    if not parts and doc.goals and doc.inventory:
        parts.append(Content.assemble(("✓ ", "$success"),
                                      "Every value is served and every goal serves one."))
    return Content("  ").join(parts)


def _named(lead: str, names: list[str], limit: int) -> Content | None:
    """'▲ lead A, B and 2 more.' naming the first `limit` of `names`, or None if none."""
    if not names:
        return None
    shown = ", ".join(one_line(name, 30) for name in names[:limit])
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return Content.assemble(("▲ ", "$warning"), lead, (shown + more, "bold"), ".")
