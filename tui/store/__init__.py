"""The store: the only code that reads or writes the data file.

The errors are plain exceptions, loaded at once; `Store` and `Transaction` (with the
models and TinyDB behind them) load on first use, so code that only names the errors,
such as the command line's error report, does not pay for them.
"""

from typing import TYPE_CHECKING

from tui.store.errors import (
    Conflict,
    CorruptFile,
    Invalid,
    LockTimeout,
    NotFound,
    ReadOnlyError,
    StoreError,
)

if TYPE_CHECKING:
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


def __getattr__(name: str) -> object:
    if name in ("Store", "Transaction"):
        from tui.store import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
