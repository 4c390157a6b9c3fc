"""Europe/London in UTC arithmetic: both changes, leap years, and zoneinfo as the oracle."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s1sr.emulator import london
from s1sr.models import ModelError, utc

ORACLE = ZoneInfo("Europe/London")
HOUR = timedelta(hours=1)
TICK = timedelta(microseconds=1)

instants = st.datetimes(min_value=datetime(1996, 1, 2), max_value=datetime(2200, 12, 30)).map(
    lambda naive: naive.replace(tzinfo=UTC)
)
days = st.dates(min_value=date(1996, 1, 2), max_value=date(2200, 12, 30))


class TestChanges2024:
    def test_bst_starts_at_0100_utc_on_the_last_sunday_of_march(self):
        assert not london.is_bst(utc(2024, 3, 31, 1) - TICK)
        assert london.is_bst(utc(2024, 3, 31, 1))

    def test_bst_ends_at_0100_utc_on_the_last_sunday_of_october(self):
        assert london.is_bst(utc(2024, 10, 27, 1) - TICK)
        assert not london.is_bst(utc(2024, 10, 27, 1))

    def test_spring_day_has_23_hours(self):
        assert london.local_day_length(date(2024, 3, 31)) == timedelta(hours=23)

    def test_autumn_day_has_25_hours(self):
        assert london.local_day_length(date(2024, 10, 27)) == timedelta(hours=25)

    def test_wall_clock_subtraction_would_be_an_hour_out(self):
        start = london.local_midnight_utc(date(2024, 3, 31))
        end = london.local_midnight_utc(date(2024, 4, 1))
        naive_wall = end.astimezone(ORACLE).replace(tzinfo=None) - start.astimezone(ORACLE).replace(
            tzinfo=None
        )
        assert naive_wall == timedelta(hours=24)
        assert end - start == timedelta(hours=23)

    def test_spring_day_skips_local_slots_2_and_3(self):
        slots = london.local_slots(date(2024, 3, 31))
        assert slots == (0, 1, *range(4, 48))

    def test_autumn_day_repeats_local_slots_2_and_3(self):
        slots = london.local_slots(date(2024, 10, 27))
        assert slots == (0, 1, 2, 3, 2, 3, *range(4, 48))

    def test_ordinary_day_has_48_slots_in_order(self):
        assert london.local_slots(date(2024, 7, 1)) == tuple(range(48))


class TestMidnights:
    def test_local_midnight_in_bst_is_2300_utc_the_day_before(self):
        assert london.local_midnight_utc(date(2024, 6, 1)) == utc(2024, 5, 31, 23)

    def test_local_midnight_in_gmt_is_utc_midnight(self):
        assert london.local_midnight_utc(date(2024, 1, 15)) == utc(2024, 1, 15)

    def test_gas_meter_day_starts_at_utc_midnight_whatever_the_season(self):
        assert london.utc_day_start(date(2024, 6, 1)) == utc(2024, 6, 1)
        assert london.utc_day_start(date(2024, 1, 15)) == utc(2024, 1, 15)

    def test_in_bst_local_midnight_is_an_hour_before_the_utc_day(self):
        day = date(2024, 7, 14)
        assert london.utc_day_start(day) - london.local_midnight_utc(day) == HOUR

    def test_2330_utc_in_summer_belongs_to_the_next_local_day(self):
        assert london.local_day_of(utc(2024, 6, 1, 23, 30)) == date(2024, 6, 2)

    def test_2330_utc_in_winter_belongs_to_the_same_day(self):
        assert london.local_day_of(utc(2024, 1, 1, 23, 30)) == date(2024, 1, 1)

    def test_local_shows_the_wall_clock(self):
        wall = london.local(utc(2024, 6, 1, 12))
        assert (wall.hour, wall.utcoffset()) == (13, HOUR)


class TestLeapYears:
    @pytest.mark.parametrize(
        ("year", "spring", "autumn"),
        [
            (2000, date(2000, 3, 26), date(2000, 10, 29)),
            (2016, date(2016, 3, 27), date(2016, 10, 30)),
            (2024, date(2024, 3, 31), date(2024, 10, 27)),
            (2025, date(2025, 3, 30), date(2025, 10, 26)),
            (2100, date(2100, 3, 28), date(2100, 10, 31)),
        ],
        ids=["2000-leap-century", "2016-leap", "2024-leap", "2025", "2100-not-leap"],
    )
    def test_transitions(self, year, spring, autumn):
        start, end = london.bst_transitions(year)
        assert (start, end) == (
            datetime.combine(spring, datetime.min.time(), tzinfo=UTC) + HOUR,
            datetime.combine(autumn, datetime.min.time(), tzinfo=UTC) + HOUR,
        )

    def test_leap_day_is_an_ordinary_day(self):
        assert london.local_day_length(date(2024, 2, 29)) == timedelta(hours=24)
        assert london.local_day_of(utc(2024, 2, 29, 23, 59)) == date(2024, 2, 29)

    def test_leap_year_is_366_days_between_local_new_years(self):
        total = london.local_midnight_utc(date(2025, 1, 1)) - london.local_midnight_utc(
            date(2024, 1, 1)
        )
        assert total == timedelta(days=366)


class TestRefusals:
    def test_naive_instant(self):
        with pytest.raises(ModelError):
            london.is_bst(datetime(2024, 6, 1))

    def test_non_utc_instant(self):
        with pytest.raises(ModelError):
            london.local_day_of(datetime(2024, 6, 1, tzinfo=ORACLE))

    def test_datetime_is_not_a_day(self):
        with pytest.raises(ModelError):
            london.local_midnight_utc(utc(2024, 6, 1))

    def test_years_before_the_eu_rule(self):
        with pytest.raises(ModelError, match="1996"):
            london.bst_transitions(1995)

    def test_last_representable_day_has_no_length(self):
        with pytest.raises(ModelError):
            london.local_day_length(date.max)


class TestAgainstZoneinfo:
    @given(instants)
    def test_is_bst(self, instant):
        assert london.is_bst(instant) == (instant.astimezone(ORACLE).utcoffset() == HOUR)

    @given(instants)
    def test_rule_transitions_bracket_bst(self, instant):
        start, end = london.bst_transitions(instant.year)
        assert london.is_bst(instant) == (start <= instant < end)

    @given(st.integers(1996, 2200))
    def test_offset_changes_exactly_at_each_transition(self, year):
        for change in london.bst_transitions(year):
            before = (change - TICK).astimezone(ORACLE).utcoffset()
            after = change.astimezone(ORACLE).utcoffset()
            assert before != after

    @given(instants)
    def test_local_day_of(self, instant):
        assert london.local_day_of(instant) == instant.astimezone(ORACLE).date()

    @given(days)
    def test_local_midnight_is_local_0000_of_that_day(self, day):
        midnight = london.local_midnight_utc(day)
        wall = midnight.astimezone(ORACLE)
        assert (wall.date(), wall.hour, wall.minute, wall.second) == (day, 0, 0, 0)
        assert london.local_day_of(midnight - TICK) == day - timedelta(days=1)

    @given(days)
    def test_local_slots_follow_the_wall_clock(self, day):
        midnight = london.local_midnight_utc(day)
        slots = london.local_slots(day)
        assert len(slots) * london.SLOT == london.local_day_length(day)
        for i, slot in enumerate(slots):
            wall = (midnight + i * london.SLOT).astimezone(ORACLE)
            assert slot == wall.hour * 2 + wall.minute // 30
