"""The Non-Disablement Calendar (2.1): 18.5(ee), 18.5(gg), 18.5(hh) and 18.27(r).

Each NDC sent here has one season: non-disablement all day, every day, from its start date
to its end date. The 2.1 response carries the calendar as the device stored it, which is
where season dates and the reported end date are read, for a start or end on every kind of
day. Whether a season applies on its days (18.5(ee), 18.5(gg)) and still applies years
later (18.5(hh)) is seen from consumption: in prepayment mode with the balance below the
disablement threshold (set above the balance the device reports), the supply stays on (and
the registers grow) only while a non-disablement period is in force. Seasons given with
yearly bounds (year unspecified), or one yearly and one dated bound, are judged the same
way on both bound days and on the days just outside them, over the year end too. On a
GSME (season starts only) a season's end is sent as the start of a season holding supply
normally the day after it (``Builders.ndc``). After a refused NDC, the NDC still in force
is seen from consumption too, as no request reads it without setting one.
"""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from s1sr.models import (
    INDEFINITE,
    DailyReadLogRequest,
    DailyReadLogResponse,
    FineMoney,
    Money,
    NdcScript,
    PartialDate,
    PaymentMode,
    TopUpDeviceRequest,
    UpdatePaymentModeRequest,
    UpdatePrepayConfigurationResponse,
    utc,
)
from s1sr.pytest_plugin import Capability, Case, Exchange

START = utc(2024, 1, 15, 12)
CHECKED_DAYS = 3  # whole days of the daily read log judged years later
MAX_THRESHOLD_MILLIPENCE = (1 << 31) - 1  # GBCS holds the disablement threshold as int32
IN_FORCE = (PartialDate(2024, 3, 1), PartialDate(2024, 3, 31))  # month-aligned: any device


def seasons_of(calendar) -> tuple:
    """The NDC's seasons: (start, end) of each non-disablement one; (start, None) of each
    season holding supply normally after it (a GSME's form of the end: only its start, the
    day after the end, is the test's; how its running on is reported is 18.27(r)'s)."""
    pairs: dict[tuple, None] = {}
    for entry in calendar.schedule:
        pairs.setdefault((entry.start, entry.end if entry.script is NdcScript.START else None))
    return tuple(pairs)


def stored_seasons(steps, exchange: Exchange) -> tuple | None:
    """The NDC seasons a 2.1 response reports (``seasons_of``), or None if it reports none."""
    body = steps.body(exchange, UpdatePrepayConfigurationResponse)
    calendar = None if body is None else body.settings.non_disablement_calendar
    return None if calendar is None else seasons_of(calendar)


def sent_seasons(build, season: tuple) -> tuple:
    """The seasons (``seasons_of``) of the NDC ``build.ndc`` sends for ``season``."""
    return seasons_of(build.ndc(*season).settings.non_disablement_calendar)


def describe(seasons: tuple | None) -> str:
    if seasons is None:
        return "no NDC reported"
    return (
        ", ".join(
            f"{start} to {end}" if end is not None else f"supply held normally from {start}"
            for start, end in seasons
        )
        or "an empty NDC"
    )


HORIZON = date(2026, 12, 31)  # the last day a refused season is told from the one in force


def holds(season: tuple, day: date) -> bool | None:
    """Whether a dated ``season`` holds supply on ``day``; None for yearly bounds."""
    start, end = season
    if start.year is None or (end != INDEFINITE and end.year is None):
        return None
    first = date(start.year, start.month, start.day)
    return first <= day and (end == INDEFINITE or day <= date(end.year, end.month, end.day))


def observing_supply(case: Case, build, steps, london) -> bool:
    """Below the disablement threshold, where the clock can move: the NDC in force is seen.

    2.1 is the only request that reports the NDC, and DUIS's 2.1 sets one (every setting),
    so a 2.1 probe would report the NDC it set, not the one a refusal left in force; what
    the device does with the NDC in force (supply on only on its days) is read instead.
    """
    if not case.has(Capability.CLOCK_CONTROL):
        return False
    prepayment_below_threshold(case, build, steps)
    day = case.now().astimezone(london.zone).date() + timedelta(days=1)
    while holds(IN_FORCE, day):
        day += timedelta(days=1)
    steps.advance_to(day_read(london, day))
    control = daily_growth(case, steps, london, day, day)[day]
    if control != 0:
        case.inconclusive(
            "the supply was not disabled below the disablement threshold outside any "
            "non-disablement period, so which NDC is in force cannot be seen",
            observed=f"consumption on {day}: {control / 1000}",
        )
    return True


