"""Exports of the plan: Markdown, JSON, CSV, iCalendar and Taskwarrior."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

# Light to import: the command line's parser names FORMATS before any plan is loaded.
if TYPE_CHECKING:
    from tui.domain.document import Document

FORMATS = ("markdown", "json", "csv", "ics", "taskwarrior")


class FormatError(ValueError):
    """A file to import that cannot be read; the message says where in it and what."""


def render(doc: Document, fmt: str, now: datetime, *, wins_since: date | None = None) -> str:
    """The plan in export format `fmt` (one of FORMATS), as of `now`."""
    # Each renderer is imported only when asked for, so one export loads one module.
    if fmt == "markdown":
        from tui.exports.markdown import brag_markdown, plan_markdown

        if wins_since is not None:
            return brag_markdown(doc, wins_since, now.date())
        return plan_markdown(doc, now.date())
    if fmt == "json":
        from tui.exports.json_doc import document_json

        return document_json(doc)
    if fmt == "csv":
        from tui.exports.steps_csv import steps_csv

        return steps_csv(doc)
    if fmt == "ics":
        from tui.exports.ics import calendar_ics

        return calendar_ics(doc, now)
    if fmt == "taskwarrior":
        from tui.exports.taskwarrior import tasks_json

        return tasks_json(doc)
    raise ValueError(f"{fmt!r} is not an export format; use one of {', '.join(FORMATS)}")


def write_file(path: Path, text: str) -> int:
    """Write an export to `path` atomically and private to its owner (0600): it holds a
    personal plan. Returns the number of bytes written; raises StoreError."""
    from tui.store import storage

    data = text.encode()
    storage.write_atomic(path, data)  # the data file's own temp-file, fsync, rename path
    return len(data)
