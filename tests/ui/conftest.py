"""Layered fixtures for the Pilot tests: fixed clock → empty store → demo plan → apps.

tests/conftest.py already points data, config and home at tmp_path (autouse `data_file`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from tui.app import CareerApp
from tui.domain.demo import demo_document
from tui.store import Store

FIXED = datetime(2026, 11, 23, 9, 0)  # a Monday
# Long enough that the background poll never fires during a test unless a test asks for it.
NO_POLL = 3600.0

AppFactory = Callable[..., CareerApp]


@pytest.fixture
def clock() -> Callable[[], datetime]:
    """The store's clock: always Monday 23 November 2026, 09:00."""
    return lambda: FIXED


@pytest.fixture
def empty_store(data_file: Path, clock: Callable[[], datetime]) -> Store:
    """A store on a file that does not exist yet (tests/conftest.py's data_file, in tmp_path)."""
    return Store.open(data_file, clock=clock)


@pytest.fixture
def demo_store(empty_store: Store) -> Store:
    """The sample plan, dated relative to the fixed day, written to the file."""
    empty_store.replace_document(demo_document(FIXED.date()))
    return empty_store


@pytest.fixture
def make_app() -> AppFactory:
    """Build a CareerApp on a store; the poll interval is long unless a test sets it."""

    def make(store: Store, *, poll_seconds: float = NO_POLL,
             theme: str | None = None) -> CareerApp:
        return CareerApp(store, poll_seconds=poll_seconds, theme=theme)

    return make


@pytest.fixture
def app(demo_store: Store, make_app: AppFactory) -> CareerApp:
    """The app on the sample plan."""
    return make_app(demo_store)


@pytest.fixture
def empty_app(empty_store: Store, make_app: AppFactory) -> CareerApp:
    """The app on an empty store."""
    return make_app(empty_store)
