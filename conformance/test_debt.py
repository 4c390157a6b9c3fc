"""Debt recovery (2.3): 18.27(q), and the removed 18.27(p).

18.27(q), as the catalogue reads it: a DebtRecoveryRatePeriod takes effect only through a
2.3 that executes successfully, and is checked against what the device supports (the
period of a 2.1 debt recovery rate cap; daily when none is set or the cap is weekly). A 2.3
carrying an unsupported period is refused whole: the debt and period in force stay. The test
goes through every cap period (none, hourly, daily, weekly) and both rate periods, and reads
the period in force from how fast time-based debt falls. The baseline accepts any period,
applies the debt and keeps recovering daily. Every 2.3 sets every register (DUIS's 2.3
does), so time-based debt is read from the snapshot a tariff update takes (4.4.2), not from
a 2.3 response. Over DUIS the caps cannot be sent (DUIS's 2.1 holds only an electricity
weekly cap of at most 65.535 p, and no gas cap): those pairs end INCONCLUSIVE, never sent.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from s1sr.models import (
    DebtRecoveryCapPeriod,
    DebtRecoveryRateCap,
    DebtRecoveryRatePeriod,
    FineMoney,
    Money,
    NdcScheduleEntry,
    NdcScript,
    NonDisablementCalendar,
    PartialDate,
    TopUpDeviceRequest,
    UpdateDebtRequest,
    UpdatePrepayConfigurationRequest,
    Weekday,
    utc,
)
from s1sr.pytest_plugin import Case

START = utc(2024, 1, 15, 12)
RATE = 100  # pence per period
HOURLY, DAILY = DebtRecoveryRatePeriod.HOURLY, DebtRecoveryRatePeriod.DAILY
# How long to wait, and how many whole periods pass in it, whether a device counts its
# periods on clock boundaries or from the 2.3 sent at 12:30 UTC (GMT: local time too).
WAITS = {HOURLY: (timedelta(hours=3, minutes=15), 3), DAILY: (timedelta(days=2, hours=6), 2)}
CAP = FineMoney.from_money(Money.pounds(100))  # per cap period: never binds at £1 a period
# The cap's 2.1 sets every setting from the baseline, but with an NDC every meter holds: a
# STOP all day from 1 January to 31 December each year (the baseline's indefinite end is one
# some meters refuse). This test's supply is never disabled, so no NDC plays a part in it.
NO_NDC = NonDisablementCalendar(
    special_days=(),
    schedule=(
        NdcScheduleEntry(
            NdcScript.STOP,
            time(0),
            PartialDate.every_year(1, 1),
            PartialDate.every_year(12, 31),
            tuple(Weekday),
        ),
    ),
)
# (cap period set by 2.1, or None for no cap; the rate period the device then supports)
CAPS = (
    (None, DAILY),
    (DebtRecoveryCapPeriod.HOURLY, HOURLY),
    (DebtRecoveryCapPeriod.DAILY, DAILY),
    (DebtRecoveryCapPeriod.WEEKLY, DAILY),
)


def next_half_past_noon(now: datetime) -> datetime:
    """12:30 UTC today, or tomorrow once past: between hour and day boundaries."""
    today = datetime.combine(now.date(), time(12, 30), tzinfo=UTC)
    return today if today >= now else today + timedelta(days=1)


def debt_request(
    build, pounds: int, period: DebtRecoveryRatePeriod, supported: DebtRecoveryRatePeriod
) -> UpdateDebtRequest:
    """£``pounds`` of time-based debt recovered at ``RATE`` a ``period`` (register 1).

    The other recovery (nothing to recover) carries the supported period, so a request
    with ``period`` unsupported has exactly one unsupported period, which refuses it whole.
    """
    return build.debt_update(
        supported,
        time_debt_1=Money.pounds(pounds),
        recovery_1=build.debt_recovery(RATE, period),
    )


@pytest.mark.clause("18.27(q)")
@pytest.mark.srv("2.3", "2.1", "1.6", "2.2", "1.1.1", "4.4.2")
def test_debt_recovery_period_checked_by_a_successful_2_3(case: Case, build, steps) -> None:
    steps.clock_at(START, "a January day to count recovery periods from")
    steps.setup(build.prepayment(), "prepayment mode (1.6)")

    def time_debt(what: str) -> Money:
        return steps.debt_registers(build, what).time_debt_1

    for cap, supported in CAPS:
        other = HOURLY if supported is DAILY else DAILY
        steps.setup(TopUpDeviceRequest(build.utrn(pounds=50)), "a £50 top-up (2.2)")
        if cap is None:
            under = "with no debt recovery rate cap"
        else:
            article = "an" if cap is DebtRecoveryCapPeriod.HOURLY else "a"
            under = f"under {article} {cap} debt recovery rate cap"
            settings = build.prepay_settings(
                debt_recovery_rate_cap=DebtRecoveryRateCap(CAP, cap),
                non_disablement_calendar=NO_NDC,
            )
            steps.setup(UpdatePrepayConfigurationRequest(settings), f"a {cap} cap (2.1)")
        steps.advance_to(next_half_past_noon(case.now()))
        valid = case.exchange(debt_request(build, 10, supported, supported))
        case.expect(
            steps.succeeded(valid),
            expected=f"{under}, a 2.3 of £10 time-based debt recovered £1.00 {supported} accepted",
            observed=valid.summary(),
        )
        refused = case.exchange(debt_request(build, 20, other, supported))
        held = time_debt("the time-based debt")
        if case.mapped:
            case.expect(
                not steps.succeeded(refused) and held == Money.pounds(10),
                expected=f"{under}, a 2.3 of £20 recovered {other} (unsupported period) "
                "refused whole: time-based debt stays £10.00",
                observed=f"{refused.summary()}; time-based debt {held}",
            )
            debt, period = Money.pounds(10), supported
        else:
            case.expect(
                steps.succeeded(refused) and held == Money.pounds(20),
                expected=f"{under}, a 2.3 of £20 recovered {other} accepted, the debt "
                "applied: time-based debt £20.00",
                observed=f"{refused.summary()}; time-based debt {held}",
            )
            debt, period = Money.pounds(20), DAILY  # the baseline ignores the period
        wait, periods = WAITS[period]
        case.advance(wait)
        later = time_debt(f"the time-based debt {wait} later")
        expected = debt - Money(RATE * periods)
        case.expect(
            later == expected,
            expected=f"{under}, recovery at £1.00 {period}, the period of the last 2.3 that "
            f"succeeded: {debt} -> {expected} after {periods} periods",
            observed=f"time-based debt {held} -> {later} in {wait}",
        )


@pytest.mark.clause("18.27(p)")
def test_removed_clause_has_no_behaviour(case: Case) -> None:
    """18.27(p) was removed by Uplift 2.1: every pair is NOT_APPLICABLE, shown as such."""
    assert not case.clause.testable, f"{case.clause.id} is {case.clause.kind}, not removed"
