"""The first-start tour: the method, one page per screen, and where to begin."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label

from tui.actions.imports import is_empty
from tui.widgets.confirm_dialog import ConfirmDialog
from tui.widgets.hanging_text import HangingText, Line

if TYPE_CHECKING:
    from tui.app import CareerApp

QUESTION = "New to careerdash?\nA one-minute tour of the method and the screens."
_METHOD_LABEL, _KEY_LABEL = 16, 10

# Each page: its title, a sentence, then (label, text) rows. "{binding-id}" becomes the key
# the binding answers to, so the tour follows the keymap.
_METHOD = [
    ("Values", "know what matters to you, your strengths, your skills"),
    ("Vision", "where you want to be, and the impact you want"),
    ("SMART goals", "specific, measurable, achievable, relevant, time-bound"),
    ("Action steps", "small steps with due dates, on a board"),
    ("Every day", "check steps off; every progress bar moves at once"),
    ("Every week", "a review: progress, wins, obstacles, next steps"),
    ("Celebrate", "finished steps and goals become wins"),
]
_SCREENS: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    ("Today", "mode-today", "The daily two minutes: the steps overdue or due today, most "
     "urgent first, and how far your active goals have come.",
     [("{step-toggle}", "check a step off"), ("{today-add}", "add a step"),
      ("{step-edit}", "edit the step")]),
    ("Values", "mode-values", "Know yourself: values in order, strengths, growth areas, "
     "skills (the level you have and want), interests, your vision.",
     [("{values-add}", "add to the section"), ("{values-vision}", "write your vision"),
      ("{values-next-section}", "the next section")]),
    ("Goals", "mode-goals", "The goal tree under your vision: long-term goals, milestones "
     "below. Each goal is checked against SMART as you type.",
     [("{goals-add}", "add a goal under the selected one"),
      ("{goals-new-step}", "add an action step to it"),
      ("{goals-check-in}", "check in its metric")]),
    ("Board", "mode-board", "Every action step as a card: To do, Doing, Blocked, Done. "
     "Doing has a limit, so only a few things are under way.",
     [("{board-move-left} {board-move-right}", "move the card"),
      ("{board-toggle}", "done"), ("{board-filter}", "filter the cards")]),
    ("Progress", "mode-progress", "Plots of your own history: steps done per week, a goal "
     "against its deadline, its metric, your skills, your streak.",
     [("{progress-next}", "the next plot"), ("{progress-range}", "the range"),
      ("{progress-goal}", "the goal")]),
    ("Review", "mode-review", "Once a week, a page per active goal: progress, wins, "
     "obstacles and the strategy against them, next steps.",
     [("{review-start}", "start the weekly review"), ("{review-feedback}", "record feedback"),
      ("{review-win}", "write down a win")]),
]
_START = [
    "Everything is saved as you go, and {undo} takes back any change.",
    "{help} shows the keys of every screen; ctrl+p finds any action by name (this tour "
    "too: type Tour).",
    "Start with what matters to you: close the tour, then press {mode-values} to write "
    "down your values.",
]


@dataclass(frozen=True)
class TourPage:
    """One page: a title and its lines."""

    title: str
    lines: list[Line]


def tour_pages(key: Callable[[str], str]) -> list[TourPage]:
    """The pages, with `key(binding_id)` giving the key to show for each binding."""
    def fill(text: str) -> str:
        return re.sub(r"\{([a-z-]+)\}", lambda m: key(m[1]), text)

    def spaced(lines: list[Line]) -> list[Line]:
        return [line for one in lines for line in (one, Line(Content("")))][:-1]

    method = [Line(Content(text), Content.styled(f"{label:<{_METHOD_LABEL}}", "bold"))
              for label, text in _METHOD]
    pages = [TourPage("The method", [
        Line(Content("careerdash follows the classic career-planning method, in this order:")),
        Line(Content("")), *method, Line(Content("")),
        Line(Content("Each step has its screen; the next pages show them.")),
    ])]
    for name, mode, sentence, keys in _SCREENS:
        rows = [Line(Content(text), Content.styled(f"{fill(label):>{_KEY_LABEL - 2}}  ",
                                                   "bold $accent")) for label, text in keys]
        pages.append(TourPage(f"{name} · key {key(mode)}",
                              [Line(Content(sentence)), Line(Content("")), *rows]))
    pages.append(TourPage("Where to start", spaced([Line(Content(fill(t))) for t in _START])))
    return pages


class TourScreen(ModalScreen[None]):
    """Pages through `pages`; the next key on the last page, or escape, closes it."""

    CSS_PATH = "../styles/help.tcss"
    BINDINGS = [
        Binding("enter,space,right,l", "page(1)", "Next", id="tour-next"),
        Binding("left,h", "page(-1)", "Back", id="tour-back"),
        Binding("escape", "close", "Close", id="tour-close"),
    ]

    def __init__(self, pages: list[TourPage]) -> None:
        super().__init__()
        self.pages = pages
        self.index = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="tour-box"):
            yield HangingText(id="tour-page")
            yield Label(id="tour-hint")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        page = self.pages[self.index]
        box = self.query_one("#tour-box")
        box.border_title = f"Tour {self.index + 1}/{len(self.pages)} · {page.title}"
        self.query_one(HangingText).update(page.lines)
        self.query_one("#tour-hint", Label).update(self._hint())

    def _hint(self) -> Content:
        """The tour's keys, as the keymap has them; on the last page "next" closes."""
        keys: dict[str, list[str]] = {}
        for active in self.active_bindings.values():
            if active.node is self:
                keys.setdefault(active.binding.action, []).append(
                    self.app.get_key_display(active.binding))
        last = self.index == len(self.pages) - 1
        parts = [(keys.get("page(1)"), "close the tour" if last else "next"),
                 (keys.get("page(-1)"), "back"), (None if last else keys.get("close"), "close")]
        return Content(" · ".join(f"{' '.join(k)}: {what}" for k, what in parts if k))

    def action_page(self, step: int) -> None:
        """Turn `step` pages; past the last page the tour closes."""
        if self.index + step >= len(self.pages):
            self.dismiss(None)
        else:
            self.index = max(0, self.index + step)
            self._show()

    def action_close(self) -> None:
        self.dismiss(None)


def start_tour(app: CareerApp) -> None:
    """Show the tour, its keys as the keymap has them."""
    app.push_screen(TourScreen(tour_pages(app.user_keymap.key_for)))


def offer_tour(app: CareerApp) -> None:
    """On a plan with nothing in it yet, ask whether to take the tour; nothing is written."""
    if not is_empty(app.store.document):
        return

    def answer(yes: bool | None) -> None:
        if yes:
            start_tour(app)

    app.push_screen(ConfirmDialog(QUESTION), answer)
