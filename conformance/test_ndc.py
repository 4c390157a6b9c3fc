"""The Non-Disablement Calendar (2.1): 18.5(ee), 18.5(gg), 18.5(hh) and 18.27(r).

Each NDC sent here has one season: non-disablement all day, every day, from its start date
to its end date. The 2.1 response carries the calendar as the device stored it, which is
where season dates and the reported end date are read. Whether the schedule still applies
years later (18.5(hh)) is seen from consumption: in prepayment mode with the balance below
the disablement threshold, the supply stays on (and the registers grow) only while a
non-disablement period is in force.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

import pytest

from s1sr.models import (
    INDEFINITE,
    DailyReadLogRequest,
    DailyReadLogResponse,
    FineMoney,
    Money,
    PartialDate,
    PaymentMode,
    PrepaySettings,
    UpdatePaymentModeRequest,
    UpdatePrepayConfigurationRequest,
    UpdatePrepayConfigurationResponse,
    utc,
)
from s1sr.pytest_plugin import Case, Exchange

START = utc(2024, 1, 15, 12)
IN_FORCE = (PartialDate(2024, 2, 1), PartialDate(2024, 2, 29))  # month-aligned: any device


def stored_seasons(steps, exchange: Exchange) -> tuple | None:
    """The (start, end) NDC seasons a 2.1 response reports, or None if it reports none."""
    body = steps.body(exchange, UpdatePrepayConfigurationResponse)
    calendar = None if body is None else body.settings.non_disablement_calendar
    return None if calendar is None else calendar.seasons


def describe(seasons: tuple | None) -> str:
    if seasons is None:
        return "no NDC reported"
    return ", ".join(f"{start} to {end}" for start, end in seasons) or "an empty NDC"


def expect_in_force_unchanged(case: Case, steps) -> None:
    """After a refused 2.1, the NDC the device reports (if it reports one) is the old one."""
    probe = case.exchange(
        UpdatePrepayConfigurationRequest(PrepaySettings(low_credit_threshold=Money.pounds(2)))
    )
    seasons = stored_seasons(steps, probe) if steps.succeeded(probe) else None
    if seasons is not None:
        case.expect(
            seasons == (IN_FORCE,),
            expected=f"the NDC in force unchanged: {describe((IN_FORCE,))}",
            observed=f"NDC reported after the refusal: {describe(seasons)}",
        )


def season_date_test(case: Case, build, steps, season: tuple, what: str, limit: str) -> None:
    steps.setup(build.ndc(*IN_FORCE), f"a month-aligned NDC ({describe((IN_FORCE,))})")
    update = case.exchange(build.ndc(*season))
    sent = describe((season,))
    if case.mapped:
        seasons = stored_seasons(steps, update)
        case.expect(
            steps.succeeded(update) and seasons == (season,),
            expected=f"an NDC season {sent} ({what}) accepted and stored as sent",
            observed=f"{update.summary()}; {describe(seasons)}",
        )
    else:
        case.expect(
            not steps.succeeded(update),
            expected=f"an NDC season {sent} refused ({limit})",
            observed=update.summary(),
        )
        expect_in_force_unchanged(case, steps)


@pytest.mark.clause("18.5(ee)")
@pytest.mark.srv("2.1")
def test_ndc_season_starting_on_any_day(case: Case, build, steps) -> None:
    season = (PartialDate(2024, 3, 15), PartialDate(2024, 6, 30))
    season_date_test(
        case, build, steps, season, "starts mid-month", "seasons start on the 1st of a month"
    )


@pytest.mark.clause("18.5(gg)")
@pytest.mark.srv("2.1")
def test_ndc_season_ending_on_any_day(case: Case, build, steps) -> None:
    season = (PartialDate(2024, 4, 1), PartialDate(2024, 6, 14))
    season_date_test(
        case, build, steps, season, "ends mid-month", "seasons end on a month's last day"
    )


def register_growth(log: DailyReadLogResponse) -> list[tuple[datetime, int]]:
    """Consumption between consecutive daily entries, stamped by the later entry."""
    entries = sorted(log.entries, key=lambda e: e.timestamp)
    return [
        (b.timestamp, b.import_register.milli - a.import_register.milli)
        for a, b in itertools.pairwise(entries)
    ]


def describe_growth(growth: list[tuple[datetime, int]]) -> str:
    return ", ".join(f"{t:%Y-%m-%d %H:%M}Z +{milli / 1000}" for t, milli in growth) or "none"


@pytest.mark.clause("18.5(hh)")
@pytest.mark.srv("2.1", "1.6", "4.6.1")
def test_ndc_ending_31_12_3000_continues_indefinitely(case: Case, build, steps, london) -> None:
    case.set_clock(START)
    steps.setup(build.ndc(*IN_FORCE), f"a month-aligned NDC ({describe((IN_FORCE,))})")
    steps.setup(
        UpdatePaymentModeRequest(
            PaymentMode.PREPAYMENT, disablement_threshold=FineMoney.from_money(Money.pounds(5))
        ),
        "prepayment mode with a £5 disablement threshold (1.6)",
    )
    # Control: with no credit and no non-disablement period, the supply goes off.
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
        expect_in_force_unchanged(case, steps)
        return
    case.expect(
        steps.succeeded(update),
        expected=f"{sent} accepted",
        observed=update.summary(),
    )
    later = london.midnight(START.date().replace(year=START.year + 2) + timedelta(days=5))
    steps.advance_to(later + timedelta(minutes=30))
    log = steps.observe(
        DailyReadLogRequest(later - timedelta(days=3, hours=1), later),
        "the daily read log (4.6.1)",
        DailyReadLogResponse,
    )
    growth = register_growth(log)
    case.expect(
        len(growth) >= 2 and all(milli > 0 for _, milli in growth),
        expected="two years on, the schedule still applies: supply on and consumption "
        "growing every day despite the balance below the disablement threshold",
        observed=f"daily consumption {describe_growth(growth)}",
    )


@pytest.mark.clause("18.27(r)")
@pytest.mark.srv("2.1")
def test_ndc_end_31_12_3000_reported_as_day_before_start(case: Case, build, steps) -> None:
    start = PartialDate(2024, 4, 1)
    update = case.exchange(build.ndc(start, INDEFINITE))
    seasons = stored_seasons(steps, update) if steps.succeeded(update) else None
    reported = "no NDC reported" if not seasons else f"end date reported {seasons[0][1]}"
    observed = f"{update.summary()}; {reported}"
    if case.mapped:
        day_before = start.day_before()
        case.expect(
            seasons == ((start, day_before),),
            expected=f"end date reported {day_before} (the day before start {start}), "
            f"not {INDEFINITE}",
            observed=observed,
        )
    else:
        case.expect(
            seasons is None or seasons == ((start, INDEFINITE),),
            expected=f"end date reported as sent, {INDEFINITE} (when the NDC is reported)",
            observed=observed,
        )
