"""Seasons within tariffs (1.1.1): 18.1(v).

A tariff of four seasons (three on a gas meter) is sent over a one-season tariff in force.
Each season runs all day on a TOU rate, so the TOU register that grows on a day tells which
season was in force. A daily billing calendar (6.8) makes the meter snapshot its registers at each local
midnight, and the billing calendar log (4.4.3) returns the snapshots.

Three calendars, each observed on every season's start date and the day before it:
- across the turn of the year, seasons listed out of date order, two recurring every year
  and two with a year: the season that started on 31 December is still in force on
  1 January, and before its own start a recurring season is last year's;
- in January, seasons listed in date order with their years given;
- over the change to BST, a season starting on the change day and two in BST, where a
  season starts at local midnight, 23:00 UTC the day before: a day's snapshots showing two
  rates grown is a season changed at the wrong instant.

DUIS's gas tariff holds at most 3 seasons, 2 week profiles and 4 TOU prices, so a gas meter
gets the same three calendars in that form: three seasons on two rates that alternate in date
order, so every season start observed is a change of rate. Across the year end, two recurring
seasons and one with a year, listed out of date order, the first listed on another rate than
the December season; over the change to BST, a season on the change day and one in BST.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest

from s1sr.models import (
    BillingCalendarBillingLogRequest,
    BillingCalendarBillingLogResponse,
    DeviceType,
    PartialDate,
    UpdateImportTariffResponse,
    utc,
)
from s1sr.pytest_plugin import Case

IN_FORCE = [(PartialDate.every_year(1, 1), 1)]  # one season, all year, TOU rate 1
RATES = 5
GAS_RATES = 4  # the TOU prices DUIS's gas tariff holds


@dataclass(frozen=True)
class Calendar:
    name: str
    start: datetime  # the clock when the scene is set
    seasons: tuple[tuple[PartialDate, int], ...]  # (start, TOU rate), in the order sent
    first_day: date  # the local days observed
    last_day: date

    @property
    def days(self) -> list[date]:
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + timedelta(days=n) for n in range(count)]

    def rate_on(self, day: date) -> int:
        """The rate of the season whose latest start on or before ``day`` is the newest."""
        started = [(latest_start(start, day), rate) for start, rate in self.seasons]
        return max((s, rate) for s, rate in started if s is not None)[1]


def latest_start(start: PartialDate, day: date) -> date | None:
    """The latest occurrence of ``start`` on or before ``day`` (None: none yet)."""
    if not start.recurs:
        occurrence = start.in_year(start.year)  # type: ignore[arg-type]
        return occurrence if occurrence <= day else None
    this_year = start.in_year(day.year)
    return this_year if this_year <= day else start.in_year(day.year - 1)


CALENDARS = (  # in time order: the clock only moves forward
    Calendar(
        "seasons out of order across the year end, two recurring",
        utc(2023, 12, 25, 12),
        (
            (PartialDate(2023, 12, 29), 3),
            (PartialDate(2024, 1, 2), 5),
            (PartialDate.every_year(12, 31), 4),
            (PartialDate.every_year(12, 27), 2),
        ),
        date(2023, 12, 26),
        date(2024, 1, 3),
    ),
    Calendar(
        "seasons in date order, years given",
        utc(2024, 1, 15, 12),
        (
            (PartialDate(2024, 1, 1), 2),
            (PartialDate(2024, 1, 17), 3),
            (PartialDate(2024, 1, 19), 4),
            (PartialDate(2024, 1, 21), 5),
        ),
        date(2024, 1, 16),
        date(2024, 1, 22),
    ),
    Calendar(
        "seasons over the change to BST",
        utc(2024, 3, 27, 12),
        (
            (PartialDate(2024, 3, 1), 2),
            (PartialDate(2024, 3, 31), 3),  # the change day: local midnight is 00:00 UTC
            (PartialDate(2024, 4, 2), 4),  # in BST: local midnight is 23:00 UTC the day before
            (PartialDate(2024, 4, 4), 5),
        ),
        date(2024, 3, 29),
        date(2024, 4, 5),
    ),
)


GAS_CALENDARS = (  # DUIS's gas form: 3 seasons, 2 week profiles (so 2 rates), 4 prices
    Calendar(
        "seasons out of order across the year end, two recurring",
        utc(2023, 12, 25, 12),
        (
            (PartialDate(2024, 1, 2), 2),
            (PartialDate.every_year(12, 31), 3),
            (PartialDate.every_year(12, 27), 2),
        ),
        date(2023, 12, 26),
        date(2024, 1, 3),
    ),
    Calendar(
        "seasons in date order, years given",
        utc(2024, 1, 15, 12),
        (
            (PartialDate(2024, 1, 1), 2),
            (PartialDate(2024, 1, 17), 3),
            (PartialDate(2024, 1, 19), 2),
        ),
        date(2024, 1, 16),
        date(2024, 1, 20),
    ),
    Calendar(
        "seasons over the change to BST",
        utc(2024, 3, 27, 12),
        (
            (PartialDate(2024, 3, 1), 2),
            (PartialDate(2024, 3, 31), 3),  # the change day: local midnight is 00:00 UTC
            (PartialDate(2024, 4, 2), 2),  # in BST: local midnight is 23:00 UTC the day before
        ),
        date(2024, 3, 29),
        date(2024, 4, 3),
    ),
)


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
        f"{day:%d %b %Y}: rate {'+'.join(map(str, rates)) or 'none'}" for day, rates in days.items()
    )


def seasons_text(seasons) -> str:
    named = (f"{s.name or f'season {n}'} from {s.start}" for n, s in enumerate(seasons, 1))
    return ", ".join(named) or "none reported"


def follow(case: Case, build, steps, london, calendar: Calendar, rates: int) -> None:
    """Send the calendar's tariff and check the rate in force on each day observed."""
    steps.clock_at(calendar.start, "the start of the calendar observed")
    steps.setup(build.tou_tariff(IN_FORCE, prices=rates), "a one-season tariff (1.1.1)")
    steps.setup(
        build.daily_billing_calendar(london.next_midnight(calendar.start)),
        "a daily billing calendar (6.8)",
    )
    request = build.tou_tariff(list(calendar.seasons), prices=rates)
    update = case.exchange(request)
    sent = f"{calendar.name}: {seasons_text(request.seasons)}"
    count = f"{len(request.seasons)} seasons"
    if case.mapped:
        body = steps.body(update, UpdateImportTariffResponse)
        held = () if body is None else body.seasons
        case.expect(
            steps.succeeded(update) and set(held) == set(request.seasons),
            expected=f"the tariff of {count} ({sent}) accepted and held",
            observed=f"{update.summary()}; seasons held: {seasons_text(held)}",
        )
    else:
        case.expect(
            not steps.succeeded(update),
            expected=f"the tariff of {count} ({sent}) refused (one season only)",
            observed=update.summary(),
        )
    end = london.midnight(calendar.last_day + timedelta(days=1))
    steps.advance_to(end + timedelta(minutes=30))
    log = steps.observe(
        BillingCalendarBillingLogRequest(calendar.start, end + timedelta(minutes=1)),
        f"the billing calendar log (4.4.3) of the {calendar.name}",
        BillingCalendarBillingLogResponse,
    )
    observed = rates_by_day(log, london)
    if observed is None:
        case.inconclusive(
            "the billing snapshots carry no TOU registers: the season in force cannot be seen",
            observed=f"{len(log.entries)} snapshots",
        )
    missing = [d for d in calendar.days if d not in observed]
    if missing:
        case.inconclusive(
            f"the billing calendar log of the {calendar.name} lacks the snapshots of "
            + ", ".join(f"{d:%d %b %Y}" for d in missing),
            observed=describe(observed),
        )
    expected = {d: (calendar.rate_on(d) if case.mapped else 1,) for d in calendar.days}
    seen = {d: observed[d] for d in calendar.days}
    what = "each season's rate from its start date" if case.mapped else "rate 1 all along"
    case.expect(
        seen == expected,
        expected=f"{calendar.name}: consumption on {what} ({describe(expected)})",
        observed=describe(seen),
    )


@pytest.mark.clause("18.1(v)")
@pytest.mark.srv("1.1.1", "6.8", "4.4.3")
def test_tariff_with_four_seasons(case: Case, build, steps, london) -> None:
    gas = case.model.device_type is DeviceType.GSME
    for calendar in GAS_CALENDARS if gas else CALENDARS:
        follow(case, build, steps, london, calendar, GAS_RATES if gas else RATES)
