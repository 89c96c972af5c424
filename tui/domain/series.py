"""The numbers behind the Progress plots, computed from the plan's own history.

History is what the plan already records: when each step was created and checked off
(and each completion of a recurring step), each metric check-in, each goal's start and
deadline. A goal's progress on a past day is replayed from those, so a trajectory exists
from the first day without snapshots being written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from tui.domain.document import Document
from tui.domain.goals import descendants
from tui.domain.models import Goal, GoalStatus, InventoryKind, Step

# (label, days back from today; None: since the first record)
RANGES: tuple[tuple[str, int | None], ...] = (
    ("4 weeks", 28), ("3 months", 91), ("a year", 365), ("everything", None))
FORECAST_WINDOW = 28  # days of recent progress the forecast extrapolates
HORIZON_PAST_DEADLINE = 365  # how far past the deadline a plotted forecast may reach


def local_day(moment: datetime, tz: tzinfo | None = None) -> date:
    """The calendar day of `moment` where the person is: an aware time is converted to
    `tz` (the machine's zone when None); a naive one is already local."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(tz).date()


def week_of(day: date) -> date:
    """The Monday of `day`'s week (ISO weeks: a week crossing New Year is one week)."""
    return day - timedelta(days=day.weekday())


def completion_days(doc: Document, tz: tzinfo | None = None) -> list[date]:
    """The day of every check-off: one-off steps done, and each completion of a
    recurring step."""
    days = [local_day(s.done_at, tz) for s in doc.steps.values()
            if s.done_at is not None and s.recurrence is None]
    days += [local_day(at, tz) for s in doc.steps.values() for at in s.completions]
    return days


def range_start(doc: Document, today: date, days: int | None,
                tz: tzinfo | None = None) -> date:
    """The first day of a range: `days` back, or the plan's first record for everything."""
    if days is not None:
        return today - timedelta(days=days - 1)
    firsts = [local_day(s.created_at, tz) for s in doc.steps.values()]
    firsts += [g.start for g in doc.goals.values()] + completion_days(doc, tz)
    return min(firsts, default=today)


@dataclass(frozen=True)
class WeekCount:
    """Check-offs in the week starting `week`, and in the range up to its end."""

    week: date
    done: int
    cumulative: int


def weekly_burnup(doc: Document, today: date, days: int | None,
                  tz: tzinfo | None = None) -> list[WeekCount]:
    """Steps checked off per week over the range, oldest first, with the running total."""
    start = range_start(doc, today, days, tz)
    counts = Counter(week_of(d) for d in completion_days(doc, tz) if start <= d <= today)
    weeks, total = [], 0
    week = week_of(start)
    while week <= today:
        total += counts[week]
        weeks.append(WeekCount(week, counts[week], total))
        week += timedelta(days=7)
    return weeks


# --- a goal over time --------------------------------------------------------------------


def _subtree(doc: Document, goal_id: int) -> tuple[list[Goal], dict[int, list[Step]]]:
    ids = {goal_id, *descendants(doc.goals, goal_id)}
    goals = [doc.goals[i] for i in ids]
    steps: dict[int, list[Step]] = {i: [] for i in ids}
    for step in doc.steps.values():
        if step.goal_id in steps and step.recurrence is None:
            steps[step.goal_id].append(step)
    return goals, steps


def progress_on(doc: Document, goal_id: int, day: date, today: date) -> float:
    """The goal's progress as it stood at the end of `day`, by the rules of
    goal_progress: steps that existed then, done by then; metric check-ins up to then;
    child goals the same way, dropped ones left out. A goal marked done is complete from
    its done time (from today, for one recorded without a time)."""
    goals, steps = _subtree(doc, goal_id)
    children: dict[int | None, list[Goal]] = {}
    for goal in goals:
        children.setdefault(goal.parent_id, []).append(goal)
    checkins = sorted((c for c in doc.checkins.values() if c.on <= day),
                      key=lambda c: (c.on, c.id))
    logged = {c.goal_id for c in doc.checkins.values()}

    def walk(goal: Goal) -> float:
        done_day = local_day(goal.done_at) if goal.done_at is not None else today
        if goal.status is GoalStatus.DONE and day >= done_day:
            return 1.0
        if goal.metric is not None:
            values = [c.value for c in checkins if c.goal_id == goal.id]
            # A current value typed in the form, with no check-in at all, has no date:
            # it is taken to have held all along.
            unlogged = goal.id not in logged and goal.metric.current is not None
            current = (values[-1] if values else
                       goal.metric.current if unlogged else goal.metric.baseline)
            span = goal.metric.target - goal.metric.baseline
            return min(1.0, max(0.0, (current - goal.metric.baseline) / span))
        parts = [walk(child) for child in children.get(goal.id, [])
                 if child.status is not GoalStatus.DROPPED and child.created_at.date() <= day]
        parts += [1.0 if s.done_at is not None and s.done_at.date() <= day else 0.0
                  for s in steps[goal.id] if s.created_at.date() <= day]
        return sum(parts) / len(parts) if parts else 0.0

    return walk(doc.goals[goal_id])


@dataclass(frozen=True)
class Trajectory:
    """A goal's progress on each day plotted, the ideal straight line, and a forecast."""

    days: list[date]
    actual: list[float]
    ideal: list[tuple[date, float]]  # the straight line, on to the deadline; [] without one
    finish: date | None  # the forecast day progress reaches 100 %
    horizon: date  # the last day worth plotting: today, the deadline or the forecast
    sentence: str
    reviewed: list[tuple[date, float]] = field(default_factory=list)  # weekly-review snapshots


def trajectory(doc: Document, goal: Goal, today: date, days: int | None,
               tz: tzinfo | None = None) -> Trajectory:
    """The goal's progress week by week from the range start (not before its start) to
    today, the line from 0 % at its start to 100 % at its deadline, and where the recent
    pace leads."""
    first = max(goal.start, range_start(doc, today, days, tz))
    points = list(steps_of(first, today, 7))
    actual = [progress_on(doc, goal.id, d, today) for d in points]
    ideal: list[tuple[date, float]] = []
    if goal.deadline is not None and goal.deadline > goal.start:
        length = (goal.deadline - goal.start).days
        ideal = [(d, min(1.0, max(0.0, (d - goal.start).days / length))) for d in points]
        if goal.deadline > today:
            ideal.append((goal.deadline, 1.0))
    recent = today - timedelta(days=FORECAST_WINDOW)
    finish = forecast_finish(
        actual[-1] if actual else 0.0,
        progress_on(doc, goal.id, max(recent, goal.start), today), today,
        (today - max(recent, goal.start)).days)
    horizon = max(today, goal.deadline or today)
    if finish is not None and finish <= horizon + timedelta(days=HORIZON_PAST_DEADLINE):
        horizon = max(horizon, finish)  # a forecast years away would squash the history
    reviewed = sorted((s.on, s.progress) for s in doc.snapshots.values()
                      if s.goal_id == goal.id and first <= s.on <= today)
    return Trajectory(points, actual, ideal, finish, horizon,
                      _sentence(goal, actual, finish, today), reviewed)


def steps_of(first: date, last: date, every: int) -> Iterator[date]:
    """`first`, every `every` days after it, and `last` itself."""
    day = first
    while day < last:
        yield day
        day += timedelta(days=every)
    yield last


def forecast_finish(now: float, then: float, today: date, days: int) -> date | None:
    """The day progress reaches 100 % if it keeps the pace from `then` (`days` ago) to
    `now`; today if already complete, None when it did not move forward."""
    if now >= 1.0:
        return today
    if days <= 0 or now <= then:
        return None
    per_day = (now - then) / days
    return today + timedelta(days=round((1.0 - now) / per_day))


def _sentence(goal: Goal, actual: list[float], finish: date | None, today: date) -> str:
    if goal.status is GoalStatus.DONE or (actual and actual[-1] >= 1.0):
        return "Done."
    if finish is None:
        return (f"No progress in the last {FORECAST_WINDOW // 7} weeks: at this pace it "
                "will not finish. Check off a step under it to start the forecast.")
    if goal.deadline is None:
        return f"At this pace: {finish}. It has no deadline to compare with."
    weeks = round(abs((finish - goal.deadline).days) / 7)
    if weeks == 0:
        return f"At this pace: {finish}, about on the deadline ({goal.deadline})."
    side = "after" if finish > goal.deadline else "before"
    unit = "week" if weeks == 1 else "weeks"
    return f"At this pace: {finish}, {weeks} {unit} {side} the deadline ({goal.deadline})."


# --- metrics and skills ----------------------------------------------------------------


@dataclass(frozen=True)
class MetricSeries:
    """A goal's metric check-ins over time, against its baseline and target."""

    days: list[date]
    values: list[float]
    baseline: float
    target: float
    unit: str


def metric_series(doc: Document, goal: Goal, today: date, days: int | None) -> MetricSeries:
    """Check-ins of the goal's metric in the range, oldest first (the goal has a metric)."""
    assert goal.metric is not None
    start = today - timedelta(days=days - 1) if days is not None else date.min
    checkins = sorted((c for c in doc.checkins.values()
                       if c.goal_id == goal.id and start <= c.on <= today),
                      key=lambda c: (c.on, c.id))
    return MetricSeries([c.on for c in checkins], [c.value for c in checkins],
                        goal.metric.baseline, goal.metric.target, goal.metric.unit)


@dataclass(frozen=True)
class SkillGap:
    name: str
    current: int
    target: int


def skill_gaps(doc: Document) -> list[SkillGap]:
    """Every skill's current and target level, the widest gap first."""
    skills = [SkillGap(s.name, s.current_level or 0, s.target_level or 0)
              for s in doc.inventory.values() if s.kind is InventoryKind.SKILL]
    return sorted(skills, key=lambda s: (-(s.target - s.current), s.name.casefold()))


# --- activity ----------------------------------------------------------------------------


def activity(doc: Document, tz: tzinfo | None = None) -> Counter[date]:
    """Check-offs per day."""
    return Counter(completion_days(doc, tz))


def active_streak(counts: Counter[date], today: date) -> int:
    """Days in a row with a check-off, ending today (or yesterday, while today is young)."""
    day = today if counts[today] else today - timedelta(days=1)
    streak = 0
    while counts[day]:
        streak += 1
        day -= timedelta(days=1)
    return streak


def heatmap_weeks(counts: Counter[date], today: date, weeks: int) -> list[list[int | None]]:
    """`weeks` columns of seven days (Monday first), the last column this week; each cell
    the day's check-offs, None for days after today."""
    first = week_of(today) - timedelta(days=7 * (weeks - 1))
    return [[counts[first + timedelta(days=7 * w + d)]
             if first + timedelta(days=7 * w + d) <= today else None for d in range(7)]
            for w in range(weeks)]
