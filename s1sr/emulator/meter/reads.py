"""The SRVs that read a meter's logs: 4.4.2, 4.4.3, 4.4.4, 4.6.1 and 4.8.1.

Three billing data logs are not answered at all until what fills them has happened, on
a meter whose knobs say so (18.17(i), 18.18(g), 18.19(a)): the meter stays silent and the
S1SP turns the silence into S1CE20 once its timeout elapses. Otherwise the reads return
the entries stamped within the requested period, as the logs hold them.
"""

from __future__ import annotations

from datetime import datetime

from s1sr.emulator.device import Outcome
from s1sr.emulator.meter.behaviour import DebtLogTrigger, ProfileAccess
from s1sr.emulator.meter.consumption import Timeline
from s1sr.emulator.meter.outcomes import refusal, silence, success
from s1sr.emulator.meter.state import MeterState
from s1sr.models import (
    BillingCalendarBillingLogRequest,
    BillingCalendarBillingLogResponse,
    ChangeOfModeBillingLogRequest,
    ChangeOfModeBillingLogResponse,
    DailyReadLogRequest,
    DailyReadLogResponse,
    DebtPaymentsBillingLogRequest,
    DebtPaymentsBillingLogResponse,
    ProfileDataRequest,
    ProfileDataResponse,
    Request,
)


def change_of_mode_log(
    state: MeterState, timeline: Timeline, request: Request, now: datetime
) -> Outcome:
    body = request.body
    assert isinstance(body, ChangeOfModeBillingLogRequest)
    if state.behaviour.silent_change_log_until_triggered and not state.change_triggered:
        return silence(request, "no tariff or payment mode update has executed yet")
    entries = state.change_log.read(body.start, body.end)
    return success(request, ChangeOfModeBillingLogResponse(entries))


def billing_calendar_log(
    state: MeterState, timeline: Timeline, request: Request, now: datetime
) -> Outcome:
    body = request.body
    assert isinstance(body, BillingCalendarBillingLogRequest)
    if state.behaviour.silent_billing_log_until_calendar and state.billing is None:
        return silence(request, "no billing calendar has been set")
    entries = tuple(map(state.billing_reading, state.billing_log.read(body.start, body.end)))
    return success(request, BillingCalendarBillingLogResponse(entries))


def debt_payments_log(
    state: MeterState, timeline: Timeline, request: Request, now: datetime
) -> Outcome:
    body = request.body
    assert isinstance(body, DebtPaymentsBillingLogRequest)
    if state.behaviour.silent_debt_log_until_recovered and not _debt_log_open(state):
        return silence(request, "no top-up has recovered payment-based debt yet")
    entries = state.debt_log.read(body.start, body.end)
    return success(request, DebtPaymentsBillingLogResponse(entries))


def _debt_log_open(state: MeterState) -> bool:
    trigger = state.behaviour.debt_log_trigger
    if trigger is DebtLogTrigger.DEBT_SET and state.payment_debt_set:
        return True
    if trigger is DebtLogTrigger.ANY_RECOVERY and state.account.recovered > 0:
        return True
    return state.debt_log.ever_written


def daily_read_log(
    state: MeterState, timeline: Timeline, request: Request, now: datetime
) -> Outcome:
    body = request.body
    assert isinstance(body, DailyReadLogRequest)
    live = state.daily_reading(now) if state.behaviour.daily_duplicate_live else None
    entries = state.daily_log.read(body.start, body.end, live)
    return success(request, DailyReadLogResponse(entries))


def profile_data(state: MeterState, timeline: Timeline, request: Request, now: datetime) -> Outcome:
    body = request.body
    assert isinstance(body, ProfileDataRequest)
    behaviour = state.behaviour
    if behaviour.profile_access is ProfileAccess.REFUSED:
        return refusal(request)
    entries = state.profile_log.read(
        body.start, body.end, behaviour.profile_access, behaviour.profile_stamping
    )
    if not behaviour.profile_start_inclusive:  # an off-by-one: the range's first half hour lost
        entries = tuple(e for e in entries if e.timestamp != body.start)
    return success(request, ProfileDataResponse(entries))
