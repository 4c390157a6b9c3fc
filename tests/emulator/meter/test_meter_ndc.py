"""2.1 and the Non-Disablement Calendar: 18.5(ee), 18.5(gg), 18.5(hh), 18.27(r)."""

from __future__ import annotations

from datetime import time

import pytest

from s1sr.models import (
    INDEFINITE,
    DeviceType,
    Energy,
    FineMoney,
    Money,
    NdcScript,
    PartialDate,
    PaymentMode,
    PrepaySettings,
    TopUpDeviceRequest,
    UpdatePaymentModeRequest,
    UpdatePrepayConfigurationRequest,
    UpdatePrepayConfigurationResponse,
    utc,
)
from tests.emulator.meter.builders import drive, flat_tariff, kilowatt, ndc, ndc_entry, utrn

ESME, GSME = DeviceType.ESME, DeviceType.GSME
START = utc(2024, 3, 1)


def configure(calendar, **settings):
    return UpdatePrepayConfigurationRequest(
        PrepaySettings(non_disablement_calendar=calendar, **settings)
    )


def mid_month_start():
    return ndc(ndc_entry(PartialDate(2024, 3, 15), PartialDate(2024, 6, 30)))


def mid_month_end():
    return ndc(ndc_entry(PartialDate(2024, 3, 1), PartialDate(2024, 6, 14)))


def indefinite():
    return ndc(ndc_entry(PartialDate(2024, 4, 1), INDEFINITE))


# -- 18.5(ee) / 18.5(gg): season dates ------------------------------------------------------


@pytest.mark.parametrize("device_type", [ESME, GSME])
def test_with_18_5_ee_a_season_may_start_mid_month(device_type):
    driver = drive(device_type, ["18.5(ee)"], start=START)
    response = driver.ok(configure(mid_month_start()))
    assert response.settings.non_disablement_calendar == mid_month_start()
    assert driver.meter.non_disablement_calendar == mid_month_start()


@pytest.mark.parametrize("device_type", [ESME, GSME])
def test_without_18_5_ee_a_mid_month_start_is_refused_and_nothing_changes(device_type):
    driver = drive(device_type, [], start=START)
    assert driver.refused(configure(mid_month_start(), low_credit_threshold=Money(100)))
    assert driver.meter.non_disablement_calendar is None
    # the baseline still takes calendar-month seasons
    driver.ok(configure(ndc(ndc_entry(PartialDate(2024, 3, 1), PartialDate(2024, 6, 30)))))


def test_with_18_5_gg_a_season_may_end_mid_month():
    driver = drive(ESME, ["18.5(gg)"], start=START)
    driver.ok(configure(mid_month_end()))
    assert driver.meter.non_disablement_calendar == mid_month_end()


def test_without_18_5_gg_a_mid_month_end_is_refused():
    driver = drive(GSME, ["18.5(ee)"], start=START)
    assert driver.refused(configure(mid_month_end()))
    assert driver.meter.non_disablement_calendar is None


def test_without_18_5_gg_a_recurring_february_end_may_be_the_28th():
    driver = drive(ESME, [], start=START)
    entry = ndc_entry(PartialDate.every_year(11, 1), PartialDate.every_year(2, 28))
    driver.ok(configure(ndc(entry)))


# -- 18.5(hh) and 18.27(r): 31/12/3000 ------------------------------------------------------


def prepaid_driver(clauses, overrides=None, calendar=None):
    """An ESME in prepayment with no credit: only non-disablement periods keep supply on."""
    driver = drive(ESME, clauses, start=START, overrides=overrides, load_profile=kilowatt())
    driver.ok(flat_tariff(20))
    if calendar is not None:
        driver.ok(configure(calendar))
    driver.ok(UpdatePaymentModeRequest(PaymentMode.PREPAYMENT, disablement_threshold=FineMoney(0)))
    return driver


def consumed_on(driver, day_start, hours=24):
    before = driver.to(day_start).meter.import_register
    after = driver.advance(hours=hours).meter.import_register
    return Energy(after.milli - before.milli, after.unit)


@pytest.mark.parametrize("device_type", [ESME, GSME])
def test_with_18_5_hh_an_indefinite_end_is_accepted(device_type):
    driver = drive(device_type, ["18.5(hh)"], start=START)
    driver.ok(configure(indefinite()))
    assert driver.meter.non_disablement_calendar.schedule[0].end == INDEFINITE


