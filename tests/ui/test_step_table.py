"""The step table and the goal bars draw again only what a change touched, and draw it as
a table and bars opened afresh on the same plan would."""

from __future__ import annotations

from textual.color import Color
from textual.geometry import Region
from textual.pilot import Pilot
from textual.strip import Strip

from tui.actions.settings import set_theme
from tui.app import CareerApp
from tui.screens.step_form import StepForm
from tui.store import Store
from tui.widgets.step_table import StepTable

from .conftest import AppFactory
from .helpers import SIZE, bars, listed_ids, move_to, table, widget_text


async def settled(pilot: Pilot[int]) -> None:
    """Wait until the table has its first layout (which fills it again at the widths it
    then has) and has drawn its rows."""
    await pilot.press("j", "k")
    drawn(table(pilot.app))  # type: ignore[arg-type]


def drawn(steps: StepTable) -> list[Strip]:
    width, height = steps.size
    return steps.render_lines(Region(0, 0, width, height))


async def test_after_check_offs_the_screen_is_what_a_fresh_one_draws(
        app: CareerApp, make_app: AppFactory) -> None:
    async with app.run_test(size=SIZE) as pilot:
        first = table(app).step_id
        assert first is not None
        await pilot.press("space", "j", "space", "space")
        await move_to(pilot, first)
        await pilot.press("space")  # reopened
        await pilot.press("home")
        shown = widget_text(table(app)), widget_text(bars(app))
    fresh = make_app(Store.open(app.store.path, clock=app.store.clock))
    async with fresh.run_test(size=SIZE):
        assert (widget_text(table(fresh)), widget_text(bars(fresh))) == shown


async def test_each_drawn_row_tells_the_mouse_its_own_row(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("space")  # the rows below move up one
        steps = table(app)
        for y, strip in enumerate(drawn(steps)[steps.header_height:]):
            rows = {segment.style.meta.get("row") for segment in strip if segment.style}
            assert rows == {y}, f"line {y} is drawn with the metadata of row(s) {rows}"


async def test_a_click_after_a_check_off_lands_on_the_step_clicked(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("space")
        third = listed_ids(app)[2]
        row = (8, table(app).header_height + 2)
        await pilot.click(StepTable, offset=row)
        assert table(app).step_id == third
        await pilot.click(StepTable, offset=row)  # a click on the cursor's row opens it
        assert isinstance(app.screen, StepForm)


async def test_rows_drawn_before_a_new_theme_are_drawn_in_its_colours(app: CareerApp) -> None:
    def drawn_late_colour() -> str:  # the red of "… late" on the second row (the first has
        steps = table(app)           # the cursor's colours)
        line = drawn(steps)[steps.header_height + 1]
        late = next(s for s in line if s.text.strip().endswith("late"))
        assert late.style and late.style.color and late.style.color.triplet
        return late.style.color.triplet.hex

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = drawn_late_colour()
        with app.store.transaction() as tx:
            set_theme(tx, "careerdash-high-contrast")
        await pilot.pause()
        assert drawn_late_colour() == Color.parse(app.theme_variables["error"]).hex.lower()
        assert drawn_late_colour() != before
