"""The project's typed request models as DUIS bodies, and DUIS bodies as those models.

``typed`` reads a ``DuisRequest`` as a ``TypedRequest``: the project's ``Request`` and
the ``Framing`` (what the body says beyond the model: fuel, addressee, DUIS-only leaves).
``from_typed`` writes it back, exactly: template -> typed -> template is the identity,
and so is model -> XML -> model. ``to_model`` is the model alone. SRVs without a view
keep their faithful ``XmlElement`` body, and ``to_model`` says so with a ``CodecError``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from s1sr.codecs.duis import bodies, credentials, prepay, tariff
from s1sr.codecs.duis.bodies import NEVER, Framing, Fuel, Reading
from s1sr.codecs.duis.bodies import format_datetime as format_request_datetime
from s1sr.codecs.duis.constants import SR
from s1sr.codecs.duis.header import CommandVariant, RequestId, srv_info
from s1sr.codecs.duis.request import DuisRequest, RequestHeader
from s1sr.codecs.duis.response import parse_datetime
from s1sr.codecs.duis.tree import XmlElement
from s1sr.codecs.errors import CodecError
from s1sr.models import (
    EUI64,
    ActivateFirmwareRequest,
    BillingCalendarBillingLogRequest,
    ChangeOfModeBillingLogRequest,
    DailyReadLogRequest,
    DebtPaymentsBillingLogRequest,
    DeviceType,
    ModelError,
    ProfileDataRequest,
    ReadFirmwareVersionRequest,
    Request,
    RequestBody,
    RequestHandoverRequest,
    ServiceOptInRequest,
    ServiceOptOutRequest,
    TopUpDeviceRequest,
    UpdateBillingCalendarRequest,
    UpdateDebtRequest,
    UpdateFirmwareRequest,
    UpdateHanDeviceLogRequest,
    UpdateImportTariffRequest,
    UpdatePaymentModeRequest,
    UpdatePpmidFirmwareRequest,
    UpdatePrepayConfigurationRequest,
    UpdateSecurityCredentialsCosRequest,
    UpdateSecurityCredentialsKrpRequest,
    Utrn,
)

__all__ = ["NEVER", "Framing", "Fuel", "TypedRequest", "format_request_datetime"]


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


def _activate_to(body: XmlElement, reading: Reading) -> RequestBody:
    path = reading.path
    bodies.only(body, ("ExecutionDateTime", "FirmwareHash"), path)
    text = _text(body, "FirmwareHash", path)
    try:
        digest = bytes.fromhex(text)
    except ValueError:
        raise CodecError("FirmwareHash is not hex", f"{path}/sr:FirmwareHash") from None
    return ActivateFirmwareRequest(digest, bodies.execution(body, reading))


def _activate_from(model: ActivateFirmwareRequest, framing: Framing) -> list[XmlElement]:
    children = list(bodies.execution_leaves(model.execute_at))
    children.append(_leaf("FirmwareHash", model.firmware_hash.hex().upper()))
    return children


def _ppmid_firmware_to(body: XmlElement, reading: Reading) -> tuple[RequestBody, EUI64]:
    image, version, device = bodies.read_firmware_image(body, reading)
    model = UpdatePpmidFirmwareRequest(image)
    if version != str(model.version):
        reading.extras["FirmwareVersion"] = version
    return model, device


def _ppmid_firmware_from(
    model: UpdatePpmidFirmwareRequest, framing: Framing, device: EUI64
) -> list[XmlElement]:
    version = framing.extra("FirmwareVersion") or str(model.version)
    return list(bodies.firmware_leaves(model.image, version, device))


def _plain(read: Callable[[XmlElement, str], RequestBody]) -> bodies.Reader:
    """A reader of a body with nothing beyond the model."""
    return lambda body, reading: read(body, reading.path)


def _plain_writer(write: Callable[[RequestBody], tuple[XmlElement, ...]], srv: str) -> Callable:
    def writer(model: RequestBody, framing: Framing) -> list[XmlElement]:
        return list(write(model))

    return writer


_READERS: dict[str, bodies.Reader] = {
    "1.1.1": tariff.read_tariff,
    "1.6": bodies.read_payment_mode,
    "2.1": prepay.read_prepay,
    "2.2": _plain(_top_up_to),
    "2.3": bodies.read_debt,
    "4.4.2": _plain(_period_to(ChangeOfModeBillingLogRequest)),
    "4.4.3": _plain(_period_to(BillingCalendarBillingLogRequest)),
    "4.4.4": _plain(_period_to(DebtPaymentsBillingLogRequest)),
    "4.6.1": _plain(_period_to(DailyReadLogRequest)),
    "4.8.1": _plain(_period_to(ProfileDataRequest)),
    "6.8": bodies.read_billing_calendar,
    "6.15.1": credentials.read_krp,
    "6.21": credentials.read_handover,
    "6.23": credentials.read_cos,
    "8.5": credentials.read_opt_out,
    "8.11": bodies.read_han_device_log,
    "11.2": _plain(_read_firmware_to),
    "11.3": _activate_to,
}
_WRITERS: dict[type, Callable] = {
    UpdateImportTariffRequest: tariff.write_tariff,
    UpdatePaymentModeRequest: bodies.write_payment_mode,
    UpdatePrepayConfigurationRequest: prepay.write_prepay,
    TopUpDeviceRequest: _plain_writer(_top_up_from, "2.2"),
    UpdateDebtRequest: bodies.write_debt,
    ChangeOfModeBillingLogRequest: _plain_writer(_period_from, "4.4.2"),
    BillingCalendarBillingLogRequest: _plain_writer(_period_from, "4.4.3"),
    DebtPaymentsBillingLogRequest: _plain_writer(_period_from, "4.4.4"),
    DailyReadLogRequest: _plain_writer(_period_from, "4.6.1"),
    ProfileDataRequest: _plain_writer(_period_from, "4.8.1"),
    UpdateBillingCalendarRequest: bodies.write_billing_calendar,
    UpdateSecurityCredentialsKrpRequest: credentials.write_krp,
    RequestHandoverRequest: credentials.write_handover,
    UpdateSecurityCredentialsCosRequest: credentials.write_cos,
    ServiceOptOutRequest: credentials.write_opt_out,
    UpdateHanDeviceLogRequest: bodies.write_han_device_log,
    ReadFirmwareVersionRequest: _plain_writer(lambda model: (), "11.2"),
    ActivateFirmwareRequest: _activate_from,
}
# SRVs whose header is addressed to the DCC, the device being named in the body.
_DEVICE_LISTS: dict[str, Callable] = {
    "8.6": credentials.read_opt_in,
    "11.1": bodies.read_update_firmware,
    "11.4": _ppmid_firmware_to,
}
_DEVICE_LIST_WRITERS: dict[type, Callable] = {
    ServiceOptInRequest: credentials.write_opt_in,
    UpdateFirmwareRequest: bodies.write_update_firmware,
    UpdatePpmidFirmwareRequest: _ppmid_firmware_from,
}
TYPED_SRVS = frozenset(_READERS) | frozenset(_DEVICE_LISTS)


@dataclass(frozen=True)
class TypedRequest:
    """A DUIS request as the project's ``Request`` and what DUIS says beyond it."""

    model: Request
    framing: Framing = field(default_factory=Framing)
    first_in_sequence: bool | None = None
    preceding_request_id: RequestId | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.model, Request):
            raise ModelError("model must be a Request")
        if not isinstance(self.framing, Framing):
            raise ModelError("framing must be a Framing")


