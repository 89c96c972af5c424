"""Review: start the weekly review, browse past ones, and keep the feedback and wins logs."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui.actions import review as change
from tui.domain.document import Document
from tui.domain.models import Feedback, Review, Win
from tui.domain.review import (
    WEEKDAY_NAMES,
    agenda,
    draft_review,
    finished_reviews,
    remaining_goals,
    review_due,
    review_title,
)
from tui.domain.progress import tree_order
from tui.domain.text import one_line
from tui.domain.wins import WinEntry, all_wins, win_count, wins_this_week
from tui.screens.base import BaseScreen
from tui.screens.log_forms import FeedbackForm, WinDraft, WinForm
from tui.screens.review_session import ReviewSession
from tui.widgets.choice_dialog import ChoiceDialog
from tui.widgets.hanging_text import HangingText, Line, item
from tui.widgets.section_list import SectionList
from tui.widgets.review_record import (
    KIND_STYLE,
    feedback_lines,
    record_lines,
    win_line,
    win_lines,
)

SECTIONS = ("start", "history", "feedback", "wins")
_TITLES = {"start": "▶ Start review", "history": "History", "feedback": "Feedback",
           "wins": "Wins"}
# Wins listed at once: a long-kept plan has thousands of done steps; the brag document
# (careerdash export markdown --wins) has them all.
WINS_SHOWN = 300
_INTRO = [
    "A page for each active goal, parents first. Each shows what happened since the last "
    "review, then asks for a metric check-in, wins, obstacles and the strategy against "
    "them, an adjustment (a new deadline or status, with the reason) and next steps, "
    "which are added to the plan.",
    "A last page asks for a reflection and a confidence score, and celebrates this "
    "week's wins.",
    "ctrl+s saves a page and goes on; escape leaves, keeping a draft to resume.",
]


@dataclass(frozen=True)
class Listed:
    """What a line of the list stands for."""

    review: Review | None = None
    feedback: Feedback | None = None
    win: WinEntry | None = None


class ReviewScreen(BaseScreen):
    """The weekly review and the records it keeps: past reviews, feedback and wins."""

    HELP = ("Pick a section on the left. Enter on Start review (or r anywhere) walks through "
            "the weekly review; f records feedback; w writes down a win.")
    BINDINGS = [
        Binding("r", "start", "Review", id="review-start"),
        Binding("f", "add_feedback", "Feedback", id="review-feedback"),
        Binding("w", "add_win", "Win", id="review-win"),
        Binding("e", "edit", "Edit", show=False, id="review-edit"),
        Binding("x,delete", "delete", "Delete", show=False, id="review-delete"),
        Binding("d", "review_day", "Review day", show=False, id="review-day"),
        Binding("left_square_bracket", "section(-1)", "Prev section", show=False,
                id="review-prev-section"),
        Binding("right_square_bracket", "section(1)", "Next section", show=False,
                id="review-next-section"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.section = "start"
        self._listed: dict[str, Listed] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="review-status")
        with Horizontal(id="review-body"):
            with Vertical(id="review-sections-panel", classes="panel") as panel:
                panel.border_title = "Review"
                panel.border_subtitle = "[ ] switch"
                yield SectionList(list(_TITLES.items()), id="review-sections")
                yield Static(id="review-day")
            with Vertical(id="review-main"):
                with Vertical(id="review-list-panel", classes="panel"):
                    yield OptionList(id="review-list")
                with VerticalScroll(id="review-detail-panel", classes="panel") as detail:
                    detail.can_focus = False
                    yield HangingText(id="review-detail")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        sections = self.query_one(SectionList)
        sections.highlighted = 0
        sections.focus()

    @property
    def items(self) -> OptionList:
        return self.query_one("#review-list", OptionList)

    # --- drawing -----------------------------------------------------------------------------

    def show(self, doc: Document) -> None:
        today = self.career.today()
        due = review_due(doc, today)
        last = f"last one {due.last:%d %b}" if due.last else "no review yet"
        week = len(wins_this_week(doc, today))
        self.query_one("#review-status", Static).update(Content.assemble(
            (due.sentence(today), "bold $warning" if due.due else "$foreground-muted"),
            f" · {last} · {week} win{'s' * (week != 1)} this week"))  # fits 80 columns
        self.query_one("#review-day", Static).update(Content.assemble(
            ("Due every ", "$foreground-muted"), WEEKDAY_NAMES[doc.settings.review_day],
            ("\nd changes the day", "$foreground-muted")))
        self._show_sections(doc)
        self._show_list(doc)
        self.refresh_bindings()

    def _show_sections(self, doc: Document) -> None:
        draft = draft_review(doc)
        titles = {}
        if draft is not None:
            done = len(draft.goal_ids) - len(remaining_goals(doc, draft))
            titles["start"] = f"▶ Resume {done}/{len(draft.goal_ids)}"
        counts = {"history": len(finished_reviews(doc)), "feedback": len(doc.feedback),
                  "wins": win_count(doc)}
        self.query_one(SectionList).show({k: f"{v:,}" for k, v in counts.items()}, titles)

    def _show_list(self, doc: Document) -> None:
        entries = self._entries(doc)
        items = self.items
        keep = items.highlighted_option.id if items.highlighted_option else None
        self._listed = {key: listed for key, _prompt, listed in entries}
        items.set_options([Option(prompt, id=key) for key, prompt, _listed in entries])
        ids = [key for key, _prompt, _listed in entries]
        if ids:
            items.highlighted = ids.index(keep) if keep in ids else 0
        panel = self.query_one("#review-list-panel")
        panel.border_title = self._list_title(doc, len(entries))
        items.display = bool(entries)
        self._show_detail(doc)

    def _list_title(self, doc: Document, count: int) -> str:
        if self.section == "start":
            draft = draft_review(doc)
            return "Goals in the review in progress" if draft else "Goals this review covers"
        if self.section == "wins" and count == WINS_SHOWN:
            return f"Wins · newest {WINS_SHOWN} of {win_count(doc):,}"
        return f"{self.section.capitalize()} · {count:,}"

    def _entries(self, doc: Document) -> list[tuple[str, Content, Listed]]:
        if self.section == "start":
            draft = draft_review(doc)
            ids = set(remaining_goals(doc, draft) if draft else agenda(doc))
            return [(f"goal-{g.id}", Content("  " * depth + one_line(g.title, 200)), Listed())
                    for depth, g in tree_order(doc) if g.id in ids]
        if self.section == "history":
            return [(f"review-{r.id}", _review_prompt(r), Listed(review=r))
                    for r in finished_reviews(doc)]
        if self.section == "feedback":
            newest = sorted(doc.feedback.values(), key=lambda f: (f.on, f.id), reverse=True)
            return [(f"feedback-{f.id}", _feedback_prompt(f), Listed(feedback=f))
                    for f in newest]
        return [(f"win-{w.source}-{w.record_id}", win_line(w).prefix + win_line(w).body,
                 Listed(win=w)) for w in all_wins(doc)[:WINS_SHOWN]]

    def _show_detail(self, doc: Document) -> None:
        listed = self.selected
        if self.section == "start":
            lines = [line for text in _INTRO for line in (Line(Content(text)), Line(Content()))]
            lines.append(Line(Content.styled(
                "Enter or r starts." if draft_review(doc) is None else "Enter or r resumes.",
                "bold")))
        elif listed is None:
            lines = [Line(Content.styled(_EMPTY[self.section], "$foreground-muted"))]
        elif listed.review is not None:
            lines = record_lines(listed.review, doc)
        elif listed.feedback is not None:
            lines = feedback_lines(listed.feedback, doc)
        else:
            assert listed.win is not None
            lines = win_lines(listed.win, doc)
        self.query_one(HangingText).update(lines)

    @property
    def selected(self) -> Listed | None:
        """What the highlighted line of the list stands for."""
        option = self.items.highlighted_option if self.items.display else None
        return self._listed.get(option.id or "") if option else None

    # --- moving around -----------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#review-sections")
    def _section_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.section:
            self.section = event.option.id
            self.items.highlighted = None
            self._drawn_revision = -1
            self.show(self.career.store.document)

    @on(OptionList.OptionSelected, "#review-sections")
    def _section_chosen(self) -> None:
        if self.section == "start":
            self.action_start()
        elif self.items.display:
            self.items.focus()

    @on(OptionList.OptionHighlighted, "#review-list")
    def _item_highlighted(self) -> None:
        self._show_detail(self.career.store.document)
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#review-list")
    def _item_chosen(self) -> None:
        if self.section == "start":
            self.action_start()
        else:
            self.action_edit()

    def action_section(self, offset: int) -> None:
        """Show the previous (-1) or next (+1) section."""
        sections = self.query_one(SectionList)
        sections.highlighted = ((sections.highlighted or 0) + offset) % len(SECTIONS)

    def show_section(self, name: str) -> None:
        """Show the section `name` (start, history, feedback or wins)."""
        self.query_one(SectionList).highlighted = SECTIONS.index(name)

    # --- changes -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit":
            listed = self.selected
            return listed is not None and (listed.feedback is not None or (
                listed.win is not None and listed.win.source == "manual"))
        if action == "delete" and self.section == "start":
            return draft_review(self.career.store.document) is not None
        if action == "delete":
            listed = self.selected
            return listed is not None and (listed.win is None or listed.win.source == "manual")
        return True

    def action_start(self) -> None:
        """Start the weekly review, or resume the one in progress."""
        review = self.career.change(change.start_review, "start a review")
        if review is not None:
            self.app.push_screen(ReviewSession(review.id), self._review_closed)

    def _review_closed(self, finished: bool | None) -> None:
        if finished:
            self.show_section("history")

    def action_add_feedback(self, goal_id: int | None = None) -> None:
        """Record feedback from a mentor, manager or peer."""
        self.add_feedback_in_form(goal_id)

    def action_add_win(self) -> None:
        """Write down a win no step or goal records."""
        def submit(draft: WinDraft) -> bool:
            return self.career.change(
                lambda tx: change.add_win(tx, draft.title, draft.on, draft.goal_id),
                f"add win “{one_line(draft.title, 40)}”") is not None

        self.app.push_screen(WinForm(self.career.store.document, self.career.today(),
                                     submit=submit))

    def action_edit(self) -> None:
        """Edit the selected feedback entry or hand-written win."""
        listed, doc = self.selected, self.career.store.document
        if listed is None:
            return
        if listed.feedback is not None:
            entry = listed.feedback
            self.app.push_screen(FeedbackForm(
                doc, self.career.today(), entry,
                submit=lambda d: self._edited(entry, d.fields(), "feedback")))
        elif listed.win is not None and listed.win.source == "manual":
            win = doc.wins.get(listed.win.record_id)
            if win is not None:
                self.app.push_screen(WinForm(doc, self.career.today(), win,
                                             submit=lambda d: self._edited(win, d.fields(),
                                                                           "win")))

    def _edited(self, record: Feedback | Win, fields: dict[str, object], noun: str) -> bool:
        return self.career.change(lambda tx: change.edit_record(tx, record, **fields),
                                  f"edit {noun}") is not None

    def action_delete(self) -> None:
        """Delete the selected review record, feedback entry or win, or on Start review the
        draft in progress (ctrl+z undoes)."""
        listed, doc = self.selected, self.career.store.document
        draft = draft_review(doc) if self.section == "start" else None
        if draft is not None:
            done = self.career.change(lambda tx: change.delete_record(tx, draft),
                                      "discard the review draft")
        elif listed is None or self.section == "start":
            return
        elif listed.review is not None:
            review = listed.review
            done = self.career.change(lambda tx: change.delete_record(tx, review),
                                      f"delete the {review_title(review).lower()}")
        elif listed.feedback is not None:
            entry = listed.feedback
            done = self.career.change(lambda tx: change.delete_record(tx, entry),
                                      "delete feedback")
        elif listed.win is not None and listed.win.record_id in doc.wins:
            win = doc.wins[listed.win.record_id]
            done = self.career.change(lambda tx: change.delete_record(tx, win), "delete win")
        else:
            return
        if done is not None:
            self.notify("Deleted. ctrl+z brings it back.", timeout=3)

    def action_review_day(self) -> None:
        """Choose the day of the week the review falls due."""
        def chosen(day: str | None) -> None:
            if day is not None:
                self.career.change(lambda tx: change.set_review_day(tx, int(day)),
                                   f"review day {WEEKDAY_NAMES[int(day)]}")

        current = str(self.career.store.document.settings.review_day)
        self.app.push_screen(ChoiceDialog("Which day is the weekly review due?",
                                          [(str(i), n) for i, n in enumerate(WEEKDAY_NAMES)],
                                          current), chosen)


_EMPTY = {
    "history": "No finished review yet. r starts one.",
    "feedback": "No feedback recorded yet. f adds what a mentor, manager or peer said.",
    "wins": "No wins yet: check a step off, or w to write one down.",
}


def _review_prompt(review: Review) -> Content:
    score = f" · confidence {review.confidence}/5" if review.confidence else ""
    return Content.assemble(review_title(review).removeprefix("Review of "),
                            (f" · {len(review.pages)} goals{score}", "$foreground-muted"))


def _feedback_prompt(entry: Feedback) -> Content:
    line = item("“", Content(""), KIND_STYLE[entry.kind])
    return Content.assemble(line.prefix, (f"{entry.on:%d %b}  ", "$foreground-muted"),
                            (one_line(entry.who, 30), "bold"), "  ",
                            one_line(entry.text, 200))
