"""The glance at the data file's head that picks the opening frame's theme: right for
every file the store writes, and no hint (never an error, never a hang) otherwise."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.actions.settings import set_theme
from tui.domain.models import Vision
from tui.store import Store
from tui.store.peek import HEAD_BYTES, theme_hint
from tui.themes import NAME, NAME_LENGTH

names = st.from_regex(NAME, fullmatch=True).filter(lambda name: len(name) <= NAME_LENGTH)


def save(store: Store, theme: str | None, vision: str | None = None) -> None:
    with store.transaction() as tx:
        set_theme(tx, theme)
        if vision is not None:
            tx.set(Vision(statement=vision))


@settings(max_examples=40, deadline=None)
@given(theme=names, vision=st.text(max_size=200) | st.just("ü" * 100_000))
def test_the_theme_of_any_file_the_store_writes_is_found(theme: str, vision: str) -> None:
    """Whatever the person wrote (a vision of 100,000 characters included), the settings
    come within the head the frame reads."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "careerdash.json")
        save(store, theme, vision)
        assert theme_hint(store.path) == theme


def test_no_theme_chosen_is_no_hint(data_file: Path) -> None:
    save(Store(data_file), None)
    assert theme_hint(data_file) is None


def test_a_file_written_before_settings_came_first_is_reordered_by_its_next_change(
        data_file: Path) -> None:
    save(Store(data_file), "careerdash-light")
    tables = orjson.loads(data_file.read_bytes())
    tables["vision"]["1"]["statement"] = "x" * HEAD_BYTES
    old_order = {"vision": tables.pop("vision"), **tables}
    data_file.write_bytes(orjson.dumps(old_order, option=orjson.OPT_INDENT_2))
    assert theme_hint(data_file) is None  # past the head: no hint, and no harm
    save(Store.open(data_file), "careerdash-ansi")  # any change rewrites it
    assert theme_hint(data_file) == "careerdash-ansi"


def test_what_is_not_a_plain_file_of_ours_gives_no_hint(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)  # opening it to read would wait for a writer: it must not
    hand_edited = tmp_path / "odd.json"
    hand_edited.write_text('{"settings": {"1": {"theme": {"name": "nord"}}}}')
    elsewhere = tmp_path / "elsewhere.json"  # a "theme" outside the settings record
    elsewhere.write_text('{"settings": {"1": {"theme": null}}, "goals": {"1": {"theme": "nord"}}}')
    for path in (tmp_path / "missing.json", tmp_path, fifo, hand_edited, elsewhere):
        assert theme_hint(path) is None, path


def test_a_hand_edited_file_in_the_stores_shape_is_read(tmp_path: Path) -> None:
    path = tmp_path / "careerdash.json"
    path.write_text('{"meta":{"1":{}},"settings":{"1":{"review_day":2,"theme":"nord"}}}')
    assert theme_hint(path) == "nord"
