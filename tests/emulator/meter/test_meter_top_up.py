"""2.2 top-ups: credit, the UTRN ledger (scope:duplicate-utrn's device part), limits."""

from __future__ import annotations

import pytest

from s1sr.models import (
    DebtPayment,
    DebtPaymentsBillingLogRequest,
    DeviceType,
    FineMoney,
    Money,
    PaymentMode,
    PrepaySettings,
    TopUpDeviceRequest,
    TopUpDeviceResponse,
    UpdateDebtRequest,
    UpdatePaymentModeRequest,
    UpdatePrepayConfigurationRequest,
    ValueClass,
    utc,
)
from tests.emulator.meter.builders import drive, flat_tariff, utrn

START = utc(2024, 2, 1, 9)
BOTH = [DeviceType.ESME, DeviceType.GSME]


@pytest.mark.parametrize("device_type", BOTH)
@pytest.mark.parametrize(
    "clauses", [[], ["scope:duplicate-utrn", "18.6(b)"]], ids=["baseline", "mapped"]
)
def test_a_top_up_credits_its_value_once(device_type, clauses):
    driver = drive(device_type, clauses, start=START)
    response = driver.ok(TopUpDeviceRequest(utrn(7, 20)))
    assert response == TopUpDeviceResponse(Money(2000), Money(2000))
    assert driver.refused(TopUpDeviceRequest(utrn(7, 20)))
    assert driver.meter.balance == Money(2000)
    assert driver.meter.credit_totals.topped_up == 2000


def test_the_device_applies_a_pennies_utrn_the_s1sp_let_through():
    # 18.6(b) is the S1SP's check; the meter credits any value class it is given
    driver = drive(DeviceType.ESME, ["18.6(b)"], start=START)
    driver.ok(TopUpDeviceRequest(utrn(3, 1234, ValueClass.PENNIES)))
    assert driver.meter.balance == Money(1234)


def test_a_reused_counter_is_refused_even_with_other_digits():
    driver = drive(DeviceType.GSME, [], start=START)
    driver.ok(TopUpDeviceRequest(utrn(9, 10)))
    assert driver.refused(TopUpDeviceRequest(utrn(9, 11)))
    assert driver.meter.balance == Money(1000)


def test_has_applied_utrn_is_what_the_s1sp_duplicate_check_asks():
    driver = drive(DeviceType.ESME, ["scope:duplicate-utrn"], start=START)
    first, other = utrn(1, 5), utrn(2, 5)
    driver.ok(TopUpDeviceRequest(first))
    assert driver.meter.has_applied_utrn(first)
    assert not driver.meter.has_applied_utrn(other)


def test_the_no_record_fault_credits_a_duplicate_twice():
    driver = drive(
        DeviceType.ESME, ["scope:duplicate-utrn"], start=START, overrides={"records_utrns": False}
    )
    driver.ok(TopUpDeviceRequest(utrn(7, 20)))
    driver.ok(TopUpDeviceRequest(utrn(7, 20)))
    assert driver.meter.balance == Money(4000)
    assert not driver.meter.has_applied_utrn(utrn(7, 20))


def test_payment_based_debt_is_recovered_from_a_top_up_and_logged():
    driver = drive(DeviceType.ESME, [], start=START)
    driver.ok(UpdateDebtRequest(payment_debt=Money(500), recovery_per_payment=2500))
    driver.ok(TopUpDeviceRequest(utrn(1, 10)))
    assert driver.meter.debts[2] == Money(250)
    assert driver.meter.balance == Money(750)
    assert driver.meter.credit_totals.recovered == 250
    log = driver.ok(DebtPaymentsBillingLogRequest(START, utc(2024, 2, 2)))
    assert log.entries == (DebtPayment(START, FineMoney.from_money(Money(250))),)


def test_payment_debt_recovery_never_exceeds_the_debt():
    driver = drive(DeviceType.GSME, [], start=START)
    driver.ok(UpdateDebtRequest(payment_debt=Money(100), recovery_per_payment=5000))
    driver.ok(TopUpDeviceRequest(utrn(1, 10)))
    assert driver.meter.debts[2] == Money(0)
    assert driver.meter.balance == Money(900)


@pytest.mark.parametrize(
    ("settings", "value", "accepted"),
    [
        (PrepaySettings(max_credit_threshold=Money(2000)), 20, True),
        (PrepaySettings(max_credit_threshold=Money(2000)), 21, False),
        (PrepaySettings(max_meter_balance=Money(2500)), 25, True),
        (PrepaySettings(max_meter_balance=Money(2500)), 26, False),
    ],
    ids=["at-max-credit", "above-max-credit", "to-max-balance", "above-max-balance"],
)
def test_top_ups_above_the_configured_maximums_are_refused(settings, value, accepted):
    driver = drive(DeviceType.ESME, [], start=START)
    driver.ok(UpdatePrepayConfigurationRequest(settings))
    assert driver.refused(TopUpDeviceRequest(utrn(1, value))) is not accepted
    assert driver.meter.balance == Money(value * 100 if accepted else 0)


@pytest.mark.parametrize("device_type", BOTH)
@pytest.mark.parametrize(
    ("pence", "enabled"), [(557, True), (556, False)], ids=["above-threshold", "below-threshold"]
)
def test_a_sub_penny_disablement_threshold_is_compared_exactly(device_type, pence, enabled):
    """The RTDS ECS03 threshold, 556677 thousandths (556.677 p): 556 p is below it."""
    driver = drive(device_type, [], start=START)
    driver.ok(flat_tariff(0))
    driver.ok(TopUpDeviceRequest(utrn(1, pence, ValueClass.PENNIES)))
    threshold = FineMoney(556_677)
    driver.ok(UpdatePaymentModeRequest(PaymentMode.PREPAYMENT, disablement_threshold=threshold))
    driver.advance(hours=1)
    assert driver.meter.balance == Money(pence)
    assert driver.meter.supply_enabled is enabled