def expect_in_force_unchanged(
    case: Case, build, steps, london, in_force: tuple, refused: tuple
) -> None:
    """After a refused 2.1, the NDC in force is the old one, not the refused season.

    On the first day ahead whose supply the two would decide differently (below the
    disablement threshold, set by ``observing_supply``), the supply follows the old one. No
    such day ahead (the seasons differ only in the past), nothing is seen and nothing judged.
    """
    today = case.now().astimezone(london.zone).date() + timedelta(days=1)
    days = (today + timedelta(days=n) for n in range((HORIZON - today).days + 1))
    told = (d for d in days if None is not holds(in_force, d) != holds(refused, d) is not None)
    day = next(told, None)  # the first: the days after it are never looked at
    if day is None:
        return
    steps.advance_to(day_read(london, day))
    growth = daily_growth(case, steps, london, day, day)[day]
    on = bool(holds(in_force, day))
    case.expect(
        (growth > 0) == on,
        expected=f"after the refused season {describe((refused,))}, the NDC in force "
        f"unchanged ({describe((in_force,))}): below the disablement threshold, supply "
        f"{'on' if on else 'off'} on {day}",
        observed=f"consumption on {day}: +{growth / 1000}",
    )


def set_in_force(case: Case, build, steps) -> None:
    """The month-aligned NDC ``IN_FORCE`` set, in the form the device takes.

    A GSME's calendar holds season starts only, its last season running on (31/12/3000 in
    the model), which a GSME that cannot hold that date refuses: for such a device the rest
    of the test sends each season alone with its end, which only the model carries (over
    DUIS the test then ends INCONCLUSIVE, that NDC never sent).
    """
    why = f"a month-aligned NDC ({describe((IN_FORCE,))})"
    if build.gas_ndc_form and sent_seasons(build, IN_FORCE) != (IN_FORCE,):
        if steps.succeeded(case.exchange(build.ndc(*IN_FORCE))):
            return
        build.gas_ndc_form = False
    steps.setup(build.ndc(*IN_FORCE), why)


def is_month_end(day: PartialDate) -> bool:
    return day.year is not None and day.day == calendar.monthrange(day.year, day.month)[1]


def season_dates_test(
    case: Case, build, steps, london, seasons: Sequence[tuple[str, tuple]], *, limit: str, old_rule
) -> None:
    """Each season in turn; baseline, only those ``old_rule`` allows are accepted."""
    set_in_force(case, build, steps)
    observing = not case.mapped and observing_supply(case, build, steps, london)
    in_force = IN_FORCE
    for what, season in seasons:
        update = case.exchange(build.ndc(*season))
        sent = describe((season,))
        reported = stored_seasons(steps, update) if steps.succeeded(update) else None
        if case.mapped or old_rule(*season):
            case.expect(
                steps.succeeded(update)
                and (
                    reported == sent_seasons(build, season)
                    or (not case.mapped and reported is None)
                ),
                expected=f"an NDC season {sent} ({what}) accepted and stored as sent",
                observed=f"{update.summary()}; {describe(reported)}",
            )
            in_force = season
        else:
            case.expect(
                not steps.succeeded(update),
                expected=f"an NDC season {sent} ({what}) refused ({limit})",
                observed=update.summary(),
            )
            if observing:
                expect_in_force_unchanged(case, build, steps, london, in_force, season)


# Every kind of day, each season with the other end month-aligned (any device takes that).
STARTS = (
    ("starts on the 1st of a month", (PartialDate(2024, 5, 1), PartialDate(2024, 6, 30))),
    ("starts mid-month", (PartialDate(2024, 3, 15), PartialDate(2024, 6, 30))),
    ("starts on a month's last day", (PartialDate(2024, 4, 30), PartialDate(2024, 5, 31))),
    ("starts on leap day", (PartialDate(2024, 2, 29), PartialDate(2024, 3, 31))),
    ("starts on 31 December", (PartialDate(2024, 12, 31), PartialDate(2025, 1, 31))),
    ("starts on 1 January", (PartialDate(2025, 1, 1), PartialDate(2025, 2, 28))),
)
ENDS = (
    ("ends on a month's last day", (PartialDate(2024, 4, 1), PartialDate(2024, 6, 30))),
    ("ends mid-month", (PartialDate(2024, 4, 1), PartialDate(2024, 6, 14))),
    ("ends on the 1st of a month", (PartialDate(2024, 4, 1), PartialDate(2024, 7, 1))),
    ("ends on leap day", (PartialDate(2024, 2, 1), PartialDate(2024, 2, 29))),
    ("ends on 28 February of a leap year", (PartialDate(2024, 2, 1), PartialDate(2024, 2, 28))),
    ("ends on 31 December", (PartialDate(2024, 12, 1), PartialDate(2024, 12, 31))),
    ("ends on 1 January", (PartialDate(2024, 12, 1), PartialDate(2025, 1, 1))),
)


