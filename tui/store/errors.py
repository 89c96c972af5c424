"""What can go wrong with the data file, as messages a person can act on."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A change or a load that could not be done; nothing on disk was changed."""


class CorruptFile(StoreError):
    """The file cannot be parsed or validated; it is never written over."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path  # the file, so the command line can point to a good backup


class ReadOnlyError(StoreError):
    """The file was written by a newer careerdash and is only shown, never written."""


class LockTimeout(StoreError):
    """Another process held the lock for too long."""


class NotFound(StoreError):
    """A record named by id does not exist."""


class Conflict(StoreError):
    """An undo or redo found the records it would restore changed since, elsewhere."""


class Invalid(StoreError):
    """A change the plan's rules refuse (a duplicate name, say); nothing was written."""
