"""The billing data logs: 4.4.2, 4.4.3, 4.4.4, their timeouts, units and snapshots."""

from __future__ import annotations

import pytest

from s1sr.emulator.meter.measure import Gas
from s1sr.models import (
    BillingCalendar,
    BillingCalendarBillingLogRequest,
    BillingPeriodicity,
    ChangeOfModeBillingLogRequest,
    DebtPaymentsBillingLogRequest,
    DeviceType,
    Energy,
    EnergyUnit,
    FineMoney,
    Money,
    PaymentMode,
    TopUpDeviceRequest,
    UpdateBillingCalendarRequest,
    UpdateDebtRequest,
    UpdatePaymentModeRequest,
    utc,
)
from tests.emulator.meter.builders import block_tariff, drive, flat_gas, flat_tariff, utrn

ESME, GSME = DeviceType.ESME, DeviceType.GSME
BOTH = [ESME, GSME]
START = utc(2024, 1, 1)
EVER = (utc(2000, 1, 1), utc(2100, 1, 1))
CHANGE_LOG = ChangeOfModeBillingLogRequest(*EVER)
BILLING_LOG = BillingCalendarBillingLogRequest(*EVER)
DEBT_LOG = DebtPaymentsBillingLogRequest(*EVER)


def monthly(start):
    return UpdateBillingCalendarRequest(BillingCalendar(start, BillingPeriodicity.MONTHLY))


def total(counters):
    return sum(counter.milli for counter in counters)


# -- 18.17(i): 4.4.2 before any tariff or payment mode update --------------------------------


@pytest.mark.parametrize("device_type", BOTH)
def test_with_18_17_i_4_4_2_is_unanswered_until_a_tariff_update(device_type):
    driver = drive(device_type, ["18.17(i)"], start=START)
    assert driver.silent(CHANGE_LOG)
    driver.advance(days=1).ok(flat_tariff(20))
    log = driver.ok(CHANGE_LOG)
    assert [entry.timestamp for entry in log.entries] == [utc(2024, 1, 2)]


def test_with_18_17_i_a_payment_mode_update_also_opens_4_4_2():
    driver = drive(ESME, ["18.17(i)"], start=START)
    driver.ok(UpdatePaymentModeRequest(PaymentMode.PREPAYMENT))
    assert len(driver.ok(CHANGE_LOG).entries) == 1


def test_with_18_17_i_a_future_dated_update_opens_4_4_2_when_it_executes():
    driver = drive(GSME, ["18.17(i)"], start=START)
    driver.ok(UpdatePaymentModeRequest(PaymentMode.PREPAYMENT, execute_at=utc(2024, 1, 3)))
    assert driver.silent(CHANGE_LOG)
    driver.to(utc(2024, 1, 3))
    assert driver.meter.payment_mode is PaymentMode.PREPAYMENT
    assert [e.timestamp for e in driver.ok(CHANGE_LOG).entries] == [utc(2024, 1, 3)]


@pytest.mark.parametrize("device_type", BOTH)
def test_without_18_17_i_4_4_2_answers_an_empty_log(device_type):
    driver = drive(device_type, [], start=START)
    assert driver.ok(CHANGE_LOG).entries == ()


# -- 18.18(g): 4.4.3 before a billing calendar ------------------------------------------------


@pytest.mark.parametrize("device_type", BOTH)
def test_with_18_18_g_4_4_3_is_unanswered_until_a_calendar_is_set(device_type):
    driver = drive(device_type, ["18.18(g)"], start=START)
    assert driver.silent(BILLING_LOG)
    driver.ok(monthly(utc(2024, 2, 1)))
    assert driver.ok(BILLING_LOG).entries == ()
    driver.to(utc(2024, 3, 15))
    log = driver.ok(BILLING_LOG)
    assert [entry.timestamp for entry in log.entries] == [utc(2024, 2, 1), utc(2024, 3, 1)]


@pytest.mark.parametrize("device_type", BOTH)
def test_without_18_18_g_4_4_3_answers_an_empty_log(device_type):
    driver = drive(device_type, [], start=START)
    assert driver.ok(BILLING_LOG).entries == ()


# -- 18.19(a): 4.4.4 before any payment-based debt recovery ------------------------------------


@pytest.mark.parametrize("device_type", BOTH)
def test_with_18_19_a_4_4_4_is_unanswered_until_payment_debt_is_recovered(device_type):
    driver = drive(device_type, ["18.19(a)"], start=START)
    assert driver.silent(DEBT_LOG)
    driver.ok(TopUpDeviceRequest(utrn(1, 10)))  # credit added, no payment-based debt
    assert driver.silent(DEBT_LOG)
    driver.ok(UpdateDebtRequest(payment_debt=Money(300), recovery_per_payment=1000))
    driver.ok(TopUpDeviceRequest(utrn(2, 10)))
    assert [e.amount for e in driver.ok(DEBT_LOG).entries] == [FineMoney(100_000)]


@pytest.mark.parametrize("device_type", BOTH)
def test_without_18_19_a_4_4_4_answers_an_empty_log(device_type):
    driver = drive(device_type, [], start=START)
    driver.ok(TopUpDeviceRequest(utrn(1, 10)))
    assert driver.ok(DEBT_LOG).entries == ()


# -- 18.17(b) / 18.18(a): gas block counters in kWh ---------------------------------------------


