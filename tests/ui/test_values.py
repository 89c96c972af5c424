"""The Values screen by keyboard alone: every section's entries, the vision, alignment, jumps."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Label, OptionList, TextArea

from tui.app import CareerApp
from tui.domain.document import Document
from tui.domain.inventory import SECTIONS, goals_serving, items_of
from tui.domain.models import GoalStatus, InventoryKind, revise
from tui.screens.entry_form import EntryForm
from tui.screens.goals import GoalsScreen
from tui.screens.values import ValuesScreen
from tui.screens.vision_form import VisionForm
from tui.store import Store
from tui.widgets.entry_table import EntryTable
from tui.widgets.goal_tree import GoalTree

from .helpers import SIZE, retype, widget_text

KEYS = [s.key for s in SECTIONS]
ENTRY_SECTIONS = ["value", "strength", "weakness", "skill", "interest", "objective"]


def screen(app: CareerApp) -> ValuesScreen:
    return next(s for s in app.screen_stack if isinstance(s, ValuesScreen))


def table(app: CareerApp) -> EntryTable:
    return screen(app).query_one(EntryTable)


def names(app: CareerApp) -> list[str]:
    """The name column of the entry table, top to bottom."""
    rows = table(app)
    return [rows.get_row_at(r)[1 if rows.section.key in ("value", "objective") else 0].plain
            for r in range(rows.row_count)]


def cell(app: CareerApp, entry_id: int, column: str) -> str:
    return table(app).get_cell(str(entry_id), column).plain


def entries(doc: Document, key: str) -> dict[str, int]:
    """Name -> id of the entries of section `key` in the document."""
    if key == "objective":
        return {o.title: o.id for o in doc.objectives.values()}
    kind = InventoryKind(key)
    return {i.name: i.id for i in items_of(doc, kind)}


async def open_section(pilot: Pilot[int], key: str) -> None:
    """Switch to Values and step with ] to section `key`."""
    app: CareerApp = pilot.app  # type: ignore[assignment]
    await pilot.press("2")
    for _ in range((KEYS.index(key) - KEYS.index(screen(app).section.key)) % len(KEYS)):
        await pilot.press("right_square_bracket")
    await pilot.pause()
    assert screen(app).section.key == key


async def walk_to(pilot: Pilot[int], entry_id: int) -> None:
    rows = table(pilot.app)  # type: ignore[arg-type]
    for _ in range(rows.row_count):
        if rows.entry_id == entry_id:
            return
        await pilot.press("j")
    assert rows.entry_id == entry_id


async def fill_entry(pilot: Pilot[int], name: str, levels: tuple[str, str] | None = None,
                     notes: str = "") -> None:
    """Type into the open entry form: name, then levels for a skill, then notes."""
    app: CareerApp = pilot.app  # type: ignore[assignment]
    form = app.screen
    assert isinstance(form, EntryForm)
    await retype(pilot, form.query_one("#field-name"), name)  # type: ignore[arg-type]
    if form.is_skill:
        assert levels is not None
        await pilot.press("tab", "tab")
        await retype(pilot, form.query_one("#field-current_level"), levels[0])  # type: ignore[arg-type]
        await pilot.press("tab")
        await retype(pilot, form.query_one("#field-target_level"), levels[1])  # type: ignore[arg-type]
    await pilot.press("tab")
    if notes:
        await retype(pilot, form.query_one("#field-notes"), notes)  # type: ignore[arg-type]


def error_of(app: CareerApp, field: str) -> str:
    return str(app.screen.query_one(f"#error-{field}", Label).render())


# --- add, edit, delete, rank in every section ---------------------------------------------


@pytest.mark.parametrize("key", ENTRY_SECTIONS)
async def test_add_an_entry_in_each_section(app: CareerApp, key: str) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, key)
        await pilot.press("a")
        await fill_entry(pilot, "Open source [work]", ("2", "5") if key == "skill" else None,
                         notes="on weekends")
        await pilot.press("enter")  # enter on the last field saves
        await pilot.pause()

        assert isinstance(app.screen, ValuesScreen)
        added = entries(Store.open(app.store.path).document, key)["Open source [work]"]
        assert table(app).entry_id == added, "the cursor is on the new entry"
        assert "Open source [work]" in names(app)
        if key == "skill":
            skill = app.store.document.inventory[added]
            assert (skill.current_level, skill.target_level, skill.gap) == (2, 5, 3)
            assert cell(app, added, "levels") == "2→5"


@pytest.mark.parametrize("key", ENTRY_SECTIONS)
async def test_edit_an_entry_in_each_section(app: CareerApp, key: str) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, key)
        target = table(app).entry_id
        assert target is not None
        await pilot.press("e")
        await fill_entry(pilot, "Renamed", ("1", "1") if key == "skill" else None)
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert isinstance(app.screen, ValuesScreen)
        assert entries(Store.open(app.store.path).document, key)["Renamed"] == target
        assert "Renamed" in names(app)


@pytest.mark.parametrize("key", ENTRY_SECTIONS)
async def test_delete_an_entry_in_each_section_and_undo_it(app: CareerApp, key: str) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, key)
        before = app.store.document
        await pilot.press("j")
        target = table(app).entry_id
        assert target is not None
        await pilot.press("x")
        await pilot.pause()
        assert target not in entries(Store.open(app.store.path).document, key).values()
        assert len(names(app)) == len(entries(before, key)) - 1

        await pilot.press("ctrl+z")
        await pilot.pause()
        restored = Store.open(app.store.path).document
        assert restored.inventory == before.inventory
        assert restored.objectives == before.objectives
        assert restored.goals == before.goals, "links from goals come back too"
        assert sorted(names(app)) == sorted(entries(before, key))

        await pilot.press("ctrl+y")
        await pilot.pause()
        assert target not in entries(app.store.document, key).values()


async def test_shift_down_and_up_change_a_values_rank_and_the_rank_is_kept(
    app: CareerApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "value")
        first = names(app)
        await pilot.press("shift+down", "shift+down")
        await pilot.pause()
        expected = [first[1], first[2], first[0], *first[3:]]
        assert names(app) == expected
        assert table(app).get_row_at(table(app).cursor_row)[1].plain == first[0], \
            "the cursor stays on the moved value"
        reread = Store.open(app.store.path).document
        assert [v.name for v in items_of(reread, InventoryKind.VALUE)] == expected
        assert cell(app, entries(reread, "value")[first[0]], "rank") == "3"

        await pilot.press("shift+up")
        await pilot.pause()
        assert names(app)[1] == first[0]
        await pilot.press("K")  # the same without shift+arrows
        await pilot.pause()
        assert names(app)[0] == first[0]


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "name", "levels", "field", "message"), [
    ("value", "", None, "name", "must not be empty"),
    ("value", "autonomy", None, "name", "another value is named"),
    ("strength", "   ", None, "name", "must not be empty"),
    ("skill", "Rust", ("0", "3"), "current_level", "1 to 5"),
    ("skill", "Rust", ("2", "6"), "target_level", "1 to 5"),
    ("skill", "Rust", ("two", "4"), "current_level", "1 to 5"),
    ("skill", "python", ("2", "4"), "name", "another skill is named"),
    ("objective", "Cut platform incidents by half", None, "name", "another objective is named"),
])
async def test_a_bad_entry_keeps_the_form_open_with_an_error_and_saves_nothing(
    app: CareerApp, key: str, name: str, levels: tuple[str, str] | None, field: str,
    message: str,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, key)
        revision = app.store.revision
        await pilot.press("a")
        await fill_entry(pilot, name, levels)
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert isinstance(app.screen, EntryForm), "the form stays open"
        assert message in error_of(app, field)
        assert app.store.revision == revision
        assert Store.open(app.store.path).revision == revision
        assert app.screen.query_one("#field-name").value == name  # type: ignore[attr-defined]

        await pilot.press("escape")
        assert isinstance(app.screen, ValuesScreen)
        assert app.store.revision == revision


# --- the vision ------------------------------------------------------------------------------


async def test_the_vision_is_written_over_several_lines_and_saved(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "v")
        assert isinstance(app.screen, VisionForm)
        area = app.screen.query_one("#field-statement", TextArea)
        assert area.has_focus
        await pilot.press("ctrl+a", "ctrl+k")  # TextArea: home of the line, kill to its end
        area.clear()
        await pilot.press(*"Head of platform", "enter", *"in [two] years")
        await pilot.press("tab", "end", *" and hire")
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert isinstance(app.screen, ValuesScreen)
        vision = Store.open(app.store.path).document.vision
        assert vision.statement == "Head of platform\nin [two] years"
        assert vision.responsibility.endswith(" and hire")
        line = widget_text(screen(app).query_one("#values-vision-line"))
        assert "Head of platform ⏎ in [two] years" in line


async def test_enter_on_the_vision_section_opens_the_vision_form(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "vision")
        assert "Responsibility" in widget_text(screen(app).query_one("#values-vision-text"))
        await pilot.press("e")
        assert isinstance(app.screen, VisionForm)
        await pilot.press("escape")
        assert app.store.document.vision == Store.open(app.store.path).document.vision


# --- alignment --------------------------------------------------------------------------------


def link_goal(store: Store, goal_id: int, value_id: int) -> None:
    """Another session links a goal to a value."""
    with Store.open(store.path).transaction() as tx:
        goal = tx.doc.goals[goal_id]
        tx.put(revise(goal, value_ids=[*goal.value_ids, value_id]))


async def test_alignment_counts_follow_a_goal_being_linked_and_dropped(
    demo_store: Store, make_app: object,
) -> None:
    app: CareerApp = make_app(demo_store, poll_seconds=0.05)  # type: ignore[operator]
    balance = entries(demo_store.document, "value")["Balance"]
    mentor = next(g.id for g in demo_store.document.goals.values() if g.title.startswith("Mentor"))
    talk = next(g.id for g in demo_store.document.goals.values() if g.title.startswith("Become"))
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "value")
        callout = screen(app).query_one("#values-callout")
        assert cell(app, balance, "goals") == "none"
        assert "No goal serves Balance" in widget_text(callout)

        link_goal(app.store, talk, balance)
        link_goal(app.store, mentor, balance)  # paused: does not count
        await pilot.wait_for_scheduled_animations()
        for _ in range(50):
            await pilot.pause(0.05)
            if cell(app, balance, "goals") != "none":
                break
        assert cell(app, balance, "goals") == "1 goal"
        assert "Balance" not in widget_text(callout)

        app.change(lambda tx: tx.put(revise(tx.doc.goals[talk], status=GoalStatus.DROPPED)))
        await pilot.pause()
        assert cell(app, balance, "goals") == "none"
        assert "No goal serves Balance" in widget_text(callout)


async def test_a_value_lists_its_goals_and_enter_jumps_to_one_on_goals(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "value")
        craft = table(app).entry_id
        assert craft is not None
        serving = goals_serving(app.store.document, craft)
        goals = screen(app).query_one("#values-goals", OptionList)
        assert goals.option_count == len(serving) > 1

        await pilot.press("tab")
        assert goals.has_focus
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
        assert app.screen.query_one(GoalTree).goal_id == serving[1].id


async def test_g_on_a_skill_creates_a_goal_linked_to_it(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "skill")
        skill_id = table(app).entry_id
        assert skill_id is not None
        skill = app.store.document.inventory[skill_id]
        assert cell(app, skill_id, "goals") == "none"
        await pilot.press("g")
        await pilot.pause()

        made = [g for g in Store.open(app.store.path).document.goals.values()
                if g.skill_ids == [skill_id]]
        assert [g.title for g in made] == [f"Reach level {skill.target_level} in {skill.name}"]
        assert cell(app, skill_id, "goals") == "1 goal"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert made[0].id not in app.store.document.goals


async def test_g_does_nothing_outside_skills(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "value")
        revision = app.store.revision
        await pilot.press("g")
        await pilot.pause()
        assert app.store.revision == revision


# --- an empty inventory ------------------------------------------------------------------------


@pytest.mark.parametrize("key", KEYS)
async def test_an_empty_section_shows_questions_that_help(
    empty_app: CareerApp, key: str, data_file: Path,
) -> None:
    async with empty_app.run_test(size=SIZE) as pilot:
        await open_section(pilot, key)
        prompts = screen(empty_app).query_one("#values-prompts")
        assert prompts.display
        text = " ".join(widget_text(prompts).split())  # the questions wrap at 80 columns
        section = next(s for s in SECTIONS if s.key == key)
        assert all(question in text for question in section.prompts)
        assert not data_file.exists(), "hints are not data"


async def test_entry_text_is_shown_literally_everywhere(app: CareerApp) -> None:
    hostile = "[bold]Craft[/] [link=x]\x1b[31m"
    craft = entries(app.store.document, "value")["Craftsmanship"]
    with app.store.transaction() as tx:
        tx.put(revise(tx.doc.inventory[craft], name=hostile, notes="[/]"))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_section(pilot, "value")
        assert table(app).entry_id == craft
        shown = "[bold]Craft[/] [link=x]␛[31m"
        assert cell(app, craft, "name") == shown
        panel = screen(app).query_one("#values-detail-panel")
        assert panel.border_title is not None and shown in panel.border_title.replace("\\", "")
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
