"""The user's keymap file: read, checked against the app's bindings, and the clashes it makes.

`$XDG_CONFIG_HOME/careerdash/keymap.toml` holds a `[keys]` table of binding id → keys in
Textual's syntax (`"today-add" = "n"`, `"mode-board" = "ctrl+b,4"`). Everything here works
on plain data (`Place`s of `BoundKey`s), so it is tested without an app.
"""

from __future__ import annotations

import difflib
import os
import re
import string
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from textual.keys import (
    KEY_NAME_REPLACEMENTS,
    KEY_TO_UNICODE_NAME,
    REPLACED_KEYS,
    Keys,
    _character_to_key,
    key_to_character,
)

KEYMAP_FILE = "keymap.toml"
MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")


def _named_keys() -> frozenset[str]:
    """Key names longer than one character that Textual's key events can carry: escape,
    pagedown, f5, and the names of punctuation (question_mark, comma, space …)."""
    special = {key.value.rpartition("+")[2] for key in Keys
               if not key.value.startswith("<") and "-" not in key.value}
    characters = {_character_to_key(c) for c in string.printable if c == " " or not c.isspace()}
    return frozenset(name for name in special | characters | set(KEY_TO_UNICODE_NAME)
                     if len(name) > 1)


_NAMED_KEYS = _named_keys()


def keymap_path(env: Mapping[str, str] = os.environ) -> Path:
    """`$XDG_CONFIG_HOME/careerdash/keymap.toml` (`~/.config/careerdash/keymap.toml`)."""
    config = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config).expanduser() / "careerdash" / KEYMAP_FILE


class BadKey(ValueError):
    """A key string Textual would never match."""


def normalize_key(text: str) -> str:
    """One key in Textual's long form (`?` → `question_mark`, `shift+a` → `A`), or BadKey."""
    key = text.strip()
    if not key:
        raise BadKey("an empty key")
    if len(key) == 1:
        if not key.isprintable():
            raise BadKey(f'"{key}" is not a key')
        return _character_to_key(key)
    *modifiers, base = key.split("+")
    modifiers = [m.lower() for m in modifiers]
    for modifier in modifiers:
        if modifier not in MODIFIERS:
            raise BadKey(f'"{modifier}" in "{key}" is not a modifier ({", ".join(MODIFIERS)})')
    if not base:
        raise BadKey(f'"{key}" has no key after its modifier (the + key is "plus")')
    if len(set(modifiers)) != len(modifiers):
        raise BadKey(f'"{key}" repeats a modifier')
    if len(base) == 1:
        if modifiers == ["shift"] and base.isalpha():
            return base.upper()  # terminals send shift+a as "A"
        return "+".join([*modifiers, _character_to_key(base)])
    if base.lower() not in _NAMED_KEYS:
        raise BadKey(_unknown_key(key, base))
    named = base.lower()
    return "+".join([*modifiers, KEY_NAME_REPLACEMENTS.get(named, named)])


def _unknown_key(key: str, base: str) -> str:
    if "-" in base and base.split("-")[0].lower() in MODIFIERS:
        return f'"{key}" is not a key: join a modifier with + (ctrl+b, not ctrl-b)'
    near = difflib.get_close_matches(base.lower(), sorted(_NAMED_KEYS), n=1, cutoff=0.6)
    hint = f' (did you mean "{near[0]}"?)' if near else ""
    return f'"{key}" is not a key{hint}'


