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


def _v2_to_v3(tables: Tables) -> Tables:
    """Version 3 keeps a step's time estimate only as hours (estimate_hours, which the time
    budget adds up); a version 2 free-text estimate that reads as hours ("3", "2.5h") moves
    there, and is dropped otherwise (nothing in version 2 let a person set it)."""
    for step in tables.get("steps", {}).values():
        text = str(step.get("resources", {}).pop("estimate", "") or "")
        number = text.strip().casefold().removesuffix("h").strip()
        if step.get("estimate_hours") is None and number.replace(".", "", 1).isdigit():
            step["estimate_hours"] = float(number)
    return tables


def _v3_to_v4(tables: Tables) -> Tables:
    """Version 4 adds fields to reviews, all with defaults; nothing in version 3 wrote a
    review, so the tables carry over unchanged."""
    return tables


# from-version -> function returning the tables at from-version + 1; add an entry (and
# bump SCHEMA_VERSION) for each change of the format.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}


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