def daily_growth(case: Case, steps, london, first: date, last: date) -> dict[date, int]:
    """Consumption of each local day ``first``..``last`` from the daily read log (4.6.1)."""
    log = steps.observe(
        DailyReadLogRequest(
            london.midnight(first) - timedelta(hours=1),
            london.midnight(last + timedelta(days=1)) + timedelta(hours=1),  # a UTC day in BST
        ),
        "the daily read log (4.6.1)",
        DailyReadLogResponse,
    )
    entries = sorted(log.entries, key=lambda e: e.timestamp)
    growth = {
        a.timestamp.astimezone(london.zone).date(): b.import_register.milli
        - a.import_register.milli
        for a, b in itertools.pairwise(entries)
    }
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    missing = [d for d in days if d not in growth]
    if missing:
        case.inconclusive(
            "the daily read log lacks the days "
            + ", ".join(str(d) for d in missing)
            + ", so whether the supply was on then cannot be seen",
            observed=f"{len(entries)} daily entries",
        )
    return {d: growth[d] for d in days}


def day_read(london, day: date) -> datetime:
    """When the daily read log holds ``day`` whole: its entry closing it, local or UTC day."""
    return london.midnight(day + timedelta(days=1)) + timedelta(minutes=90)


def season_applied_test(case: Case, build, steps, london, season: tuple, what: str) -> None:
    """Below the disablement threshold, the supply is on exactly on the season's days.

    Values, not labels: a device may report the season as sent and still apply it from
    other days. Days around the season's sent date are read from the daily read log.
    """
    steps.clock_at(START, "before the NDC seasons' bound days")
    set_in_force(case, build, steps)
    prepayment_below_threshold(case, build, steps)
    control_day = START.date() + timedelta(days=2)
    steps.advance_to(day_read(london, control_day))
    control = daily_growth(case, steps, london, control_day, control_day)[control_day]
    if control != 0:
        case.inconclusive(
            "the supply was not disabled below the disablement threshold outside any "
            "non-disablement period, so when a season applies cannot be seen",
            observed=f"consumption on {control_day}: {control / 1000}",
        )
    update = case.exchange(build.ndc(*season))
    case.expect(
        steps.succeeded(update),
        expected=f"an NDC season {describe((season,))} ({what}) accepted",
        observed=update.summary(),
    )
    first, last = control_day + timedelta(days=1), control_day + timedelta(days=5)
    steps.advance_to(day_read(london, last))
    growth = daily_growth(case, steps, london, first, last)
    start, end = (date(d.year, d.month, d.day) for d in season)  # type: ignore[arg-type]
    wrong = [d for d, milli in growth.items() if (milli > 0) != (start <= d <= end)]
    case.expect(
        not wrong,
        expected=f"below the disablement threshold, supply on exactly on the days of the "
        f"season {describe((season,))} ({what})",
        observed="daily consumption "
        + ", ".join(f"{d} +{milli / 1000}" for d, milli in growth.items())
        + (f"; wrong on {', '.join(str(d) for d in wrong)}" if wrong else ""),
    )


def month_aligned(season: tuple) -> tuple[PartialDate, PartialDate]:
    """The same form of season on whole months: what a device without the clause takes."""
    start, end = season
    days = calendar.monthrange(2001 if end.year is None else end.year, end.month)[1]
    return replace(start, day=1), replace(end, day=days)


def runs(days: Sequence[date]) -> list[tuple[date, date]]:
    """Consecutive days grouped as (first, last)."""
    groups: list[tuple[date, date]] = []
    for day in sorted(days):
        if groups and day - groups[-1][1] == timedelta(days=1):
            groups[-1] = (groups[-1][0], day)
        else:
            groups.append((day, day))
    return groups


