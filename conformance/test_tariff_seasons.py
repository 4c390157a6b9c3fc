"""Seasons within tariffs (1.1.1): 18.1(v).

A tariff of four seasons is sent over a one-season tariff in force. Each season runs all
day on its own TOU rate, so the TOU register that grows on a day tells which season was in
force. A daily billing calendar (6.8) makes the meter snapshot its registers at each local
midnight, and the billing calendar log (4.4.3) returns the snapshots.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from s1sr.models import (
    BillingCalendarBillingLogRequest,
    BillingCalendarBillingLogResponse,
    PartialDate,
    UpdateImportTariffResponse,
    utc,
)
from s1sr.pytest_plugin import Case

START = utc(2024, 1, 15, 12)
IN_FORCE = [(PartialDate.every_year(1, 1), 1)]  # one season, all year, TOU rate 1
FOUR_SEASONS = [  # (start, TOU rate): a season starts on any day of the year
    (PartialDate(2024, 1, 1), 2),
    (PartialDate(2024, 1, 17), 3),
    (PartialDate(2024, 1, 19), 4),
    (PartialDate(2024, 1, 21), 5),
]
RATES = 5
FIRST_DAY, LAST_DAY = date(2024, 1, 16), date(2024, 1, 22)


def season_rate(day: date) -> int:
    """The rate of the season whose start is the latest on or before ``day``."""
    started = [(start.in_year(day.year), rate) for start, rate in FOUR_SEASONS]
    return max((s, rate) for s, rate in started if s <= day)[1]


def rates_by_day(
    log: BillingCalendarBillingLogResponse, london
) -> dict[date, tuple[int, ...]] | None:
    """For each local day between two snapshots: the TOU rates whose register grew."""
    snapshots = sorted(log.entries, key=lambda e: e.timestamp)
    if any(not s.tou_registers for s in snapshots):
        return None
    days: dict[date, tuple[int, ...]] = {}
    for before, after in itertools.pairwise(snapshots):
        day = before.timestamp.astimezone(london.zone).date()
        grew = tuple(
            n
            for n, (a, b) in enumerate(
                zip(before.tou_registers, after.tou_registers, strict=False), start=1
            )
            if b.milli > a.milli
        )
        days[day] = grew
    return days


def describe(days: dict[date, tuple[int, ...]]) -> str:
    return ", ".join(
        f"{day:%d %b}: rate {'+'.join(map(str, rates)) or 'none'}" for day, rates in days.items()
    )


@pytest.mark.clause("18.1(v)")
@pytest.mark.srv("1.1.1", "6.8", "4.4.3")
def test_tariff_with_four_seasons(case: Case, build, steps, london) -> None:
    case.set_clock(START)
    steps.setup(build.tou_tariff(IN_FORCE, prices=RATES), "a one-season tariff (1.1.1)")
    steps.setup(
        build.daily_billing_calendar(london.next_midnight(START)), "a daily billing calendar (6.8)"
    )
    request = build.tou_tariff(FOUR_SEASONS, prices=RATES)
    update = case.exchange(request)
    sent = ", ".join(f"{s.name} from {s.start}" for s in request.seasons)
    if case.mapped:
        body = steps.body(update, UpdateImportTariffResponse)
        held = () if body is None else body.seasons
        case.expect(
            steps.succeeded(update) and held == request.seasons,
            expected=f"the tariff of four seasons ({sent}) accepted and held",
            observed=f"{update.summary()}; seasons held: "
            + (", ".join(f"{s.name} from {s.start}" for s in held) or "none reported"),
        )
    else:
        case.expect(
            not steps.succeeded(update),
            expected=f"the tariff of four seasons ({sent}) refused (one season only)",
            observed=update.summary(),
        )
    end = london.midnight(LAST_DAY + timedelta(days=1))
    steps.advance_to(end + timedelta(minutes=30))
    log = steps.observe(
        BillingCalendarBillingLogRequest(START, end + timedelta(minutes=1)),
        "the billing calendar log (4.4.3)",
        BillingCalendarBillingLogResponse,
    )
    observed = rates_by_day(log, london)
    if observed is None:
        case.inconclusive(
            "the billing snapshots carry no TOU registers: the season in force cannot be seen",
            observed=f"{len(log.entries)} snapshots",
        )
    wanted = [FIRST_DAY + timedelta(days=n) for n in range((LAST_DAY - FIRST_DAY).days + 1)]
    missing = [d for d in wanted if d not in observed]
    if missing:
        case.inconclusive(
            "the billing calendar log lacks the snapshots of "
            + ", ".join(f"{d:%d %b}" for d in missing),
            observed=describe(observed),
        )
    expected = {d: (season_rate(d) if case.mapped else 1,) for d in wanted}
    seen = {d: observed[d] for d in wanted}
    what = "each season's rate from its start date" if case.mapped else "rate 1 all along"
    case.expect(
        seen == expected,
        expected=f"consumption on {what} ({describe(expected)})",
        observed=describe(seen),
    )
