"""Exporting the plan from the dashboard: pick a file, written in a worker thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from tui.screens.form import KEYS_HINT, FormScreen, field_row

# How far back the brag document offered in the palette reaches.
BRAG_DAYS = 365


@dataclass(frozen=True)
class ExportKind:
    """One export the palette offers."""

    key: str  # for the file name
    title: str
    help: str
    fmt: str  # a tui.exports format
    suffix: str
    brag: bool = False

    def default_path(self, today: date) -> Path:
        """~/careerdash-KEY-DATE.SUFFIX"""
        return Path.home() / f"careerdash-{self.key}-{today.isoformat()}{self.suffix}"

    def wins_since(self, today: date) -> date | None:
        """The brag document's first day; None for every other export."""
        return today - timedelta(days=BRAG_DAYS) if self.brag else None


EXPORTS = (
    ExportKind("plan", "Export plan (Markdown)",
               "The career development plan to bring to a 1:1", "markdown", ".md"),
    ExportKind("brag", "Export brag document (Markdown)",
               "Wins and feedback of the last 12 months, by month", "markdown", ".md",
               brag=True),
    ExportKind("plan", "Export plan (JSON)", "The whole plan; careerdash import reads it back",
               "json", ".json"),
    ExportKind("steps", "Export steps (CSV)", "The action steps, for a spreadsheet", "csv",
               ".csv"),
    ExportKind("calendar", "Export calendar (ICS)",
               "Deadlines and due dates as all-day events", "ics", ".ics"),
    ExportKind("tasks", "Export tasks (Taskwarrior)", "Action steps for task import",
               "taskwarrior", ".json"),
)


class ExportForm(FormScreen[Path]):
    """Asks where to write an export; an existing file is replaced only on a second ctrl+s."""

    def __init__(self, kind: ExportKind, today: date,
                 submit: Callable[[Path], bool] | None = None) -> None:
        super().__init__(submit)
        self.kind, self.today = kind, today
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box") as box:
            box.border_title = self.kind.title
            yield Label(Text(self.kind.help), classes="form-intro")
            yield from field_row("File", "path", Input(
                str(self.kind.default_path(self.today)), id="field-path"))
            yield Label(Text(KEYS_HINT), id="form-keys")

    @property
    def field_names(self) -> tuple[str, ...]:
        return ("path",)

    def collect(self) -> tuple[Path, dict[str, str]]:
        text = self.query_one("#field-path", Input).value.strip()
        path = Path(text).expanduser()
        if not text:
            return path, {"path": "where to write it, e.g. ~/plan.md"}
        if path.is_dir():
            return path, {"path": "is a folder; give a file name"}
        if not path.parent.is_dir():
            return path, {"path": f"there is no folder {path.parent}"}
        if path.exists() and self._confirmed != path:
            self._confirmed = path
            return path, {"path": "exists: ctrl+s again replaces it"}
        return path, {}
