"""Every Binding careerdash defines has an id (so a keymap can move it), the ids are unique,
the keymap knows them all, and no action needs a function key or alt."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator

from textual.binding import Binding
from textual.dom import DOMNode

import tui.screens
import tui.widgets
from tui.app import CareerApp
from tui.key_places import places
from tui.keymap import known_ids

# Textual's own text-editing extras, reachable only by F-keys or alt; careerdash needs none.
TEXTUALS_OWN_EXTRAS = {"select_line", "select_all", "delete_word_right"}


def our_classes() -> Iterator[type[DOMNode]]:
    """CareerApp and every screen and widget class defined in tui.screens and tui.widgets."""
    yield CareerApp
    for package in (tui.screens, tui.widgets):
        for info in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
            module = importlib.import_module(info.name)
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, DOMNode) and cls.__module__ == module.__name__:
                    yield cls


def own_bindings() -> Iterator[tuple[type[DOMNode], object]]:
    """Each entry of each class's own BINDINGS (not inherited ones)."""
    for cls in our_classes():
        for entry in cls.__dict__.get("BINDINGS", []):
            yield cls, entry


def test_the_walk_finds_the_screens_and_widgets() -> None:
    names = {cls.__name__ for cls, _ in own_bindings()}
    assert {"CareerApp", "TodayScreen", "BoardScreen", "FormScreen", "StepTable", "GoalTree",
            "ConfirmDialog", "HelpScreen", "TourScreen"} <= names


def test_every_binding_has_an_id_and_a_description() -> None:
    missing = [f"{cls.__name__}: {entry!r}" for cls, entry in own_bindings()
               if not isinstance(entry, Binding) or not entry.id or not entry.description]
    assert missing == []


def test_binding_ids_are_unique() -> None:
    owners: dict[str, list[str]] = {}
    for cls, entry in own_bindings():
        assert isinstance(entry, Binding) and entry.id
        owners.setdefault(entry.id, []).append(cls.__name__)
    assert {i: o for i, o in owners.items() if len(o) > 1} == {}
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in owners), "kebab-case ids"


def test_the_keymap_knows_every_id() -> None:
    ours = {entry.id for _, entry in own_bindings() if isinstance(entry, Binding)}
    assert set(known_ids(places(CareerApp))) == ours


def _needs_f_or_alt(key: str) -> bool:
    return "alt+" in key or re.search(r"(^|\+)f\d+$", key) is not None


def test_no_action_needs_a_function_key_or_alt() -> None:
    """tmux and screen swallow F-keys and alt; every action must have another key."""
    ours = [f"{cls.__name__}: {entry.key}" for cls, entry in own_bindings()
            if isinstance(entry, Binding) and any(map(_needs_f_or_alt, entry.key.split(",")))]
    assert ours == []
    only = {b.action for place in places(CareerApp) for node in place.nodes()
            for b in node.bindings if all(map(_needs_f_or_alt, b.keys))}
    assert only <= TEXTUALS_OWN_EXTRAS
