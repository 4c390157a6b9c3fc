"""Load profiles: exact, additive consumption on the local half-hour grid, across BST."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s1sr.emulator import london
from s1sr.emulator.clock import VirtualClock
from s1sr.emulator.load_profile import (
    DailyShapeProfile,
    FlatProfile,
    HalfHour,
    LoadProfile,
)
from s1sr.models import Energy, EnergyUnit, ModelError, utc

ORACLE = ZoneInfo("Europe/London")
SLOT = timedelta(minutes=30)


@dataclass(frozen=True)
class MilliSlots(LoadProfile):
    """Whole thousandths per slot, so an oracle can sum slots without rounding."""

    weekday: tuple[int, ...]
    weekend: tuple[int, ...]

    @property
    def unit(self) -> EnergyUnit:
        return EnergyUnit.KWH

    def slot_micro(self, weekend: bool) -> tuple[int, ...]:
        return tuple(1000 * m for m in (self.weekend if weekend else self.weekday))


def expected_slot(profile: MilliSlots, slot_start: datetime) -> int:
    wall = slot_start.astimezone(ORACLE)
    table = profile.weekend if wall.weekday() >= 5 else profile.weekday
    return table[wall.hour * 2 + wall.minute // 30]


instants = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 30)).map(
    lambda naive: naive.replace(tzinfo=UTC)
)
slot_tables = st.lists(st.integers(0, 5000), min_size=48, max_size=48).map(tuple)
milli_profiles = st.builds(MilliSlots, slot_tables, slot_tables)
shape_profiles = st.builds(
    DailyShapeProfile,
    st.integers(0, 10**8).map(lambda milli: Energy(milli, EnergyUnit.M3)),
    st.lists(st.integers(0, 100), min_size=48, max_size=48).filter(any),
    st.none() | st.integers(0, 10**8).map(lambda milli: Energy(milli, EnergyUnit.M3)),
    st.none() | st.lists(st.integers(0, 100), min_size=48, max_size=48).filter(any),
)
any_profile = st.one_of(st.integers(0, 20000).map(FlatProfile), shape_profiles, milli_profiles)


class TestFlatProfile:
    def test_one_kilowatt_for_an_hour_is_one_kwh(self):
        assert FlatProfile(1000).energy_between(utc(2024, 5, 1, 9), utc(2024, 5, 1, 10)) == 1000

    def test_linear_within_a_slot(self):
        profile = FlatProfile(1000)
        assert profile.energy_between(utc(2024, 5, 1, 9), utc(2024, 5, 1, 9, 15)) == 250

    def test_fractions_of_a_wh_are_carried_not_lost(self):
        profile = FlatProfile(1000)
        start = utc(2024, 5, 1, 9)
        seconds = [
            profile.energy_between(start + timedelta(seconds=s), start + timedelta(seconds=s + 1))
            for s in range(3600)
        ]
        assert max(seconds) == 1
        assert sum(seconds) == 1000

    def test_odd_watts_are_exact_over_an_hour(self):
        assert FlatProfile(333).energy_between(utc(2024, 1, 1), utc(2024, 1, 1, 1)) == 333

    def test_energy_carries_the_unit(self):
        assert FlatProfile(2000).energy(utc(2024, 1, 1), utc(2024, 1, 2)) == Energy.kwh(48)

    @pytest.mark.parametrize(
        ("day", "kwh"),
        [(date(2024, 3, 31), 23), (date(2024, 10, 27), 25), (date(2024, 2, 29), 24)],
        ids=["spring-23h", "autumn-25h", "leap-day"],
    )
    def test_local_day_totals(self, day, kwh):
        start = london.local_midnight_utc(day)
        end = london.local_midnight_utc(day + timedelta(days=1))
        assert FlatProfile(1000).energy_between(start, end) == kwh * 1000

    @pytest.mark.parametrize(
        ("year", "hours"), [(2024, 8784), (2025, 8760)], ids=["leap", "common"]
    )
    def test_a_year(self, year, hours):
        assert (
            FlatProfile(1000).energy_between(utc(year, 1, 1), utc(year + 1, 1, 1)) == hours * 1000
        )

    @pytest.mark.parametrize(
        "watts", [-1, 1.5, True, "100"], ids=["negative", "float", "bool", "str"]
    )
    def test_refuses_bad_watts(self, watts):
        with pytest.raises(ModelError):
            FlatProfile(watts)


EVENING = tuple(1 if slot == 36 else 0 for slot in range(48))  # 18:00-18:30 local
NIGHT = tuple(1 if slot in (2, 3) else 0 for slot in range(48))  # 01:00-02:00 local


class TestDailyShapeProfile:
    def test_consumption_follows_the_local_wall_clock(self):
        profile = DailyShapeProfile(Energy.kwh(1), EVENING)
        winter = {h.start: h.milli for h in profile.half_hours(utc(2024, 1, 10), utc(2024, 1, 11))}
        summer = {h.start: h.milli for h in profile.half_hours(utc(2024, 7, 10), utc(2024, 7, 11))}
        assert [t for t, m in winter.items() if m] == [utc(2024, 1, 10, 18)]
        assert [t for t, m in summer.items() if m] == [utc(2024, 7, 10, 17)]
        assert sum(winter.values()) == sum(summer.values()) == 1000

    def test_spring_change_skips_the_night_hour(self):
        profile = DailyShapeProfile(Energy.kwh(2), NIGHT)
        day = date(2024, 3, 31)
        start, end = london.local_midnight_utc(day), london.local_midnight_utc(date(2024, 4, 1))
        assert profile.energy_between(start, end) == 0

    def test_autumn_change_lives_the_night_hour_twice(self):
        profile = DailyShapeProfile(Energy.kwh(2), NIGHT)
        day = date(2024, 10, 27)
        start, end = london.local_midnight_utc(day), london.local_midnight_utc(date(2024, 10, 28))
        assert profile.energy_between(start, end) == 4000

    def test_weekend_has_its_own_total_and_shape(self):
        profile = DailyShapeProfile(
            Energy.kwh(10), [1] * 48, weekend_daily=Energy.kwh(20), weekend_weights=EVENING
        )
        friday = profile.energy_between(utc(2024, 1, 12), utc(2024, 1, 13))
        saturday = list(profile.half_hours(utc(2024, 1, 13), utc(2024, 1, 14)))
        assert friday == 10000
        assert [h.milli for h in saturday if h.milli] == [20000]

    def test_daily_total_is_exact_whatever_the_weights(self):
        profile = DailyShapeProfile(Energy.m3("1.234"), [7] * 47 + [3])
        assert sum(profile.slot_micro(False)) == 1_234_000
        assert profile.energy_between(utc(2024, 1, 10), utc(2024, 1, 11)) == 1234

    def test_gas_volume_profile_is_in_m3(self):
        profile = DailyShapeProfile(Energy.m3(3), [1] * 48)
        assert profile.energy(utc(2024, 1, 10), utc(2024, 1, 11)) == Energy.m3(3)

    def test_weights_may_be_any_sequence_and_the_profile_stays_hashable(self):
        profile = DailyShapeProfile(Energy.kwh(1), list(EVENING))
        assert profile == DailyShapeProfile(Energy.kwh(1), EVENING)
        assert hash(profile) == hash(DailyShapeProfile(Energy.kwh(1), EVENING))

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"daily": Energy.kwh(1), "weights": [1] * 47}, "48"),
            ({"daily": Energy.kwh(1), "weights": [0] * 48}, "zero"),
            ({"daily": Energy.kwh(1), "weights": [-1] + [1] * 47}, "non-negative"),
            ({"daily": Energy.kwh(1), "weights": [0.5] * 48}, "non-negative ints"),
            ({"daily": 1000, "weights": [1] * 48}, "Energy"),
            (
                {"daily": Energy.kwh(1), "weights": [1] * 48, "weekend_daily": Energy.m3(1)},
                "kWh",
            ),
            (
                {"daily": Energy.kwh(1), "weights": [1] * 48, "weekend_weights": [1] * 49},
                "weekend_weights",
            ),
        ],
        ids=["short", "all-zero", "negative", "float", "not-energy", "unit-mix", "weekend-long"],
    )
    def test_refuses(self, kwargs, message):
        with pytest.raises(ModelError, match=message):
            DailyShapeProfile(**kwargs)


class TestIntervals:
    def test_end_before_start_is_refused(self):
        with pytest.raises(ModelError, match="before it starts"):
            FlatProfile(1).energy_between(utc(2024, 1, 2), utc(2024, 1, 1))

    def test_naive_instants_are_refused(self):
        with pytest.raises(ModelError):
            FlatProfile(1).energy_between(datetime(2024, 1, 1), utc(2024, 1, 2))

    def test_before_2000_is_out_of_range(self):
        with pytest.raises(ModelError, match="outside"):
            FlatProfile(1).energy_between(utc(1999, 12, 31), utc(2024, 1, 1))

    def test_empty_interval(self):
        assert FlatProfile(1000).energy_between(utc(2024, 1, 1), utc(2024, 1, 1)) == 0
        assert list(FlatProfile(1000).half_hours(utc(2024, 1, 1), utc(2024, 1, 1))) == []

    def test_half_hours_validates_before_iterating(self):
        with pytest.raises(ModelError):
            FlatProfile(1).half_hours(utc(1990, 1, 1), utc(2024, 1, 1))

    def test_half_hours_are_clipped_to_the_interval(self):
        slots = list(FlatProfile(1000).half_hours(utc(2024, 1, 1, 0, 10), utc(2024, 1, 1, 1, 15)))
        assert slots == [
            HalfHour(utc(2024, 1, 1, 0, 0), 334),
            HalfHour(utc(2024, 1, 1, 0, 30), 500),
            HalfHour(utc(2024, 1, 1, 1, 0), 250),
        ]

    def test_a_year_of_half_hours(self):
        slots = list(FlatProfile(1000).half_hours(utc(2025, 1, 1), utc(2026, 1, 1)))
        assert len(slots) == 17520
        assert {h.milli for h in slots} == {500}
        assert all(b.start - a.start == SLOT for a, b in pairwise(slots))


class TestLazyCatchUp:
    def test_consumption_accrues_as_virtual_time_passes(self):
        clock = VirtualClock(utc(2024, 3, 30, 12))
        profile = FlatProfile(1000)
        caught_up, register = clock.now(), 0
        for hours in (1, 5, 24, 0, 200):
            clock.advance(timedelta(hours=hours))
            register += profile.energy_between(caught_up, clock.now())
            caught_up = clock.now()
        assert register == 230 * 1000


class TestProperties:
    @given(any_profile, instants, instants, instants)
    def test_energy_is_additive(self, profile, a, b, c):
        a, b, c = sorted((a, b, c))
        whole = profile.energy_between(a, c)
        assert whole == profile.energy_between(a, b) + profile.energy_between(b, c)
        assert whole >= 0

    @given(any_profile, instants, st.timedeltas(timedelta(0), timedelta(days=60)))
    def test_half_hours_sum_to_energy_between(self, profile, start, length):
        end = min(start + length, utc(2099, 12, 30))
        slots = list(profile.half_hours(start, end))
        assert sum(h.milli for h in slots) == profile.energy_between(start, end)
        assert all(h.milli >= 0 for h in slots)
        if slots:
            assert slots[0].start <= start < slots[0].start + SLOT
            assert slots[-1].start < end <= slots[-1].start + SLOT
            assert all(b.start - a.start == SLOT for a, b in pairwise(slots))

    @given(milli_profiles, st.dates(date(2000, 1, 1), date(2099, 1, 1)), st.integers(0, 40))
    def test_half_hours_match_the_wall_clock_slots(self, profile, day, days):
        start = london.local_midnight_utc(day)
        end = london.local_midnight_utc(day + timedelta(days=days))
        for half_hour in profile.half_hours(start, end):
            assert half_hour.milli == expected_slot(profile, half_hour.start)

    @given(milli_profiles, st.dates(date(2000, 1, 1), date(2099, 1, 1)), st.integers(0, 800))
    def test_whole_days_match_a_day_by_day_sum(self, profile, day, days):
        total = 0
        for k in range(days):
            current = day + timedelta(days=k)
            table = profile.weekend if current.weekday() >= 5 else profile.weekday
            total += sum(table[s] for s in london.local_slots(current))
        start = london.local_midnight_utc(day)
        end = london.local_midnight_utc(day + timedelta(days=days))
        assert profile.energy_between(start, end) == total


def test_answers_stay_exact_across_more_days_than_the_engine_caches():
    profile = FlatProfile(2)
    first = london.local_midnight_utc(date(2000, 1, 1))
    for k in range(6000):
        midnight = london.local_midnight_utc(date(2000, 1, 1) + timedelta(days=k))
        hours = (midnight - first) // timedelta(hours=1)
        assert profile.energy_between(first, midnight) == 2 * hours
