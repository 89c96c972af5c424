"""The help overlay: the keys of the screen underneath, grouped by where they work."""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass, field

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from tui.widgets.hanging_text import HangingText, Line, heading

THIS_SCREEN, HERE, EVERYWHERE = "This screen", "Here", "Everywhere"
_KEY_COLUMN = 14  # "shift+↑ K" and "ctrl+b 4" fit; longer key lists wrap their description


@dataclass
class HelpRow:
    """One action and every key that reaches it."""

    keys: list[str]
    description: str
    enabled: bool
    ours: bool  # defined by careerdash (it has an id), not by Textual
    order: int = 0  # where careerdash's own binding of it comes in the chain


@dataclass
class HelpSection:
    """The rows of one group, under its title."""

    title: str
    rows: list[HelpRow] = field(default_factory=list)


def class_name(cls: type[DOMNode]) -> str:
    """"Today" for TodayScreen, "Review session" for ReviewSession, "Step table" …"""
    words = re.findall(r"[A-Z][a-z]*", cls.__name__.removesuffix("Screen"))
    return " ".join([words[0], *(w.lower() for w in words[1:])]) if words else cls.__name__


def help_sections(screen: Screen[object]) -> list[HelpSection]:
    """The keys `screen` answers to now (the keymap applied, what is hidden left out),
    grouped: the screen's own, the focused widget's, the app's; careerdash's own keys
    before Textual's built-in ones."""
    app = screen.app
    sections = {title: HelpSection(title) for title in (THIS_SCREEN, HERE, EVERYWHERE)}
    rows: dict[tuple[int, str], HelpRow] = {}
    ours = itertools.count()
    for active in screen.active_bindings.values():
        binding, node = active.binding, active.node
        if binding.system:
            continue
        title = THIS_SCREEN if node is screen else EVERYWHERE if node is app else HERE
        key = app.get_key_display(dataclasses.replace(binding, key_display=None))
        row = rows.get((id(node), binding.action))
        if row is None:
            row = rows[id(node), binding.action] = HelpRow(
                [], binding.description or binding.action, active.enabled, False)
            sections[title].rows.append(row)
        if binding.id and not row.ours:  # careerdash's own words and keys over Textual's
            row.description, row.ours = binding.description or row.description, True
            row.order = next(ours)
            row.keys.insert(0, key)
        elif key not in row.keys:
            row.keys.append(key)
    for section in sections.values():
        section.rows.sort(key=lambda row: (not row.ours, row.order))
    sections[HERE].title = _here_title(screen.focused)
    return [section for section in sections.values() if section.rows]


def _here_title(focused: DOMNode | None) -> str:
    """"Here (Due today and overdue)": named after the panel around the focused widget."""
    node = focused
    while node is not None and not isinstance(node, Screen):
        title = getattr(node, "border_title", None)
        if title:
            return f"{HERE} ({title})"
        node = node.parent
    return HERE


def palette_key(screen: Screen[object]) -> str | None:
    """The key that opens the command palette on `screen`, if any."""
    for active in screen.active_bindings.values():
        if active.binding.action in ("command_palette", "app.command_palette"):
            return screen.app.get_key_display(active.binding)
    return None


def help_lines(sections: list[HelpSection]) -> list[Line]:
    """The sections as hanging lines: keys on the left, what they do on the right."""
    lines: list[Line] = []
    for section in sections:
        lines += heading(section.title)
        for row in section.rows:
            keys = " ".join(row.keys)
            if len(keys) > _KEY_COLUMN:  # too long for the column: the keys get a line
                lines.append(Line(Content(""), Content.styled(f"  {keys}", "bold $accent")))
                keys = ""
            style = "$foreground-muted" if not row.ours else "" if row.enabled else "dim"
            lines.append(Line(Content.styled(row.description, style),
                              Content.styled(f"  {keys:>{_KEY_COLUMN}}  ", "bold $accent")))
    return lines


class HelpScreen(ModalScreen[None]):
    """The keys of `underneath`, read from its active bindings when `?` was pressed."""

    CSS_PATH = "../styles/help.tcss"
    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close", id="help-close"),
        Binding("j", "scroll(1)", "Down", show=False, id="help-down"),
        Binding("k", "scroll(-1)", "Up", show=False, id="help-up"),
    ]

    def __init__(self, underneath: Screen[object]) -> None:
        super().__init__()
        self.name_of_screen = class_name(type(underneath))
        self.intro = underneath.HELP or ""
        self.palette = palette_key(underneath)
        self.sections = help_sections(underneath)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box") as box:
            box.border_title = f"Keys on {self.name_of_screen}"
            with VerticalScroll(id="help-scroll"):
                yield HangingText(id="help-keys")

    def on_mount(self) -> None:
        intro = [Line(Content(self.intro))] if self.intro else []
        if self.palette:
            intro.append(Line(Content.assemble(
                (self.palette, "bold $accent"), ": the command palette, every action by name")))
        self.query_one(HangingText).update(intro + help_lines(self.sections))
        self.query_one(VerticalScroll).focus()
        # On the bottom border, so it stays in sight however long the list is.
        self.query_one("#help-box").border_subtitle = self._closing_hint()

    def _closing_hint(self) -> str:
        """How to close it, with the keys the keymap gives."""
        keys = [self.app.get_key_display(active.binding)
                for active in self.active_bindings.values() if active.binding.action == "close"]
        return f"{' '.join(dict.fromkeys(keys))}: close · ↑↓ pgdn: scroll"

    def action_scroll(self, lines: int) -> None:
        """Scroll the keys by `lines`."""
        self.query_one(VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
