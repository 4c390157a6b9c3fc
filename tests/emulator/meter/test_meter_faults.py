"""Every meter fault is valid data and changes what a meter mapped to its clause does."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from s1sr.dmves import DeviceModel, load_dmves
from s1sr.emulator.faults import load_faults
from s1sr.emulator.load_profile import LoadProfile
from s1sr.emulator.meter import build_meter, meter_knobs
from s1sr.models import (
    INDEFINITE,
    BillingCalendar,
    BillingCalendarBillingLogRequest,
    BillingPeriodicity,
    ChangeOfModeBillingLogRequest,
    DailyReadLogRequest,
    DebtPaymentsBillingLogRequest,
    DebtRecovery,
    DebtRecoveryCapPeriod,
    DebtRecoveryRateCap,
    DebtRecoveryRatePeriod,
    DeviceType,
    FineMoney,
    Money,
    PartialDate,
    PaymentMode,
    PrepaySettings,
    ProfileDataRequest,
    TopUpDeviceRequest,
    UpdateBillingCalendarRequest,
    UpdateDebtRequest,
    UpdatePaymentModeRequest,
    UpdatePrepayConfigurationRequest,
    utc,
)
from tests.emulator.meter.builders import (
    METER_ID,
    Driver,
    flat_gas,
    kilowatt,
    ndc,
    ndc_entry,
    season_tariff,
    utrn,
)

METERS = {DeviceType.ESME, DeviceType.GSME}
# clauses whose faults the installation side owns (the S1SP's checks, firmware)
INSTALLATION_CLAUSES = {"18.6(b)", "scope:split-supplier-certificates", "18.65(d)"}
EVER = (utc(2000, 1, 1), utc(2100, 1, 1))
METER_FAULTS = [fault for fault in load_faults() if fault.side == "meter"]

Build = Callable[[datetime], Driver]
Probe = Callable[[Build], Any]


def _prepay(driver: Driver) -> Driver:
    driver.ok(UpdatePaymentModeRequest(PaymentMode.PREPAYMENT, disablement_threshold=FineMoney(0)))
    return driver


def _configure(calendar: Any) -> UpdatePrepayConfigurationRequest:
    return UpdatePrepayConfigurationRequest(PrepaySettings(non_disablement_calendar=calendar))


def _units(entries: Any) -> set[str]:
    return {counter.unit for entry in entries for counter in entry.block_counters}


def _totals(entries: Any) -> list[int]:
    return [sum(c.milli for c in entry.block_counters) for entry in entries]


def probe_seasons(build: Build) -> Any:
    return build(utc(2024, 1, 1)).refused(season_tariff([(1, 1), (4, 1)]))


def probe_season_calendar(build: Build) -> Any:
    driver = build(utc(2024, 1, 1))
    driver.ok(season_tariff([(1, 1), (4, 1)]))
    driver.to(utc(2024, 5, 1)).ok(UpdatePaymentModeRequest(PaymentMode.CREDIT))
    return driver.ok(ChangeOfModeBillingLogRequest(*EVER)).entries[-1].tou_registers


def probe_season_lookup(build: Build) -> Any:
    driver = build(utc(2024, 12, 1))
    driver.ok(season_tariff([(12, 29), (1, 2), (12, 31), (6, 1)]))  # out of order
    plan = driver.meter.state.plan
    days = (date(2024, 12, 28), date(2024, 12, 29), date(2025, 1, 1), date(2025, 1, 2))
    bst_start = plan.day_codes(date(2025, 6, 1))[:2]  # the first hour of a start day in BST
    return [plan.season_for(day).name for day in days], bst_start


def probe_ndc_start(build: Build) -> Any:
    calendar = ndc(ndc_entry(PartialDate(2024, 3, 15), PartialDate(2024, 6, 30)))
    return build(utc(2024, 3, 1)).refused(_configure(calendar))


def probe_ndc_end(build: Build) -> Any:
    calendar = ndc(ndc_entry(PartialDate(2024, 3, 1), PartialDate(2024, 6, 14)))
    return build(utc(2024, 3, 1)).refused(_configure(calendar))


def probe_ndc_indefinite(build: Build) -> Any:
    driver = build(utc(2024, 3, 1))
    outcome = driver.send(_configure(ndc(ndc_entry(PartialDate(2024, 3, 1), INDEFINITE))))
    _prepay(driver).to(utc(2026, 6, 1))
    return outcome.response.code, driver.meter.supply_enabled


def probe_ndc_leap_day(build: Build) -> Any:
    calendar = ndc(ndc_entry(PartialDate(2024, 2, 29), PartialDate(2024, 3, 31)))
    return build(utc(2024, 1, 1)).refused(_configure(calendar))


def probe_ndc_applied_start(build: Build) -> Any:
    driver = build(utc(2024, 1, 15))
    driver.ok(_configure(ndc(ndc_entry(PartialDate(2024, 1, 20), PartialDate(2024, 1, 31)))))
    return [driver.meter.state.ndc.applies(date(2024, 1, day)) for day in (19, 20, 31)]


def probe_ndc_applied_end(build: Build) -> Any:
    driver = build(utc(2024, 1, 15))
    driver.ok(_configure(ndc(ndc_entry(PartialDate(2024, 1, 1), PartialDate(2024, 1, 20)))))
    return [driver.meter.state.ndc.applies(date(2024, 1, day)) for day in (20, 21, 31)]


def probe_ndc_years(build: Build) -> Any:
    calendar = ndc(ndc_entry(PartialDate(2024, 12, 1), PartialDate(2025, 1, 31)))
    return build(utc(2024, 1, 1)).refused(_configure(calendar))


def probe_ndc_yearly(build: Build) -> Any:
    """Over the year end, to a mid-month end, one day a year: which days are in force."""
    driver = build(utc(2024, 1, 15))
    every = PartialDate.every_year
    seasons = (
        (every(11, 15), every(1, 31)),
        (every(3, 1), every(3, 20)),
        (every(2, 1), every(2, 1)),
    )
    days = [date(2024, 1, 31), date(2024, 3, 20), date(2024, 2, 1), date(2024, 12, 1)]
    applied = []
    for start, end in seasons:
        driver.ok(_configure(ndc(ndc_entry(start, end))))
        applied.append([driver.meter.state.ndc.applies(day) for day in days])
    return applied


def probe_ndc_mixed_bounds(build: Build) -> Any:
    """A yearly start with a dated end, a dated start with a yearly end in the next year."""
    driver = build(utc(2024, 1, 15))
    every = PartialDate.every_year
    driver.ok(_configure(ndc(ndc_entry(every(4, 10), PartialDate(2024, 4, 30)))))
    after_end = driver.meter.state.ndc.applies(date(2024, 5, 1))
    driver.ok(_configure(ndc(ndc_entry(PartialDate(2024, 11, 1), every(1, 10)))))
    return after_end, driver.meter.state.ndc.applies(date(2024, 11, 1))


def probe_ndc_echo_year_end(build: Build) -> Any:
    driver = build(utc(2024, 3, 1))
    response = driver.ok(_configure(ndc(ndc_entry(PartialDate(2025, 1, 1), INDEFINITE))))
    return response.settings.non_disablement_calendar.schedule[0].end


def probe_duplicate_utrn(build: Build) -> Any:
    driver = build(utc(2024, 3, 1))
    driver.send(TopUpDeviceRequest(utrn(5, 10)))
    driver.send(TopUpDeviceRequest(utrn(5, 10)))
    return driver.meter.balance


def probe_top_up_width(build: Build) -> Any:
    driver = build(utc(2024, 3, 1))
    driver.send(TopUpDeviceRequest(utrn(5, 100)))  # £100: 10000 pence
    return driver.meter.balance


def probe_daily_units(build: Build) -> Any:
    driver = build(utc(2024, 3, 1)).to(utc(2024, 3, 3))
    return _units(driver.ok(DailyReadLogRequest(*EVER)).entries)


def probe_change_units(build: Build) -> Any:
    driver = build(utc(2024, 3, 1)).advance(days=1)
    driver.ok(UpdatePaymentModeRequest(PaymentMode.PREPAYMENT))
    return _units(driver.ok(ChangeOfModeBillingLogRequest(*EVER)).entries)


def _billing(driver: Driver, start: datetime) -> Driver:
    calendar = BillingCalendar(start, BillingPeriodicity.DAILY)
    driver.ok(UpdateBillingCalendarRequest(calendar))
    return driver


def probe_billing_units(build: Build) -> Any:
    driver = _billing(build(utc(2024, 3, 1)), utc(2024, 3, 2)).to(utc(2024, 3, 3))
    return _units(driver.ok(BillingCalendarBillingLogRequest(*EVER)).entries)


def probe_change_log_silence(build: Build) -> Any:
    return build(utc(2024, 3, 1)).silent(ChangeOfModeBillingLogRequest(*EVER))


def probe_billing_log_silence(build: Build) -> Any:
    return build(utc(2024, 3, 1)).silent(BillingCalendarBillingLogRequest(*EVER))


def probe_debt_log_silence(build: Build) -> Any:
    return build(utc(2024, 3, 1)).silent(DebtPaymentsBillingLogRequest(*EVER))


def probe_change_trigger(build: Build) -> Any:
    driver = build(utc(2024, 3, 1))
    driver.ok(UpdatePaymentModeRequest(PaymentMode.PREPAYMENT))
    return driver.silent(ChangeOfModeBillingLogRequest(*EVER))


def probe_debt_trigger(build: Build) -> Any:
    """4.4.4 silent after payment-based debt is set, then after time-based debt recovery."""
    driver = _prepay(build(utc(2024, 3, 1, 12)))  # time-based debt is recovered in prepayment
    driver.ok(UpdateDebtRequest(payment_debt=Money(1000), recovery_per_payment=0))
    after_debt_set = driver.silent(DebtPaymentsBillingLogRequest(*EVER))
    recovery = DebtRecovery(100, 0, DebtRecoveryRatePeriod.DAILY)
    driver.ok(UpdateDebtRequest(time_debt_1=Money(500), recovery_1=recovery))
    driver.advance(days=2)
    return after_debt_set, driver.silent(DebtPaymentsBillingLogRequest(*EVER))


def probe_billing_reset(build: Build) -> Any:
    driver = _billing(build(utc(2024, 6, 1)), utc(2024, 6, 1, 23)).to(utc(2024, 6, 4))
    return _totals(driver.ok(BillingCalendarBillingLogRequest(*EVER)).entries)


def probe_daily_reset(build: Build) -> Any:
    driver = build(utc(2024, 6, 1)).to(utc(2024, 6, 4))
    return _totals(driver.ok(DailyReadLogRequest(*EVER)).entries)


def probe_log_day(build: Build) -> Any:
    driver = build(utc(2024, 6, 1)).to(utc(2024, 6, 4, 12))
    return [e.timestamp for e in driver.ok(DailyReadLogRequest(*EVER)).entries]


def probe_profile(build: Build) -> Any:
    driver = build(utc(2024, 6, 1)).to(utc(2024, 6, 3))
    outcome = driver.send(ProfileDataRequest(utc(2024, 6, 1), utc(2024, 6, 3)))
    body = outcome.response.body
    return outcome.response.code, None if body is None else [e.timestamp for e in body.entries]


def probe_kwh_values(build: Build) -> Any:
    driver = build(utc(2024, 3, 1)).advance(days=1)
    driver.ok(UpdatePaymentModeRequest(PaymentMode.PREPAYMENT))
    return _totals(driver.ok(ChangeOfModeBillingLogRequest(*EVER)).entries)


def probe_duplicate_register(build: Build) -> Any:
    driver = build(utc(2024, 6, 1)).to(utc(2024, 6, 4, 12))
    return [e.import_register for e in driver.ok(DailyReadLogRequest(*EVER)).entries]


def probe_profile_unit(build: Build) -> Any:
    driver = build(utc(2024, 6, 1)).to(utc(2024, 6, 2))
    entries = driver.ok(ProfileDataRequest(utc(2024, 6, 1), utc(2024, 6, 2))).entries
    return [e.consumption for e in entries]


def probe_debt_period(build: Build) -> Any:
    """An hourly 2.3 with no cap, then under an hourly cap: refused or not."""
    recovery = DebtRecovery(5, 0, DebtRecoveryRatePeriod.HOURLY)
    hourly = UpdateDebtRequest(time_debt_1=Money(1000), recovery_1=recovery)
    driver = build(utc(2024, 3, 1))
    without_cap = driver.refused(hourly)
    cap = DebtRecoveryRateCap(FineMoney(100_000), DebtRecoveryCapPeriod.HOURLY)
    driver.ok(_configure_cap(cap))
    return without_cap, driver.refused(hourly)


def _configure_cap(cap: DebtRecoveryRateCap) -> UpdatePrepayConfigurationRequest:
    return UpdatePrepayConfigurationRequest(PrepaySettings(debt_recovery_rate_cap=cap))


PROBES: dict[str, Probe] = {
    "max_tariff_seasons": probe_seasons,
    "follows_season_calendar": probe_season_calendar,
    "season_lookup": probe_season_lookup,
    "ndc_start_any_day": probe_ndc_start,
    "ndc_end_any_day": probe_ndc_end,
    "ndc_indefinite": probe_ndc_indefinite,
    "ndc_end_echo": probe_ndc_echo_year_end,
    "ndc_leap_day": probe_ndc_leap_day,
    "ndc_start_from_next_month": probe_ndc_applied_start,
    "ndc_end_at_month_end": probe_ndc_applied_end,
    "ndc_season_spans_years": probe_ndc_years,
    "ndc_yearly": probe_ndc_yearly,
    "ndc_mixed_bounds": probe_ndc_mixed_bounds,
    "records_utrns": probe_duplicate_utrn,
    "top_up_pence_bits": probe_top_up_width,
    "daily_log_counter_unit": probe_daily_units,
    "change_log_counter_unit": probe_change_units,
    "billing_log_counter_unit": probe_billing_units,
    "silent_change_log_until_triggered": probe_change_log_silence,
    "silent_billing_log_until_calendar": probe_billing_log_silence,
    "silent_debt_log_until_recovered": probe_debt_log_silence,
    "change_log_trigger": probe_change_trigger,
    "debt_log_trigger": probe_debt_trigger,
    "billing_block_counters": probe_billing_reset,
    "daily_block_counters": probe_daily_reset,
    "daily_log_day": probe_log_day,
    "profile_access": probe_profile,
    "profile_stamping": probe_profile,
    "profile_in_kwh": probe_profile_unit,
    "kwh_counters_converted": probe_kwh_values,
    "profile_start_inclusive": probe_profile,
    "profile_cumulative": probe_profile_unit,
    "daily_duplicate_live": probe_duplicate_register,
    "debt_period_rule": probe_debt_period,
}


def _mapped_models(clause: str) -> list[DeviceModel]:
    return [m for m in load_dmves().models_for(clause) if m.device_type in METERS]


def _builder(model: DeviceModel, overrides: dict[str, object]) -> Build:
    def build(start: datetime) -> Driver:
        profile: LoadProfile = kilowatt() if model.device_type is DeviceType.ESME else flat_gas()
        meter = build_meter(model, METER_ID, start=start, overrides=overrides, load_profile=profile)
        return Driver(meter, start)

    return build


def test_every_meter_knob_has_a_probe():
    assert set(PROBES) == meter_knobs()


def test_every_meter_side_testable_clause_has_a_fault(catalogue, meter_faults):
    broken = {fault.clause for fault in meter_faults}
    meter_clauses = {
        clause.id
        for clause in catalogue.clauses
        if clause.testable and clause.device_types & METERS
    }
    assert meter_clauses - INSTALLATION_CLAUSES - broken == set()
    assert broken <= meter_clauses


def test_meter_faults_only_set_meter_knobs(meter_faults):
    assert meter_faults
    for fault in meter_faults:
        assert set(fault.overrides) <= meter_knobs(), fault.name


@pytest.mark.parametrize("fault", METER_FAULTS, ids=[f.name for f in METER_FAULTS])
def test_the_fault_changes_what_a_mapped_meter_does(fault):
    models = _mapped_models(fault.clause)
    assert models, f"no shipped meter is mapped to {fault.clause}"
    (knob,) = fault.overrides
    probe = PROBES[knob]
    model = models[0]
    healthy = probe(_builder(model, {}))
    broken = probe(_builder(model, fault.overrides))
    assert healthy != broken, f"{fault.name} changes nothing on {model.id}"
