"""`?`: the keys of the current screen, grouped, read from its bindings and the keymap."""

from __future__ import annotations

from textual.containers import VerticalScroll

from tui.app import CareerApp
from tui.screens.help import HelpScreen, HelpSection
from tui.widgets.hanging_text import HangingText

from .helpers import SIZE, widget_text
from .test_keymap import keymap_file


def help_screen(app: CareerApp) -> HelpScreen:
    assert isinstance(app.screen, HelpScreen), f"{app.screen} is on top, not the help"
    return app.screen


def section(app: CareerApp, title: str) -> HelpSection:
    return next(s for s in help_screen(app).sections if s.title.startswith(title))


def keys_of(app: CareerApp, title: str) -> dict[str, str]:
    """Description → its keys as shown, in the section whose title starts with `title`."""
    return {row.description: " ".join(row.keys) for row in section(app, title).rows}


def shown(app: CareerApp) -> str:
    return widget_text(help_screen(app).query_one(HangingText))


async def test_help_on_today_groups_the_keys_and_names_the_palette(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        screen = help_screen(app)
        assert screen.query_one("#help-box").border_title == "Keys on Today"
        assert [s.title for s in screen.sections] == [
            "This screen", "Here (Due today and overdue)", "Everywhere"]
        assert keys_of(app, "This screen")["Add step"] == "a"
        here = keys_of(app, "Here")
        assert (here["Done"], here["Edit"], here["Delete"], here["Down"]) == \
            ("space", "e", "x del", "j ↓")
        everywhere = keys_of(app, "Everywhere")
        assert (everywhere["Today"], everywhere["Review"], everywhere["Undo"],
                everywhere["Quit"]) == ("1", "6", "^z", "q ^q")
        text = shown(app)
        assert text.startswith("Steps overdue or due today, most urgent first.")
        assert "^p: the command palette, every action by name" in text
        assert text.index("This screen") < text.index("Here") < text.index("Everywhere")


async def test_help_on_the_board_shows_its_keys(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "question_mark")
        assert help_screen(app).query_one("#help-box").border_title == "Keys on Board"
        board = keys_of(app, "This screen")
        assert (board["Filter"], board["Add"], board["Old done"]) == ("/", "a", "o")
        rows = [(r.description, " ".join(r.keys)) for r in section(app, "This screen").rows]
        assert {("Move", "shift+← <"), ("Move", "shift+→ >")} <= set(rows)
        assert [s.title for s in help_screen(app).sections] == ["This screen", "Everywhere"]
        assert shown(app).startswith("The action plan as a kanban.")


async def test_help_on_review_shows_its_keys(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "question_mark")
        review = keys_of(app, "This screen")
        assert (review["Review"], review["Feedback"], review["Win"], review["Review day"]) == \
            ("r", "f", "w", "d")
        assert keys_of(app, "Here")["Down"] == "j ↓"  # the section list has the focus
        assert shown(app).startswith("Pick a section on the left.")


async def test_help_shows_the_keys_the_keymap_gives(app: CareerApp) -> None:
    keymap_file('[keys]\n"today-add" = "n"\n"mode-board" = "ctrl+b,4"\n')
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert keys_of(app, "This screen")["Add step"] == "n"
        assert keys_of(app, "Everywhere")["Board"] == "^b 4"
        assert "  n  Add step" in shown(app) and "  a  Add step" not in shown(app)


async def test_help_closes_with_escape_question_mark_or_q(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        for closing in ("escape", "question_mark", "q"):
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press(closing)
            assert not isinstance(app.screen, HelpScreen), closing
        assert app.is_running and app.current_mode == "today"


async def test_help_scrolls_when_it_is_longer_than_the_window(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        scroll = help_screen(app).query_one(VerticalScroll)
        assert scroll.max_scroll_y > 0 and scroll.scroll_y == 0
        await pilot.press("j", "j")
        assert scroll.scroll_y == 2
        await pilot.press("pagedown")
        assert scroll.scroll_y > 2


async def test_the_palettes_keys_command_opens_the_same_help(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.action_show_help_panel()
        await pilot.pause()
        assert help_screen(app).name_of_screen == "Today"
