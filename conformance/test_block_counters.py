"""Gas block counters in kWh: 18.14(a) (4.6.1), 18.17(b) (4.4.2) and 18.18(a) (4.4.3).

A block tariff is put in force so that every log carries block counters, and the unit of
every block counter the log returns is checked: kWh on a mapped Device Model, m3 (the unit
of the gas register) on the baseline. A label alone proves nothing, so the value is checked
too, against the register difference over a period the counters are known to cover:

- the daily and billing logs, over the spring change day (2024-03-31): its local midnights
  are 00:00 and 23:00 UTC, so counters reset at the previous snapshot and counters reset at
  00:00 UTC (18.21(e), 18.18(f)) cover the same period, the register's difference;
- the change of mode / tariff log, from the tariff change (whose new block tariff starts
  its counters at zero) to the payment mode change.

In kWh the counters must hold the register's m3 times a gas conversion factor: GB gas has a
calorific value of about 35 to 45 MJ/m3 and a volume correction factor of 1 to 1.03, so
9.5 to 13 kWh per m3 (an unconverted volume labelled kWh gives 1). In m3 they must hold the
register difference itself.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from s1sr.models import (
    BillingCalendarBillingLogRequest,
    BillingCalendarBillingLogResponse,
    ChangeOfModeBillingLogRequest,
    ChangeOfModeBillingLogResponse,
    DailyReadLogRequest,
    DailyReadLogResponse,
    Energy,
    EnergyUnit,
    utc,
)
from s1sr.pytest_plugin import Case
from s1sr.pytest_plugin.readings import resolution

START = utc(2024, 3, 30, 12)  # the day before the spring change, in GMT
SPRING_DAY = (utc(2024, 3, 31), utc(2024, 3, 31, 23))  # its two local midnights
UNTIL = utc(2024, 4, 1, 12)
DAYS = timedelta(days=2)
KWH_PER_M3 = (9.5, 13.0)


def fmt(instant: datetime) -> str:
    return f"{instant:%Y-%m-%d %H:%M}Z"


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
        + ", ".join(f"{c} at {fmt(t)}" for t, c in shown[:3]),
    )


def expect_values(
    case: Case,
    before: Energy,
    after,
    period: str,
    log: str,
    ran_on_from: tuple[Energy, ...] | None = None,
) -> None:
    """``after``'s counters against the register difference from ``before`` over ``period``.

    ``ran_on_from``: counters at the period's start, for a log whose counters the catalogue
    does not say were reset then (they may have run on): either reading is accepted.
    """
    counters: tuple[Energy, ...] = after.block_counters
    register: Energy = after.import_register
    if before.unit is not EnergyUnit.M3 or register.unit is not EnergyUnit.M3:
        case.inconclusive(
            "the gas register is not in m3, so what the counters hold cannot be confirmed",
            observed=f"registers {before} and {register}",
        )
    delta = register.milli - before.milli
    if delta <= 0:
        case.inconclusive(
            f"no consumption over {period}, so what the counters hold cannot be confirmed",
            observed=f"registers {before} and {register}",
        )
    total = sum(c.milli for c in counters)
    seen = (
        f"counters {', '.join(map(str, counters))} (sum {total / 1000}) for a register "
        f"difference of {delta / 1000} m3 over {period}"
    )
    totals = [total]
    if ran_on_from is not None:
        start = sum(c.milli for c in ran_on_from)
        totals.append(total - start)
        seen += f"; less the {start / 1000} at its start if they ran on: {(total - start) / 1000}"
    either = " (reset at its start, or run on from it)" if len(totals) > 1 else ""
    if case.mapped:
        low, high = KWH_PER_M3
        ratios = [t / delta for t in totals]
        case.expect(
            any(low <= r <= high for r in ratios),
            expected=f"the {log}'s kWh counters hold the register's m3 converted to kWh "
            f"({low} to {high} kWh per m3){either}",
            observed=f"{seen}: " + " or ".join(f"{r:.3f}" for r in ratios) + " per m3",
        )
    else:
        values = [c.milli for c in counters] + [before.milli, register.milli]
        step = resolution(values)  # each counter and register rounded once
        slack = (2 + 2 * len(counters)) * step
        case.expect(
            any(abs(t - delta) <= slack for t in totals),
            expected=f"the {log}'s m3 counters sum to the register difference{either}",
            observed=seen,
        )


def spring_day_pair(case: Case, entries: tuple, log: str) -> tuple:
    by_time = {e.timestamp: e for e in entries}
    missing = [t for t in SPRING_DAY if t not in by_time]
    if missing:
        case.inconclusive(
            f"the {log} lacks the snapshots at the spring change day's local midnights",
            observed="missing " + ", ".join(map(fmt, missing)),
        )
    return tuple(by_time[t] for t in SPRING_DAY)


def spring_day_period() -> str:
    first, second = SPRING_DAY
    return f"{fmt(first)} to {fmt(second)} (the spring change day)"


@pytest.mark.clause("18.14(a)")
@pytest.mark.srv("4.6.1", "1.1.1")
def test_daily_read_log_block_counters_in_kwh(case: Case, build, steps) -> None:
    steps.clock_at(START, "the day before the spring change, in GMT")
    steps.setup(build.block_tariff(), "a block tariff (1.1.1)")
    steps.advance_to(UNTIL)
    log = steps.observe(
        DailyReadLogRequest(START, case.now()), "the daily read log (4.6.1)", DailyReadLogResponse
    )
    name = "daily read log (4.6.1)"
    expect_units(case, log.entries, name)
    first, second = spring_day_pair(case, log.entries, name)
    expect_values(case, first.import_register, second, spring_day_period(), name)


@pytest.mark.clause("18.17(b)")
@pytest.mark.srv("4.4.2", "1.1.1", "1.6")
def test_change_of_mode_log_block_counters_in_kwh(case: Case, build, steps) -> None:
    steps.clock_at(START, "the day before the spring change, in GMT")
    # When the tariff was sent: its snapshot is no earlier, whatever time the answer takes.
    tariff_at = case.now()
    steps.setup(build.block_tariff(), "a block tariff (1.1.1)")
    steps.advance_to(START + DAYS)
    steps.setup(build.prepayment(), "a payment mode change (1.6)")
    log = steps.observe(
        ChangeOfModeBillingLogRequest(START - DAYS, case.now()),
        "the change of mode / tariff billing data log (4.4.2)",
        ChangeOfModeBillingLogResponse,
    )
    name = "change of mode / tariff billing data log (4.4.2)"
    expect_units(case, log.entries, name)
    entries = sorted(log.entries, key=lambda e: e.timestamp)
    at_tariff = [e for e in entries if tariff_at <= e.timestamp < tariff_at + timedelta(hours=1)]
    at_mode = [e for e in entries if e.timestamp >= START + DAYS]
    if not at_tariff or not at_mode:
        case.inconclusive(
            f"the {name} lacks a snapshot at the tariff change or at the payment mode change, "
            "so no period is known that the counters cover",
            observed=", ".join(fmt(e.timestamp) for e in entries) or "no entries",
        )
    before, after = at_tariff[0], at_mode[-1]
    period = f"{fmt(before.timestamp)} to {fmt(after.timestamp)} (the new block tariff's life)"
    expect_values(case, before.import_register, after, period, name, before.block_counters)


@pytest.mark.clause("18.18(a)")
@pytest.mark.srv("4.4.3", "6.8", "1.1.1")
def test_billing_calendar_log_block_counters_in_kwh(case: Case, build, steps, london) -> None:
    steps.clock_at(START, "the day before the spring change, in GMT")
    steps.setup(build.block_tariff(), "a block tariff (1.1.1)")
    steps.setup(
        build.daily_billing_calendar(london.next_midnight(START)), "a daily billing calendar (6.8)"
    )
    steps.advance_to(UNTIL)
    log = steps.observe(
        BillingCalendarBillingLogRequest(START, case.now()),
        "the billing calendar billing data log (4.4.3)",
        BillingCalendarBillingLogResponse,
    )
    name = "billing calendar billing data log (4.4.3)"
    expect_units(case, log.entries, name)
    first, second = spring_day_pair(case, log.entries, name)
    expect_values(case, first.import_register, second, spring_day_period(), name)
