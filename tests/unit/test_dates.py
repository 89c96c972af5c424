"""The date parser people type into, and the short labels for due dates."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.dates import WEEKDAYS, DateError, describe_due, parse_date

TODAY = date(2026, 11, 23)  # a Monday


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


def test_today_is_a_monday() -> None:
    assert TODAY.weekday() == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("2024-02-29", date(2024, 2, 29)),
        ("1999-01-01", date(1999, 1, 1)),
        ("today", TODAY),
        ("tomorrow", days(1)),
        ("+0d", TODAY),
        ("+3d", days(3)),
        ("+2w", days(14)),
        ("+1w", days(7)),
        ("+9999d", days(9999)),
    ],
)
def test_iso_dates_words_and_offsets(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tuesday", days(1)),
        ("wednesday", days(2)),
        ("thursday", days(3)),
        ("friday", days(4)),
        ("saturday", days(5)),
        ("sunday", days(6)),
        ("monday", days(7)),  # today is Monday: the next one, a week ahead
        ("tue", days(1)),
        ("wed", days(2)),
        ("thu", days(3)),
        ("thurs", days(3)),
        ("fri", days(4)),
        ("sat", days(5)),
        ("sun", days(6)),
        ("mon", days(7)),
    ],
)
def test_a_weekday_means_its_next_occurrence_after_today(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


def test_a_weekday_counts_from_whatever_today_is() -> None:
    friday = date(2026, 11, 27)
    assert parse_date("friday", friday) == date(2026, 12, 4)
    assert parse_date("sat", friday) == date(2026, 11, 28)
    assert parse_date("thu", friday) == date(2026, 12, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TODAY", TODAY),
        ("  Tomorrow\t", days(1)),
        ("Friday", days(4)),
        ("FRI", days(4)),
        (" +3D ", days(3)),
        ("+2W", days(14)),
        ("\n2026-12-01 ", date(2026, 12, 1)),
    ],
)
def test_case_and_surrounding_whitespace_do_not_matter(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "next week", "+d", "mo", "tu", "m", "+3", "3d", "-3d", "+10000d", "+2m",
     "26-11-2026", "2026/11/26", "2026-1-5", "mondays", "fri!", "yesterday"],
)
def test_what_is_not_a_date_is_refused_with_what_is_accepted(text: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date(text, TODAY)
    message = str(info.value)
    for accepted in ("YYYY-MM-DD", "today", "tomorrow", "weekday", "+Nd", "+Nw"):
        assert accepted in message
    assert repr(text.strip()) in message


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "2025-02-29", "2026-00-10"])
def test_a_date_missing_from_the_calendar_is_refused_by_name(text: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date(text, TODAY)
    assert repr(text) in str(info.value)
    assert "calendar" in str(info.value)


def test_a_date_missing_from_the_calendar_also_says_what_is_accepted() -> None:
    with pytest.raises(DateError) as info:
        parse_date("2026-02-30", TODAY)
    assert "YYYY-MM-DD" in str(info.value) and "+Nd" in str(info.value)


def test_a_date_error_is_a_value_error() -> None:
    # So pydantic validators that call the parser report it as a field error.
    with pytest.raises(ValueError):
        parse_date("someday", TODAY)


# --- properties ----------------------------------------------------------------------------

_LAST_START = date.max - timedelta(days=7 * 9999)


@given(st.dates(max_value=_LAST_START), st.integers(0, 9999))
def test_a_day_offset_adds_that_many_days(today: date, n: int) -> None:
    assert parse_date(f"+{n}d", today) == today + timedelta(days=n)


@given(st.dates(max_value=_LAST_START), st.integers(0, 9999))
def test_a_week_offset_adds_seven_days_a_week(today: date, n: int) -> None:
    assert parse_date(f"+{n}w", today) == today + timedelta(weeks=n)


@given(st.dates(min_value=date(1000, 1, 1)), st.dates())
def test_any_iso_date_round_trips(day: date, today: date) -> None:
    assert parse_date(day.isoformat(), today) == day


@given(
    today=st.dates(max_value=date.max - timedelta(days=7)),
    weekday=st.integers(0, 6),
    length=st.integers(3, 9),
    upper=st.booleans(),
)
def test_a_weekday_is_one_to_seven_days_ahead_on_that_day(
    today: date, weekday: int, length: int, upper: bool
) -> None:
    name = WEEKDAYS[weekday][:length]
    result = parse_date(name.upper() if upper else name, today)
    assert 1 <= (result - today).days <= 7
    assert result.weekday() == weekday


@given(
    text=st.sampled_from(["today", "tomorrow", "fri", "+5d", "+1w", "2026-12-24"]),
    before=st.text(" \t\n", max_size=3),
    after=st.text(" \t\n", max_size=3),
)
def test_surrounding_whitespace_never_changes_the_date(text: str, before: str,
                                                       after: str) -> None:
    assert parse_date(before + text + after, TODAY) == parse_date(text, TODAY)


# --- describe_due --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "label"),
    [
        (0, "today"),
        (1, "tomorrow"),
        (-1, "1d late"),
        (-3, "3d late"),
        (-30, "30d late"),
        (2, "Wed 25"),
        (4, "Fri 27"),
        (6, "Sun 29"),
        (7, "2026-11-30"),
        (40, "2027-01-02"),
    ],
)
def test_describe_due(offset: int, label: str) -> None:
    assert describe_due(days(offset), TODAY) == label
