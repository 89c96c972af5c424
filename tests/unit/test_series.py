"""The numbers behind the Progress plots, against hand-checked values."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tui.actions import add_step, toggle_step
from tui.actions import goals as change
from tui.domain.goals import GoalDraft
from tui.domain.models import GoalStatus, Horizon, Metric, Recurrence
from tui.domain.series import (
    WeekCount,
    active_streak,
    forecast_finish,
    heatmap_weeks,
    local_day,
    metric_series,
    progress_on,
    skill_gaps,
    trajectory,
    week_of,
    weekly_burnup,
)
from tui.domain.demo import demo_document
from tui.store import Store

TODAY = date(2027, 1, 6)  # a Wednesday, the first week of 2027


class Clock:
    """A clock the test moves."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 12, 1, 9, 0))


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Store:
    return Store.open(tmp_path / "careerdash.json", clock=clock)


def check_off_on(store: Store, clock: Clock, when: datetime, title: str = "step",
                 goal_id: int | None = None) -> int:
    clock.now = when
    with store.transaction() as tx:
        step = add_step(tx, title, goal_id=goal_id)
        toggle_step(tx, step.id)
    return step.id


# --- weeks -------------------------------------------------------------------------------


def test_a_week_starts_on_monday_even_across_new_year() -> None:
    assert week_of(date(2027, 1, 1)) == date(2026, 12, 28)  # Friday → Monday before
    assert week_of(date(2026, 12, 28)) == date(2026, 12, 28)
    assert week_of(date(2027, 1, 3)) == date(2026, 12, 28)  # Sunday still that week
    assert week_of(date(2027, 1, 4)) == date(2027, 1, 4)


def test_weekly_burnup_buckets_by_week_across_the_year_end(store: Store, clock: Clock) -> None:
    for when in (datetime(2026, 12, 24, 10), datetime(2026, 12, 29, 10),
                 datetime(2027, 1, 2, 23, 30), datetime(2027, 1, 4, 8)):
        check_off_on(store, clock, when)
    weeks = weekly_burnup(store.document, TODAY, 28)
    assert weeks == [
        WeekCount(date(2026, 12, 7), 0, 0),
        WeekCount(date(2026, 12, 14), 0, 0),
        WeekCount(date(2026, 12, 21), 1, 1),
        WeekCount(date(2026, 12, 28), 2, 3),
        WeekCount(date(2027, 1, 4), 1, 4),
    ]


def test_a_check_off_counts_on_the_local_day_of_an_aware_time() -> None:
    late = datetime(2026, 12, 31, 23, 30, tzinfo=timezone.utc)
    assert local_day(late, timezone(timedelta(hours=2))) == date(2027, 1, 1)
    assert local_day(late, timezone(timedelta(hours=-5))) == date(2026, 12, 31)
    assert local_day(late.replace(tzinfo=None)) == date(2026, 12, 31)


def test_recurring_completions_each_count(store: Store, clock: Clock) -> None:
    clock.now = datetime(2027, 1, 4, 9)
    with store.transaction() as tx:
        step = add_step(tx, "practice", due=date(2027, 1, 4), recurrence=Recurrence(kind="daily"))
    for day in (4, 5, 6):
        clock.now = datetime(2027, 1, day, 9)
        with store.transaction() as tx:
            toggle_step(tx, step.id)
    assert weekly_burnup(store.document, TODAY, 7)[-1] == WeekCount(date(2027, 1, 4), 3, 3)


def test_everything_starts_at_the_first_record(store: Store, clock: Clock) -> None:
    check_off_on(store, clock, datetime(2026, 3, 4, 9))
    weeks = weekly_burnup(store.document, TODAY, None)
    assert weeks[0].week == date(2026, 3, 2) and weeks[-1].cumulative == 1


# --- a goal over time, and the forecast --------------------------------------------------


def test_progress_is_replayed_day_by_day(store: Store, clock: Clock) -> None:
    clock.now = datetime(2026, 12, 1, 9)
    with store.transaction() as tx:
        goal = change.add_goal(tx, GoalDraft("Ship the deploy tool", Horizon.SHORT,
                                             deadline=date(2027, 2, 1)), None)
        first = add_step(tx, "one", goal_id=goal.id)
        add_step(tx, "two", goal_id=goal.id)
    clock.now = datetime(2026, 12, 10, 9)
    with store.transaction() as tx:
        toggle_step(tx, first.id)
    doc = store.document
    assert progress_on(doc, goal.id, date(2026, 12, 9), TODAY) == 0.0
    assert progress_on(doc, goal.id, date(2026, 12, 10), TODAY) == 0.5
    assert progress_on(doc, goal.id, date(2026, 11, 30), TODAY) == 0.0  # before the steps