def typed(request: DuisRequest, *, device_type: DeviceType | None = None) -> TypedRequest:
    """The typed view (``device_type``: what 8.11 needs and DUIS does not say)."""
    srv = request.header.srv
    reading = Reading(f"/sr:Request/sr:Body/sr:{request.body.name}", device_type)
    request_id = request.header.request_id
    addressee = None
    try:
        if srv in _DEVICE_LISTS:
            body, target = _DEVICE_LISTS[srv](request.body, reading)
            addressee = request_id.target
        elif srv in _READERS:
            body, target = _READERS[srv](request.body, reading), request_id.target
        else:
            raise CodecError(f"SRV {srv} has no typed project model view (yet)", reading.path)
        model = Request(request_id.counter, request_id.originator, target, body)
        return TypedRequest(
            model,
            reading.framing(addressee),
            request.header.first_in_sequence,
            request.header.preceding_request_id,
        )
    except ModelError as exc:
        raise CodecError(str(exc), reading.path) from None


def to_model(request: DuisRequest, *, device_type: DeviceType | None = None) -> Request:
    """The project's ``Request`` (originator -> user_id, counter -> request_id)."""
    return typed(request, device_type=device_type).model


def from_typed(view: TypedRequest, command_variant: CommandVariant | None = None) -> DuisRequest:
    """The DUIS request of a typed view (the SRV's usual CommandVariant by default)."""
    model, framing = view.model, view.framing
    kind = type(model.body)
    info = srv_info(str(model.srv))
    target = model.target
    if kind in _DEVICE_LIST_WRITERS:
        if framing.addressee is None:
            raise ModelError(f"addressee: SRV {model.srv} is addressed to the DCC; give its EUI-64")
        children = _DEVICE_LIST_WRITERS[kind](model.body, framing, model.target)
        target = framing.addressee
    elif kind in _WRITERS:
        if framing.addressee is not None:
            raise ModelError(f"addressee: SRV {model.srv} is addressed to the device itself")
        children = _WRITERS[kind](model.body, framing)
    else:
        raise ModelError(f"SRV {model.srv} has no DUIS view of its project model (yet)")
    header = RequestHeader(
        RequestId(model.user_id, target, model.request_id),
        command_variant if command_variant is not None else info.command_variant,
        info.variant,
        view.first_in_sequence,
        view.preceding_request_id,
    )
    return DuisRequest(header, _body(info.body, *children))


def from_model(
    model: Request,
    command_variant: CommandVariant | None = None,
    framing: Framing | None = None,
) -> DuisRequest:
    """The DUIS request for a project ``Request``; ``framing`` where DUIS needs more."""
    return from_typed(TypedRequest(model, framing or Framing()), command_variant)