def test_with_18_5_hh_the_schedule_still_applies_years_later():
    driver = prepaid_driver(["18.5(hh)"], calendar=indefinite())
    assert consumed_on(driver, utc(2027, 8, 2, 23)) == Energy.kwh(24)
    assert driver.meter.supply_enabled


def test_without_a_non_disablement_period_supply_is_disabled_once_credit_runs_out():
    driver = prepaid_driver(["18.5(hh)"])
    driver.advance(hours=1)
    assert not driver.meter.supply_enabled
    assert consumed_on(driver, utc(2024, 3, 5)) == Energy.kwh(0)


def test_without_18_5_hh_an_indefinite_end_is_refused():
    driver = drive(ESME, ["18.27(r)"], start=START)
    assert driver.refused(configure(indefinite()))
    assert driver.meter.non_disablement_calendar is None


def test_the_end_of_year_fault_stops_the_indefinite_schedule():
    driver = prepaid_driver(
        ["18.5(hh)"], overrides={"ndc_indefinite": "end-of-start-year"}, calendar=indefinite()
    )
    assert consumed_on(driver, utc(2024, 12, 30)) == Energy.kwh(24)
    assert consumed_on(driver, utc(2025, 1, 2)) == Energy.kwh(0)


def test_with_18_27_r_the_response_reports_the_day_before_the_start():
    driver = drive(GSME, ["18.5(hh)", "18.27(r)"], start=START)
    response = driver.ok(configure(indefinite()))
    assert isinstance(response, UpdatePrepayConfigurationResponse)
    assert response.settings.non_disablement_calendar.schedule[0].end == PartialDate(2024, 3, 31)
    # what the device keeps in force is still indefinite (18.5(hh))
    assert driver.meter.non_disablement_calendar.schedule[0].end == INDEFINITE


def test_without_18_27_r_the_response_reports_31_12_3000():
    driver = drive(ESME, ["18.5(hh)"], start=START)
    response = driver.ok(configure(indefinite()))
    assert response.settings.non_disablement_calendar.schedule[0].end == INDEFINITE


def test_a_later_2_1_without_an_ndc_reports_the_ndc_in_force():
    driver = drive(ESME, ["18.5(hh)", "18.27(r)"], start=START)
    driver.ok(configure(indefinite()))
    response = driver.ok(
        UpdatePrepayConfigurationRequest(PrepaySettings(low_credit_threshold=Money(50)))
    )
    assert response.settings.low_credit_threshold == Money(50)
    assert response.settings.non_disablement_calendar.schedule[0].end == PartialDate(2024, 3, 31)


# -- the NDC in force ---------------------------------------------------------------------


def test_non_disablement_runs_from_start_to_stop_on_the_local_clock():
    window = ndc(
        ndc_entry(PartialDate(2024, 3, 1), INDEFINITE, at=time(8)),
        ndc_entry(PartialDate(2024, 3, 1), INDEFINITE, script=NdcScript.STOP, at=time(18)),
    )
    driver = prepaid_driver(["18.5(hh)"], calendar=window)
    assert consumed_on(driver, utc(2024, 3, 10)) == Energy.kwh(10)  # GMT: 08:00-18:00 UTC
    assert consumed_on(driver, utc(2024, 7, 10, 6), hours=2) == Energy.kwh(1)  # BST: from 07:00 UTC


def test_a_recurring_season_may_wrap_over_the_new_year():
    winter = ndc(ndc_entry(PartialDate.every_year(11, 1), PartialDate.every_year(2, 28)))
    driver = prepaid_driver([], calendar=winter)
    assert consumed_on(driver, utc(2024, 8, 1)) == Energy.kwh(0)
    assert consumed_on(driver, utc(2024, 12, 25)) == Energy.kwh(24)
    assert consumed_on(driver, utc(2025, 2, 1)) == Energy.kwh(24)


def test_a_top_up_restores_supply_outside_non_disablement_periods():
    driver = prepaid_driver([])
    driver.advance(hours=2)
    assert not driver.meter.supply_enabled
    driver.ok(TopUpDeviceRequest(utrn(1, 5)))
    assert driver.meter.supply_enabled
