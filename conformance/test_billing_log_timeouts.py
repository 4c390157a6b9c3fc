"""Billing data logs that time out with S1CE20: 18.17(i) (4.4.2), 18.18(g) (4.4.3), 18.19(a)
(4.4.4).

Mapped, a log whose precondition has not happened yet is never answered: the User gets
S1CE20 once the S1SP timeout has passed (checked on the DUT's clock where the suite controls
it, by ``steps.expect_s1ce20``); once the precondition is met, the log is returned. Each way
of meeting a precondition is tried on its own from a fresh reset, and so is each way of
falling short of it (with clock control, time-based debt recovered too, which is not
payment-based). Baseline, the log is answered at once, empty.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from s1sr.models import (
    BillingCalendarBillingLogRequest,
    ChangeOfModeBillingLogRequest,
    DebtPaymentsBillingLogRequest,
    DebtPaymentsBillingLogResponse,
    FineMoney,
    Money,
    PartialDate,
    RequestBody,
    TopUpDeviceRequest,
)
from s1sr.pytest_plugin import Capability, Case, Exchange

LOOK_BACK = timedelta(days=30)
HALF = 5000  # recovery per payment, hundredths of a percent: half of each top-up


def log_request(kind, case: Case):
    """A request for the log over the last month up to now (whole seconds, as GBCS has)."""
    now = case.now().replace(microsecond=0)
    return kind(now - LOOK_BACK, now)


def entries(exchange: Exchange) -> tuple:
    response = exchange.response
    body = None if response is None else response.body
    return tuple(getattr(body, "entries", ()))


def expect_answered(case: Case, steps, exchange: Exchange, after: str) -> None:
    case.expect(
        steps.succeeded(exchange) and not exchange.timed_out,
        expected=f"{exchange.request.srv} {after}: the log returned (success response)",
        observed=exchange.summary(),
    )


def expect_empty_log(case: Case, steps, exchange: Exchange, before: str) -> None:
    """Baseline: answered at once, empty; entries on a DUT that cannot be reset may be old."""
    found = entries(exchange)
    if found and steps.succeeded(exchange) and not case.has(Capability.RESET):
        case.inconclusive(
            f"{exchange.request.srv} {before} returned {len(found)} entries, but the DUT "
            "cannot be reset: they may come from before this test",
            observed=exchange.summary(),
        )
    case.expect(
        steps.succeeded(exchange) and not exchange.timed_out and not found,
        expected=f"{exchange.request.srv} {before}: success with an empty billing data log",
        observed=f"{exchange.summary()}; {len(found)} entries",
    )


# --- 18.17(i): 4.4.2 ----------------------------------------------------------------------


def change_paths(build) -> tuple[tuple[str, RequestBody], ...]:
    """Either SRV the clause names opens the log on its own."""
    return (
        ("a tariff update (1.1.1)", build.tou_tariff([(PartialDate.every_year(1, 1), 1)])),
        ("a payment mode update (1.6)", build.prepayment()),
    )


@pytest.mark.clause("18.17(i)")
@pytest.mark.srv("4.4.2", "1.1.1", "1.6")
def test_change_of_mode_log_times_out_before_any_tariff_or_mode_change(
    case: Case, build, steps
) -> None:
    before = "before any tariff or payment mode update"
    first = case.exchange(log_request(ChangeOfModeBillingLogRequest, case))
    if not case.mapped:
        expect_empty_log(case, steps, first, before)
        return
    for n, (what, body) in enumerate(change_paths(build)):
        if n:
            case.reset()  # the next path from a device that never had the first
            first = case.exchange(log_request(ChangeOfModeBillingLogRequest, case))
        steps.expect_s1ce20(first, before, fresh=True)
        steps.setup(body, what)
        second = case.exchange(log_request(ChangeOfModeBillingLogRequest, case))
        expect_answered(case, steps, second, f"after {what} alone, from a fresh reset")


# --- 18.18(g): 4.4.3 ----------------------------------------------------------------------


@pytest.mark.clause("18.18(g)")
@pytest.mark.srv("4.4.3", "6.8")
def test_billing_calendar_log_times_out_before_a_calendar_is_set(
    case: Case, build, steps, london
) -> None:
    before = "before a billing calendar is set"
    first = case.exchange(log_request(BillingCalendarBillingLogRequest, case))
    if not case.mapped:
        expect_empty_log(case, steps, first, before)
        return
    steps.expect_s1ce20(first, before, fresh=True)
    # A calendar whose first billing is still ahead: 'set' is the 6.8, not its first snapshot.
    calendar = build.daily_billing_calendar(london.next_midnight(case.now()))
    steps.setup(calendar, "a daily billing calendar (6.8)")
    second = case.exchange(log_request(BillingCalendarBillingLogRequest, case))
    expect_answered(case, steps, second, "after a billing calendar was set (6.8)")


# --- 18.19(a): 4.4.4 ----------------------------------------------------------------------


def expect_silent_after_time_debt_recovery(case: Case, build, steps) -> Money:
    """Debt recovered over time is not payment-based debt: 4.4.4 still times out.

    The 2.3 keeps the £10 of payment-based debt set before (DUIS's 2.3 sets every
    register); returns the time-based debt left, which the next 2.3 re-sends.
    """
    steps.setup(
        build.debt_update(
            time_debt_1=Money.pounds(5),
            recovery_1=build.debt_recovery(100),
            payment_debt=Money.pounds(10),
        ),
        "£5 of time-based debt recovered £1.00 a day, £10 of payment-based debt kept (2.3)",
    )
    steps.advance_to(case.now() + timedelta(days=2))
    left = steps.debt_registers(build, "the debt registers").time_debt_1
    if left.pence >= Money.pounds(5).pence:
        case.inconclusive(
            "no time-based debt was recovered in two days, so the scene 'only time-based "
            "debt recovered' could not be set",
            observed=f"time-based debt {left}",
        )
    exchange = case.exchange(log_request(DebtPaymentsBillingLogRequest, case))
    steps.expect_s1ce20(
        exchange,
        f"after time-based debt was recovered (£5.00 -> {left}) but no payment-based debt ever was",
    )
    return left


@pytest.mark.clause("18.19(a)")
@pytest.mark.srv("4.4.4", "2.2", "2.3", "1.1.1", "4.4.2")
def test_debt_payments_log_times_out_before_any_debt_recovered(case: Case, build, steps) -> None:
    steps.setup(build.prepayment(), "prepayment mode (1.6)")
    # Every way of falling short of 'credit added that recovered payment-based debt'.
    scenes: tuple[tuple[str, tuple[tuple[RequestBody, str], ...]], ...] = (
        ("before any top-up", ()),
        (
            "after a top-up with no payment-based debt to recover",
            ((TopUpDeviceRequest(build.utrn(pounds=10)), "a £10 top-up (2.2)"),),
        ),
        (
            "with payment-based debt set but no credit added since",
            (
                (
                    build.debt_update(payment_debt=Money.pounds(10)),
                    "£10 of payment-based debt recovered at 0% of each payment (2.3)",
                ),
            ),
        ),
        (
            "after a top-up that recovered none of the payment-based debt (0% share)",
            ((TopUpDeviceRequest(build.utrn(pounds=10)), "a £10 top-up (2.2)"),),
        ),
    )
    for n, (before, setup) in enumerate(scenes):
        for body, what in setup:
            steps.setup(body, what)
        exchange = case.exchange(log_request(DebtPaymentsBillingLogRequest, case))
        if case.mapped:
            steps.expect_s1ce20(exchange, before, fresh=n == 0)
        else:
            expect_empty_log(case, steps, exchange, before)
    if not case.mapped:
        return
    # What is in force now, which the next 2.3 re-sends with half of each payment recovering.
    time_debt, recovery = Money(0), build.debt_recovery(0)
    if case.has(Capability.CLOCK_CONTROL):
        time_debt = expect_silent_after_time_debt_recovery(case, build, steps)
        recovery = build.debt_recovery(100)
    steps.setup(
        build.debt_update(
            time_debt_1=time_debt,
            recovery_1=recovery,
            payment_debt=Money.pounds(10),
            recovery_per_payment=HALF,
        ),
        "the £10 of payment-based debt, half of each payment to recover (2.3)",
    )
    owed = steps.debt_registers(build, "the payment-based debt before the top-up").payment_debt
    steps.setup(TopUpDeviceRequest(build.utrn(pounds=10)), "a £10 top-up (2.2)")
    left = steps.debt_registers(build, "the payment-based debt after the top-up").payment_debt
    last = case.exchange(log_request(DebtPaymentsBillingLogRequest, case))
    body = steps.body(last, DebtPaymentsBillingLogResponse)
    paid = [] if body is None else [e.amount for e in body.entries]
    recovered = FineMoney.from_money(owed).millipence - FineMoney.from_money(left).millipence
    case.expect(
        steps.succeeded(last)
        and not last.timed_out
        and recovered > 0
        and sum(p.millipence for p in paid) == recovered,
        expected="4.4.4 after a top-up recovered payment-based debt: the log returned, its "
        f"payments adding up to the debt recovered ({owed} -> {left})",
        observed=f"{last.summary()}; payments " + (", ".join(str(m) for m in paid) or "none"),
    )
