"""UTRN top-ups (2.2): 18.6(b), a UTRN not in whole pounds, and duplicate UTRN handling.

"Whole pounds" is the UTRN's value class (GBCS section 14), so a pennies-class UTRN is
sent both with an amount that is a multiple of 100 pence and with one that is not. The
meter balance is read from the pounds-class top-up responses around the requests under
test; a device that does not report its balance is judged on the responses alone.
"""

from __future__ import annotations

import pytest

from s1sr.models import Money, TopUpDeviceRequest
from s1sr.pytest_plugin import Case, Exchange


def expect_balance_moved(
    case: Case, steps, before: Exchange, after: Exchange, by: Money, why: str
) -> None:
    """The meter balances two top-up responses report differ by exactly ``by``."""
    start, end = steps.balance(before), steps.balance(after)
    if start is None or end is None:
        return
    case.expect(
        end - start == by,
        expected=f"meter balance {start} -> {start + by} ({why})",
        observed=f"meter balance {start} -> {end}",
    )


@pytest.mark.clause("18.6(b)")
@pytest.mark.srv("2.2")
def test_utrn_not_in_whole_pounds(case: Case, build, steps) -> None:
    codes = "/".join(sorted(case.alert_codes))
    first = steps.setup(TopUpDeviceRequest(build.utrn(pounds=10)), "a £10 pounds-class top-up")
    applied = Money(0)
    for pence in (1000, 1234):  # the value class decides, not whether the amount is round
        utrn = build.utrn(pence=pence)
        exchange = case.exchange(TopUpDeviceRequest(utrn))
        what = f"pennies-class UTRN {utrn} ({pence} pence)"
        if case.mapped:
            case.expect(
                steps.rejection(exchange) is not None,
                expected=f"{what} rejected with S1SP alert {codes}, not applied",
                observed=exchange.summary(),
            )
        else:
            case.expect(
                steps.succeeded(exchange) and steps.credited(exchange) == utrn.amount,
                expected=f"{what} applied like any other: success, credit {utrn.amount}",
                observed=f"{exchange.summary()}; credit {steps.credited(exchange)}",
            )
            applied = applied + utrn.amount
    last = steps.setup(TopUpDeviceRequest(build.utrn(pounds=1)), "a £1 pounds-class top-up")
    expect_balance_moved(
        case,
        steps,
        first,
        last,
        applied + Money.pounds(1),
        "the £1 top-up only" if case.mapped else "both pennies-class top-ups and the £1 one",
    )


@pytest.mark.clause("scope:duplicate-utrn")
@pytest.mark.srv("2.2")
def test_duplicate_utrn_is_credited_once(case: Case, build, steps) -> None:
    codes = "/".join(sorted(case.alert_codes))
    utrn = build.utrn(pounds=10)
    first = steps.setup(TopUpDeviceRequest(utrn), f"the first submission of UTRN {utrn}")
    case.expect(
        steps.credited(first) == utrn.amount,
        expected=f"the first submission of UTRN {utrn} credits {utrn.amount}",
        observed=f"{first.summary()}; credit {steps.credited(first)}",
    )
    second = case.exchange(TopUpDeviceRequest(utrn))
    what = f"the same UTRN {utrn} submitted again"
    if case.mapped:
        case.expect(
            steps.rejection(second) is not None,
            expected=f"{what}: rejected by the S1SP with alert {codes}",
            observed=second.summary(),
        )
    else:
        case.expect(
            second.response is not None
            and not steps.succeeded(second)
            and not steps.own_alerts(second),
            expected=f"{what}: refused by the meter (non-success response, no alert)",
            observed=second.summary(),
        )
    probe = steps.setup(TopUpDeviceRequest(build.utrn(pounds=1)), "a £1 pounds-class top-up")
    expect_balance_moved(
        case, steps, first, probe, Money.pounds(1), "the £1 top-up only: no second credit"
    )
