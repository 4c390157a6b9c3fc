"""Split supplier with certificates: which DCC User may command which meter (1.1.1, 2.2).

Mapped, each supplier's requests are accepted on its own meter and refused by the S1SP on
the other supplier's (nothing reaches the meter); baseline, only the ESME's supplier is
accepted, on every meter of the installation. The meter balance, read from the accepted
top-ups, shows whether a refused top-up reached the meter.
"""

from __future__ import annotations

import pytest

from s1sr.models import DeviceType, Money, PartialDate, TopUpDeviceRequest
from s1sr.pytest_plugin import Case


@pytest.mark.clause("scope:split-supplier-certificates")
@pytest.mark.srv("1.1.1", "2.2")
def test_each_supplier_commands_its_own_meter_only(case: Case, build, steps) -> None:
    codes = "/".join(sorted(case.alert_codes))
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

    first = case.exchange(TopUpDeviceRequest(build.utrn(pounds=10)), user=accepted)
    case.expect(
        steps.succeeded(first),
        expected=f"a £10 top-up from {role(accepted)} accepted ({rule})",
        observed=first.summary(),
    )
    update = case.exchange(tariff, user=accepted)
    case.expect(
        steps.succeeded(update),
        expected=f"a tariff update (1.1.1) from {role(accepted)} accepted ({rule})",
        observed=update.summary(),
    )
    if refused is None:
        if case.mapped:
            case.inconclusive(
                "the installation has a single supplier: a request from another supplier "
                "cannot be sent, so split supply cannot be exercised",
                observed=f"{first.summary()}; {update.summary()}",
            )
        return  # baseline with one supplier: every request is the ESME supplier's
    for body, what in (
        (tariff, "a tariff update (1.1.1)"),
        (TopUpDeviceRequest(build.utrn(pounds=5)), "a £5 top-up"),
    ):
        exchange = case.exchange(body, user=refused)
        case.expect(
            steps.rejection(exchange) is not None,
            expected=f"{what} from {role(refused)} refused by the S1SP with alert {codes} ({rule})",
            observed=exchange.summary(),
        )
    probe = case.exchange(TopUpDeviceRequest(build.utrn(pounds=1)), user=accepted)
    case.expect(
        steps.succeeded(probe),
        expected=f"a £1 top-up from {role(accepted)} accepted",
        observed=probe.summary(),
    )
    start, end = steps.balance(first), steps.balance(probe)
    if start is not None and end is not None:
        case.expect(
            end - start == Money.pounds(1),
            expected=f"meter balance {start} -> {start + Money.pounds(1)} "
            "(the refused £5 top-up never reached the meter)",
            observed=f"meter balance {start} -> {end}",
        )
