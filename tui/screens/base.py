"""The base of every screen: re-read the document whenever the store has a new one."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from tui.domain.document import Document

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

    def on_mount(self) -> None:
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
