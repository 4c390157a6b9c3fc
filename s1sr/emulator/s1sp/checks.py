"""What the S1SP checks before forwarding a request, per the target's ``S1spBehaviour``.

Each check returns the messages that answer the request instead of the device, or None to
let it through. The order is DUIS's: authorisation first, then the request's content.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from s1sr.emulator.s1sp import codes
from s1sr.emulator.s1sp.behaviour import DuplicateUtrn, PenniesUtrn, SupplierRule
from s1sr.emulator.s1sp.routing import Route
from s1sr.models import (
    EUI64,
    Alert,
    DeviceType,
    Message,
    Request,
    Response,
    ResponseCode,
    TopUpDeviceRequest,
    Utrn,
    ValueClass,
)

METERS = frozenset({DeviceType.ESME, DeviceType.GSME})


def authorise(route: Route, request: Request, now: datetime) -> list[Message] | None:
    """Split supply: only the right DCC User reaches a meter (S1PX03 otherwise)."""
    ownership = route.ownership
    user = request.user_id
    if route.device_type not in METERS:
        if ownership.suppliers and user not in ownership.suppliers:
            return [_response(request, codes.NOT_AUTHORISED)]
        return None
    if user in _allowed(route):
        return None
    return [
        _alert(
            request,
            codes.NOT_SUPPLIER,
            now,
            f"user {user} does not supply meter {route.target} (rule: "
            f"{route.behaviour.s1sp_supplier_rule})",
        )
    ]


def _allowed(route: Route) -> frozenset[EUI64]:
    ownership = route.ownership
    rule = route.behaviour.s1sp_supplier_rule
    if rule is SupplierRule.ANY_SUPPLIER:
        return ownership.suppliers
    if rule is SupplierRule.ESME_SUPPLIER_ONLY and ownership.esme_supplier is not None:
        return frozenset({ownership.esme_supplier})
    return frozenset({ownership.supplier}) if ownership.supplier is not None else frozenset()


def check_utrn(
    route: Route, request: Request, now: datetime, applied: Callable[[Utrn], bool]
) -> list[Message] | None:
    """18.6(b) (whole pounds) and duplicate UTRNs, for a 2.2 to a meter."""
    body = request.body
    if not isinstance(body, TopUpDeviceRequest):
        return None
    utrn = body.utrn
    behaviour = route.behaviour
    if utrn.value_class is ValueClass.PENNIES:
        rule = behaviour.s1sp_pennies_utrn
        detail = f"UTRN of {utrn.value} pence is not in whole pounds"
        if rule is PenniesUtrn.REJECT_WITH_ALERT or (
            rule is PenniesUtrn.REJECT_FRACTIONAL_AMOUNT and utrn.value % 100
        ):
            return [_alert(request, codes.NOT_WHOLE_POUNDS, now, detail)]
        if rule is PenniesUtrn.REFUSE_WITHOUT_ALERT:
            return [_response(request, codes.INVALID)]
    if behaviour.s1sp_duplicate_utrn is DuplicateUtrn.REJECT_WITH_ALERT and applied(utrn):
        return [_alert(request, codes.DUPLICATE_UTRN, now, "UTRN already accepted for the meter")]
    return None


def _alert(request: Request, code: str, now: datetime, detail: str) -> Alert:
    return Alert(
        code, request.target, now, request_id=request.request_id, srv=request.srv, detail=detail
    )


def _response(request: Request, code: ResponseCode) -> Response:
    return Response(request.request_id, request.target, request.srv, code)
