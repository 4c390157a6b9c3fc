"""The project's typed request models as DUIS bodies, and DUIS bodies as those models.

A view exists where the project's model says everything the DUIS body says, so that
model -> XML -> model is the identity: 2.2, 4.4.2, 4.4.3, 4.4.4, 4.6.1, 4.8.1, 11.2 and
11.3. The other in-scope SRVs travel as their faithful ``XmlElement`` body (every
valid one decodes and re-encodes unchanged); ``to_model`` says so with a ``CodecError``
rather than dropping what the model cannot hold.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from s1sr.codecs.duis.constants import SR
from s1sr.codecs.duis.header import CommandVariant, RequestId, srv_info
from s1sr.codecs.duis.request import DuisRequest, RequestHeader
from s1sr.codecs.duis.response import parse_datetime
from s1sr.codecs.duis.tree import XmlElement
from s1sr.codecs.errors import CodecError
from s1sr.models import (
    ActivateFirmwareRequest,
    BillingCalendarBillingLogRequest,
    ChangeOfModeBillingLogRequest,
    DailyReadLogRequest,
    DebtPaymentsBillingLogRequest,
    ModelError,
    ProfileDataRequest,
    ReadFirmwareVersionRequest,
    Request,
    RequestBody,
    TopUpDeviceRequest,
    Utrn,
)

NEVER = datetime(3000, 12, 31, tzinfo=UTC)  # DUIS's "cancel" execution date-time


def format_request_datetime(value: datetime) -> str:
    """As the DCC's templates write it: centiseconds and ``Z``."""
    value = value.astimezone(UTC)
    stamp = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond % 10_000 == 0:
        return f"{stamp}.{value.microsecond // 10_000:02d}Z"
    return f"{stamp}.{value.microsecond:06d}Z"


def _leaf(name: str, text: str) -> XmlElement:
    return XmlElement(SR, name, text)


def _body(name: str, *children: XmlElement) -> XmlElement:
    return XmlElement(SR, name, None, tuple(children))


def _text(element: XmlElement, name: str, path: str) -> str:
    child = element.find(name)
    if child is None or child.text is None or not child.text.strip():
        raise CodecError(f"sr:{name} missing or empty", path)
    return child.text.strip()


def _only(element: XmlElement, allowed: set[str], path: str) -> None:
    for child in element.children:
        if child.name not in allowed:
            raise CodecError(f"sr:{child.name} has no place in the typed model", path)


# --- period reads (4.4.x, 4.6.1, 4.8.1) -------------------------------------------------


def _period_to(cls: type) -> Callable[[XmlElement, str], RequestBody]:
    def decode(body: XmlElement, path: str) -> RequestBody:
        _only(body, {"ReadLogPeriod"}, path)
        period = body.find("ReadLogPeriod")
        if period is None:
            raise CodecError("sr:ReadLogPeriod missing", path)
        where = f"{path}/sr:ReadLogPeriod"
        _only(period, {"StartDateTime", "EndDateTime"}, where)
        start = parse_datetime(_text(period, "StartDateTime", where), f"{where}/sr:StartDateTime")
        end = parse_datetime(_text(period, "EndDateTime", where), f"{where}/sr:EndDateTime")
        return cls(start, end)

    return decode


def _period_from(model: RequestBody) -> tuple[XmlElement, ...]:
    return (
        _body(
            "ReadLogPeriod",
            _leaf("StartDateTime", format_request_datetime(model.start)),
            _leaf("EndDateTime", format_request_datetime(model.end)),
        ),
    )


# --- 2.2, 11.2, 11.3 ----------------------------------------------------------------------


def _top_up_to(body: XmlElement, path: str) -> RequestBody:
    _only(body, {"UTRN"}, path)
    return TopUpDeviceRequest(Utrn.parse(_text(body, "UTRN", path)))


def _top_up_from(model: TopUpDeviceRequest) -> tuple[XmlElement, ...]:
    return (_leaf("UTRN", model.utrn.digits),)


def _read_firmware_to(body: XmlElement, path: str) -> RequestBody:
    _only(body, set(), path)
    return ReadFirmwareVersionRequest()


def _activate_to(body: XmlElement, path: str) -> RequestBody:
    _only(body, {"ExecutionDateTime", "FirmwareHash"}, path)
    text = _text(body, "FirmwareHash", path)
    try:
        digest = bytes.fromhex(text)
    except ValueError:
        raise CodecError("FirmwareHash is not hex", f"{path}/sr:FirmwareHash") from None
    when = body.find("ExecutionDateTime")
    execute_at = (
        None if when is None else parse_datetime(when.text or "", f"{path}/sr:ExecutionDateTime")
    )
    return ActivateFirmwareRequest(digest, execute_at)


def _activate_from(model: ActivateFirmwareRequest) -> tuple[XmlElement, ...]:
    children = []
    if model.execute_at is not None:
        children.append(_leaf("ExecutionDateTime", format_request_datetime(model.execute_at)))
    children.append(_leaf("FirmwareHash", model.firmware_hash.hex().upper()))
    return tuple(children)


_TO_MODEL: dict[str, Callable[[XmlElement, str], RequestBody]] = {
    "2.2": _top_up_to,
    "4.4.2": _period_to(ChangeOfModeBillingLogRequest),
    "4.4.3": _period_to(BillingCalendarBillingLogRequest),
    "4.4.4": _period_to(DebtPaymentsBillingLogRequest),
    "4.6.1": _period_to(DailyReadLogRequest),
    "4.8.1": _period_to(ProfileDataRequest),
    "11.2": _read_firmware_to,
    "11.3": _activate_to,
}
_FROM_MODEL: dict[type, Callable] = {
    TopUpDeviceRequest: _top_up_from,
    ChangeOfModeBillingLogRequest: _period_from,
    BillingCalendarBillingLogRequest: _period_from,
    DebtPaymentsBillingLogRequest: _period_from,
    DailyReadLogRequest: _period_from,
    ProfileDataRequest: _period_from,
    ReadFirmwareVersionRequest: lambda model: (),
    ActivateFirmwareRequest: _activate_from,
}
TYPED_SRVS = frozenset(_TO_MODEL)


def to_model(request: DuisRequest) -> Request:
    """The project's ``Request`` (originator -> user_id, counter -> request_id)."""
    srv = request.header.srv
    path = f"/sr:Request/sr:Body/sr:{request.body.name}"
    decode = _TO_MODEL.get(srv)
    if decode is None:
        raise CodecError(f"SRV {srv} has no typed project model view (yet)", path)
    request_id = request.header.request_id
    try:
        body = decode(request.body, path)
        return Request(request_id.counter, request_id.originator, request_id.target, body)
    except ModelError as exc:
        raise CodecError(str(exc), path) from None


def from_model(
    model: Request,
    command_variant: CommandVariant | None = None,
) -> DuisRequest:
    """The DUIS request for a project ``Request`` (the SRV's usual CommandVariant by default)."""
    encode = _FROM_MODEL.get(type(model.body))
    if encode is None:
        raise ModelError(f"SRV {model.srv} has no DUIS view of its project model (yet)")
    info = srv_info(str(model.srv))
    header = RequestHeader(
        RequestId(model.user_id, model.target, model.request_id),
        command_variant if command_variant is not None else info.command_variant,
        info.variant,
    )
    return DuisRequest(header, _body(info.body, *encode(model.body)))
