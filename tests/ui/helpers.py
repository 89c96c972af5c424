"""Reading the Today screen and typing into its forms, shared by the Pilot tests."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Label

from tui import actions
from tui.app import CareerApp
from tui.domain.models import Step
from tui.screens.step_form import StepForm
from tui.screens.today import TodayScreen
from tui.store import Store
from tui.widgets.goal_bars import GoalBars, GoalRow
from tui.widgets.step_table import StepTable

SIZE = (80, 24)

# The sample plan on Monday 23 November 2026: open overdue steps first (priority, then the
# oldest), then the open steps due today.
OVERDUE = [
    "Book the exam date",
    "Fix rollback for canary deploys",
    "Renew conference budget request",
    "Address review comments [round 1]",
]
DUE_TODAY = [
    "Onboard the payments team",
    "Review draft with Priya",
    "Confirm the date and venue",
    "30 minutes of kubectl practice",
    "Update the brag document",
]


def today_screen(app: CareerApp) -> TodayScreen:
    """The Today screen, even while a modal is on top of it."""
    return next(s for s in app.screen_stack if isinstance(s, TodayScreen))


def table(app: CareerApp) -> StepTable:
    return today_screen(app).query_one(StepTable)


def bars(app: CareerApp) -> GoalBars:
    return today_screen(app).query_one(GoalBars)


def cell(app: CareerApp, step_id: int, column: str) -> str:
    """The plain text of one cell of the row of `step_id`."""
    return table(app).get_cell(str(step_id), column).plain


def listed_ids(app: CareerApp) -> list[int]:
    """Step ids in the order of the table's rows."""
    steps = table(app)
    return [int(steps.coordinate_to_cell_key((row, 0)).row_key.value or 0)
            for row in range(steps.row_count)]


def step_titled(store: Store, title: str) -> Step:
    matches = [s for s in store.document.steps.values() if s.title == title]
    assert len(matches) == 1, f"{len(matches)} steps titled {title!r}"
    return matches[0]


def goal_row(app: CareerApp, goal_id: int) -> GoalRow:
    return next(row for row in bars(app).rows if row.goal_id == goal_id)


def widget_text(widget: Widget) -> str:
    """The lines `widget` draws right now, as plain text."""
    width, height = widget.size
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


def screen_text(app: CareerApp, folder: Path) -> str:
    """Every character on the terminal, read back from a saved SVG screenshot."""
    path = Path(app.save_screenshot(filename="screen.svg", path=str(folder)))
    svg = path.read_text(encoding="utf-8")
    texts = re.findall(r"<text [^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(texts)).replace("\xa0", " ")


async def move_to(pilot: Pilot[int], step_id: int) -> None:
    """Walk the cursor down with j until it is on `step_id`."""
    steps = table(pilot.app)  # type: ignore[arg-type]
    for _ in range(steps.row_count):
        if steps.step_id == step_id:
            return
        await pilot.press("j")
    assert steps.step_id == step_id, f"step {step_id} is not listed"


async def retype(pilot: Pilot[int], field: Input, text: str) -> None:
    """Clear the focused field with keys and type `text` into it."""
    assert field.has_focus, f"{field.id} does not have the focus"
    await pilot.press("home", "ctrl+k", *text)
    assert field.value == text


def form_field(app: CareerApp, name: str) -> Input:
    return app.screen.query_one(f"#field-{name}", Input)


def error_label(app: CareerApp, name: str) -> Label:
    return app.screen.query_one(f"#error-{name}", Label)


async def open_form_and_fill(pilot: Pilot[int], title: str, due: str) -> None:
    """Press a, type the title, tab to Due and type the due date."""
    app: CareerApp = pilot.app  # type: ignore[assignment]
    await pilot.press("a")
    assert isinstance(app.screen, StepForm)
    await retype(pilot, form_field(app, "title"), title)
    await pilot.press("tab")
    await retype(pilot, form_field(app, "due"), due)


def add_step_elsewhere(path: Path, clock: Callable[[], object], title: str, due: date) -> int:
    """Another process (a second Store on the same file) adds a step."""
    other = Store.open(path, clock=clock)  # type: ignore[arg-type]
    with other.transaction() as tx:
        step = actions.add_step(tx, title, due=due)
    return step.id