def in_force_test(
    case: Case, build, steps, london, what: str, season: tuple, days: Sequence[tuple[date, bool]]
) -> None:
    """One season sent the day before its first listed day; each day, supply on iff expected.

    Below the disablement threshold (set by ``season_applied_test``), as there. Each run of
    days is read as soon as it has passed, so the depth of the daily read log does not matter.
    A refused season is this clause's failure only if the same form on whole months is taken.
    """
    first = min(day for day, _ in days)
    steps.advance_to(london.midnight(first - timedelta(days=1)) + timedelta(hours=12))
    sent = f"an NDC season {describe((season,))} ({what})"
    update = case.exchange(build.ndc(*season))
    if not steps.succeeded(update):
        aligned = month_aligned(season)
        control = case.exchange(build.ndc(*aligned))
        if not steps.succeeded(control):
            case.inconclusive(
                f"{sent} was refused, and so was the same form on whole months "
                f"({describe((aligned,))}): the device takes no season of this form, which "
                "the clause does not ask for",
                observed=f"{update.summary()}; {control.summary()}",
            )
        case.expect(
            False,
            expected=f"{sent} accepted, as the same form on whole months "
            f"({describe((aligned,))}) is",
            observed=update.summary(),
        )
    growth: dict[date, int] = {}
    for run_first, run_last in runs([day for day, _ in days]):
        steps.advance_to(day_read(london, run_last))
        growth.update(daily_growth(case, steps, london, run_first, run_last))
    wrong = [day for day, on in days if (growth[day] > 0) != on]
    case.expect(
        not wrong,
        expected=f"below the disablement threshold, after {sent}: supply on "
        + ", ".join(f"{day}: {'yes' if on else 'no'}" for day, on in days),
        observed="daily consumption "
        + ", ".join(f"{day} +{growth[day] / 1000}" for day, _ in days)
        + (f"; wrong on {', '.join(str(d) for d in wrong)}" if wrong else ""),
    )


def every(month: int, day: int) -> PartialDate:
    return PartialDate.every_year(month, day)


def plan(text: str) -> tuple[tuple[date, bool], ...]:
    """Each day of ``2024-03-09 off, 2024-03-10 on`` and whether the season is in force."""
    pairs = (item.split() for item in text.split(","))
    return tuple((date.fromisoformat(day), state == "on") for day, state in pairs)


# Seasons given with yearly bounds, or one yearly and one dated bound, in force on both
# bound days and off on the days outside them. A day before a start is read only in GMT: a
# UTC daily log day in BST holds the next local day's first hour. Ends are month-aligned here
# (any device mapped to 18.5(ee) takes them), starts the 1st of a month in YEARLY_ENDS. A
# yearly start paired with a dated end has no agreed day before it (the latest occurrence
# before the end, or before the calendar was set), so only its end is judged there.
YEARLY_STARTS = (
    (
        "yearly, from a mid-month day",
        (every(3, 10), every(3, 31)),
        plan("2024-03-09 off, 2024-03-10 on, 2024-03-31 on, 2024-04-01 off"),
    ),
    (
        "a yearly mid-month start, a dated end",
        (every(4, 10), PartialDate(2024, 4, 30)),
        plan("2024-04-10 on, 2024-04-30 on, 2024-05-01 off"),
    ),
    (
        "yearly, over the year end",
        (every(11, 15), every(1, 31)),
        plan(
            "2024-11-14 off, 2024-11-15 on, 2024-12-31 on, 2025-01-01 on, 2025-01-31 on, "
            "2025-02-01 off"
        ),
    ),
)
YEARLY_ENDS = (
    (
        "one day a year",
        (every(2, 1), every(2, 1)),
        plan("2024-01-31 off, 2024-02-01 on, 2024-02-02 off"),
    ),
    (
        "yearly, to a mid-month day",
        (every(3, 1), every(3, 20)),
        plan("2024-02-29 off, 2024-03-01 on, 2024-03-20 on, 2024-03-21 off"),
    ),
    (
        "a dated start, a yearly end later that year",
        (PartialDate(2024, 5, 1), every(5, 20)),
        plan("2024-05-01 on, 2024-05-20 on, 2024-05-21 off"),
    ),
    (
        "a dated start, a yearly end in the next year",
        (PartialDate(2024, 11, 1), every(1, 10)),
        plan("2024-10-31 off, 2024-11-01 on, 2025-01-10 on, 2025-01-11 off"),
    ),
)


