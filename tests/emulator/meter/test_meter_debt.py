"""2.3 Update Debt and time-based recovery: 18.27(q) and its baseline."""

from __future__ import annotations

import pytest

from s1sr.models import (
    DebtRecovery,
    DebtRecoveryCapPeriod,
    DebtRecoveryRateCap,
    DebtRecoveryRatePeriod,
    DeviceType,
    FineMoney,
    Money,
    PaymentMode,
    PrepaySettings,
    UpdateDebtRequest,
    UpdateDebtResponse,
    UpdatePaymentModeRequest,
    UpdatePrepayConfigurationRequest,
    utc,
)
from tests.emulator.meter.builders import drive, flat_tariff

HOURLY, DAILY = DebtRecoveryRatePeriod.HOURLY, DebtRecoveryRatePeriod.DAILY
CAP_HOURLY, CAP_DAILY, CAP_WEEKLY = DebtRecoveryCapPeriod
START = utc(2024, 2, 1)


def debt_driver(clauses, overrides=None, device_type=DeviceType.ESME):
    driver = drive(device_type, clauses, start=START, overrides=overrides)
    driver.ok(flat_tariff(0))
    driver.ok(
        UpdatePaymentModeRequest(PaymentMode.PREPAYMENT, disablement_threshold=FineMoney(-(2**63)))
    )
    return driver


def debt(rate, period, pence=10_000):
    return UpdateDebtRequest(time_debt_1=Money(pence), recovery_1=DebtRecovery(rate, 0, period))


@pytest.mark.parametrize("device_type", [DeviceType.ESME, DeviceType.GSME])
def test_with_18_27_q_a_daily_2_3_succeeds_and_recovers_daily(device_type):
    driver = debt_driver(["18.27(q)"], device_type=device_type)
    response = driver.ok(debt(30, DAILY))
    assert response == UpdateDebtResponse(Money(10_000), Money(0), Money(0))
    driver.to(utc(2024, 2, 4))
    assert driver.meter.debts[0] == Money(10_000 - 3 * 30)
    assert driver.meter.credit_totals.recovered == 90


def test_with_18_27_q_an_unsupported_period_refuses_the_whole_2_3():
    driver = debt_driver(["18.27(q)"])
    driver.ok(debt(30, DAILY))
    assert driver.refused(debt(5, HOURLY, pence=777))
    driver.to(utc(2024, 2, 3))
    assert driver.meter.debts[0] == Money(10_000 - 2 * 30)  # debt and period unchanged


def test_with_18_27_q_the_period_of_the_rate_cap_is_the_supported_one():
    driver = debt_driver(["18.27(q)"])
    cap = DebtRecoveryRateCap(FineMoney.from_money(Money(1000)), CAP_HOURLY)
    driver.ok(UpdatePrepayConfigurationRequest(PrepaySettings(debt_recovery_rate_cap=cap)))
    driver.ok(debt(5, HOURLY))
    driver.to(utc(2024, 2, 1, 10))
    assert driver.meter.debts[0] == Money(10_000 - 10 * 5)
    assert driver.refused(debt(30, DAILY))


def test_without_18_27_q_any_period_is_accepted_and_recovery_stays_daily():
    driver = debt_driver([])
    driver.ok(debt(5, HOURLY))
    driver.to(utc(2024, 2, 1, 23))
    assert driver.meter.debts[0] == Money(10_000)
    driver.to(utc(2024, 2, 2))
    assert driver.meter.debts[0] == Money(10_000 - 5)


def test_the_unchecked_fault_accepts_and_applies_an_unsupported_period():
    driver = debt_driver(["18.27(q)"], overrides={"debt_period_rule": "unchecked"})
    driver.ok(debt(5, HOURLY))
    driver.to(utc(2024, 2, 1, 10))
    assert driver.meter.debts[0] == Money(10_000 - 10 * 5)


def test_fractional_rates_carry_their_remainder():
    driver = debt_driver([])
    driver.ok(UpdateDebtRequest(time_debt_1=Money(100), recovery_1=DebtRecovery(25, -1, DAILY)))
    driver.to(utc(2024, 2, 5))  # 4 days at 2.5 p
    assert driver.meter.debts[0] == Money(90)


def test_recovery_stops_at_zero_debt_and_respects_the_cap():
    driver = debt_driver([])
    cap = DebtRecoveryRateCap(FineMoney(40_000), CAP_DAILY)
    driver.ok(UpdatePrepayConfigurationRequest(PrepaySettings(debt_recovery_rate_cap=cap)))
    driver.ok(
        UpdateDebtRequest(
            time_debt_1=Money(30),
            time_debt_2=Money(1000),
            recovery_1=DebtRecovery(25, 0, DAILY),
            recovery_2=DebtRecovery(25, 0, DAILY),
        )
    )
    driver.to(utc(2024, 2, 3))
    # day 1: 25 + 15 (capped at 40); day 2: 5 (debt 1 runs out) + 25
    assert driver.meter.debts[:2] == (Money(0), Money(1000 - 15 - 25))
    assert driver.meter.credit_totals.recovered == 70


def cap_driver(clauses, amount, period):
    driver = debt_driver(clauses)
    cap = DebtRecoveryRateCap(amount, period)
    driver.ok(UpdatePrepayConfigurationRequest(PrepaySettings(debt_recovery_rate_cap=cap)))
    return driver


def test_with_18_27_q_a_weekly_cap_leaves_the_daily_period_supported():
    driver = cap_driver(["18.27(q)"], FineMoney(30), CAP_WEEKLY)  # the RTDS ECS08 cap
    driver.ok(debt(30, DAILY))
    assert driver.refused(debt(5, HOURLY))


def test_a_weekly_cap_counts_over_weeks_from_saturday_midnight_utc():
    driver = cap_driver([], FineMoney.from_money(Money(100)), CAP_WEEKLY)
    driver.ok(debt(30, DAILY))
    driver.to(utc(2024, 2, 3))  # Thursday to Saturday: the end of a week, 2 days, 60 p
    assert driver.meter.credit_totals.recovered == 60
    driver.to(utc(2024, 2, 7))  # 4 days into the next week: 30, 30, 30, then 10 to the cap
    assert driver.meter.credit_totals.recovered == 60 + 100
    driver.to(utc(2024, 2, 10))  # the rest of that week recovers nothing
    assert driver.meter.credit_totals.recovered == 160
    driver.to(utc(2024, 2, 17))  # a whole week: the cap again
    assert driver.meter.debts[0] == Money(10_000 - 260)


def test_a_sub_penny_cap_recovers_its_whole_pence_only():
    driver = cap_driver([], FineMoney(2_500), CAP_DAILY)  # 2.5 p a day
    driver.ok(debt(30, DAILY))
    driver.to(utc(2024, 2, 5))
    assert driver.meter.credit_totals.recovered == 4 * 2


def test_nothing_is_recovered_in_credit_mode():
    driver = drive(DeviceType.GSME, [], start=START)
    driver.ok(debt(30, DAILY))
    driver.to(utc(2024, 2, 10))
    assert driver.meter.debts[0] == Money(10_000)
