"""Progress: plots that show whether the plan is working."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Static

from tui.domain.document import Document
from tui.domain.models import Goal, GoalStatus
from tui.domain.progress import tree_order
from tui.domain.series import (RANGES, active_streak, activity, metric_series, range_start,
                               skill_gaps, trajectory, weekly_burnup)
from tui.domain.text import one_line
from tui.screens.base import BaseScreen
from tui.widgets.choice_dialog import ChoiceDialog
from tui.widgets.progress_plots import (Colours, SeriesPlot, draw_burnup, draw_metric,
                                        draw_trajectory, heatmap, skill_bars)

PLOTS = ("Burn-up", "Trajectory", "Metric", "Skills", "Activity")
_DEFAULT_RANGE = 1  # 3 months


class ProgressScreen(BaseScreen):
    """One plot at a time, switched with tab or [ ]; r changes the range, g the goal."""

    AUTO_FOCUS = ""
    HELP = ("Plots of the plan's own history: check-offs per week, a goal against its "
            "line, metric check-ins, skill gaps and daily activity.")
    BINDINGS = [
        Binding("tab,right_square_bracket", "plot(1)", "Next plot", key_display="tab/]",
                id="progress-next"),
        Binding("shift+tab,left_square_bracket", "plot(-1)", "Previous", key_display="[",
                id="progress-previous"),
        Binding("r", "cycle_range", "Range", id="progress-range"),
        Binding("g", "pick_goal", "Goal", id="progress-goal"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.plot_index = 0
        self.range_index = _DEFAULT_RANGE
        self.goal_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="progress-tabs")
        with Vertical(id="progress-panel", classes="panel"):
            yield SeriesPlot(id="progress-plot")
            yield Static(id="progress-heatmap")
            yield Static(id="progress-caption")
        yield Footer()

    # --- what is shown -----------------------------------------------------------------------

    @property
    def plot_name(self) -> str:
        return PLOTS[self.plot_index]

    def _candidates(self, doc: Document) -> list[tuple[int, Goal]]:
        """The goals the current plot can follow, in tree order with their depth: every goal
        not dropped (for the metric plot, those with a metric)."""
        return [(depth, goal) for depth, goal in tree_order(doc)
                if goal.status is not GoalStatus.DROPPED
                and (goal.metric is not None or self.plot_name != "Metric")]

    def _goal(self, doc: Document) -> Goal | None:
        """The goal the trajectory and metric plots show: the one picked, else the first
        active one (with a metric, for the metric plot)."""
        candidates = [goal for _depth, goal in self._candidates(doc)]
        chosen = doc.goals.get(self.goal_id) if self.goal_id is not None else None
        if chosen is not None and chosen in candidates:
            return chosen
        active = [g for g in candidates if g.status is GoalStatus.ACTIVE]
        if self.plot_name == "Metric":  # one with check-ins to show, where there is one
            measured = {c.goal_id for c in doc.checkins.values()}
            active = [g for g in active if g.id in measured] or active
        return (active or candidates or [None])[0]

    def show(self, doc: Document) -> None:
        today = self.career.today()
        label, days = RANGES[self.range_index]
        goal = self._goal(doc)
        tabs = [Content.styled(f" {name} ", "bold reverse $primary") if name == self.plot_name
                else Content(f" {name} ") for name in PLOTS]
        settings = "" if self.plot_name == "Skills" else f"   {label} (r)"
        if self.plot_name in ("Trajectory", "Metric"):
            settings += " · another goal (g)"
        self.query_one("#progress-tabs", Static).update(
            Content("").join([*tabs, Content.styled(settings, "$foreground-muted")]))
        plot = self.query_one(SeriesPlot)
        calendar = self.query_one("#progress-heatmap", Static)
        caption = self.query_one("#progress-caption", Static)
        colours = Colours.of(self.app)
        shown, text = self._draw(doc, goal, today, days, label, plot, calendar, colours)
        plot.display = shown == "plot"
        calendar.display = shown == "calendar"
        caption.update(Content(text))
        plot.refresh()

    def _draw(self, doc: Document, goal: Goal | None, today, days: int | None, label: str,
              plot: SeriesPlot, calendar: Static, colours: Colours) -> tuple[str, str]:
        """Draw the current plot; returns what to show ("plot": the plotext figure,
        "calendar": the plots made of terminal cells, or "none") and the sentence under it."""
        name = self.plot_name
        if name == "Burn-up":
            weeks = weekly_burnup(doc, today, days)
            total = weeks[-1].cumulative if weeks else 0
            if not total:
                return "none", (f"No step checked off in the last {label}. Check steps off on "
                                "Today (1) or the Board (4): each week's count appears here.")
            plot.draw = lambda widget, room: draw_burnup(widget, weeks, colours, room)
            return "plot", f"{total} steps checked off in {label if days else 'all'}."
        if name == "Trajectory":
            if goal is None:
                return "none", "No goal yet. Add one on Goals (3) to follow it here."
            line = trajectory(doc, goal, today, days)
            plot.draw = lambda widget, room: draw_trajectory(widget, goal.title, line, colours,
                                                             room)
            return "plot", line.sentence
        if name == "Metric":
            if goal is None:
                return "none", ("No goal measures a metric yet. Give one a metric on Goals (3)"
                                " and log check-ins with c: they appear here.")
            series = metric_series(doc, goal, today, days)
            if not series.values:
                return "none", (f"No check-in of “{one_line(goal.title, 40)}” in the last "
                                f"{label}. Log one on Goals (3) with c.")
            plot.draw = lambda widget, room: draw_metric(widget, goal.title, series, colours,
                                                         room)
            last = series.values[-1]
            return "plot", (f"Last check-in {series.days[-1]}: {last:g} of {series.target:g}"
                            f" {one_line(series.unit, 20)}".rstrip() + ".")
        if name == "Skills":
            gaps = skill_gaps(doc)
            if not gaps:
                return "none", ("No skills yet. Add them on Values (2) with their current and "
                                "target level: the gaps appear here.")
            calendar.update(skill_bars(gaps, self.app.size.width - 6))
            widest = gaps[0]
            return "calendar", (f"Widest gap: {one_line(widest.name, 40)}, {widest.current} → "
                            f"{widest.target}. g on a skill in Values (2) adds a goal for it.")
        counts = activity(doc)
        fit = (self.app.size.width - 10) // 2  # two cells a week beside the day names
        span = (today - range_start(doc, today, days)).days // 7 + 1
        weeks = max(4, min(fit, span))
        calendar.update(heatmap(counts, today, weeks, colours))
        streak = active_streak(counts, today)
        if not counts:
            return "calendar", ("No activity yet. Each day you check a step off lights a square "
                                "here.")
        days_word = "day" if streak == 1 else "days"
        return "calendar", f"Current streak: {streak} {days_word} in a row with a check-off."

    # --- keys ------------------------------------------------------------------------------

    def commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Next plot", "Burn-up, trajectory, metric, skills, activity (tab)",
                            lambda: self.action_plot(1))
        yield SystemCommand("Plot range", "4 weeks, 3 months, a year, everything (r)",
                            self.action_cycle_range)
        yield SystemCommand("Plot another goal", "The goal the trajectory follows (g)",
                            self.action_pick_goal)

    def action_plot(self, step: int) -> None:
        """Show the next or previous plot."""
        self.plot_index = (self.plot_index + step) % len(PLOTS)
        self.show(self.career.store.document)

    def action_cycle_range(self) -> None:
        """4 weeks → 3 months → a year → everything."""
        self.range_index = (self.range_index + 1) % len(RANGES)
        self.show(self.career.store.document)

    def action_pick_goal(self) -> None:
        """Choose the goal the trajectory and metric plots follow."""
        doc = self.career.store.document
        goals = self._candidates(doc)
        if not goals:
            self.notify("No goal to choose.", severity="warning")
            return
        current = self._goal(doc)

        def chosen(key: str | None) -> None:
            if key is not None:
                self.goal_id = int(key)
                self.show(self.career.store.document)

        self.app.push_screen(ChoiceDialog(
            "Follow which goal?", [(str(g.id), "  " * d + one_line(g.title, 60)) for d, g in goals],
            str(current.id) if current else None), chosen)
