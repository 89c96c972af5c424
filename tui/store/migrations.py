"""Upgrades of older documents, applied in order, each from version N to N + 1."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Tables = dict[str, Any]



def _v1_to_v2(tables: Tables) -> Tables:
    """Version 2 lets a goal name the skills it builds; version 1 goals build none."""
    for goal in tables.get("goals", {}).values():
        goal.setdefault("skill_ids", [])
    return tables


# from-version -> function returning the tables at from-version + 1; add an entry (and
# bump SCHEMA_VERSION) for each change of the format.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {1: _v1_to_v2}


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
