"""Drawing the Progress series with plotext (through textual-plotext's widget) and the
activity calendar with terminal cells. The series themselves come from tui.domain.series."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from rich.cells import cell_len
from textual.app import App, RenderResult
from textual.color import Color, ColorParseError
from textual.content import Content
from textual_plotext import PlotextPlot

from tui.domain.series import (MetricSeries, SkillGap, Trajectory, WeekCount, heatmap_weeks,
                               steps_of)
from tui.domain.text import one_line
from tui.widgets.palette import theme_variables

RGB = tuple[int, int, int]
# A colour as plotext takes it: RGB, an ANSI colour number (0-15, drawn in the terminal's
# own palette) or "default" (the terminal's own text colour).
PlotColour = RGB | int | str


class SeriesPlot(PlotextPlot):
    """textual-plotext's widget, drawn at render time so the tick labels are thinned to
    the terminal's current width (the plot spans it, less the panel's border)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.draw: Callable[[PlotextPlot, int], None] | None = None
        # plotext counts a wide character (CJK, emoji) in a title as one cell: the line it
        # makes is cut at the edge, never wrapped onto a second line that pushes the plot down.
        self.styles.text_wrap = "nowrap"
        self.styles.text_overflow = "clip"

    def render(self) -> RenderResult:
        # An ANSI theme's surface is "transparent" and its text "ansi_default": the "auto"
        # plot theme would turn both into black. "textual-clear" leaves the terminal's own.
        self.set_reactive(PlotextPlot.theme,
                          "textual-clear" if self.app.current_theme.ansi else "auto")
        if self.draw is not None:
            # The terminal's width, not the widget's: renders during layout see passing
            # sizes, and the labels must not depend on which one came last.
            self.draw(self, max(20, self.app.size.width - 14))
        return super().render()


@dataclass(frozen=True)
class Colours:
    """The theme's colours, as plotext takes them, and the activity calendar's shades."""

    primary: PlotColour
    success: PlotColour
    warning: PlotColour
    error: PlotColour
    muted: PlotColour
    heat: tuple[tuple[str, str], ...]  # four (glyph, style): a few check-offs … the most

    @classmethod
    def of(cls, app: App[object]) -> Colours:
        variables = theme_variables(app)
        ansi = app.current_theme.ansi

        def parse(name: str, fallback: str) -> Color:
            try:
                return Color.parse(variables.get(name) or fallback)
            except ColorParseError:  # "ansi_default 50%", "auto 60%": a plain colour
                return Color.parse(fallback)

        success = parse("success", "ansi_green" if ansi else "green")
        return cls(plot_colour(parse("primary", "ansi_blue" if ansi else "blue")),
                   plot_colour(success),
                   plot_colour(parse("warning", "ansi_yellow" if ansi else "yellow")),
                   plot_colour(parse("error", "ansi_red" if ansi else "red")),
                   plot_colour(parse("foreground-muted", "ansi_default" if ansi else "grey")),
                   _heat(success, parse("background", "black")))


def plot_colour(colour: Color) -> PlotColour:
    """ANSI colours stay ANSI colours (plotext writes 0-15 as the terminal's own); the rest
    as RGB."""
    if colour.ansi is not None:
        return "default" if colour.ansi < 0 else colour.ansi
    return colour.rgb


def _x(days: list[date]) -> list[int]:
    """Days as x positions: days since the first, so uneven gaps stay uneven."""
    return [(d - days[0]).days for d in days] if days else []


def _labels(days: list[date], room: int) -> tuple[list[int], list[str]]:
    """Tick positions and "23 Nov" labels, nine cells apart at least in `room` cells, the
    last day always labelled: plotext drops labels that collide by itself, and not always
    the same ones."""
    if not days:
        return [], []
    x = _x(days)
    gap = 9 * max(x[-1], 1) / max(room, 9)  # nine cells, in days
    kept = [0]
    for i in range(1, len(days)):
        if x[i] - x[kept[-1]] >= gap:
            kept.append(i)
    if kept[-1] != len(days) - 1:
        if len(kept) > 1 and x[-1] - x[kept[-1]] < gap:
            kept.pop()  # make room for the last day
        kept.append(len(days) - 1)
    return [x[i] for i in kept], [f"{days[i]:%d %b}" for i in kept]


def draw_burnup(plot: PlotextPlot, weeks: list[WeekCount], colours: Colours,
                room: int) -> None:
    plt = plot.plt
    plt.clear_figure()
    x = _x([w.week for w in weeks])
    plt.bar(x, [w.done for w in weeks], color=colours.primary, width=0.6,
            label="done that week")
    plt.plot(x, [w.cumulative for w in weeks], color=colours.success, marker="braille",
             yside="right", label="total in range")
    plt.xticks(*_labels([w.week for w in weeks], room))
    plt.title("Steps checked off per week")
    plt.xlabel("week starting")
    plt.ylabel("per week", yside="left")
    plt.ylabel("total", yside="right")


def draw_trajectory(plot: PlotextPlot, goal_title: str, line: Trajectory,
                    colours: Colours, room: int) -> None:
    """Progress so far, the straight line on to the deadline, and the forecast from today
    to the day the recent pace reaches 100 %."""
    plt = plot.plt
    plt.clear_figure()
    first = line.days[0]

    def x(day: date) -> int:
        return (day - first).days

    if line.ideal:
        plt.plot([x(d) for d, _ in line.ideal], [v * 100 for _, v in line.ideal],
                 color=colours.muted, marker="braille", label="straight line to the deadline")
    plt.plot([x(d) for d in line.days], [v * 100 for v in line.actual], color=colours.primary,
             marker="braille", label="progress")
    if line.reviewed:  # what each weekly review recorded, against the replayed history
        plt.scatter([x(d) for d, _ in line.reviewed], [v * 100 for _, v in line.reviewed],
                    color=colours.success, marker="◆", label="weekly review")
    today = line.days[-1]
    if line.finish is not None and today < line.finish <= line.horizon:
        plt.plot([x(today), x(line.finish)], [line.actual[-1] * 100, 100],
                 color=colours.warning, marker="dot", label="at this pace")
    end = max(x(line.horizon), 1)
    plt.ylim(0, 100)
    plt.xlim(0, end * 1.02)  # braille reaches a cell past the last point
    ticks = list(steps_of(first, line.horizon, 7))
    plt.xticks(*_labels(ticks, room))
    plt.title(fit(one_line(goal_title, 60), room + 4))
    plt.ylabel("% done")