@pytest.mark.parametrize(
    ("clauses", "unit"),
    [(["18.17(b)"], EnergyUnit.KWH), ([], EnergyUnit.M3)],
    ids=["18.17(b)", "baseline"],
)
def test_the_gas_change_log_reports_block_counters_in(clauses, unit):
    driver = drive(GSME, clauses, start=START, load_profile=flat_gas())
    driver.advance(days=2).ok(UpdatePaymentModeRequest(PaymentMode.PREPAYMENT))
    counters = driver.ok(CHANGE_LOG).entries[0].block_counters
    assert counters and {c.unit for c in counters} == {unit}
    if unit is EnergyUnit.M3:
        assert total(counters) == 9600  # two days of 4.8 m3
    else:  # each counter converted on its own, rounded down
        assert 0 <= Gas().wh(9600) - total(counters) < len(counters)


@pytest.mark.parametrize(
    ("clauses", "unit"),
    [(["18.18(a)"], EnergyUnit.KWH), ([], EnergyUnit.M3)],
    ids=["18.18(a)", "baseline"],
)
def test_the_gas_billing_log_reports_block_counters_in(clauses, unit):
    driver = drive(GSME, clauses, start=START, load_profile=flat_gas())
    driver.ok(monthly(utc(2024, 1, 10, 12)))
    driver.to(utc(2024, 1, 11))
    counters = driver.ok(BILLING_LOG).entries[0].block_counters
    assert counters and {c.unit for c in counters} == {unit}


def test_an_electricity_meter_reports_block_counters_in_kwh():
    driver = drive(ESME, [], start=START, load_profile=None)
    driver.ok(block_tariff())
    driver.advance(days=1).ok(UpdatePaymentModeRequest(PaymentMode.PREPAYMENT))
    counters = driver.ok(CHANGE_LOG).entries[-1].block_counters
    assert {c.unit for c in counters} == {EnergyUnit.KWH}
    assert total(counters) > 0


# -- 18.18(f): the billing snapshot after the UTC-day reset --------------------------------------


def billing_counters(clauses, calendar_start, until, overrides=None):
    driver = drive(GSME, clauses, start=START, overrides=overrides, load_profile=flat_gas())
    driver.ok(monthly(calendar_start))
    driver.to(until)
    return [total(entry.block_counters) for entry in driver.ok(BILLING_LOG).entries]


def test_with_18_18_f_a_gmt_billing_snapshot_at_local_midnight_shows_zero():
    assert billing_counters(["18.18(f)"], utc(2024, 1, 5), utc(2024, 3, 6)) == [0, 0, 0]


def test_with_18_18_f_a_bst_billing_snapshot_holds_23_hours():
    # local midnight of 1 June / 1 July is 23:00 UTC the day before; 0.2 m3 an hour
    snapshots = billing_counters(["18.18(f)"], utc(2024, 5, 31, 23), utc(2024, 7, 2))
    assert snapshots == [4600, 4600]


def test_without_18_18_f_a_billing_snapshot_holds_the_whole_period():
    snapshots = billing_counters([], utc(2024, 5, 31, 23), utc(2024, 7, 2))
    assert snapshots == [151 * 4800 + 4600, 30 * 4800]  # the first: since the tariff began


def test_the_reset_fault_makes_the_billing_snapshot_hold_the_whole_period():
    snapshots = billing_counters(
        ["18.18(f)"],
        utc(2024, 5, 31, 23),
        utc(2024, 7, 2),
        overrides={"billing_block_counters": "at-snapshot"},
    )
    assert snapshots[1] == 30 * 4800


# -- the logs themselves ----------------------------------------------------------------------


def test_billing_logs_keep_the_newest_twelve_entries():
    driver = drive(ESME, [], start=START)
    driver.ok(UpdateBillingCalendarRequest(BillingCalendar(START, BillingPeriodicity.DAILY)))
    driver.to(utc(2024, 1, 21))
    entries = driver.ok(BILLING_LOG).entries
    assert [e.timestamp.day for e in entries] == list(range(10, 22))


def test_a_monthly_calendar_stays_on_local_midnight_through_the_clock_change():
    driver = drive(ESME, [], start=START)
    driver.ok(monthly(utc(2024, 2, 1)))
    driver.to(utc(2024, 5, 2))
    stamps = [e.timestamp for e in driver.ok(BILLING_LOG).entries]
    assert stamps == [utc(2024, 2, 1), utc(2024, 3, 1), utc(2024, 3, 31, 23), utc(2024, 4, 30, 23)]


def test_a_read_returns_only_the_entries_of_its_period():
    driver = drive(ESME, [], start=START)
    driver.ok(monthly(utc(2024, 2, 1)))
    driver.to(utc(2024, 6, 2))
    log = driver.ok(BillingCalendarBillingLogRequest(utc(2024, 3, 1), utc(2024, 4, 30)))
    assert [e.timestamp for e in log.entries] == [utc(2024, 3, 1), utc(2024, 3, 31, 23)]


def test_a_change_snapshot_records_the_registers_and_balances_before_the_change():
    driver = drive(ESME, [], start=START)
    driver.ok(TopUpDeviceRequest(utrn(1, 10)))
    driver.advance(hours=5).ok(UpdatePaymentModeRequest(PaymentMode.PREPAYMENT))
    entry = driver.ok(CHANGE_LOG).entries[0]
    assert entry.import_register == driver.meter.import_register
    assert entry.meter_balance == Money(1000)
    assert entry.import_register > Energy.kwh(0)