def normalize_keys(value: object) -> str:
    """A keymap value (a string of keys separated by commas, or a list of keys) in long form."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        value = ",".join(value)
    if not isinstance(value, str):
        raise BadKey(f'{value!r} is not a key string (write "n" or "ctrl+b,4")')
    if not value.strip():
        raise BadKey("no key given")
    return ",".join(normalize_key(part) for part in value.split(","))


def shown_key(key: str) -> str:
    """A long-form key as a person would write it in the file (`question_mark` → `?`)."""
    *modifiers, base = key.split("+")
    char = key_to_character(REPLACED_KEYS.get(base, base)) if base != "space" else None
    return "+".join([*modifiers, char if char and char.isprintable() else base])


# --- the bindings the keymap applies to ------------------------------------------------------


@dataclass(frozen=True)
class BoundKey:
    """One binding: its id (None for Textual's own), default keys, description, action,
    and how the footer shows its default keys (empty: from the keys)."""

    id: str | None
    keys: tuple[str, ...]
    description: str
    action: str
    display: str = ""

    @property
    def label(self) -> str:
        """How a message names it: its id, or what Textual's own binding does."""
        return f'"{self.id}"' if self.id else f"Textual's “{self.description or self.action}”"

    def effective(self, keymap: Mapping[str, str]) -> tuple[str, ...]:
        """The keys it answers to once `keymap` is applied."""
        if self.id is not None and self.id in keymap:
            return tuple(keymap[self.id].split(","))
        return self.keys


@dataclass(frozen=True)
class Node:
    """The bindings of the app, one screen or one widget."""

    name: str
    bindings: tuple[BoundKey, ...]


@dataclass(frozen=True)
class Place:
    """Where keys answer together: a screen, the widgets on it, and the app's keys that reach
    it (only the priority ones under a modal)."""

    name: str
    screen: Node
    widgets: tuple[Node, ...] = ()
    app: Node | None = None

    def competing(self) -> Iterator[tuple[Node, Node]]:
        """Pairs of nodes whose keys shadow each other (a node with itself included)."""
        tops = [self.screen] + ([self.app] if self.app else [])
        yield from ((node, node) for node in (*tops, *self.widgets))
        if self.app:
            yield self.screen, self.app
        for widget in self.widgets:
            yield from ((widget, top) for top in tops)

    def nodes(self) -> Iterator[Node]:
        """The screen, its widgets, then the app."""
        yield self.screen
        yield from self.widgets
        if self.app:
            yield self.app


def known_ids(places: Iterable[Place]) -> list[str]:
    """Every binding id in `places`, each once, in order."""
    ids = (b.id for place in places for node in place.nodes() for b in node.bindings)
    return list(dict.fromkeys(i for i in ids if i))


@dataclass(frozen=True)
class Conflict:
    """Two bindings of one place that would answer to the same key."""

    key: str
    first: BoundKey
    second: BoundKey
    place: str


def find_conflicts(places: Iterable[Place], keymap: Mapping[str, str]) -> list[Conflict]:
    """Keys the keymap gives to two actions of one place; a clash the defaults already had
    (or the same action bound at two levels) is by design and not reported."""
    found: dict[tuple[frozenset[str], str], Conflict] = {}
    for place in places:
        for one, other in place.competing():
            for a, b in _pairs(one, other):
                rebound = set(_keymap_keys(a, keymap)) | set(_keymap_keys(b, keymap))
                shared = set(a.effective(keymap)) & set(b.effective(keymap)) & rebound
                for key in sorted(shared):
                    found.setdefault((frozenset((a.label, b.label)), key),
                                     Conflict(key, a, b, place.name))
    return list(found.values())


def _pairs(one: Node, other: Node) -> Iterator[tuple[BoundKey, BoundKey]]:
    for i, a in enumerate(one.bindings):
        for b in other.bindings[i + 1:] if one is other else other.bindings:
            if a.action != b.action and (a.id is None or a.id != b.id):
                yield a, b


def _keymap_keys(binding: BoundKey, keymap: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(keymap[binding.id].split(",")) if binding.id in keymap else ()


# --- reading the file -------------------------------------------------------------------------


@dataclass
class Keymap:
    """What the file asks for that applies, and what was wrong with the rest."""

    path: Path
    keys: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def load_keymap(path: Path, places: Callable[[], list[Place]]) -> Keymap:
    """Read and check the keymap at `path` (absent: nothing to do); bad entries are skipped.

    `places` is asked for only when there is a file to check: finding every binding
    imports every screen, which a start without a keymap need not wait for.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Keymap(path)
    except (OSError, UnicodeDecodeError) as error:
        return Keymap(path, problems=[f"{path}: cannot be read: {error}"])
    return check_keymap(text, path, places())


def check_keymap(text: str, path: Path, places: list[Place]) -> Keymap:
    """Parse `text`, keep the entries that name a known binding with valid, unclashing keys."""
    result = Keymap(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        result.problems.append(f"{path}: not valid TOML, nothing applied: {error}")
        return result
    ids = known_ids(places)
    for name in data:
        if name != "keys":
            where = "is outside the [keys] table" if name in ids else "is not [keys]"
            result.problems.append(f'{path}: line {_line_of(text, name)}: "{name}" {where}')
    table = data.get("keys", {})
    if not isinstance(table, dict):
        result.problems.append(f"{path}: keys must be a table: [keys] then \"id\" = \"key\"")
        table = {}
    for binding_id, value in table.items():
        problem = _entry_problem(binding_id, value, ids, result)
        if problem:
            result.problems.append(f"{path}: line {_line_of(text, binding_id)}: {problem}")
    _drop_conflicts(result, text, places)
    return result


def _entry_problem(binding_id: str, value: object, ids: list[str], result: Keymap) -> str:
    """Why an entry cannot apply (empty when it can; then it is added to `result`)."""
    if binding_id not in ids:
        near = difflib.get_close_matches(binding_id, ids, n=1, cutoff=0.5)
        hint = f' (did you mean "{near[0]}"?)' if near else "; `careerdash keys` lists them"
        return f'"{binding_id}" is not a binding id{hint}'
    try:
        result.keys[binding_id] = normalize_keys(value)
    except BadKey as error:
        return f'"{binding_id}": {error}'
    return ""


def _drop_conflicts(result: Keymap, text: str, places: list[Place]) -> None:
    """Skip entries that clash, one at a time (the later in the file, or the one that took
    a default key), until none is left; each skipped entry is reported."""
    order = list(result.keys)
    while conflicts := find_conflicts(places, result.keys):
        conflict = conflicts[0]
        a, b = conflict.first, conflict.second
        rebound = [x for x in (a, b) if x.id in result.keys]
        skipped = max(rebound, key=lambda x: order.index(x.id))  # type: ignore[arg-type]
        other = b if skipped is a else a
        assert skipped.id is not None
        value = result.keys.pop(skipped.id)
        result.problems.append(
            f"{result.path}: line {_line_of(text, skipped.id)}: {skipped.label} = "
            f"\"{','.join(map(shown_key, value.split(',')))}\" clashes with {other.label} on "
            f"{shown_key(conflict.key)} ({conflict.place}); it keeps "
            f"{', '.join(map(shown_key, skipped.keys))}")


def _line_of(text: str, name: str) -> int | str:
    """The line of the file where `name` is assigned (for messages), or '?'."""
    quoted = re.escape(name)
    pattern = re.compile(rf"""^\s*((["']?){quoted}\2\s*=|\[\s*{quoted}\s*\])""")
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number
    return "?"
