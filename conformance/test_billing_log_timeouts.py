"""Billing data logs that time out with S1CE20: 18.17(i) (4.4.2), 18.18(g) (4.4.3), 18.19(a)
(4.4.4).

Mapped, a log whose precondition has not happened yet is never answered: the User gets
S1CE20 once the S1SP timeout has passed (virtual time on a DUT with clock control); once the
precondition is met, the log is returned. Baseline, the log is answered at once, empty.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from s1sr.models import (
    BillingCalendarBillingLogRequest,
    ChangeOfModeBillingLogRequest,
    DebtPaymentsBillingLogRequest,
    DebtPaymentsBillingLogResponse,
    Money,
    PartialDate,
    PaymentMode,
    TopUpDeviceRequest,
    UpdateDebtRequest,
    UpdatePaymentModeRequest,
)
from s1sr.pytest_plugin import Case, Exchange

LOOK_BACK = timedelta(days=30)


def log_request(kind, case: Case):
    """A request for the log over the last month up to now."""
    now = case.now()
    return kind(now - LOOK_BACK, now)


def entries(exchange: Exchange) -> tuple:
    response = exchange.response
    body = None if response is None else response.body
    return tuple(getattr(body, "entries", ()))


def expect_timeout(case: Case, exchange: Exchange, before: str) -> None:
    codes = "/".join(sorted(case.alert_codes))
    case.expect(
        exchange.timed_out and exchange.response is None,
        expected=f"{exchange.request.srv} {before}: never answered, S1SP alert {codes} "
        "(request timeout)",
        observed=exchange.summary(),
    )


def expect_answered(case: Case, steps, exchange: Exchange, after: str) -> None:
    case.expect(
        steps.succeeded(exchange) and not exchange.timed_out,
        expected=f"{exchange.request.srv} {after}: the log returned (success response)",
        observed=exchange.summary(),
    )


def expect_empty_log(case: Case, steps, exchange: Exchange, before: str) -> None:
    found = entries(exchange)
    case.expect(
        steps.succeeded(exchange) and not exchange.timed_out and not found,
        expected=f"{exchange.request.srv} {before}: success with an empty billing data log",
        observed=f"{exchange.summary()}; {len(found)} entries",
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
    expect_timeout(case, first, before)
    tariff = build.tou_tariff([(PartialDate.every_year(1, 1), 1)])
    steps.setup(tariff, "a tariff update (1.1.1)")
    second = case.exchange(log_request(ChangeOfModeBillingLogRequest, case))
    expect_answered(case, steps, second, "after a successful tariff update (1.1.1)")


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
    expect_timeout(case, first, before)
    calendar = build.daily_billing_calendar(london.next_midnight(case.now()))
    steps.setup(calendar, "a daily billing calendar (6.8)")
    second = case.exchange(log_request(BillingCalendarBillingLogRequest, case))
    expect_answered(case, steps, second, "after a billing calendar was set (6.8)")


@pytest.mark.clause("18.19(a)")
@pytest.mark.srv("4.4.4", "2.2", "2.3")
def test_debt_payments_log_times_out_before_any_debt_recovered(case: Case, build, steps) -> None:
    steps.setup(UpdatePaymentModeRequest(PaymentMode.PREPAYMENT), "prepayment mode (1.6)")
    scenes = (
        ("before any top-up", None),
        ("after a top-up with no payment-based debt to recover", build.utrn(pounds=10)),
    )
    for before, utrn in scenes:
        if utrn is not None:
            steps.setup(TopUpDeviceRequest(utrn), f"a £{utrn.value} top-up (2.2)")
        exchange = case.exchange(log_request(DebtPaymentsBillingLogRequest, case))
        if case.mapped:
            expect_timeout(case, exchange, before)
        else:
            expect_empty_log(case, steps, exchange, before)
    if not case.mapped:
        return
    steps.setup(
        UpdateDebtRequest(payment_debt=Money.pounds(10), recovery_per_payment=5000),
        "£10 of payment-based debt recovered at 50% of each payment (2.3)",
    )
    steps.setup(TopUpDeviceRequest(build.utrn(pounds=10)), "a £10 top-up (2.2)")
    last = case.exchange(log_request(DebtPaymentsBillingLogRequest, case))
    body = steps.body(last, DebtPaymentsBillingLogResponse)
    recovered = [] if body is None else [e.amount for e in body.entries]
    case.expect(
        steps.succeeded(last) and not last.timed_out and recovered,
        expected="4.4.4 after a top-up recovered payment-based debt: the log returned, "
        "with the payment",
        observed=f"{last.summary()}; payments " + (", ".join(str(m) for m in recovered) or "none"),
    )
