"""Every key careerdash answers to, by place: what the keymap file is checked against, what
`careerdash keys` lists, and the app's side of applying the keymap."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path

from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.keys import format_key

from tui.keymap import BoundKey, Keymap, Node, Place, keymap_path, load_keymap, shown_key
from tui.screens.help import class_name


def bound_keys(bindings: Iterable[Binding]) -> tuple[BoundKey, ...]:
    """Textual's one-binding-per-key list folded back into one BoundKey per binding."""
    keys: dict[tuple[str | None, str, str], list[str]] = {}
    display: dict[tuple[str | None, str, str], str] = {}
    for binding in bindings:
        which = (binding.id, binding.action, binding.description)
        keys.setdefault(which, []).append(binding.key)
        display.setdefault(which, binding.key_display or "")
    return tuple(BoundKey(i, tuple(k), d, a, display[i, a, d]) for (i, a, d), k in keys.items())


def node_of(cls: type[DOMNode], name: str = "", extra: Iterable[Binding] = ()) -> Node:
    """The bindings `cls` has with its base classes' (Textual's own included)."""
    merged = cls._merged_bindings or BindingsMap()
    return Node(name or class_name(cls), bound_keys([b for _, b in merged] + list(extra)))


def app_node(app_cls: type[App[object]], priority_only: bool = False) -> Node:
    """The app's keys (and the command palette's, which Textual adds when the app starts)."""
    palette = Binding(app_cls.COMMAND_PALETTE_BINDING, "command_palette", "palette",
                      priority=True)
    node = node_of(app_cls, "everywhere", [palette])
    if not priority_only:
        return node
    merged = app_cls._merged_bindings or BindingsMap()
    urgent = {(b.id, b.action) for _, b in merged if b.priority} | {(None, palette.action)}
    return Node(node.name, tuple(b for b in node.bindings if (b.id, b.action) in urgent))


def key_display(key: str) -> str:
    """A key as the footer would name it, modifiers spelt out: `ctrl+z`, `shift+←`, `?`."""
    *modifiers, base = key.split("+")
    return "+".join([*modifiers, format_key(base)])


class UserKeymap:
    """The keymap file as the app applies it: load it, warn about it, name clashes once."""

    def __init__(self, app_cls: type[App[object]], path: Path | None = None) -> None:
        self._app_cls = app_cls
        self.path = path or keymap_path()
        self.keymap = Keymap(self.path)
        self._reported: set[frozenset[str]] = set()

    @cached_property
    def places(self) -> list[Place]:
        """Every place with keys; asked for only when needed, as it imports every screen."""
        from tui.key_places import places

        return places(self._app_cls)

    def apply(self, app: App[object]) -> None:
        """Load the file, hand what is good to Textual and warn about the rest."""
        self.keymap = load_keymap(self.path, lambda: self.places)
        app.set_keymap(self.keymap.keys)
        for problem in self.keymap.problems:
            app.notify(problem, title="Keymap", severity="warning", markup=False, timeout=20)

    def report_clash(self, app: App[object], clashed: set[Binding], node: DOMNode) -> None:
        """Warn, once, that the keymap took keys from bindings of `node` the checks did not
        know of (the same action bound twice, or a binding's own keys, is no clash)."""
        lost = sorted(f"{_label(b)} on {shown_key(b.key)}" for b in clashed
                      if not self._harmless(b, node))
        which = frozenset([type(node).__name__, *lost])
        if not lost or which in self._reported:
            return
        self._reported.add(which)
        app.notify(f"{self.path}: on {class_name(type(node))}, the keymap takes away "
                   f"{'; '.join(lost)}", title="Keymap clash", severity="warning",
                   markup=False, timeout=20)

    def _harmless(self, binding: Binding, node: DOMNode) -> bool:
        keys = self.keymap.keys
        if binding.id in keys and binding.key in keys[binding.id].split(","):
            return True  # Textual counts a rebound key's own other keys as clashing
        takers = [b for _, b in node._bindings if b.id in keys
                  and binding.key in keys[b.id].split(",")]
        return bool(takers) and all(b.action == binding.action for b in takers)

    def bound(self, binding_id: str) -> BoundKey | None:
        """The binding with `binding_id`."""
        return next((b for b in self._all() if b.id == binding_id), None)

    def key_for(self, binding_id: str) -> str:
        """How to show the keys of `binding_id` in text, as the keymap has them."""
        binding = self.bound(binding_id)
        if binding is None:
            return binding_id
        if binding.display and binding.id not in self.keymap.keys:
            return binding.display
        return "/".join(key_display(k) for k in binding.effective(self.keymap.keys))

    def _all(self) -> Iterator[BoundKey]:
        for place in self.places:
            for node in place.nodes():
                yield from node.bindings


def _label(binding: Binding) -> str:
    return BoundKey(binding.id, (binding.key,), binding.description, binding.action).label


def listing(app_cls: type[App[object]], keymap: Keymap) -> str:
    """`careerdash keys`: per place, each binding id, its keys and what it does."""
    from tui.key_places import places

    found = places(app_cls)
    lines = [f"Rebind keys in {keymap.path}, a [keys] table of id = keys, e.g.",
             '  [keys]', '  "today-add" = "n"', '  "mode-board" = "ctrl+b,4"']
    lines += _node_lines("Everywhere", found[0].app, keymap) if found[0].app else []
    for place in found:
        lines += _node_lines(place.name, place.screen, keymap)
        for widget in place.widgets:
            lines += _node_lines(f"{place.name}: {widget.name.lower()}", widget, keymap)
    return "\n".join(lines) + "\n"


def _node_lines(title: str, node: Node, keymap: Keymap) -> list[str]:
    rows = []
    for binding in node.bindings:
        if binding.id is None:
            continue  # Textual's own keys have no id, so a keymap cannot move them
        keys = ",".join(shown_key(k) for k in binding.effective(keymap.keys))
        was = (f" (default {','.join(map(shown_key, binding.keys))})"
               if binding.id in keymap.keys else "")
        rows.append(f"  {binding.id:<22} {keys:<20} {binding.description}{was}")
    return ["", title, *rows] if rows else []
