"""Upgrades of older documents, applied in order, each from version N to N + 1."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Tables = dict[str, Any]

# from-version -> function returning the tables at from-version + 1. Empty while the
# format is at its first version; add an entry (and bump SCHEMA_VERSION) for each change.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {}


def migrate(tables: Tables, version: int, target: int) -> Tables:
    """Bring `tables` from `version` up to `target`, step by step."""
    while version < target:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ValueError(f"no migration from schema version {version}")
        tables = step(tables)
        version += 1
        tables["meta"]["1"]["schema_version"] = version
    return tables
