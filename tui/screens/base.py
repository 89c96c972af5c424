"""The base of every screen: re-read the document whenever the store has a new one, and
the step changes several screens offer."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, cast

from textual.app import SystemCommand
from textual.screen import Screen

from tui import actions
from tui.domain.document import Document
from tui.domain.models import Step, StepStatus
from tui.domain.text import one_line
from tui.actions import review as review_actions
from tui.screens.log_forms import FeedbackDraft, FeedbackForm
from tui.screens.step_form import StepDraft, StepForm

if TYPE_CHECKING:
    from tui.app import CareerApp


class BaseScreen(Screen[None]):
    """A screen that redraws from the current document when it changes.

    Modes build screens lazily, so the watch starts when the screen mounts (init=True
    draws it once at once) and a hidden screen catches up when it is shown again.
    """

    @property
    def career(self) -> CareerApp:
        """The app, typed."""
        return cast("CareerApp", self.app)

    _watching = False

    def on_mount(self) -> None:
        # Textual calls the on_mount of every class in the MRO, and the screens call this one
        # from theirs too: start once, or each screen was drawn twice when it first opened.
        if self._watching:
            return
        self._watching = True
        self._drawn_revision = -1
        self.watch(self.app, "revision", self._revision_changed, init=True)

    def on_screen_resume(self) -> None:
        self._revision_changed()

    def _revision_changed(self, *_: object) -> None:
        if not self.is_current or self._drawn_revision == self.career.revision:
            return
        self._drawn_revision = self.career.revision
        self.show(self.career.store.document)

    def show(self, doc: Document) -> None:
        """Draw `doc`; every screen implements it."""
        raise NotImplementedError

    def commands(self) -> Iterable[SystemCommand]:
        """The palette's entries for this screen's own keys."""
        return ()

    # --- action steps, handled the same on every screen that shows them ----------------------

    def toggle_step(self, step: Step) -> Step | None:
        """Check the step off, or back on; None if that could not be saved."""
        verb = "reopen" if step.is_done else "check off"
        return self.career.change(lambda tx: actions.toggle_step(tx, step.id),
                                  f"{verb} “{one_line(step.title, 40)}”")

    def add_step_in_form(self, *, goal_id: int | None = None,
                         status: StepStatus = StepStatus.TODO,
                         added: Callable[[Step], None] | None = None) -> None:
        """Open the step form; the step it saves is added in the `status` column."""
        def submit(draft: StepDraft) -> bool:
            step = self.career.change(lambda tx: actions.add_step(tx, **draft.fields(),
                                                                  status=status),
                                      f"add “{one_line(draft.title, 40)}”")
            if step is None:
                return False
            self.notify(f"Added #{step.id}: {one_line(step.title, 60)}", markup=False)
            if added is not None:
                added(step)
            return True

        self.app.push_screen(StepForm(self.career.store.document, self.career.today(),
                                      submit=submit, goal_id=goal_id))

    def edit_step_in_form(self, step: Step) -> None:
        """Open the step form on `step`."""
        def submit(draft: StepDraft) -> bool:
            return self.career.change(
                lambda tx: actions.edit_step(tx, step.id, **draft.fields()),
                f"edit “{one_line(step.title, 40)}”") is not None

        self.app.push_screen(StepForm(self.career.store.document, self.career.today(), step,
                                      submit=submit))

    def delete_step(self, step: Step) -> None:
        """Delete the step at once; ctrl+z brings it back."""
        title = one_line(step.title, 40)
        if self.career.change(lambda tx: actions.delete_step(tx, step.id), f"delete “{title}”"):
            self.notify(f"Deleted “{title}”. ctrl+z brings it back.", markup=False)

    def add_feedback_in_form(self, goal_id: int | None = None) -> None:
        """Record feedback from a mentor, manager or peer (on `goal_id`, or general)."""
        def submit(draft: FeedbackDraft) -> bool:
            return self.career.change(
                lambda tx: review_actions.add_feedback(tx, **draft.fields()),
                f"add feedback from {one_line(draft.who, 30)}") is not None

        self.app.push_screen(FeedbackForm(self.career.store.document, self.career.today(),
                                          goal_id=goal_id, submit=submit))
