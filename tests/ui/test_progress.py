"""The Progress screen by keyboard: every plot on the demo plan, ranges, goals, redraws."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static
from textual_plotext import PlotextPlot

from tui.app import CareerApp
from tui.screens.progress import PLOTS, ProgressScreen

from .helpers import widget_text

SIZES = [(80, 24), (120, 40)]


def screen(app: CareerApp) -> ProgressScreen:
    return next(s for s in app.screen_stack if isinstance(s, ProgressScreen))


def caption(app: CareerApp) -> str:
    return str(screen(app).query_one("#progress-caption", Static).render())


def drawn(app: CareerApp) -> str:
    """What the plot area shows: the plotext figure or the activity calendar."""
    plot = screen(app).query_one(PlotextPlot)
    if plot.display:
        return widget_text(plot)
    return widget_text(screen(app).query_one("#progress-heatmap"))


EXPECTED = {
    "Burn-up": ("Steps checked off per week", "steps checked off in 3 months"),
    "Trajectory": ("Senior engineer by mid-2027", "At this pace:"),
    "Metric": ("Finish the 12 practice labs: target 12", "Last check-in"),
    "Skills": ("Kubernetes", "Widest gap: Kubernetes, 2 → 4"),
    "Activity": ("Mon", "Current streak: 4 days in a row"),
}


@pytest.mark.parametrize("size", SIZES)
async def test_every_plot_draws_on_the_demo_plan_switching_by_keys(
        app: CareerApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.press("5")
        await pilot.pause()
        seen = []
        for key in ("tab", "right_square_bracket", "tab", "right_square_bracket", "tab"):
            name = screen(app).plot_name
            seen.append(name)
            figure, sentence = EXPECTED[name]
            assert figure in drawn(app), name
            assert sentence in caption(app), name
            await pilot.press(key)
            await pilot.pause()
        assert seen == list(PLOTS)
        assert screen(app).plot_name == "Burn-up"  # round again
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen(app).plot_name == "Activity"
        await pilot.press("shift+tab")
        await pilot.pause()
        assert screen(app).plot_name == "Skills"


async def test_r_cycles_the_range(app: CareerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        tabs = screen(app).query_one("#progress-tabs", Static)
        ranges = []
        for _ in range(4):
            ranges.append(str(tabs.render()).split("   ")[-1].strip())
            await pilot.press("r")
            await pilot.pause()
        assert ranges == ["3 months (r)", "a year (r)", "everything (r)", "4 weeks (r)"]
        assert "steps checked off in 3 months" in caption(app)


async def test_g_picks_the_goal_the_trajectory_follows(app: CareerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5", "tab", "g")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        for _ in range(options.option_count):
            if "Become a confident speaker" in str(options.highlighted_option.prompt):
                break
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert "Become a confident speaker" in drawn(app)


async def test_checking_a_step_off_and_coming_back_moves_the_burn_up(app: CareerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        before = caption(app)
        await pilot.press("1", "space", "5")
        await pilot.pause()
        count = int(before.split()[0])
        assert caption(app).startswith(f"{count + 1} steps checked off")


async def test_with_no_history_each_plot_says_how_to_get_one(empty_app: CareerApp) -> None:
    async with empty_app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        hints = []
        for _ in PLOTS:
            hints.append(caption(empty_app))
            await pilot.press("tab")
            await pilot.pause()
        assert hints[0].startswith("No step checked off in the last 3 months")
        assert hints[1].startswith("No goal yet")
        assert hints[2].startswith("No goal measures a metric yet")
        assert hints[3].startswith("No skills yet")
        assert hints[4].startswith("No activity yet")
