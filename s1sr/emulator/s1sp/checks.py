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
    SRV,
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
READS = frozenset(
    {
        SRV.RETRIEVE_CHANGE_OF_MODE_TARIFF_BILLING_LOG,
        SRV.RETRIEVE_BILLING_CALENDAR_BILLING_LOG,
        SRV.RETRIEVE_DEBT_PAYMENTS_BILLING_LOG,
        SRV.RETRIEVE_IMPORT_DAILY_READ_LOG,
        SRV.READ_ACTIVE_IMPORT_PROFILE_DATA,
        SRV.READ_FIRMWARE_VERSION,
    }
)
CLASS_BIT = 1 << 12  # the value's top bit, next to the value class bits in the PTUT
UtrnHistory = tuple[frozenset[Utrn], tuple[Utrn, ...]]  # seen by the S1SP; accepted, in order


def authorise(route: Route, request: Request, now: datetime) -> list[Message] | None:
    """Split supply: only the right DCC User reaches a meter (S1PX03 otherwise)."""
    ownership = route.ownership
    user = request.user_id
    if route.device_type not in METERS:
        if ownership.suppliers and user not in ownership.suppliers:
            return [_response(request, codes.NOT_AUTHORISED)]
        return None
    if user in _allowed(route, request):
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


def _allowed(route: Route, request: Request) -> frozenset[EUI64]:
    ownership = route.ownership
    rule = route.behaviour.s1sp_supplier_rule
    if rule is SupplierRule.ANY_SUPPLIER:
        return ownership.suppliers
    if rule is SupplierRule.OWN_SUPPLIER_WRITES_ONLY and request.srv in READS:
        return ownership.suppliers
    if rule is SupplierRule.ESME_SUPPLIER_ONLY and ownership.esme_supplier is not None:
        return frozenset({ownership.esme_supplier})
    return frozenset({ownership.supplier}) if ownership.supplier is not None else frozenset()


def check_utrn(
    route: Route,
    request: Request,
    now: datetime,
    applied: Callable[[Utrn], bool],
    history: Callable[[], UtrnHistory],
) -> list[Message] | None:
    """18.6(b) (whole pounds) and duplicate UTRNs, for a 2.2 to a meter."""
    body = request.body
    if not isinstance(body, TopUpDeviceRequest):
        return None
    utrn = body.utrn
    behaviour = route.behaviour
    duplicates = behaviour.s1sp_duplicate_utrn
    if duplicates is DuplicateUtrn.RETRY_UNACCEPTED:
        seen, accepted = history()
        if utrn in seen and utrn not in accepted:
            return None  # taken for a retry of a failed delivery: forwarded unchecked
    rejection = _check_pennies(route, request, now)
    if rejection is not None:
        return rejection
    if duplicates is DuplicateUtrn.LAST_ONLY:
        accepted = history()[1]
        if accepted and accepted[-1] == utrn:
            return [_alert(request, codes.DUPLICATE_UTRN, now, "UTRN just accepted for the meter")]
        return None
    if duplicates is not DuplicateUtrn.FORWARD and applied(utrn):
        return [_alert(request, codes.DUPLICATE_UTRN, now, "UTRN already accepted for the meter")]
    return None


def _check_pennies(route: Route, request: Request, now: datetime) -> list[Message] | None:
    body = request.body
    assert isinstance(body, TopUpDeviceRequest)
    utrn = body.utrn
    rule = route.behaviour.s1sp_pennies_utrn
    pennies = utrn.value_class is ValueClass.PENNIES
    if rule is PenniesUtrn.CLASS_BIT_MISREAD:
        pennies = pennies and not utrn.value & CLASS_BIT
    if not pennies or rule is PenniesUtrn.FORWARD:
        return None
    detail = f"UTRN of {utrn.value} pence is not in whole pounds"
    if rule is PenniesUtrn.REFUSE_WITHOUT_ALERT:
        return [_response(request, codes.INVALID)]
    if rule is PenniesUtrn.REJECT_FRACTIONAL_AMOUNT and not utrn.value % 100:
        return None
    if rule is PenniesUtrn.FORWARD_ZERO_VALUE and not utrn.value:
        return None
    alert = _alert(request, codes.NOT_WHOLE_POUNDS, now, detail)
    if rule is PenniesUtrn.ALERT_AND_APPLY:
        route.endpoint.handle(request, now)  # queued before the check: the meter credits it
    return [alert]


def _alert(request: Request, code: str, now: datetime, detail: str) -> Alert:
    return Alert(
        code, request.target, now, request_id=request.request_id, srv=request.srv, detail=detail
    )


def _response(request: Request, code: ResponseCode) -> Response:
    return Response(request.request_id, request.target, request.srv, code)
