"""Gas block counters in kWh: 18.14(a) (4.6.1), 18.17(b) (4.4.2) and 18.18(a) (4.4.3).

A block tariff is put in force so that every log carries block counters, consumption
accrues for two days, and the unit of every block counter the log returns is checked:
kWh on a mapped Device Model, m3 (the unit of the gas register) on the baseline.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from s1sr.models import (
    BillingCalendarBillingLogRequest,
    BillingCalendarBillingLogResponse,
    ChangeOfModeBillingLogRequest,
    ChangeOfModeBillingLogResponse,
    DailyReadLogRequest,
    DailyReadLogResponse,
    EnergyUnit,
    PaymentMode,
    UpdatePaymentModeRequest,
    utc,
)
from s1sr.pytest_plugin import Case

START = utc(2024, 1, 15, 12)
DAYS = timedelta(days=2)


def expect_units(case: Case, entries: tuple, log: str) -> None:
    counters = [(e.timestamp, c) for e in entries for c in e.block_counters]
    if not counters:
        case.inconclusive(
            f"the {log} returned no block counters, although a block tariff is in force",
            observed=f"{len(entries)} entries",
        )
    unit = EnergyUnit.KWH if case.mapped else EnergyUnit.M3
    wrong = [(t, c) for t, c in counters if c.unit is not unit]
    shown = wrong or counters
    case.expect(
        not wrong,
        expected=f"every block counter of the {log} in {unit}"
        + ("" if case.mapped else " (the unit of the gas register)"),
        observed=f"{len(wrong)} of {len(counters)} counters not in {unit}, e.g. "
        + ", ".join(f"{c} at {t:%Y-%m-%d %H:%M}Z" for t, c in shown[:3]),
    )


@pytest.mark.clause("18.14(a)")
@pytest.mark.srv("4.6.1", "1.1.1")
def test_daily_read_log_block_counters_in_kwh(case: Case, build, steps) -> None:
    case.set_clock(START)
    steps.setup(build.block_tariff(), "a block tariff (1.1.1)")
    steps.advance_to(START + DAYS)
    log = steps.observe(
        DailyReadLogRequest(START, case.now()), "the daily read log (4.6.1)", DailyReadLogResponse
    )
    expect_units(case, log.entries, "daily read log (4.6.1)")


@pytest.mark.clause("18.17(b)")
@pytest.mark.srv("4.4.2", "1.1.1", "1.6")
def test_change_of_mode_log_block_counters_in_kwh(case: Case, build, steps) -> None:
    case.set_clock(START)
    steps.setup(build.block_tariff(), "a block tariff (1.1.1)")
    steps.advance_to(START + DAYS)
    steps.setup(UpdatePaymentModeRequest(PaymentMode.PREPAYMENT), "a payment mode change (1.6)")
    log = steps.observe(
        ChangeOfModeBillingLogRequest(START - DAYS, case.now()),
        "the change of mode / tariff billing data log (4.4.2)",
        ChangeOfModeBillingLogResponse,
    )
    expect_units(case, log.entries, "change of mode / tariff billing data log (4.4.2)")


@pytest.mark.clause("18.18(a)")
@pytest.mark.srv("4.4.3", "6.8", "1.1.1")
def test_billing_calendar_log_block_counters_in_kwh(case: Case, build, steps, london) -> None:
    case.set_clock(START)
    steps.setup(build.block_tariff(), "a block tariff (1.1.1)")
    steps.setup(
        build.daily_billing_calendar(london.next_midnight(START)), "a daily billing calendar (6.8)"
    )
    steps.advance_to(START + DAYS)
    log = steps.observe(
        BillingCalendarBillingLogRequest(START, case.now()),
        "the billing calendar billing data log (4.4.3)",
        BillingCalendarBillingLogResponse,
    )
    expect_units(case, log.entries, "billing calendar billing data log (4.4.3)")
