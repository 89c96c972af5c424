"""The store: the only code that reads or writes the data file."""

from tui.store.errors import (
    Conflict,
    CorruptFile,
    Invalid,
    LockTimeout,
    NotFound,
    ReadOnlyError,
    StoreError,
)
from tui.store.store import Store, Transaction

__all__ = [
    "Conflict",
    "CorruptFile",
    "Invalid",
    "LockTimeout",
    "NotFound",
    "ReadOnlyError",
    "Store",
    "StoreError",
    "Transaction",
]
