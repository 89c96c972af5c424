"""Reading a file from a newer careerdash: keep what this version knows, drop the rest.

Such a file is opened read-only, so what is dropped here is never written back.
"""

from __future__ import annotations

import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from tui.domain.document import RECORD_TABLES, SINGLE_TABLES

Tables = dict[str, Any]


def known_only(tables: Tables) -> Tables:
    """`tables` without the tables, and the fields at any depth, this version has no
    model for."""
    known: Tables = {}
    for name, table in tables.items():
        model = RECORD_TABLES.get(name) or SINGLE_TABLES.get(name)
        if model is None or not isinstance(table, dict):
            known[name] = table if name == "meta" else None  # meta: what tells the version
            continue
        known[name] = {key: _prune(record, model) for key, record in table.items()}
    return {name: table for name, table in known.items() if table is not None}


def _prune(value: Any, annotation: Any) -> Any:
    """`value` with the keys `annotation`'s models do not declare left out."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if not isinstance(value, dict):
            return value  # wrong shape: validation says so
        fields = annotation.model_fields
        return {k: _prune(v, fields[k].annotation) for k, v in value.items() if k in fields}
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        return _prune(value, models[0]) if len(models) == 1 and isinstance(value, dict) else value
    if origin is list and args and isinstance(value, list):
        return [_prune(item, args[0]) for item in value]
    if origin is dict and len(args) == 2 and isinstance(value, dict):
        return {k: _prune(v, args[1]) for k, v in value.items()}
    if args and origin is not None and hasattr(origin, "__metadata__"):
        return _prune(value, args[0])
    return value
