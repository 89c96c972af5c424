"""Themes in the running app: a broken file falls back with a warning, the palette's
choice is saved and comes back, another session's choice applies, cells take the new
theme's colours at once, and NO_COLOR leaves nothing but greys."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import SystemCommand
from textual.color import Color
from textual.widgets import DataTable

from tui.actions.settings import set_theme
from tui.app import CareerApp
from tui.domain.models import SCHEMA_VERSION
from tui.store import Store
from tui.theming import choose_theme
from tui.widgets.choice_dialog import ChoiceDialog
from tui.widgets.progress_plots import Colours

SIZE = (80, 24)
AppFactory = Callable[..., CareerApp]  # the `make_app` fixture of tests/ui/conftest.py


def user_themes(home: Path) -> Path:
    folder = home / "home" / ".config" / "careerdash" / "themes"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def warnings(app: CareerApp) -> list[str]:
    return [str(n.message) for n in app._notifications if n.severity == "warning"]


def theme_command(app: CareerApp) -> SystemCommand:
    (command,) = [c for c in app.get_system_commands(app.screen) if c.title == "Theme"]
    return command


async def test_a_broken_theme_file_warns_and_the_default_is_used(
        tmp_path: Path, demo_store: Store, make_app: AppFactory) -> None:
    broken = user_themes(tmp_path) / "ocean.toml"
    broken.write_text('name = "ocean"\nprimary = "#3a86c8"\n\n[variables]\n'
                      'block-cursor-background = "sea green-ish"\n')
    with demo_store.transaction() as tx:
        set_theme(tx, "ocean")  # the theme this person chose, before the file broke
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "careerdash"
        said = warnings(app)
        assert any(str(broken) in w and "variables.block-cursor-background" in w
                   and "'sea green-ish' is not a colour" in w for w in said), said
        assert any("no theme 'ocean'" in w and "careerdash" in w for w in said), said
    assert demo_store.document.settings.theme == "ocean"  # nothing was written


async def test_a_theme_file_with_bad_toml_names_the_line(
        tmp_path: Path, demo_store: Store, make_app: AppFactory) -> None:
    (user_themes(tmp_path) / "reef.toml").write_text('primary = "#fff"\ndark = maybe\n')
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "careerdash"
        assert any("reef.toml: not valid TOML" in w and "line 2" in w for w in warnings(app))


async def test_the_palette_choice_is_saved_and_the_next_run_starts_with_it(
        data_file: Path, demo_store: Store, make_app: AppFactory) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        command = theme_command(app)
        assert command.help == "Choose the colours; kept for every session"
        command.callback()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        options = dialog.query_one("#choice-options")
        assert options.highlighted == 0  # careerdash, the current one, first
        await pilot.press("down", "enter")  # careerdash-ansi
        await pilot.pause()
        assert demo_store.document.settings.theme == "careerdash-ansi"
        assert app.theme == "careerdash-ansi"
    again = make_app(Store.open(data_file, clock=demo_store.clock))
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "careerdash-ansi"
        choose_theme(again)
        await pilot.pause()
        dialog = again.screen
        assert isinstance(dialog, ChoiceDialog)
        assert dialog.query_one("#choice-options").highlighted == 1  # the current one
        await pilot.press("escape")  # nothing chosen: nothing changes
        await pilot.pause()
        assert again.store.document.settings.theme == "careerdash-ansi"


async def test_textuals_own_theme_command_is_replaced(app: CareerApp) -> None:
    async with app.run_test(size=SIZE):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles.count("Theme") == 1


async def test_undo_takes_a_theme_change_back(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        choose_theme(app)
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # careerdash-high-contrast
        await pilot.pause()
        assert app.theme == "careerdash-high-contrast"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.theme == "careerdash"
        assert app.store.document.settings.theme is None


async def test_another_sessions_choice_applies_here(
        data_file: Path, demo_store: Store, make_app: AppFactory) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        other = Store.open(data_file, clock=demo_store.clock)
        with other.transaction() as tx:
            set_theme(tx, "careerdash-light")
        app.poll_store()
        await pilot.pause()
        assert app.theme == "careerdash-light"


async def test_the_theme_asked_for_on_the_command_line_opens_and_is_kept(
        data_file: Path, demo_store: Store, make_app: AppFactory) -> None:
    app = make_app(demo_store, theme="careerdash-high-contrast")  # `careerdash --theme`
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "careerdash-high-contrast"
    assert Store.open(data_file).document.settings.theme == "careerdash-high-contrast"
    revision = demo_store.revision
    app = make_app(demo_store, theme="careerdash-high-contrast")  # already the theme
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert Store.open(data_file).revision == revision  # nothing was written


async def test_the_theme_asked_for_on_a_read_only_plan_is_shown_not_kept(
        data_file: Path, demo_store: Store, make_app: AppFactory) -> None:
    newer = data_file.read_text().replace(f'"schema_version": {SCHEMA_VERSION}',
                                          '"schema_version": 99')
    data_file.write_text(newer)
    store = Store.open(data_file, clock=demo_store.clock)
    assert store.read_only
    app = make_app(store, theme="careerdash-light")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "careerdash-light"
        assert not [n for n in app._notifications if n.severity == "error"]
    assert Store.open(data_file).document.settings.theme is None


async def test_cells_take_the_new_themes_colours_at_once(app: CareerApp) -> None:
    """Cells coloured in code (the red "3d late") follow the theme the moment it changes,
    at start too (they were drawn in Textual's default theme's colours)."""

    def overdue_colour() -> str | None:
        table = app.screen.query_one(DataTable)
        cell = table.get_cell_at((0, 3))  # "3d late"
        colour = cell.style.color
        return colour.triplet.hex if colour and colour.triplet else getattr(colour, "name", None)

    def error_colour() -> str:  # once the CSS has caught up
        return Color.parse(app.theme_variables["error"]).hex.lower()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "careerdash"
        first = overdue_colour()
        assert first == error_colour()
        with app.store.transaction() as tx:
            set_theme(tx, "careerdash-high-contrast")
        await pilot.pause()
        assert overdue_colour() == error_colour() != first
        with app.store.transaction() as tx:
            set_theme(tx, "careerdash-ansi")
        await pilot.pause()
        assert overdue_colour() == "color(1)"  # the terminal's own red


async def test_plots_take_the_terminals_colours_in_the_ansi_theme(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        with app.store.transaction() as tx:
            set_theme(tx, "careerdash-ansi")
        await pilot.pause()
        colours = Colours.of(app)
        # plotext draws 0-15 in the terminal's palette; "default" is its own text colour
        assert (colours.primary, colours.success, colours.error, colours.muted) == (
            4, 2, 1, "default")
        assert colours.heat[0] == ("■", "dim ansi_green")
        with app.store.transaction() as tx:
            set_theme(tx, "careerdash")
        await pilot.pause()
        assert Colours.of(app).primary == Color.parse("#4f9cd9").rgb


SCREENS = ["1", "2", "3", "4", "5", "6"]


@pytest.mark.parametrize("theme", ["careerdash", "careerdash-ansi"])
async def test_no_color_leaves_only_greys(monkeypatch: pytest.MonkeyPatch, demo_store: Store,
                                         make_app: AppFactory, theme: str) -> None:
    """Every screen in greys only, the text readable on its background (an ANSI theme
    chosen after start was black on black: Textual's NO_COLOR filter suits the theme it
    starts with)."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(demo_store, theme=theme)
    async with app.run_test(size=SIZE) as pilot:
        for key in [*SCREENS, "tab"]:  # every screen; on Progress, a second plot
            await pilot.press(key)
            await pilot.pause()
            svg = app.export_screenshot()
            assert [c for c in svg_colours(svg) if spread(c) > 3] == [], (key, theme)
            text, background = dominant_colours(svg)
            assert abs(grey(text) - grey(background)) >= 50, (key, theme, text, background)


