"""UTRN top-ups (2.2): 18.6(b), a UTRN not in whole pounds, and duplicate UTRN handling.

"Whole pounds" is the UTRN's value class (GBCS section 14), so the pennies class is sent
with a value from each class the rule might be misread by: zero, under a pound, exactly a
pound, multiples of 100 pence, and the 13-bit maximum. The S1SP's alert codes beyond
S1CE20 are project-defined, so a rejection is any S1SP alert that is not a timeout.

What a top-up credited is judged on the meter balance its success responses report: a
rejected top-up is bracketed by £1 pounds-class top-ups, whose balances must differ by the
£1 alone (exactly while the DUT's clock stands still: conftest.Steps.expect_balance_moved).
A device that reports no balance leaves that check undone: the test ends
INCONCLUSIVE saying so, after judging everything the responses show.
"""

from __future__ import annotations

import pytest

from s1sr.models import Money, TopUpDeviceRequest, Utrn
from s1sr.pytest_plugin import Case, Exchange

# the pennies class: zero, under £1, £1, multiples of 100 p, a round-looking amount, max
PENNIES = (0, 1, 99, 100, 1000, 1234, 8191)
# the pounds class: £1, and £100 (10000 p: more pence than the pennies class can carry)
POUNDS = (1, 100)
REJECTED = "rejected by an S1SP alert (any code but the S1CE20 timeout)"


class Balances:
    """The meter balances that success responses report, and what moved them."""

    def __init__(self, case: Case, steps) -> None:
        self.case, self.steps = case, steps
        self.unseen: list[str] = []

    def expect_moved(self, before: Exchange, after: Exchange, by: Money, why: str) -> None:
        """The balances two success responses report differ by ``by`` (Steps says how)."""
        if not self.steps.expect_balance_moved(before, after, by, why):
            self.unseen.append(why)

    def settle(self) -> None:
        """INCONCLUSIVE if a balance check could not be made (never a silent pass)."""
        if self.unseen:
            self.case.inconclusive(
                "the top-up responses report no meter balance, so what these top-ups "
                "credited could not be checked: " + "; ".join(self.unseen)
            )


def expect_credited(case: Case, steps, exchange: Exchange, utrn: Utrn, what: str) -> None:
    case.expect(
        steps.succeeded(exchange) and steps.credited(exchange) == utrn.amount,
        expected=f"{what} accepted and credited {utrn.amount} exactly",
        observed=f"{exchange.summary()}; credit {steps.credited(exchange)}",
    )


@pytest.mark.clause("18.6(b)")
@pytest.mark.srv("2.2")
def test_utrn_not_in_whole_pounds(case: Case, build, steps) -> None:
    balances = Balances(case, steps)
    one_pound = Money.pounds(1)
    last = steps.setup(TopUpDeviceRequest(build.utrn(pounds=10)), "a £10 pounds-class top-up")
    # a top-up of nothing is no top-up: the baseline (credited like any other) is not
    # judged on it; mapped, its class alone decides
    values = PENNIES if case.mapped else tuple(v for v in PENNIES if v)
    for pence in values:
        utrn = build.utrn(pence=pence)
        exchange = case.exchange(TopUpDeviceRequest(utrn))
        what = f"pennies-class UTRN {utrn} ({pence} pence)"
        if case.mapped:
            case.expect(
                steps.rejection(exchange) is not None,
                expected=f"{what} {REJECTED}, not applied",
                observed=exchange.summary(),
            )
            applied = Money(0)
        else:
            expect_credited(case, steps, exchange, utrn, f"{what}, applied like any other,")
            applied = utrn.amount
        probe_utrn = build.utrn(pounds=1)
        probe = case.exchange(TopUpDeviceRequest(probe_utrn))
        expect_credited(case, steps, probe, probe_utrn, "a £1 pounds-class top-up")
        balances.expect_moved(
            last,
            probe,
            applied + one_pound,
            f"the £1 top-up only: the {what} rejected credits nothing"
            if case.mapped
            else f"the {what} and the £1 top-up",
        )
        last = probe
    for pounds in POUNDS:
        utrn = build.utrn(pounds=pounds)
        exchange = case.exchange(TopUpDeviceRequest(utrn))
        what = f"pounds-class UTRN {utrn} (£{pounds})"
        expect_credited(case, steps, exchange, utrn, what)
        balances.expect_moved(last, exchange, utrn.amount, f"the {what}: value x 100 pence")
        last = exchange
    balances.settle()


@pytest.mark.clause("scope:duplicate-utrn")
@pytest.mark.srv("2.2")
def test_duplicate_utrn_is_credited_once(case: Case, build, steps) -> None:
    balances = Balances(case, steps)
    first_utrn = build.utrn(pounds=10)
    first = steps.setup(TopUpDeviceRequest(first_utrn), f"a first top-up, UTRN {first_utrn}")
    expect_credited(case, steps, first, first_utrn, f"the first submission of UTRN {first_utrn}")
    later = [build.utrn(pounds=2), build.utrn(pounds=3)]
    for utrn in later:
        steps.setup(TopUpDeviceRequest(utrn), f"a later top-up, UTRN {utrn}")
    credited = Money(0)  # what may move the balance after the first: the later top-ups...
    for utrn in later:
        credited = credited + utrn.amount
    # a duplicate of the earliest (two top-ups since), of the latest, and of one between
    for utrn, history in (
        (first_utrn, "the first UTRN, two other top-ups later"),
        (later[-1], "the latest UTRN"),
        (later[0], "an earlier UTRN, not the latest"),
    ):
        again = case.exchange(TopUpDeviceRequest(utrn))
        what = f"{history} ({utrn}) submitted again"
        if case.mapped:
            case.expect(
                steps.rejection(again) is not None,
                expected=f"{what}: a duplicate, {REJECTED}",
                observed=again.summary(),
            )
        else:
            case.expect(
                again.response is not None
                and not steps.succeeded(again)
                and not steps.own_alerts(again),
                expected=f"{what}: refused by the meter (non-success response, no alert)",
                observed=again.summary(),
            )
    # a UTRN is a duplicate only of an ACCEPTED one: a pennies-class UTRN (rejected where
    # 18.6(b) applies, credited where it does not) submitted again must not be credited
    pennies = build.utrn(pence=150)
    once = case.exchange(TopUpDeviceRequest(pennies))
    if steps.succeeded(once):
        expect_credited(case, steps, once, pennies, f"pennies-class UTRN {pennies}")
        credited = credited + pennies.amount
        fate = "accepted once, so a duplicate now"
    else:
        fate = "rejected once, never credited, so no duplicate but still not creditable"
    again = case.exchange(TopUpDeviceRequest(pennies))
    case.expect(
        not steps.succeeded(again),
        expected=f"pennies-class UTRN {pennies} submitted again ({fate}): not accepted",
        observed=again.summary(),
    )
    probe_utrn = build.utrn(pounds=1)
    probe = steps.setup(TopUpDeviceRequest(probe_utrn), "a £1 pounds-class top-up")
    expect_credited(case, steps, probe, probe_utrn, "a £1 pounds-class top-up")
    balances.expect_moved(
        first,
        probe,
        credited + probe_utrn.amount,
        "the later top-ups, the pennies-class one if it was accepted, and the £1 probe: "
        "each UTRN credited once whatever was submitted again",
    )
    balances.settle()