def fit(text: str, cells: int) -> str:
    """`text` cut with an ellipsis to at most `cells` terminal cells: plotext leaves out a
    title longer than the plot is wide."""
    if cell_len(text) <= cells:
        return text
    while text and cell_len(text) > cells - 1:
        text = text[:-1]
    return text + "…"


def draw_metric(plot: PlotextPlot, goal_title: str, series: MetricSeries,
                colours: Colours, room: int) -> None:
    plt = plot.plt
    plt.clear_figure()
    x = _x(series.days)
    plt.plot(x, series.values, color=colours.primary, marker="braille", label="check-ins")
    plt.scatter(x, series.values, color=colours.primary, marker="●")
    plt.hline(series.target, colours.success)
    plt.hline(series.baseline, colours.muted)
    low, high = sorted((series.baseline, series.target))
    values = [*series.values, low, high]
    margin = (max(values) - min(values)) * 0.1 or 1
    plt.ylim(min(values) - margin, max(values) + margin)
    plt.xticks(*_labels(series.days, room))
    unit = f" ({fit(one_line(series.unit, 20), 20)})" if series.unit else ""
    numbers = f": target {series.target:g}{unit}, baseline {series.baseline:g}"
    plt.title(fit(one_line(goal_title, 50), room + 4 - cell_len(numbers)) + numbers)
    plt.ylabel(one_line(series.unit, 20) or "value")


def skill_bars(gaps: list[SkillGap], width: int) -> Content:
    """Each skill on its own line: its level so far as a solid bar, the way to its target
    as a light one, and the numbers. (plotext's grouped horizontal bars put the names
    between the pairs at 80x24, so which pair was whose could not be read.)"""
    name_width = min(24, max(len(g.name) for g in gaps))
    unit = max(2, (width - name_width - 12) // 5)  # cells per level
    lines = [Content.styled(f"{'':<{name_width}}  " + "".join(
        f"{level:<{unit}}" for level in range(6)).rstrip(), "$foreground-muted")]
    for gap in gaps:
        have = "█" * (gap.current * unit)
        to_go = "░" * (max(0, gap.target - gap.current) * unit)
        rest = " " * ((5 - max(gap.current, gap.target)) * unit)
        lines.append(Content.assemble(
            f"{one_line(gap.name, name_width):<{name_width}}  ", (have, "$primary"),
            (to_go, "$success"), rest, (f"  {gap.current} → {gap.target}", "$foreground-muted")))
    lines += [Content(""), Content.assemble(("█", "$primary"), " current level   ",
                                            ("░", "$success"), " to the target")]
    return Content("\n").join(lines)


_SHADES = (0.25, 0.5, 0.75, 1.0)


def _heat(done: Color, background: Color) -> tuple[tuple[str, str], ...]:
    """Four cells for the activity calendar, few check-offs to many: `done` blended into
    `background`. The terminal's own colours cannot be blended: there the square goes
    from dim to bold and the busiest days are a full block."""
    if done.ansi is None and background.ansi is None:
        return tuple(("■", background.blend(done, shade).hex) for shade in _SHADES)
    plain = done.hex  # "ansi_green" for an ANSI colour
    return (("■", f"dim {plain}"), ("■", plain), ("■", f"bold {plain}"), ("█", plain))


def heatmap(counts: Counter[date], today: date, weeks: int, colours: Colours) -> Content:
    """A calendar of check-offs per day: a column per week, a row per weekday, each cell
    shaded by how many steps were checked off that day."""
    cells = heatmap_weeks(counts, today, weeks)
    busiest = max((c for week in cells for c in week if c), default=1)
    header = [" "] * (2 * weeks)
    first = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    for w in range(weeks):
        day = first + timedelta(days=7 * w)
        if day.day <= 7 and 2 * w + 3 <= len(header):  # a month's name over its first week
            header[2 * w:2 * w + 3] = f"{day:%b}"
    rows = [Content.styled("    " + "".join(header).rstrip(), "$foreground-muted")]
    for weekday, name in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun")):
        parts = [Content(f"{name:<4}")]
        for week in cells:
            count = week[weekday]
            if count is None:
                parts.append(Content("  "))
            elif count == 0:
                parts.append(Content.styled("· ", "$foreground-muted"))
            else:
                glyph, style = colours.heat[min(3, (count - 1) * 4 // busiest)]
                parts.append(Content.styled(f"{glyph} ", style))
        rows.append(Content("").join(parts))
    legend = [Content.styled("    less ", "$foreground-muted"),
              Content.styled("· ", "$foreground-muted")]
    legend += [Content.styled(f"{glyph} ", style) for glyph, style in colours.heat]
    total = sum(c for week in cells for c in week if c)
    active = sum(1 for week in cells for c in week if c)
    legend.append(Content.styled(f"more    {total} check-offs on {active} days in these "
                                 f"{weeks} weeks", "$foreground-muted"))
    return Content("\n").join([*rows, Content(""), Content("").join(legend)])
