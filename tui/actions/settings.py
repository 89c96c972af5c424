"""Changes to the person's preferences, kept in the document so every session shares them."""

from __future__ import annotations

from tui.domain.models import Settings, revise
from tui.store import Transaction


def set_theme(tx: Transaction, name: str) -> Settings:
    """Use theme `name` from now on, in this session and every other one."""
    settings = revise(tx.doc.settings, theme=name)
    tx.set(settings)
    return settings
