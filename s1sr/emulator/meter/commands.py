"""The SRVs that change a meter: 1.1.1, 1.6, 2.1, 2.2, 2.3 and 6.8.

Each handler checks the request against the meter's knobs, refuses it whole or applies
it whole, and answers with the state as the device then holds it. A command with a
future ``execute_at`` is accepted now and applied when virtual time reaches it; its
effects on the logs (the 4.4.2 snapshot, 18.17(i)'s trigger) happen then too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime

from s1sr.emulator.device import Outcome
from s1sr.emulator.meter import ndc as ndc_rules
from s1sr.emulator.meter.behaviour import ChangeLogTrigger, DebtPeriodRule
from s1sr.emulator.meter.billing_calendar import BillingSchedule
from s1sr.emulator.meter.consumption import Timeline
from s1sr.emulator.meter.ndc import NdcInForce
from s1sr.emulator.meter.outcomes import refusal, success
from s1sr.emulator.meter.state import MeterState, today
from s1sr.models import (
    DebtPayment,
    DebtRecoveryCapPeriod,
    DebtRecoveryRateCap,
    DebtRecoveryRatePeriod,
    FineMoney,
    Money,
    NonDisablementCalendar,
    PrepaySettings,
    Request,
    TopUpDeviceRequest,
    TopUpDeviceResponse,
    UpdateBillingCalendarRequest,
    UpdateBillingCalendarResponse,
    UpdateDebtRequest,
    UpdateDebtResponse,
    UpdateImportTariffRequest,
    UpdateImportTariffResponse,
    UpdatePaymentModeRequest,
    UpdatePaymentModeResponse,
    UpdatePrepayConfigurationRequest,
    UpdatePrepayConfigurationResponse,
)

Apply = Callable[[datetime], None]


def _when(execute_at: datetime | None, now: datetime) -> datetime:
    """The whole second a command takes effect: now, or its later execution time."""
    second = now.replace(microsecond=0)
    return execute_at if execute_at is not None and execute_at > now else second


def _run(timeline: Timeline, at: datetime, now: datetime, apply: Apply, **changed: bool) -> None:
    if at > now:
        timeline.schedule(at, apply)
    else:
        apply(now)
        timeline.refresh(**changed)


def update_tariff(
    state: MeterState, timeline: Timeline, request: Request, now: datetime
) -> Outcome:
    body = request.body
    assert isinstance(body, UpdateImportTariffRequest)
    if len(body.seasons) > state.behaviour.max_tariff_seasons:
        return refusal(request)
    plan = state.new_plan(body)

    def apply(at: datetime) -> None:
        state.snapshot_change(at)
        state.install_plan(plan)

    at = _when(body.execute_at, now)
    _run(timeline, at, now, apply, rates=True)
    return success(request, UpdateImportTariffResponse(applied_at=at, seasons=body.seasons))


def update_payment_mode(
    state: MeterState, timeline: Timeline, request: Request, now: datetime
) -> Outcome:
    body = request.body
    assert isinstance(body, UpdatePaymentModeRequest)

    def apply(at: datetime) -> None:
        if state.behaviour.change_log_trigger is ChangeLogTrigger.TARIFF_OR_MODE:
            state.snapshot_change(at)
        state.mode = body.mode
        if body.disablement_threshold is not None:
            state.disablement_threshold = body.disablement_threshold

    at = _when(body.execute_at, now)
    _run(timeline, at, now, apply)
    return success(request, UpdatePaymentModeResponse(mode=body.mode, applied_at=at))


def update_prepay_configuration(
    state: MeterState, timeline: Timeline, request: Request, now: datetime
) -> Outcome:
    body = request.body
    assert isinstance(body, UpdatePrepayConfigurationRequest)
    behaviour, settings = state.behaviour, body.settings
    calendar = settings.non_disablement_calendar
    at = _when(body.execute_at, now)
    if calendar is not None:
        if ndc_rules.refusal(calendar, behaviour) is not None:
            return refusal(request)
        calendar = ndc_rules.stored(calendar, behaviour, today(at))
    changes = {
        field.name: getattr(settings, field.name)
        for field in dataclasses.fields(settings)
        if getattr(settings, field.name) is not None and field.name != "non_disablement_calendar"
    }
    merged = dataclasses.replace(state.settings, **changes)

    def apply(at: datetime) -> None:
        state.settings = merged
        state.account.cap = merged.debt_recovery_rate_cap
        if calendar is not None:
            state.ndc = NdcInForce(calendar, today(at), behaviour)

    _run(timeline, at, now, apply, ndc=calendar is not None)
    in_force = calendar if calendar is not None else _stored_calendar(state)
    echoed = None if in_force is None else ndc_rules.echo(in_force, behaviour)
    reply = dataclasses.replace(merged, non_disablement_calendar=echoed)
    return success(request, UpdatePrepayConfigurationResponse(reply))


def top_up(state: MeterState, timeline: Timeline, request: Request, now: datetime) -> Outcome:
    body = request.body
    assert isinstance(body, TopUpDeviceRequest)
    utrn, account = body.utrn, state.account
    amount = utrn.amount.pence % (1 << state.behaviour.top_up_pence_bits)
    if state.ledger.counter_used(utrn) or not _within_limits(
        state.settings, account.balance, amount
    ):
        return refusal(request)
    recovered = account.top_up(amount)
    state.ledger.record(utrn)
    if recovered:
        paid = FineMoney.from_money(Money(recovered))
        state.debt_log.append(DebtPayment(now.replace(microsecond=0), paid))
    timeline.refresh()
    return success(request, TopUpDeviceResponse(Money(amount), Money(account.balance)))


def update_debt(state: MeterState, timeline: Timeline, request: Request, now: datetime) -> Outcome:
    body = request.body
    assert isinstance(body, UpdateDebtRequest)
    account, rule = state.account, state.behaviour.debt_period_rule
    recoveries = [body.recovery_1, body.recovery_2]
    if rule in (DebtPeriodRule.CHECKED, DebtPeriodRule.CHECKED_DAILY_ONLY):
        supported = (
            _supported_period(account.cap)
            if rule is DebtPeriodRule.CHECKED
            else DebtRecoveryRatePeriod.DAILY
        )
        if any(r is not None and r.period is not supported for r in recoveries):
            return refusal(request)
    elif rule is DebtPeriodRule.IGNORED:
        daily = DebtRecoveryRatePeriod.DAILY
        recoveries = [
            None if r is None else dataclasses.replace(r, period=daily) for r in recoveries
        ]
    for index, (debt, recovery) in enumerate(
        zip((body.time_debt_1, body.time_debt_2), recoveries, strict=True)
    ):
        if debt is not None:
            account.time_debts[index] = debt.pence
        if recovery is not None:
            account.recoveries[index] = recovery
    if body.payment_debt is not None:
        account.payment_debt = body.payment_debt.pence
        state.payment_debt_set = state.payment_debt_set or account.payment_debt > 0
    if body.recovery_per_payment is not None:
        account.recovery_per_payment = body.recovery_per_payment
    timeline.refresh()
    return success(request, UpdateDebtResponse(*account.debts()))


def update_billing_calendar(
    state: MeterState, timeline: Timeline, request: Request, now: datetime
) -> Outcome:
    body = request.body
    assert isinstance(body, UpdateBillingCalendarRequest)
    state.billing = BillingSchedule(body.calendar, after=now)
    return success(request, UpdateBillingCalendarResponse(body.calendar))


_RATE_PERIOD_OF_CAP = {
    DebtRecoveryCapPeriod.HOURLY: DebtRecoveryRatePeriod.HOURLY,
    DebtRecoveryCapPeriod.DAILY: DebtRecoveryRatePeriod.DAILY,
}


def _supported_period(cap: DebtRecoveryRateCap | None) -> DebtRecoveryRatePeriod:
    """18.27(q) as the catalogue reads it: the cap's period, or daily when no cap is set.

    A weekly cap names no rate period (a 2.3 recovers hourly or daily), so it leaves the
    default, daily, supported: the project's reading, as for no cap.
    """
    if cap is None:
        return DebtRecoveryRatePeriod.DAILY
    return _RATE_PERIOD_OF_CAP.get(cap.period, DebtRecoveryRatePeriod.DAILY)


def _stored_calendar(state: MeterState) -> NonDisablementCalendar | None:
    return None if state.ndc is None else state.ndc.calendar


def _within_limits(settings: PrepaySettings, balance: int, amount: int) -> bool:
    """A top-up above the maximum credit, or taking the balance above its maximum, is refused."""
    if settings.max_credit_threshold is not None and amount > settings.max_credit_threshold.pence:
        return False
    limit = settings.max_meter_balance
    return limit is None or balance + amount <= limit.pence
