"""Recurring dates (year unspecified) and the day-before rule 18.27(r) relies on."""

from __future__ import annotations

from datetime import date

import pytest

from s1sr.models import ModelError, PartialDate, Weekday


def test_recurring_date_matches_every_year():
    christmas = PartialDate.every_year(12, 25)
    assert christmas.recurs
    assert christmas.matches(date(2024, 12, 25)) and christmas.matches(date(2031, 12, 25))
    assert not christmas.matches(date(2024, 12, 24))


def test_dated_partial_date_matches_one_day():
    day = PartialDate.from_date(date(2024, 4, 1))
    assert day.matches(date(2024, 4, 1))
    assert not day.matches(date(2025, 4, 1))


def test_twenty_ninth_of_february_recurs_only_in_leap_years():
    leap_day = PartialDate.every_year(2, 29)
    assert leap_day.in_year(2024) == date(2024, 2, 29)
    with pytest.raises(ModelError, match="day"):
        leap_day.in_year(2023)


def test_in_year_refuses_another_year():
    with pytest.raises(ModelError, match="year"):
        PartialDate(2024, 1, 1).in_year(2025)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        pytest.param(PartialDate(2024, 4, 1), PartialDate(2024, 3, 31), id="month-boundary"),
        pytest.param(PartialDate(2024, 1, 1), PartialDate(2023, 12, 31), id="year-boundary"),
        pytest.param(PartialDate(2024, 3, 1), PartialDate(2024, 2, 29), id="leap-year"),
        pytest.param(PartialDate(None, 3, 1), PartialDate(None, 2, 28), id="recurring-common"),
        pytest.param(PartialDate(None, 2, 29), PartialDate(None, 2, 28), id="recurring-leap-day"),
        pytest.param(PartialDate(None, 1, 1), PartialDate(None, 12, 31), id="recurring-new-year"),
    ],
)
def test_day_before(given, expected):
    assert given.day_before() == expected


def test_str_marks_an_unspecified_year():
    assert str(PartialDate(None, 7, 29)) == "*-07-29"
    assert str(PartialDate(2015, 3, 28)) == "2015-03-28"


def test_weekday_numbering_follows_isoweekday():
    assert Weekday.of(date(2024, 6, 3)) is Weekday.MONDAY
    assert Weekday.SUNDAY == 7
