"""The guided weekly review: a page per active goal, then a wrap-up, by keyboard alone."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, Select, Static, TextArea

from tui.actions import review as change
from tui.domain.document import Document
from tui.domain.models import Goal, GoalStatus, Review
from tui.domain.review import (
    PAGE_FIELDS,
    confidence_of,
    goal_week,
    look_back,
    page_of,
    page_texts,
    read_page,
    remaining_goals,
)
from tui.domain.text import one_line
from tui.domain.wins import wins_this_week
from tui.screens.form import field_row
from tui.widgets.hanging_text import HangingText, Line, heading
from tui.widgets.review_record import week_lines, win_line

if TYPE_CHECKING:
    from tui.app import CareerApp

KEYS = "tab: next field · ctrl+s: save, go on · escape: leave, keep a draft"
WRAP_UP_KEYS = "tab: next field · ctrl+s: finish the review · escape: leave, keep a draft"
_TALL = {"next_steps", "reflection"}


class ReviewSession(Screen[bool]):
    """Walks through the review's goals; dismisses with True once the review is finished."""

    HELP = ("One page per active goal, then a wrap-up. tab moves between fields; a new "
            "deadline or a paused or dropped status needs a reason; next steps are one per "
            "line. ctrl+s saves the page (its check-in, changes and steps) and goes on; "
            "escape leaves, and r on the Review screen resumes where you were.")

    BINDINGS = [
        Binding("ctrl+s", "save", "Save and go on", id="session-save", priority=True),
        Binding("escape", "leave", "Keep draft and leave", id="session-leave"),
    ]

    def __init__(self, review_id: int) -> None:
        super().__init__()
        self.review_id = review_id
        self.goal: Goal | None = None  # None on the wrap-up page
        self._saved = ""  # what the last ctrl+s saved

    @property
    def career(self) -> CareerApp:
        """The app, typed."""
        return cast("CareerApp", self.app)

    def _review(self, doc: Document) -> Review:
        return doc.reviews[self.review_id]

    def compose(self) -> ComposeResult:
        doc = self.career.store.document
        review = self._review(doc)
        remaining = remaining_goals(doc, review)
        self.goal = doc.goals[remaining[0]] if remaining else None
        total = len([g for g in review.goal_ids if g in doc.goals])
        yield Static(self._head(total - len(remaining) + 1, total), id="session-head")
        with VerticalScroll(id="session-box") as box:
            box.can_focus = False  # tab goes from field to field; focus scrolls them in
            if self.goal is not None:
                yield from self._goal_page(doc, review, self.goal)
            else:
                yield from self._wrap_up(doc, review)
        yield Static(Content.assemble((f"{self._saved} · " if self._saved else "", "$success"),
                                      KEYS if self.goal else WRAP_UP_KEYS), id="session-keys")
        yield Footer()

    def _head(self, number: int, total: int) -> Content:
        if self.goal is None:
            return Content.styled("Weekly review · wrap-up", "bold")
        return Content.assemble(("Weekly review", "bold"), f" · goal {number} of {total} · ",
                                (one_line(self.goal.title, 200), "bold $text-primary"))

    def _goal_page(self, doc: Document, review: Review, goal: Goal) -> ComposeResult:
        today = self.career.today()
        week = goal_week(doc, goal.id, look_back(doc, self.career.store.clock()), today)
        summary = HangingText(id="session-week")
        summary.update([*heading(f"Since {week.since:%a %d %b}"), *week_lines(week),
                        Line(Content(""))])
        yield summary
        texts = page_texts(page_of(review, goal.id))
        if goal.metric is not None:
            metric = goal.metric
            now = metric.baseline if metric.current is None else metric.current
            yield from self._field("Metric", "metric", Input(
                texts["metric"], placeholder=f"now {now:g}, target {metric.target:g} "
                f"{one_line(metric.unit, 20)}".rstrip(), id="field-metric"))
        yield from self._field("Wins", "wins", Input(texts["wins"], id="field-wins",
                                                     placeholder="what went well"))
        yield from self._field("Obstacles", "obstacles", Input(
            texts["obstacles"], placeholder="what got in the way", id="field-obstacles"))
        yield from self._field("Strategy", "strategy", Input(
            texts["strategy"], placeholder="what you will do about it", id="field-strategy"))
        deadline = goal.deadline.isoformat() if goal.deadline else "none"
        yield from self._field("Deadline", "deadline", Input(
            texts["deadline"], placeholder=f"{deadline} · a new one moves it",
            id="field-deadline"))
        yield from self._field("Status", "status", Select(
            [(s.value, s.value) for s in GoalStatus if s is not goal.status],
            prompt=f"{goal.status.value} (unchanged)",
            value=texts["status"] or Select.NULL, id="field-status"))
        yield from self._field("Reason", "reason", Input(
            texts["reason"], placeholder="why the deadline or status changes",
            id="field-reason"))
        yield from self._field("Next steps", "next_steps", TextArea(
            texts["next_steps"], id="field-next_steps", soft_wrap=True,
            placeholder="one step per line; each is added to the plan"))

    def _wrap_up(self, doc: Document, review: Review) -> ComposeResult:
        wins = wins_this_week(doc, self.career.today())
        lines = [Line(Content.styled(
            f"🎉 {len(wins)} win{'s' * (len(wins) != 1)} this week" if wins
            else "No wins recorded this week yet: w on the Review screen writes one down.",
            "bold $success" if wins else "$foreground-muted"))]
        celebrated = HangingText(id="session-week")
        celebrated.update([*lines, *(win_line(w) for w in wins), Line(Content(""))])
        yield celebrated
        yield from self._field("Reflection", "reflection", TextArea(
            review.reflection, id="field-reflection", soft_wrap=True,
            placeholder="how the week went, overall"))
        yield from self._field("Confidence", "confidence", Input(
            "" if review.confidence is None else str(review.confidence),
            placeholder="1 (not at all) to 5 (fully): will you reach your goals?",
            id="field-confidence"))

    def _field(self, label: str, name: str, widget: Widget) -> ComposeResult:
        for part in field_row(label, name, widget, tall=name in _TALL):
            if isinstance(part, Label):
                part.display = False  # the error line shows only when there is an error
            yield part

    def on_mount(self) -> None:
        self.career.review_session = self  # found from any mode when the terminal goes
        self._focus_first()

    def on_unmount(self) -> None:
        if self.career.review_session is self:
            self.career.review_session = None

    def _focus_first(self) -> None:
        first = self.query("#session-box Input, #session-box TextArea").first()
        first.focus()
        self.query_one("#session-box").scroll_home(animate=False)

    # --- reading the page ---------------------------------------------------------------------

    def _texts(self) -> dict[str, str]:
        texts = dict.fromkeys(PAGE_FIELDS, "")
        for widget in self.query("#session-box Input, #session-box TextArea, "
                                 "#session-box Select"):
            name = (widget.id or "").removeprefix("field-")
            if isinstance(widget, Input):
                texts[name] = widget.value
            elif isinstance(widget, TextArea):
                texts[name] = widget.text
            elif isinstance(widget, Select):
                texts[name] = "" if widget.value is Select.NULL else str(widget.value)
        return texts

    def _show_errors(self, errors: dict[str, str]) -> None:
        for label in self.query(".field-error").results(Label):
            name = (label.id or "").removeprefix("error-")
            label.update(Text(errors.get(name, "")))
            label.display = name in errors
            label.set_class(name in errors, "-invalid")

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    # --- saving -------------------------------------------------------------------------------

    async def action_save(self) -> None:
        """Save this page (applying it) and go on; on the wrap-up, finish the review."""
        texts = self._texts()
        if self.goal is None:
            await self._finish(texts)
            return
        goal = self.goal
        draft, errors = read_page(goal, texts, self.career.today())
        self._show_errors(errors)
        if errors:
            self.notify("Fix the marked fields; nothing was saved.", severity="warning")
            return
        saved = self.career.change(lambda tx: change.save_page(tx, self.review_id, draft),
                                   f"review of “{one_line(goal.title, 40)}”")
        if saved is None:
            return  # the error is on screen and the page keeps what was typed
        added = len(draft.next_steps)
        # Said on the next page's key line, not in a toast: nine pages would stack nine.
        self._saved = (f"✓ “{one_line(goal.title, 30)}” saved"
                       + (f", {added} step{'s' * (added != 1)} added" if added else ""))
        await self.recompose()
        self._focus_first()

    async def _finish(self, texts: dict[str, str]) -> None:
        confidence, problem = confidence_of(texts["confidence"])
        self._show_errors({"confidence": problem} if problem else {})
        if problem:
            self.notify("Fix the marked field; the review is not finished yet.",
                        severity="warning")
            return
        done = self.career.change(lambda tx: change.finish_review(
            tx, self.review_id, texts["reflection"].strip(), confidence), "finish the review")
        if done is not None:
            wins = len(wins_this_week(self.career.store.document, self.career.today()))
            self.notify(f"Review finished. {wins} win{'s' * (wins != 1)} this week 🎉",
                        timeout=5)
            self.dismiss(True)

    def action_leave(self) -> None:
        """Leave the review, keeping what was typed as a draft the next start resumes."""
        lost = self.keep_draft()
        if lost is None:
            return  # not saved: stay, with what was typed
        unread = f" Not kept (unreadable): {', '.join(lost)}." if lost else ""
        self.notify(f"Review kept as a draft; r on the Review screen resumes it.{unread}",
                    timeout=5, markup=False)
        self.dismiss(False)

    def keep_draft(self) -> list[str] | None:
        """Keep what is typed on this page as the review's draft; the fields that could not
        be read (so were not kept), or None if the draft could not be saved."""
        texts = self._texts()
        if self.goal is None:
            confidence, problem = confidence_of(texts["confidence"])
            kept = self.career.change(lambda tx: change.keep_wrap_up(
                tx, self.review_id, texts["reflection"].strip(), confidence), "keep the draft")
            lost = ["confidence"] if problem else []
        else:
            draft, errors = read_page(self.goal, texts, self.career.today())
            lost = [name for name in errors if name in ("metric", "deadline", "status")]
            kept = self.career.change(lambda tx: change.keep_draft_page(
                tx, self.review_id, draft), "keep the review draft")
        return None if kept is None else lost

