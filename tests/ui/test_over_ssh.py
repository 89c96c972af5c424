"""Over SSH: small windows and rapid resizes get a clear request instead of a squeezed
layout, and text cursors keep still."""

from __future__ import annotations

import random

import pytest

from textual.widgets import Input, Static

from tui.app import CareerApp
from tui.screens.board import BoardScreen
from tui.screens.today import TodayScreen
from tui.screens.too_small import MIN_SIZE, TooSmallScreen
from tui.settings import cursor_blinks
from tui.widgets.step_table import StepTable

from .helpers import SIZE


def message(app: CareerApp) -> str:
    return str(app.screen.query_one("#too-small-message", Static).render())


async def test_below_the_minimum_the_window_asks_to_be_made_bigger(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.resize_terminal(60, 15)
        assert isinstance(app.screen, TooSmallScreen)
        assert message(app).startswith(
            f"Make the window at least {MIN_SIZE.width}×{MIN_SIZE.height}")
        assert "It is 60×15 now." in message(app)
        await pilot.press("4")  # no screen switch drawn squeezed underneath
        await pilot.pause()
        await pilot.resize_terminal(*SIZE)
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)


async def test_starting_in_a_tiny_window_shows_the_request(app: CareerApp) -> None:
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert "It is 40×10 now." in message(app)


async def test_rapid_resizes_end_in_a_whole_layout(app: CareerApp) -> None:
    sizes = random.Random(3).choices(range(30, 200), k=40)
    async with app.run_test(size=SIZE) as pilot:
        for width, height in zip(sizes, reversed(sizes), strict=True):
            await pilot.resize_terminal(width, height // 3)
        await pilot.resize_terminal(120, 40)
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        table = screen.query_one(StepTable)
        assert table.row_count == 9 and table.size.width > 100
        assert not any(isinstance(s, TooSmallScreen) for s in app.screen_stack)


@pytest.mark.parametrize(("env", "blinks"), [
    ({}, True),
    ({"SSH_CONNECTION": "10.0.0.2 52000 10.0.0.1 22"}, False),
    ({"TMUX": "/tmp/tmux-0/default,1,0"}, False),
    ({"STY": "1234.pts-0.host"}, False),
    ({"SSH_TTY": "/dev/pts/3", "CAREERDASH_BLINK": "1"}, True),
    ({"CAREERDASH_BLINK": "0"}, False),
])
def test_cursors_blink_only_on_a_local_terminal(env: dict[str, str], blinks: bool) -> None:
    assert cursor_blinks(env) is blinks


async def test_over_ssh_a_focused_field_does_not_blink(app: CareerApp) -> None:
    app.cursor_blinks = False  # as cursor_blinks() says over SSH
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")  # the step form, its title field focused
        await pilot.pause()
        field = app.focused
        assert isinstance(field, Input) and field.cursor_blink is False
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.cursor_blink is False


async def test_on_a_local_terminal_the_cursor_blinks(app: CareerApp) -> None:
    app.cursor_blinks = True
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.cursor_blink is True
