"""`careerdash keys`: every binding id, its keys and what it does, per screen."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

Cli = Callable[..., tuple[int, str, str]]  # the `cli` fixture of tests/conftest.py


def keymap_path() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "careerdash" / "keymap.toml"


def row(out: str, binding_id: str) -> list[str]:
    """The listing's row for `binding_id`: id, keys, description (columns split on 2+ spaces)."""
    [line] = [line for line in out.splitlines() if line.split()[:1] == [binding_id]]
    return re.split(r"\s{2,}", line.strip())


def test_keys_lists_each_screens_ids_keys_and_descriptions(cli: Cli) -> None:
    code, out, err = cli("keys")
    assert (code, err) == (0, "")
    assert f"Rebind keys in {keymap_path()}" in out
    headings = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert headings[1:8] == ["Everywhere", "Today", "Today: step table", "Values",
                             "Values: section list", "Values: entry table", "Goals"]
    assert {"Board", "Progress", "Review", "Forms", "Help", "Tour"} <= set(headings)
    assert row(out, "today-add") == ["today-add", "a", "Add step"]
    assert row(out, "mode-board") == ["mode-board", "4", "Board"]
    assert row(out, "help") == ["help", "?", "Help"]
    assert row(out, "board-filter") == ["board-filter", "/", "Filter"]
    assert row(out, "step-delete") == ["step-delete", "x,delete", "Delete"]


def test_keys_shows_the_keymap_and_warns_about_its_problems(cli: Cli) -> None:
    path = keymap_path()
    path.parent.mkdir(parents=True)
    path.write_text('[keys]\n"today-add" = "n"\n"mode-board" = "ctrl+b,4"\nzzz = "q"\n')
    code, out, err = cli("keys")
    assert code == 0
    assert row(out, "today-add") == ["today-add", "n", "Add step (default a)"]
    assert row(out, "mode-board") == ["mode-board", "ctrl+b,4", "Board (default 4)"]
    assert err == (f'careerdash: warning: {path}: line 4: "zzz" is not a binding id; '
                   "`careerdash keys` lists them\n")