def svg_colours(svg: str) -> set[str]:
    """The colours of the terminal's cells in an SVG screenshot (not the window's frame)."""
    text = re.findall(r"\.terminal-[\w-]+-r\d+ \{ fill: (#[0-9a-fA-F]{6})", svg)
    cells = re.findall(r'<rect fill="(#[0-9a-fA-F]{6})"[^>]*crispEdges', svg)
    return set(text) | set(cells)


def dominant_colours(svg: str) -> tuple[str, str]:
    """The colour most characters are drawn in, and the background behind most cells
    (cells on the terminal's default background have no rectangle: the frame shows)."""
    classes = dict(re.findall(r"\.(terminal-\d+-r\d+) \{ fill: (#[0-9a-fA-F]{6})", svg))
    text: Counter[str] = Counter()
    for name, chars in re.findall(r'<text class="(terminal-\d+-r\d+)"[^>]*>([^<]*)</text>', svg):
        text[classes[name]] += len(html.unescape(chars).split())
    back: Counter[str] = Counter()
    for fill, width in re.findall(r'<rect fill="(#[0-9a-fA-F]{6})" x="[\d.]+" y="[\d.]+" '
                                  r'width="([\d.]+)"[^>]*crispEdges', svg):
        back[fill] += float(width)
    lines = re.findall(r'-line-\d+">\s*<rect x="0" y="[\d.]+" width="([\d.]+)"', svg)
    frame = re.search(r'<rect fill="(#[0-9a-fA-F]{6})" stroke=', svg)
    assert frame is not None and lines
    back[frame[1]] += max(0.0, sum(map(float, lines)) - sum(back.values()))
    return text.most_common(1)[0][0], back.most_common(1)[0][0]


def spread(hex_colour: str) -> int:
    """How far from a grey: 0 for a grey (Rich draws the terminal's default text #c5c8c6)."""
    rgb = Color.parse(hex_colour).rgb
    return max(rgb) - min(rgb)


def grey(hex_colour: str) -> int:
    return sum(Color.parse(hex_colour).rgb) // 3