def expect_applied_where_observable(case: Case) -> None:
    """Mapped without clock control: the dates were accepted, their effect is unseen."""
    if case.mapped and not case.has(Capability.CLOCK_CONTROL):
        case.inconclusive(
            "the season dates were accepted and reported as sent, but without clock "
            "control the days the season applies on cannot be observed"
        )


@pytest.mark.clause("18.5(ee)")
@pytest.mark.srv("2.1", "1.6", "2.2", "4.6.1")
def test_ndc_season_starting_on_any_day(case: Case, build, steps, london) -> None:
    if case.mapped and case.has(Capability.CLOCK_CONTROL):
        season = (PartialDate(2024, 1, 20), PartialDate(2024, 1, 31))
        season_applied_test(case, build, steps, london, season, "starts mid-month")
    season_dates_test(
        case,
        build,
        steps,
        london,
        STARTS,
        limit="seasons start on the 1st of a month",
        old_rule=lambda start, end: start.day == 1,
    )
    if case.mapped and case.has(Capability.CLOCK_CONTROL):
        for what, season, days in YEARLY_STARTS:  # after the dates: the clock moves on a year
            in_force_test(case, build, steps, london, what, season, days)
    expect_applied_where_observable(case)


@pytest.mark.clause("18.5(gg)")
@pytest.mark.srv("2.1", "1.6", "2.2", "4.6.1")
def test_ndc_season_ending_on_any_day(case: Case, build, steps, london) -> None:
    if case.mapped and case.has(Capability.CLOCK_CONTROL):
        season = (PartialDate(2024, 1, 1), PartialDate(2024, 1, 20))
        season_applied_test(case, build, steps, london, season, "ends mid-month")
    season_dates_test(
        case,
        build,
        steps,
        london,
        ENDS,
        limit="seasons end on a month's last day",
        old_rule=lambda start, end: is_month_end(end),
    )
    if case.mapped and case.has(Capability.CLOCK_CONTROL):
        for what, season, days in YEARLY_ENDS:  # after the dates: the clock moves on a year
            in_force_test(case, build, steps, london, what, season, days)
    expect_applied_where_observable(case)


def register_growth(log: DailyReadLogResponse) -> list[tuple[datetime, int]]:
    """Consumption between consecutive daily entries, stamped by the later entry."""
    entries = sorted(log.entries, key=lambda e: e.timestamp)
    return [
        (b.timestamp, b.import_register.milli - a.import_register.milli)
        for a, b in itertools.pairwise(entries)
    ]


def describe_growth(growth: list[tuple[datetime, int]]) -> str:
    return ", ".join(f"{t:%Y-%m-%d %H:%M}Z +{milli / 1000}" for t, milli in growth) or "none"


def prepayment_below_threshold(case: Case, build, steps) -> None:
    """Prepayment mode with a disablement threshold £5 above the balance (1.6).

    The balance is what a £1 top-up's response reports; it only falls after it (charges,
    no more top-ups), so it stays below the threshold whatever credit the device started
    with.
    """
    steps.setup(build.prepayment(), "prepayment mode (1.6)")
    threshold = threshold_above_balance(case, build, steps)
    steps.setup(
        UpdatePaymentModeRequest(
            PaymentMode.PREPAYMENT, disablement_threshold=FineMoney.from_money(threshold)
        ),
        f"a disablement threshold of {threshold}, above the balance (1.6)",
    )


