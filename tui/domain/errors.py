"""Readable messages from pydantic validation errors."""

from __future__ import annotations

from pydantic import ValidationError

_PREFIXES = ("Value error, ", "Assertion failed, ")


def field_errors(error: ValidationError) -> dict[str, str]:
    """Map each failing field (dotted path, '' for the whole record) to one clear message."""
    messages: dict[str, str] = {}
    for item in error.errors(include_url=False):
        location = ".".join(str(part) for part in item["loc"])
        message = item["msg"]
        for prefix in _PREFIXES:
            message = message.removeprefix(prefix)
        if item["type"] == "missing":
            message = "is required"
        messages.setdefault(location, message)
    return messages


def describe(error: ValidationError, limit: int = 3) -> str:
    """One line naming what is wrong and where, e.g. 'steps.12.due: not a valid date'."""
    parts = [f"{loc}: {msg}" if loc else msg for loc, msg in field_errors(error).items()]
    more = len(parts) - limit
    text = "; ".join(parts[:limit])
    return f"{text} (and {more} more)" if more > 0 else text
