"""The keymap file, applied by the running app: rebound keys work, bad entries are named."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from tui.app import CareerApp
from tui.key_places import MODE_WIDGETS
from tui.screens.step_form import StepForm
from tui.widgets.step_table import StepTable

from .helpers import SIZE, today_screen


def keymap_file(text: str) -> Path:
    """Write the keymap where the app reads it (tests/conftest.py points config at tmp)."""
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "careerdash" / "keymap.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def warnings(app: CareerApp) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "warning"]


def footer_keys(app: CareerApp) -> dict[str, str]:
    """Footer description → the key it shows."""
    return {k.description: k.key_display for k in today_screen(app).query(FooterKey)}


async def test_a_rebound_key_works_and_the_old_one_no_longer_does(app: CareerApp) -> None:
    keymap_file('[keys]\n"today-add" = "n"\n')
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert warnings(app) == []
        assert footer_keys(app)["Add step"] == "n"

        await pilot.press("a")
        assert not isinstance(app.screen, StepForm)
        await pilot.press("n")
        assert isinstance(app.screen, StepForm)


async def test_several_keys_for_one_action(app: CareerApp) -> None:
    keymap_file('[keys]\n"mode-board" = "ctrl+b,4"\n"mode-today" = ["ctrl+t", "1"]\n')
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+b")
        assert app.current_mode == "board"
        await pilot.press("ctrl+t")
        assert app.current_mode == "today"
        await pilot.press("4")
        assert app.current_mode == "board"


async def test_each_bad_entry_is_named_with_the_file_and_the_rest_applies(
        app: CareerApp) -> None:
    path = keymap_file('[keys]\n"today-ad" = "m"\n"step-edit" = "esc"\n"step-delete" = "1"\n'
                       '"today-add" = "n"\n')
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        unknown, bad_key, clash = warnings(app)
        assert unknown == (f'{path}: line 2: "today-ad" is not a binding id '
                           '(did you mean "today-add"?)')
        assert bad_key == (f'{path}: line 3: "step-edit": "esc" is not a key '
                           '(did you mean "escape"?)')
        assert clash.startswith(f'{path}: line 4: "step-delete" = "1" clashes with "mode-today"')

        await pilot.press("1")  # still Today's key: the clashing entry was skipped
        assert app.current_mode == "today"
        await pilot.press("n")
        assert isinstance(app.screen, StepForm)


async def test_bad_toml_is_named_with_its_line(app: CareerApp) -> None:
    path = keymap_file('[keys]\n"today-add" = n\n')
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        [problem] = warnings(app)
        assert problem.startswith(f"{path}: not valid TOML") and "line 2" in problem
        await pilot.press("a")  # the defaults stay
        assert isinstance(app.screen, StepForm)


async def test_a_clash_textual_finds_while_keys_are_pressed_is_reported_once(
        app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        # Round the file's checks, which would skip it: enter is the table's own "Select".
        # (Textual reports only clashes with bindings that have no id; the checks at start
        # find the others.)
        app.user_keymap.keymap.keys = {"step-edit": "enter"}
        app.set_keymap(app.user_keymap.keymap.keys)
        await pilot.press("j", "j", "k")
        await pilot.pause()
        clashes = [n for n in app._notifications if n.title == "Keymap clash"]
        assert len(clashes) == 1
        assert "Textual's “Select” on enter" in clashes[0].message
        assert str(app.user_keymap.path) in clashes[0].message


async def test_the_same_action_on_a_second_key_is_no_clash(app: CareerApp) -> None:
    keymap_file('[keys]\n"step-down" = "down,n"\n')  # down is also the table's own
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "down", "j")
        await pilot.pause()
        assert warnings(app) == []
        assert today_screen(app).query_one(StepTable).cursor_row == 2


@pytest.mark.parametrize("mode", list(CareerApp.MODES))
async def test_the_keymap_checks_know_the_widgets_of_each_screen(app: CareerApp,
                                                                 mode: str) -> None:
    """key_catalog.MODE_WIDGETS lists every focusable widget with keys on each screen."""
    async with app.run_test(size=SIZE) as pilot:
        await app.switch_mode(mode)
        await pilot.pause()
        keyed = {type(w) for w in app.screen.query("*")
                 if w.focusable and w._merged_bindings and list(w._merged_bindings)}
        assert keyed <= set(MODE_WIDGETS[type(app.screen)])