def threshold_above_balance(case: Case, build, steps) -> Money:
    """A disablement threshold £5 above the balance, which a £1 top-up's response reports."""
    top_up = steps.setup(TopUpDeviceRequest(build.utrn(pounds=1)), "a £1 top-up (2.2)")
    balance = steps.balance(top_up)
    if balance is None:
        case.inconclusive(
            "the top-up response reports no meter balance, so no disablement threshold "
            "above it can be chosen",
            observed=top_up.summary(),
        )
    threshold = Money.pounds(max(balance.pence, 0) // 100 + 5)
    if FineMoney.from_money(threshold).millipence > MAX_THRESHOLD_MILLIPENCE:
        case.inconclusive(
            f"the balance {balance} is above any disablement threshold GBCS can set",
            observed=top_up.summary(),
        )
    return threshold


@pytest.mark.clause("18.5(hh)")
@pytest.mark.srv("2.1", "1.6", "4.6.1")
def test_ndc_ending_31_12_3000_continues_indefinitely(case: Case, build, steps, london) -> None:
    steps.clock_at(START, "before the NDC seasons' bound days")
    set_in_force(case, build, steps)
    prepayment_below_threshold(case, build, steps)
    # Control: below the threshold and outside any non-disablement period, the supply goes off.
    control_end = london.midnight(START.date() + timedelta(days=3))
    steps.advance_to(control_end + timedelta(minutes=30))
    log = steps.observe(
        DailyReadLogRequest(START, control_end), "the daily read log (4.6.1)", DailyReadLogResponse
    )
    control = register_growth(log)
    if not control or control[-1][1] != 0:
        case.inconclusive(
            "the supply was not disabled below the disablement threshold, so whether a "
            "non-disablement period is in force cannot be seen",
            observed=f"daily consumption {describe_growth(control)}",
        )
    start = PartialDate(2024, 2, 1)  # the 1st of a month, for devices without 18.5(ee)
    update = case.exchange(build.ndc(start, INDEFINITE))
    sent = f"an NDC from {start} to {INDEFINITE}"
    if not case.mapped:
        case.expect(
            not steps.succeeded(update),
            expected=f"{sent} refused (31/12/3000 is a date the device cannot hold)",
            observed=update.summary(),
        )
        expect_in_force_unchanged(case, build, steps, london, IN_FORCE, (start, INDEFINITE))
        return
    case.expect(
        steps.succeeded(update),
        expected=f"{sent} accepted",
        observed=update.summary(),
    )
    later = london.midnight(START.date().replace(year=START.year + 2) + timedelta(days=5))
    steps.advance_to(later + timedelta(minutes=30))
    log = steps.observe(
        DailyReadLogRequest(later - timedelta(days=CHECKED_DAYS, hours=1), later),
        "the daily read log (4.6.1)",
        DailyReadLogResponse,
    )
    growth = register_growth(log)
    case.expect(
        len(growth) >= CHECKED_DAYS and all(milli > 0 for _, milli in growth),
        expected=f"two years on, the schedule still applies: supply on and consumption "
        f"growing on each of the {CHECKED_DAYS} days read, despite the balance below the "
        "disablement threshold",
        observed=f"daily consumption {describe_growth(growth)}",
    )


def day_before(start: PartialDate) -> PartialDate:
    """Computed on the calendar here, not by the model's own rule."""
    assert start.year is not None
    return PartialDate.from_date(date(start.year, start.month, start.day) - timedelta(days=1))


# Start dates whose day before is each kind of day: the month's last, leap day, 28 February,
# 31 December of the year before, and (with 18.5(ee)) a day in the same month.
ECHO_STARTS = (
    PartialDate(2024, 4, 1),
    PartialDate(2024, 3, 1),
    PartialDate(2025, 3, 1),
    PartialDate(2025, 1, 1),
)
MID_MONTH_START = PartialDate(2024, 6, 15)


@pytest.mark.clause("18.27(r)")
@pytest.mark.srv("2.1")
def test_ndc_end_31_12_3000_reported_as_day_before_start(case: Case, build, steps) -> None:
    # A start that is not the 1st of a month only where the DMVES lifts that limit.
    any_day = case.model.applies("18.5(ee)")
    starts = ECHO_STARTS + ((MID_MONTH_START,) if any_day else ())
    for start in starts:
        update = case.exchange(build.ndc(start, INDEFINITE))
        seasons = stored_seasons(steps, update) if steps.succeeded(update) else None
        reported = "no NDC reported" if not seasons else f"end date reported {seasons[0][1]}"
        observed = f"{update.summary()}; {reported}"
        if not case.mapped:
            case.expect(
                seasons is None or seasons == ((start, INDEFINITE),),
                expected=f"start {start}: end date reported as sent, {INDEFINITE} (when the "
                "NDC is reported)",
                observed=observed,
            )
            continue
        if not steps.succeeded(update) and not case.model.applies("18.5(hh)"):
            case.inconclusive(
                f"an NDC ending {INDEFINITE} was refused, which the DMVES allows this model "
                "(18.5(hh) not mapped): no response reports an end date",
                observed=observed,
            )
        expected = day_before(start)
        case.expect(
            seasons == ((start, expected),),
            expected=f"start {start}: end date reported {expected} (the day before the "
            f"start), not {INDEFINITE}",
            observed=observed,
        )
