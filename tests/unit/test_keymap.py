"""The keymap file: key strings, entries, TOML errors and clashes, on hand-made places."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.keymap import (
    BadKey,
    BoundKey,
    Keymap,
    Node,
    Place,
    check_keymap,
    find_conflicts,
    keymap_path,
    load_keymap,
    normalize_key,
    normalize_keys,
    shown_key,
)

PATH = Path("/home/me/.config/careerdash/keymap.toml")
APP = Node("everywhere", (
    BoundKey("mode-today", ("1",), "Today", "switch_mode('today')"),
    BoundKey("help", ("question_mark",), "Help", "help"),
))
TODAY = Node("Today", (
    BoundKey("today-add", ("a",), "Add step", "add"),
    BoundKey(None, ("tab",), "Focus Next", "app.focus_next"),
))
TABLE = Node("Step table", (
    BoundKey("step-toggle", ("space",), "Done", "toggle"),
    BoundKey("step-edit", ("e",), "Edit", "edit"),
    BoundKey("step-down", ("j",), "Down", "cursor_down"),
    BoundKey(None, ("down",), "Cursor down", "cursor_down"),
))
GOALS = Node("Goals", (BoundKey("goals-new-step", ("n",), "New step", "new_step"),
                       BoundKey("goals-edit", ("e",), "Edit", "edit_goal")))
PLACES = [Place("Today", TODAY, (TABLE,), APP), Place("Goals", GOALS, (), APP)]


def checked(text: str) -> Keymap:
    return check_keymap(text, PATH, PLACES)


# --- key strings ------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "long"), [
    ("n", "n"), ("?", "question_mark"), ("ctrl+b", "ctrl+b"), ("shift+a", "A"), ("N", "N"),
    ("Enter", "enter"), ("ctrl+?", "ctrl+question_mark"), ("F5", "f5"), ("+", "plus"),
    ("space", "space"), (" pagedown ", "pagedown"), ("Ctrl+Shift+Up", "ctrl+shift+up"),
    ("plus_sign", "plus"), ("slash", "slash"), ("/", "slash"),
])
def test_a_key_is_put_in_textuals_long_form(typed: str, long: str) -> None:
    assert normalize_key(typed) == long


@pytest.mark.parametrize(("typed", "says"), [
    ("", "empty"), ("ctrl-b", "ctrl+b, not ctrl-b"), ("esc", 'did you mean "escape"'),
    ("cmd+a", '"cmd" in "cmd+a" is not a modifier'), ("ctrl+ctrl+a", "repeats"),
    ("PgDn", 'did you mean "pagedown"'), ("ctrl+", "no key after its modifier"),
])
def test_a_key_textual_would_never_match_is_refused(typed: str, says: str) -> None:
    with pytest.raises(BadKey) as error:
        normalize_key(typed)
    assert says in str(error.value)


def test_several_keys_and_lists_of_keys() -> None:
    assert normalize_keys("ctrl+b, 4") == "ctrl+b,4"
    assert normalize_keys(["n", "?"]) == "n,question_mark"
    for bad in (3, "", ["n", 4], {"key": "n"}):
        with pytest.raises(BadKey):
            normalize_keys(bad)


def test_a_long_form_key_is_shown_as_typed() -> None:
    assert [shown_key(k) for k in ("question_mark", "slash", "space", "ctrl+question_mark",
                                   "left_square_bracket", "delete", "A")] == \
        ["?", "/", "space", "ctrl+?", "[", "delete", "A"]


# --- entries --------------------------------------------------------------------------------


def test_good_entries_apply_in_long_form() -> None:
    result = checked('[keys]\n"today-add" = "n"\n"mode-today" = "ctrl+t,1"\nhelp = "?"\n')
    assert result.problems == []
    assert result.keys == {"today-add": "n", "mode-today": "ctrl+t,1", "help": "question_mark"}


def test_bad_toml_names_the_file_and_line_and_applies_nothing() -> None:
    result = checked('[keys]\n"today-add" = "n"\n"step-edit" = n\n')
    assert result.keys == {}
    [problem] = result.problems
    assert problem.startswith(f"{PATH}: not valid TOML") and "line 3" in problem


def test_an_unknown_id_is_skipped_with_the_nearest_id_and_the_rest_applies() -> None:
    result = checked('[keys]\n"today-ad" = "n"\n"step-edit" = "E"\n')
    assert result.keys == {"step-edit": "E"}
    [problem] = result.problems
    assert problem == f'{PATH}: line 2: "today-ad" is not a binding id (did you mean "today-add"?)'


def test_an_id_like_nothing_known_points_to_the_listing() -> None:
    [problem] = checked('[keys]\nzzz = "n"\n').problems
    assert '"zzz" is not a binding id; `careerdash keys` lists them' in problem


def test_a_bad_key_is_skipped_with_the_reason_and_the_rest_applies() -> None:
    result = checked('[keys]\n"today-add" = "n"\n\n"step-edit" = "ctrl-e"\n')
    assert result.keys == {"today-add": "n"}
    [problem] = result.problems
    assert problem.startswith(f'{PATH}: line 4: "step-edit": "ctrl-e" is not a key')


def test_entries_outside_the_keys_table_are_reported() -> None:
    result = checked('"today-add" = "n"\n[colours]\nx = 1\n[keys]\nhelp = "h"\n')
    assert result.keys == {"help": "h"}
    assert result.problems == [f'{PATH}: line 1: "today-add" is outside the [keys] table',
                               f'{PATH}: line 2: "colours" is not [keys]']


def test_keys_that_is_not_a_table_is_reported() -> None:
    result = checked('keys = "n"\n')
    assert result.keys == {} and "keys must be a table" in result.problems[0]


# --- clashes --------------------------------------------------------------------------------


def test_a_screen_key_that_takes_a_global_key_is_skipped_naming_both() -> None:
    result = checked('[keys]\n"today-add" = "1"\n"step-edit" = "E"\n')
    assert result.keys == {"step-edit": "E"}
    [problem] = result.problems
    assert problem == (f'{PATH}: line 2: "today-add" = "1" clashes with "mode-today" on 1 '
                       "(Today); it keeps a")


def test_a_widget_key_that_takes_its_screens_key_is_skipped() -> None:
    result = checked('[keys]\n"step-toggle" = "a"\n')
    assert result.keys == {}
    assert '"step-toggle" = "a" clashes with "today-add" on a (Today)' in result.problems[0]


def test_a_global_key_moved_onto_a_screen_key_is_skipped() -> None:
    result = checked('[keys]\n"mode-today" = "n"\n')
    assert result.keys == {}
    assert '"mode-today" = "n" clashes with "goals-new-step" on n (Goals)' in result.problems[0]


def test_of_two_entries_on_one_key_the_later_is_skipped() -> None:
    result = checked('[keys]\n"today-add" = "z"\n"step-toggle" = "z"\n')
    assert result.keys == {"today-add": "z"}
    assert result.problems[0].startswith(f'{PATH}: line 3: "step-toggle" = "z" clashes with '
                                         '"today-add"')


def test_a_key_textual_binds_counts_as_a_clash() -> None:
    [problem] = checked('[keys]\n"today-add" = "tab"\n').problems
    assert "clashes with Textual's “Focus Next” on tab" in problem


@pytest.mark.parametrize("text", [
    '[keys]\n"today-add" = "n"\n',  # n is taken on Goals only, another place
    '[keys]\n"today-add" = "space"\n"step-toggle" = "a"\n',  # a swap
    '[keys]\n"step-down" = "down"\n',  # the same action as the table's own down
    '[keys]\n"step-edit" = "E"\n"goals-edit" = "E"\n',  # two places
])
def test_what_does_not_clash_applies(text: str) -> None:
    result = checked(text)
    assert result.problems == [] and result.keys


def test_overlaps_the_defaults_already_have_are_not_reported() -> None:
    overlapping = Place("Values", Node("Values", (BoundKey("values-edit", ("e",), "Edit",
                                                           "edit_section"),)), (TABLE,), APP)
    assert find_conflicts([overlapping], {}) == []
    assert len(find_conflicts([overlapping], {"step-toggle": "e"})) == 2


# --- the file -------------------------------------------------------------------------------


def test_the_file_lives_under_xdg_config_home(tmp_path: Path) -> None:
    assert keymap_path({"XDG_CONFIG_HOME": str(tmp_path)}) == \
        tmp_path / "careerdash" / "keymap.toml"
    assert keymap_path({}) == Path.home() / ".config" / "careerdash" / "keymap.toml"


def test_no_file_means_no_keymap_and_no_problem(tmp_path: Path) -> None:
    result = load_keymap(tmp_path / "keymap.toml", lambda: PLACES)
    assert (result.keys, result.problems) == ({}, [])


def test_a_file_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    path.write_bytes(b"\xff\xfe[keys]")
    [problem] = load_keymap(path, lambda: PLACES).problems
    assert problem.startswith(f"{path}: cannot be read")
