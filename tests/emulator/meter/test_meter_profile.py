"""4.8.1 half-hourly profile data: 18.22(b)-(d), 18.23, 18.24 and the opt-in/out fix."""

from __future__ import annotations

from datetime import timedelta

import pytest

from s1sr.emulator.meter.behaviour import PROFILE_CLAUSES
from s1sr.models import DeviceType, Energy, ProfileDataRequest, utc
from s1sr.models.profile import MAX_PROFILE_ENTRIES
from tests.emulator.meter.builders import drive, flat_gas, kilowatt

HALF_HOUR = timedelta(minutes=30)
ESME, GSME = DeviceType.ESME, DeviceType.GSME
EASTER_EVE = utc(2024, 3, 30)  # the day before the spring clock change


def meter(device_type, clauses, start=EASTER_EVE, overrides=None):
    profile = kilowatt() if device_type is ESME else flat_gas()
    return drive(device_type, clauses, start=start, overrides=overrides, load_profile=profile)


@pytest.mark.parametrize("device_type", [ESME, GSME])
@pytest.mark.parametrize("clause", sorted(PROFILE_CLAUSES))
def test_each_profile_clause_restores_access(device_type, clause):
    driver = meter(device_type, [clause]).to(utc(2024, 3, 30, 3))
    entries = driver.ok(ProfileDataRequest(utc(2024, 3, 30), utc(2024, 3, 30, 3))).entries
    assert len(entries) == 6
    unit = Energy.kwh("0.5") if device_type is ESME else Energy.m3("0.1")
    assert {entry.consumption for entry in entries} == {unit}


@pytest.mark.parametrize("device_type", [ESME, GSME])
def test_without_the_profile_clauses_4_8_1_is_refused(device_type):
    driver = meter(device_type, ["18.1(v)", "18.21(f)" if device_type is GSME else "18.5(hh)"])
    driver.advance(hours=3)
    assert driver.refused(ProfileDataRequest(utc(2024, 3, 30), utc(2024, 3, 30, 3)))


def test_with_the_opt_in_out_fix_the_range_is_complete_across_both_clock_changes():
    driver = meter(GSME, ["scope:opt-in-out-tactical-fix"]).to(utc(2024, 10, 28))
    start, end = utc(2024, 3, 30), utc(2024, 10, 27, 23, 30)
    entries = driver.ok(ProfileDataRequest(start, end)).entries
    expected = [start + k * HALF_HOUR for k in range((end - start) // HALF_HOUR + 1)]
    assert [entry.timestamp for entry in entries] == expected


def test_only_completed_half_hours_are_returned():
    driver = meter(ESME, ["18.22(b)"]).to(utc(2024, 3, 30, 1, 15))
    entries = driver.ok(ProfileDataRequest(utc(2024, 3, 30), utc(2024, 3, 31))).entries
    assert [entry.timestamp for entry in entries] == [utc(2024, 3, 30, 0), utc(2024, 3, 30, 0, 30)]


def test_profile_data_covers_thirteen_months():
    driver = meter(ESME, ["18.24"], start=utc(2023, 1, 1)).to(utc(2024, 6, 1))
    entries = driver.ok(ProfileDataRequest(utc(2023, 1, 1), utc(2024, 6, 1))).entries
    assert len(entries) == MAX_PROFILE_ENTRIES
    assert entries[-1].timestamp == utc(2024, 5, 31, 23, 30)


def test_the_empty_fault_answers_without_entries():
    driver = meter(ESME, ["18.22(c)"], overrides={"profile_access": "empty"}).advance(hours=3)
    assert driver.ok(ProfileDataRequest(utc(2024, 3, 30), utc(2024, 3, 31))).entries == ()


def test_the_last_day_fault_truncates_the_range():
    driver = meter(GSME, ["18.22(d)"], overrides={"profile_access": "last-day"}).advance(days=3)
    entries = driver.ok(ProfileDataRequest(utc(2024, 3, 30), utc(2024, 4, 2))).entries
    assert len(entries) == 48
    assert entries[0].timestamp == utc(2024, 4, 1, 23, 30) - 47 * HALF_HOUR


def test_the_wall_clock_fault_stamps_bst_an_hour_late_and_repeats_an_hour_in_autumn():
    faulty = {"profile_stamping": "local-wall-clock"}
    driver = meter(
        ESME, ["scope:opt-in-out-tactical-fix"], start=utc(2024, 10, 26), overrides=faulty
    )
    driver.to(utc(2024, 10, 27, 3))
    stamps = [
        e.timestamp
        for e in driver.ok(ProfileDataRequest(utc(2024, 10, 26), utc(2024, 10, 28))).entries
    ]
    assert stamps[0] == utc(2024, 10, 26, 1)  # 00:00 UTC written as 01:00 BST
    assert len(stamps) != len(set(stamps))  # 01:00-02:00 local happens twice


def test_a_gas_meter_may_report_its_profile_in_kwh_converted_from_its_register():
    """An allowed variation: the half hours sum to the converted register difference."""
    volume = meter(GSME, ["18.22(b)"]).to(utc(2024, 3, 31))
    energy = meter(GSME, ["18.22(b)"], overrides={"profile_in_kwh": True}).to(utc(2024, 3, 31))
    request = ProfileDataRequest(utc(2024, 3, 30), utc(2024, 3, 30, 23, 30))
    litres = volume.ok(request).entries
    kwh = energy.ok(request).entries
    assert [e.timestamp for e in kwh] == [e.timestamp for e in litres]
    assert {e.consumption.unit for e in kwh} == {Energy.kwh(0).unit}
    converted = volume.meter.state.measure.wh(sum(e.consumption.milli for e in litres))
    assert sum(e.consumption.milli for e in kwh) == converted
