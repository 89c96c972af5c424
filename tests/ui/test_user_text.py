"""User text is data: titles that look like markup or escape codes are shown as typed."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_plan import LONG, hostile_document  # tests/hostile_plan.py
from rich.segment import Segment
from textual.widgets import Footer, Input

from tui import actions
from tui.app import CareerApp
from tui.domain.models import revise
from tui.screens.step_form import StepForm
from tui.screens.today import TodayScreen
from tui.store import Store
from tui.widgets.control_filter import ControlCharacters

from .conftest import FIXED
from .helpers import SIZE, cell, form_field, move_to, screen_text, step_titled, table, widget_text

HOSTILE = ["[bold]x[/bold]", "[@click=app.quit]x", "[/b]", "evil \x1b[31m red"]


@pytest.fixture
def hostile_store(empty_store: Store) -> Store:
    """Four steps due today whose titles look like markup or escape sequences."""
    with empty_store.transaction() as tx:
        for title in HOSTILE:
            actions.add_step(tx, title, due=tx.now.date())
    return empty_store


async def test_titles_render_literally(
    hostile_store: Store, make_app: Callable[..., CareerApp], tmp_path: Path
) -> None:
    app = make_app(hostile_store)
    async with app.run_test(size=SIZE):
        drawn = widget_text(table(app))
        on_screen = screen_text(app, tmp_path)
        for title in ["[bold]x[/bold]", "[@click=app.quit]x", "[/b]", "evil ␛[31m red"]:
            assert title in drawn
            assert title in on_screen
        assert "\x1b" not in drawn
        ids = [step_titled(hostile_store, title).id for title in HOSTILE]
        assert cell(app, ids[3], "title") == "evil ␛[31m red"
        assert hostile_store.document.steps[ids[3]].title == HOSTILE[3], "stored as typed"


async def test_enter_and_click_on_a_markup_title_never_quit(
    hostile_store: Store, make_app: Callable[..., CareerApp]
) -> None:
    app = make_app(hostile_store)
    async with app.run_test(size=SIZE) as pilot:
        target = step_titled(hostile_store, "[@click=app.quit]x").id
        await move_to(pilot, target)
        await pilot.press("enter")
        assert isinstance(app.screen, StepForm), "enter edits the step"
        assert form_field(app, "title").value == "[@click=app.quit]x"
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)

        await pilot.press("ctrl+home")  # the cursor leaves the row before the clicks
        assert table(app).step_id != target
        row = table(app).get_row_index(str(target))
        title_x = 3 + 2 + 2  # past the check column and its padding
        for _ in range(2):  # the first click moves the cursor, the second selects
            await pilot.click(table(app), offset=(title_x, 1 + row))
            await pilot.pause()
            assert app.return_code is None
            assert table(app).step_id == target
        assert isinstance(app.screen, StepForm), "clicking the row twice edits the step"
        assert app.is_running


# --- hostile text in every field, on every screen -------------------------------------------

RAW = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
CORNERS = ("╭", "╮", "╰", "╯")
# Keys from the previous view, the screen then shown, and text it must show as typed.
WALK: list[tuple[tuple[str, ...], str, list[str]]] = [
    (("1",), "TodayScreen", ["[bold]B[/] [l", "long long"]),
    (("2",), "ValuesScreen", ["[bold]B[/] [link=https://evil.example]L[/link]", "␛[2J"]),
    (("3",), "GoalsScreen", ["[link=https://evil.exampl", "␛[2J␛[31mR", "␛]52;c;ZXZpbA==␇"]),
    (("j",), "GoalsScreen", ["done_w", "[bold]B[/]", "long long"]),
    (("4",), "BoardScreen", ["[bold]B[/] [link=https://evil.example]L[/link]", "␛[2J"]),
    (("5",), "ProgressScreen", ["Steps checked off per week"]),
    (("tab",), "ProgressScreen", ["long long"]),  # the trajectory of the long-titled goal
    (("tab",), "ProgressScreen", ["[bold]B[…: target 12 ("]),  # the metric
    (("tab",), "ProgressScreen", ["name [bold]B[/]"]),  # the skills
    (("6",), "ReviewScreen", ["[bold]B[/]", "␛[2J"]),
    (("j",), "ReviewScreen", ["reflection [bold]B[/]", "␛[2J", "<U+202E>evil<U+202C>"]),
    (("j",), "ReviewScreen", ["who [bold]B[/]"]),  # the feedback
    (("j",), "ReviewScreen", ["title [bold]B[/]"]),  # the wins
    (("1", "e"), "StepForm", ["[bold]B[/]"]),  # a value being edited, in an Input
]


@pytest.fixture
def hostile_everywhere(empty_store: Store) -> Store:
    """The sample plan with hostile text in every field (tests/hostile_plan.py)."""
    empty_store.replace_document(hostile_document(FIXED.date()))
    return empty_store


def lines_drawn(app: CareerApp) -> list[list[Segment]]:
    """What the terminal is sent for the current screen, line by line."""
    return [list(strip) for strip in app.screen._compositor.render_strips()]


def assert_intact(app: CareerApp, where: str) -> str:
    """The screen fills the terminal exactly, without a raw control character, link or
    action from user text, with the footer on the last row and the panels' corners in
    place; returns its text."""
    lines = lines_drawn(app)
    assert len(lines) == SIZE[1], where
    assert {sum(s.cell_length for s in line) for line in lines} == {SIZE[0]}, where
    text = "\n".join("".join(s.text for s in line) for line in lines)
    found = RAW.search(text.replace("\n", ""))
    assert found is None, f"{where}: raw U+{ord(found[0]):04X}" if found else ""
    for segment in (s for line in lines for s in line if s.style):
        assert "evil.example" not in (segment.style.link or ""), where
        assert "app.quit" not in str(segment.style.meta.get("@click", "")), where
    footer = app.screen.query(Footer) or app.screen_stack[-2].query(Footer)
    assert footer.first().region.y == SIZE[1] - 1, where
    for panel in app.screen.query("*"):
        if panel.border_title is None or not panel.display or not panel.region:
            continue
        region = panel.region
        corners = [(region.x, region.y), (region.right - 1, region.y),
                   (region.x, region.bottom - 1), (region.right - 1, region.bottom - 1)]
        drawn = [_cell(lines, x, y) for x, y in corners]
        assert tuple(drawn) == CORNERS, f"{where}: {panel} corners {drawn}"
    return text


def _cell(lines: list[list[Segment]], x: int, y: int) -> str:
    offset = 0
    for segment in lines[y]:
        if offset <= x < offset + segment.cell_length:
            return segment.text[x - offset] if segment.cell_length == len(segment.text) else "?"
        offset += segment.cell_length
    return ""


@pytest.mark.faults
async def test_hostile_text_in_every_field_is_shown_literally_on_every_screen(
    hostile_everywhere: Store, make_app: Callable[..., CareerApp], tmp_path: Path
) -> None:
    app = make_app(hostile_everywhere)
    async with app.run_test(size=SIZE) as pilot:
        for keys, screen, shown in WALK:
            await pilot.press(*keys)
            await pilot.pause()
            where = f"{' '.join(keys)} on {screen}"
            assert type(app.screen).__name__ == screen, where
            text = assert_intact(app, where)
            for fragment in shown:
                assert fragment in text, f"{where}: {fragment!r} is not shown"
            if screen == "StepForm":
                title = app.screen.query_one("#field-title", Input).value
                assert title == step_titled(hostile_everywhere, title).title  # as stored
        await pilot.press("escape", "2")
        svg = screen_text(app, tmp_path)  # what a screenshot of the terminal shows
        assert "[bold]B[/] [link=https://evil.example]L[/link]" in svg and "\x1b" not in svg
    assert hostile_everywhere.document == hostile_document(FIXED.date()).model_copy(
        update={"meta": hostile_everywhere.document.meta}), "looking changes nothing"


@pytest.mark.faults
async def test_wide_titles_keep_each_plot_in_its_panel(
    demo_store: Store, make_app: Callable[..., CareerApp]
) -> None:
    """plotext counts a CJK character as one cell: its title line is cut, never wrapped."""
    with demo_store.transaction() as tx:
        for goal in tx.doc.goals.values():
            tx.put(revise(goal, title="职业发展目标" * 8, metric=goal.metric and revise(
                goal.metric, unit="职业发展目标" * 4)))
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        for plot, keys in (("Trajectory", ("5", "tab")), ("Metric", ("tab",))):
            await pilot.press(*keys)
            await pilot.pause()
            lines = assert_intact(app, plot).splitlines()
            assert "职业" in lines[2] and "┌" in lines[3], f"{plot}: {lines[2:4]}"
            assert "┘" in lines[-6] and "╯" in lines[-2], plot


def test_the_last_guard_drops_control_characters_and_keeps_widths() -> None:
    line = [Segment("ok "), Segment("\x1b[2J\x1b]52;c;eA==\x07\x85\u202eab"), Segment("é")]
    kept = ControlCharacters().apply(line, background=None)  # type: ignore[arg-type]
    assert [s.text for s in kept] == ["ok ", "[2J]52;c;eA==ab", "é"]
    assert sum(s.cell_length for s in kept) == sum(s.cell_length for s in line)
    plain = [Segment("nothing to drop")]
    assert ControlCharacters().apply(plain, background=None) is plain  # type: ignore[arg-type]
    assert len(LONG) == 100_000
