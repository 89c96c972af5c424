"""The first-start tour: offered on an empty plan only, paged by keys, writing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app import CareerApp
from tui.screens.tour import QUESTION, TourScreen
from tui.store import Store
from tui.widgets.confirm_dialog import ConfirmDialog
from tui.widgets.hanging_text import HangingText

from .helpers import SIZE, widget_text
from .test_keymap import keymap_file

NO_POLL = 3600.0


@pytest.fixture
def fresh_app(empty_store: Store) -> CareerApp:
    """The app as `careerdash` starts it on a data file that does not exist yet."""
    return CareerApp(empty_store, poll_seconds=NO_POLL, tour=True)


def tour(app: CareerApp) -> TourScreen:
    assert isinstance(app.screen, TourScreen), f"{app.screen} is on top, not the tour"
    return app.screen


def page_text(app: CareerApp) -> str:
    return widget_text(tour(app).query_one(HangingText))


def title(app: CareerApp) -> str:
    return str(tour(app).query_one("#tour-box").border_title)


async def test_an_empty_plan_is_offered_the_tour(fresh_app: CareerApp) -> None:
    async with fresh_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(fresh_app.screen, ConfirmDialog)
        assert fresh_app.screen.question == QUESTION
        await pilot.press("y")
        assert title(fresh_app) == "Tour 1/8 · The method"
        assert "SMART goals" in page_text(fresh_app)


async def test_the_sample_plan_is_not_offered_the_tour(demo_store: Store) -> None:
    app = CareerApp(demo_store, poll_seconds=NO_POLL, tour=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog | TourScreen)


async def test_no_thanks_leaves_today(fresh_app: CareerApp) -> None:
    async with fresh_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert fresh_app.current_mode == "today"
        assert not isinstance(fresh_app.screen, ConfirmDialog | TourScreen)


async def test_pages_move_on_and_back_and_escape_closes(fresh_app: CareerApp) -> None:
    async with fresh_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y", "enter")
        assert title(fresh_app) == "Tour 2/8 · Today · key 1"
        assert "space  check a step off" in page_text(fresh_app)
        await pilot.press("space", "right", "l")
        assert title(fresh_app) == "Tour 5/8 · Board · key 4"
        await pilot.press("left", "h")
        assert title(fresh_app) == "Tour 3/8 · Values · key 2"
        await pilot.press("left", "left", "left")  # the first page is as far back as it goes
        assert title(fresh_app) == "Tour 1/8 · The method"
        await pilot.press("escape")
        assert not isinstance(fresh_app.screen, TourScreen)
        assert fresh_app.current_mode == "today"


async def test_the_last_page_says_where_to_start_and_next_closes(
        fresh_app: CareerApp) -> None:
    async with fresh_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y", *["enter"] * 7)
        assert title(fresh_app) == "Tour 8/8 · Where to start"
        assert "press 2 to write down your values" in " ".join(page_text(fresh_app).split())
        hint = str(tour(fresh_app).query_one("#tour-hint").render())
        assert "close the tour" in hint
        await pilot.press("enter")
        assert not isinstance(fresh_app.screen, TourScreen)


async def test_the_tour_writes_nothing(fresh_app: CareerApp, data_file: Path) -> None:
    async with fresh_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y", *["enter"] * 8)
        await pilot.press("question_mark", "escape")
        assert not isinstance(fresh_app.screen, TourScreen)
    assert not data_file.exists() and not data_file.parent.exists()


async def test_the_tour_shows_the_keys_of_the_keymap(fresh_app: CareerApp) -> None:
    keymap_file('[keys]\n"today-add" = "n"\n"mode-today" = "t"\n')
    async with fresh_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y", "enter")
        assert title(fresh_app) == "Tour 2/8 · Today · key t"
        assert "n  add a step" in page_text(fresh_app)


async def test_the_palette_offers_the_tour_on_any_plan(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        [command] = [c for c in app.get_system_commands(app.screen) if c.title == "Tour"]
        command.callback()
        await pilot.pause()
        assert title(app) == "Tour 1/8 · The method"
