"""Debt recovery (2.3): 18.27(q), and the removed 18.27(p).

18.27(q), as the catalogue reads it: a DebtRecoveryRatePeriod takes effect only through a
2.3 that executes successfully, and is checked against what the device supports (the
period of a 2.1 debt recovery rate cap, daily when none is set; none is set here, so hourly
is unsupported). A 2.3 carrying an unsupported period is refused whole: the debt and period
in force stay. The baseline accepts any period, applies the debt and keeps recovering
daily. Time-based debt is read from the registers a 2.3 response reports.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from s1sr.models import (
    DebtRecovery,
    DebtRecoveryRatePeriod,
    Money,
    PaymentMode,
    TopUpDeviceRequest,
    UpdateDebtRequest,
    UpdateDebtResponse,
    UpdatePaymentModeRequest,
    utc,
)
from s1sr.pytest_plugin import Case

START = utc(2024, 1, 15, 12)
RATE = 100  # pence per period
ELAPSED = timedelta(days=2, hours=6)  # two local midnights and two whole days: 2 periods
DAILY_PERIODS = 2


def debt_request(pounds: int, period: DebtRecoveryRatePeriod) -> UpdateDebtRequest:
    return UpdateDebtRequest(
        time_debt_1=Money.pounds(pounds), recovery_1=DebtRecovery(RATE, 0, period)
    )


@pytest.mark.clause("18.27(q)")
@pytest.mark.srv("2.3", "1.6", "2.2")
def test_debt_recovery_period_checked_by_a_successful_2_3(case: Case, build, steps) -> None:
    case.set_clock(START)
    steps.setup(UpdatePaymentModeRequest(PaymentMode.PREPAYMENT), "prepayment mode (1.6)")
    steps.setup(TopUpDeviceRequest(build.utrn(pounds=50)), "a £50 top-up (2.2)")

    def time_debt(what: str) -> Money:
        probe = steps.observe(UpdateDebtRequest(recovery_per_payment=0), what, UpdateDebtResponse)
        return probe.time_debt_1

    valid = case.exchange(debt_request(10, DebtRecoveryRatePeriod.DAILY))
    case.expect(
        steps.succeeded(valid),
        expected="a 2.3 of £10 time-based debt recovered £1.00 per day (daily period) accepted",
        observed=valid.summary(),
    )
    other = case.exchange(debt_request(20, DebtRecoveryRatePeriod.HOURLY))
    held = time_debt("the debt registers (2.3 response)")
    if case.mapped:
        case.expect(
            not steps.succeeded(other) and held == Money.pounds(10),
            expected="a 2.3 of £20 recovered hourly (unsupported period) refused whole: "
            "time-based debt stays £10.00",
            observed=f"{other.summary()}; time-based debt {held}",
        )
        debt = Money.pounds(10)
    else:
        case.expect(
            steps.succeeded(other) and held == Money.pounds(20),
            expected="a 2.3 of £20 recovered hourly accepted, the debt applied: "
            "time-based debt £20.00",
            observed=f"{other.summary()}; time-based debt {held}",
        )
        debt = Money.pounds(20)
    case.advance(ELAPSED)
    later = time_debt("the debt registers after two days (2.3 response)")
    expected = debt - Money(RATE * DAILY_PERIODS)
    case.expect(
        later == expected,
        expected=f"recovery continues daily at £1.00: {debt} -> {expected} after "
        f"{DAILY_PERIODS} days",
        observed=f"time-based debt {held} -> {later}",
    )


@pytest.mark.clause("18.27(p)")
def test_removed_clause_has_no_behaviour(case: Case) -> None:
    """18.27(p) was removed by Uplift 2.1: every pair is NOT_APPLICABLE, shown as such."""
    assert not case.clause.testable, f"{case.clause.id} is {case.clause.kind}, not removed"