def test_a_metric_goal_follows_its_check_ins(store: Store, clock: Clock) -> None:
    with store.transaction() as tx:
        goal = change.add_goal(tx, GoalDraft("Finish the twelve practice labs", Horizon.SHORT,
                                             metric=Metric(baseline=0, target=12, unit="labs")),
                               None)
        change.check_in(tx, goal.id, 3, date(2026, 12, 5), "")
        change.check_in(tx, goal.id, 6, date(2026, 12, 20), "")
    doc = store.document
    assert progress_on(doc, goal.id, date(2026, 12, 4), TODAY) == 0.0
    assert progress_on(doc, goal.id, date(2026, 12, 10), TODAY) == 0.25
    assert progress_on(doc, goal.id, date(2026, 12, 31), TODAY) == 0.5
    series = metric_series(doc, doc.goals[goal.id], TODAY, None)
    assert (series.days, series.values, series.target) == (
        [date(2026, 12, 5), date(2026, 12, 20)], [3.0, 6.0], 12.0)


def test_the_forecast_extends_the_recent_pace() -> None:
    # 20 % in the last 28 days, 40 % to go: 56 more days.
    assert forecast_finish(0.6, 0.4, TODAY, 28) == TODAY + timedelta(days=56)
    assert forecast_finish(0.4, 0.4, TODAY, 28) is None  # no progress: no finish in sight
    assert forecast_finish(1.0, 0.9, TODAY, 28) == TODAY
    assert forecast_finish(0.5, 0.0, TODAY, 0) is None


def test_the_trajectory_sentence_compares_the_forecast_with_the_deadline(
        store: Store, clock: Clock) -> None:
    clock.now = datetime(2026, 12, 9, 9)  # 28 days before TODAY
    with store.transaction() as tx:
        goal = change.add_goal(tx, GoalDraft("Write the observability RFC", Horizon.SHORT,
                                             deadline=date(2027, 1, 20)), None)
        ids = [add_step(tx, f"part {n}", goal_id=goal.id).id for n in range(4)]
    clock.now = datetime(2027, 1, 5, 9)
    with store.transaction() as tx:
        toggle_step(tx, ids[0])
    line = trajectory(store.document, store.document.goals[goal.id], TODAY, 28)
    # 25 % in 28 days: 75 % to go takes 84 days, to 2027-03-31, ten weeks late.
    assert line.finish == date(2027, 3, 31)
    assert line.sentence == ("At this pace: 2027-03-31, 10 weeks after the deadline "
                             "(2027-01-20).")
    assert line.ideal[0] == (date(2026, 12, 10), pytest.approx(1 / 42))  # day 1 of 42
    assert line.ideal[-1] == (date(2027, 1, 20), 1.0)  # on to the deadline
    assert line.horizon == date(2027, 3, 31)  # far enough to show the forecast
    assert line.days[0] == date(2026, 12, 10) and line.days[-1] == TODAY


def test_a_goal_without_movement_says_so_and_a_done_goal_is_done(
        store: Store, clock: Clock) -> None:
    with store.transaction() as tx:
        goal = change.add_goal(tx, GoalDraft("Give a talk at the meetup", Horizon.SHORT,
                                             deadline=date(2027, 3, 1)), None)
        add_step(tx, "draft", goal_id=goal.id)
    line = trajectory(store.document, store.document.goals[goal.id], TODAY, 91)
    assert line.finish is None and line.sentence.startswith("No progress in the last 4 weeks")
    with store.transaction() as tx:
        change.set_status(tx, goal.id, GoalStatus.DONE)
    line = trajectory(store.document, store.document.goals[goal.id], TODAY, 91)
    assert line.sentence == "Done." and line.actual[-1] == 1.0


# --- skills and activity -----------------------------------------------------------------


def test_skill_gaps_widest_first() -> None:
    gaps = skill_gaps(demo_document(TODAY))
    widths = [g.target - g.current for g in gaps]
    assert widths == sorted(widths, reverse=True) and gaps
    assert all(1 <= g.current <= 5 and 1 <= g.target <= 5 for g in gaps)


def test_the_active_streak_counts_days_in_a_row() -> None:
    days = Counter({TODAY: 1, TODAY - timedelta(days=1): 2, TODAY - timedelta(days=2): 1,
                    TODAY - timedelta(days=4): 1})
    assert active_streak(days, TODAY) == 3
    del days[TODAY]
    assert active_streak(days, TODAY) == 2  # today is young: yesterday's run still counts
    assert active_streak(Counter(), TODAY) == 0


def test_heatmap_cells_are_weeks_of_seven_days_ending_this_week() -> None:
    counts = Counter({date(2027, 1, 4): 2, date(2026, 12, 31): 1, date(2027, 1, 7): 5})
    cells = heatmap_weeks(counts, TODAY, 2)
    # Week of 28 Dec: Thursday 31 Dec has one. Week of 4 Jan: Monday has two, Thursday on
    # is in the future.
    assert cells == [[0, 0, 0, 1, 0, 0, 0], [2, 0, 0, None, None, None, None]]
