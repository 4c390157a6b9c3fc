"""Calendars inside a meter: tariff special days, NDC special days, billing periodicities."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s1sr.emulator.meter.billing_calendar import BillingSchedule
from s1sr.emulator.meter.measure import Gas
from s1sr.models import (
    INDEFINITE,
    BillingCalendar,
    BillingPeriodicity,
    ChangeOfModeBillingLogRequest,
    DayProfile,
    DeviceType,
    Energy,
    FineMoney,
    NdcScheduleEntry,
    NdcScript,
    NonDisablementCalendar,
    PartialDate,
    PaymentMode,
    PrepaySettings,
    RateKind,
    SpecialDay,
    SwitchTime,
    UpdatePaymentModeRequest,
    UpdatePrepayConfigurationRequest,
    utc,
)
from tests.emulator.meter.builders import drive, flat_tariff, kilowatt

EVER = (utc(2000, 1, 1), utc(2100, 1, 1))


def test_a_tariff_special_day_runs_its_own_day_profile():
    tariff = flat_tariff(10)
    tariff = replace(
        tariff,
        tou_prices=(10, 30),
        day_profiles=(*tariff.day_profiles, DayProfile(2, (SwitchTime(time(0), RateKind.TOU, 2),))),
        special_days=(SpecialDay(PartialDate.every_year(12, 25), 2),),
    )
    driver = drive(DeviceType.ESME, [], start=utc(2024, 12, 24), load_profile=kilowatt())
    driver.ok(tariff)
    driver.to(utc(2024, 12, 27)).ok(UpdatePaymentModeRequest(PaymentMode.CREDIT))
    tou = driver.ok(ChangeOfModeBillingLogRequest(*EVER)).entries[-1].tou_registers
    assert tou == (Energy.kwh(48), Energy.kwh(24))


def test_a_switch_before_the_first_of_the_day_runs_on_from_the_previous_day():
    tariff = flat_tariff(10)
    tariff = replace(
        tariff,
        tou_prices=(10, 30),
        day_profiles=(
            DayProfile(
                1, (SwitchTime(time(7), RateKind.TOU, 1), SwitchTime(time(22), RateKind.TOU, 2))
            ),
        ),
    )
    driver = drive(DeviceType.ESME, [], start=utc(2024, 1, 10), load_profile=kilowatt())
    driver.ok(tariff)
    driver.to(utc(2024, 1, 11)).ok(UpdatePaymentModeRequest(PaymentMode.CREDIT))
    tou = driver.ok(ChangeOfModeBillingLogRequest(*EVER)).entries[-1].tou_registers
    assert tou == (Energy.kwh(15), Energy.kwh(9))  # 07:00-22:00, then 22:00-07:00


def test_an_ndc_special_day_keeps_supply_on_that_day_only():
    entry = NdcScheduleEntry(
        NdcScript.START, time(0), PartialDate(2024, 1, 1), INDEFINITE, special_days=(1,)
    )
    stop = replace(entry, script=NdcScript.STOP, switch_time=time(23, 59))
    calendar = NonDisablementCalendar((PartialDate.every_year(1, 20),), (entry, stop))
    driver = drive(DeviceType.ESME, ["18.5(hh)"], start=utc(2024, 1, 1), load_profile=kilowatt())
    driver.ok(flat_tariff(20))
    driver.ok(UpdatePrepayConfigurationRequest(PrepaySettings(non_disablement_calendar=calendar)))
    driver.ok(UpdatePaymentModeRequest(PaymentMode.PREPAYMENT, disablement_threshold=FineMoney(0)))
    driver.to(utc(2024, 1, 19))
    before = driver.meter.import_register
    driver.to(utc(2024, 1, 21))
    assert driver.meter.import_register.milli - before.milli == 24_000


@pytest.mark.parametrize(
    ("periodicity", "third"),
    [
        (BillingPeriodicity.DAILY, utc(2024, 3, 3)),
        (BillingPeriodicity.WEEKLY, utc(2024, 3, 15)),
        (BillingPeriodicity.QUARTERLY, utc(2024, 8, 31, 23)),
        (BillingPeriodicity.SIX_MONTHLY, utc(2025, 3, 1)),
        (BillingPeriodicity.ANNUALLY, utc(2026, 3, 1)),
    ],
)
def test_billing_periods_are_added_on_the_london_clock(periodicity, third):
    schedule = BillingSchedule(BillingCalendar(utc(2024, 3, 1), periodicity), after=utc(2024, 1, 1))
    schedule.advance()
    assert schedule.advance() == third


def test_a_monthly_calendar_on_the_31st_falls_on_each_months_last_day():
    calendar = BillingCalendar(utc(2024, 1, 31, 12), BillingPeriodicity.MONTHLY)
    schedule = BillingSchedule(calendar, after=utc(2024, 1, 31, 12))
    assert schedule.next_at == utc(2024, 2, 29, 12)
    assert schedule.advance() == utc(2024, 3, 31, 11)  # 12:00 BST


@given(st.integers(0, 10**9))
def test_gas_band_limits_are_the_least_volume_reaching_the_energy(wh):
    gas = Gas()
    litres = gas.native(wh)
    assert gas.wh(litres) >= wh
    assert litres == 0 or gas.wh(litres - 1) < wh
