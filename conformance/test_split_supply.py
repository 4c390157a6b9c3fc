"""Split supplier with certificates: which DCC User may command or read which meter.

Mapped, each supplier's requests are accepted on its own meter and refused by the S1SP on
the other supplier's (nothing reaches the meter); baseline, only the ESME's supplier is
accepted, on every meter of the installation. The rule is about who the User is, so it is
checked on each SRV the item names (1.1.1, 2.2) and on a read (4.6.1): a supplier that
cannot command a meter cannot read its data either. The meter balance, read from the
accepted top-ups, shows whether a refused top-up reached the meter.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from s1sr.models import (
    DailyReadLogRequest,
    DeviceType,
    Money,
    PartialDate,
    RequestBody,
    TopUpDeviceRequest,
    utc,
)
from s1sr.pytest_plugin import Case

READ_RANGE = (utc(2024, 1, 1), utc(2024, 1, 15))
REFUSED = "refused by an S1SP alert (any code but the S1CE20 timeout)"


@pytest.mark.clause("scope:split-supplier-certificates")
@pytest.mark.srv("1.1.1", "2.2", "4.6.1")
def test_each_supplier_commands_its_own_meter_only(case: Case, build, steps) -> None:
    tariff = build.tou_tariff([(PartialDate.every_year(1, 1), 1)])
    own, other = case.supplier_id, case.other_supplier_id
    if case.mapped:
        accepted, refused = own, other
        rule = "split supply: a meter's own supplier only"
    else:
        esme = case.device_of_type(DeviceType.ESME)
        if esme is None:
            case.inconclusive(
                "no ESME in the installation: the baseline (the ESME's supplier only) "
                "names no supplier",
                observed=f"meter supplied by {own}",
            )
        esme_supplier = case.request(tariff, target=esme).user_id
        accepted = esme_supplier
        refused = own if own != esme_supplier else other
        rule = "no split supply: the ESME's supplier only"

    def role(user: object) -> str:
        return f"DCC User {user} ({'supplies' if user == own else 'does not supply'} this meter)"

    requests: tuple[tuple[Callable[[], RequestBody], str], ...] = (
        (lambda: TopUpDeviceRequest(build.utrn(pounds=5)), "a £5 top-up (2.2)"),
        (lambda: tariff, "a tariff update (1.1.1)"),
        (lambda: DailyReadLogRequest(*READ_RANGE), "a daily read log read (4.6.1)"),
    )
    first = case.exchange(TopUpDeviceRequest(build.utrn(pounds=10)), user=accepted)
    case.expect(
        steps.succeeded(first),
        expected=f"a £10 top-up (2.2) from {role(accepted)} accepted ({rule})",
        observed=first.summary(),
    )
    answered = [first.summary()]
    for body, what in requests[1:]:
        exchange = case.exchange(body(), user=accepted)
        case.expect(
            steps.succeeded(exchange),
            expected=f"{what} from {role(accepted)} accepted ({rule})",
            observed=exchange.summary(),
        )
        answered.append(exchange.summary())
    if refused is None:
        if case.mapped:
            case.inconclusive(
                "the installation has a single supplier: a request from another supplier "
                "cannot be sent, so split supply cannot be exercised",
                observed="; ".join(answered),
            )
        return  # baseline with one supplier: every request is the ESME supplier's, checked
    for body, what in requests:
        exchange = case.exchange(body(), user=refused)
        case.expect(
            steps.rejection(exchange) is not None,
            expected=f"{what} from {role(refused)} {REFUSED} ({rule})",
            observed=exchange.summary(),
        )
    probe = case.exchange(TopUpDeviceRequest(build.utrn(pounds=1)), user=accepted)
    case.expect(
        steps.succeeded(probe),
        expected=f"a £1 top-up from {role(accepted)} accepted",
        observed=probe.summary(),
    )
    why = "the refused £5 top-up never reached the meter"
    if not steps.expect_balance_moved(first, probe, Money.pounds(1), why):
        case.inconclusive(
            "the top-up responses report no meter balance, so whether the refused £5 "
            "top-up reached the meter could not be checked",
            observed=f"{first.summary()}; {probe.summary()}",
        )
