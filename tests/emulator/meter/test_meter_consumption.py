"""Catch-up: lazy, exact, and the same however virtual time is cut into steps."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s1sr.emulator.clock import ClockError
from s1sr.emulator.meter.esme import household_electricity
from s1sr.emulator.meter.gsme import household_gas
from s1sr.emulator.meter.measure import Gas
from s1sr.emulator.meter.outcomes import UNSUPPORTED
from s1sr.models import (
    BillingCalendar,
    BillingCalendarBillingLogRequest,
    BillingPeriodicity,
    DailyReadLogRequest,
    DeviceType,
    Energy,
    FineMoney,
    PaymentMode,
    ProfileDataRequest,
    ReadFirmwareVersionRequest,
    UpdateBillingCalendarRequest,
    UpdatePaymentModeRequest,
    utc,
)
from tests.emulator.meter.builders import drive, flat_gas, flat_tariff

START = utc(2024, 3, 25, 7, 13)
ALL_CLAUSES = ["18.21(e)", "18.21(f)", "18.18(f)", "18.22(b)", "18.14(a)", "18.18(a)"]
EVER = (utc(2000, 1, 1), utc(2100, 1, 1))


def observed(driver):
    """Everything a catch-up feeds, as the meter answers it."""
    meter = driver.meter
    return (
        meter.import_register,
        meter.balance,
        meter.credit_totals,
        driver.ok(DailyReadLogRequest(*EVER)).entries,
        driver.ok(ProfileDataRequest(*EVER)).entries,
        driver.ok(BillingCalendarBillingLogRequest(*EVER)).entries,
    )


def lived(device_type, steps):
    """A prepaid meter with a daily billing calendar, its clock moved by ``steps``."""
    profile = household_electricity() if device_type is DeviceType.ESME else household_gas()
    driver = drive(device_type, ALL_CLAUSES, start=START, load_profile=profile)
    driver.ok(
        UpdatePaymentModeRequest(PaymentMode.PREPAYMENT, disablement_threshold=FineMoney(-(2**63)))
    )
    calendar = BillingCalendar(utc(2024, 3, 26, 0, 7), BillingPeriodicity.DAILY)
    driver.ok(UpdateBillingCalendarRequest(calendar))
    for step in steps:
        driver.advance(seconds=step)
    return driver


@given(
    device_type=st.sampled_from([DeviceType.ESME, DeviceType.GSME]),
    steps=st.lists(st.integers(1, 2 * 86400), min_size=1, max_size=12),
)
def test_catching_up_in_steps_equals_catching_up_at_once(device_type, steps):
    stepped = lived(device_type, steps)
    at_once = lived(device_type, [sum(steps)])
    assert observed(stepped) == observed(at_once)


@pytest.mark.parametrize("device_type", [DeviceType.ESME, DeviceType.GSME])
def test_the_import_register_is_the_load_profiles_energy(device_type):
    profile = household_electricity() if device_type is DeviceType.ESME else household_gas()
    driver = drive(device_type, [], start=START, load_profile=profile).advance(days=40, seconds=17)
    assert driver.meter.import_register == profile.energy(START, driver.now)


def test_gas_is_priced_on_converted_energy():
    driver = drive(DeviceType.GSME, [], start=utc(2024, 1, 1), load_profile=flat_gas())
    driver.ok(flat_tariff(10))
    driver.ok(
        UpdatePaymentModeRequest(PaymentMode.PREPAYMENT, disablement_threshold=FineMoney(-(2**63)))
    )
    driver.advance(days=10)
    # 48 m3 = 48,000 litres; 10 p per kWh; the sub-penny remainder is still owed
    assert driver.meter.credit_totals.charged == Gas().wh(48_000) * 10 // 1000
    assert driver.meter.import_register == Energy.m3(48)


def test_virtual_time_never_runs_backwards():
    driver = drive(DeviceType.ESME, [], start=START).advance(hours=1)
    with pytest.raises(ClockError):
        driver.meter.catch_up(START)


def test_a_future_dated_tariff_applies_when_its_time_comes():
    driver = drive(DeviceType.ESME, [], start=utc(2024, 1, 1))
    response = driver.ok(flat_tariff(1, execute_at=utc(2024, 1, 2)))
    assert response.applied_at == utc(2024, 1, 2)
    assert driver.meter.tariff != flat_tariff(1)
    driver.to(utc(2024, 1, 2))
    assert driver.meter.tariff.tou_prices == (1,)


def test_an_srv_a_meter_does_not_serve_is_refused_as_unsupported():
    driver = drive(DeviceType.GSME, [], start=START)
    outcome = driver.send(ReadFirmwareVersionRequest())
    assert outcome.response.code is UNSUPPORTED


def test_a_year_with_no_requests_costs_one_catch_up():
    driver = drive(DeviceType.ESME, ["18.22(b)"], start=utc(2024, 1, 1))
    driver.to(utc(2025, 1, 1))
    entries = driver.ok(ProfileDataRequest(utc(2024, 1, 1), utc(2025, 1, 1))).entries
    assert len(entries) == 366 * 48
    assert entries[-1].timestamp - entries[0].timestamp == timedelta(days=366) - timedelta(
        minutes=30
    )
