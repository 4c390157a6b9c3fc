"""The DCC's alerts about 11.1 and 11.4 (``DCCAlertMessage/DCCAlert``), typed both ways.

DUIS answers 11.1 and 11.4 at once with the DCC's own ``ResponseMessage``
(``dcc_answer``); what the device made of the image arrives later as a DCC alert:

* ``CSPFirmwareDeliveryStatus`` {``UpdateFirmwareRequestID``, ``CommsHubDeviceID``,
  ``TargetDeviceID``, ``FirmwareVersion``, ``TimeStamp``, ``CommsHubTransferStatus``
  Success|Failure}: the image reached the device or did not. The project's answer
  ``Response(I0, UpdateFirmwareResponse(version, outcome))`` (``UpdatePpmidFirmwareResponse``
  for 11.4) is this alert: ``ACCEPTED`` <-> ``Success``, ``FAILED`` <-> ``Failure``, the
  response's code in the ``sr:Header``. The alert does not say whether its request was an
  11.1 or an 11.4, nor does it carry the comms hub in the model: the reader gives the SRV
  (it sent the request; 11.1 otherwise), the writer the comms hub and the time.
* ``FirmwareDistributionFailure`` {``UpdateFirmwareRequestID``, ``MeterIDs``}: the DCC could
  not distribute the image. The project's ``Alert`` whose code is a DCC alert code
  (``N1``..``N65``, ``N999``, ``AD1``: the ``DCCAlertCode``, kept exactly), naming an 11.1 or
  11.4 request, is this alert; ``MeterIDs`` is its one target (several: a ``CodecError``,
  the model targets one device); the time is the ``sr:Header``'s ``ResponseDateTime``;
  the alert holds no text, so an ``Alert`` with a ``detail`` is refused.
* ``PPMIDAlert`` {``DeviceID``, ``DeviceAlertCode``, ``TimeStamp``?,
  ``PPMIDFirmwareUpgradeAlert``?}: a PPMID's own alert relayed by the DCC, read as the
  project's ``Alert`` (``GBCS`` + 4 hex digits, as device alerts are named); the model holds
  no activation result, so a ``PPMIDFirmwareUpgradeAlert`` is a ``CodecError`` naming it.

Everything is kept faithfully by ``read_dcc_alert``; ``ThrottledAlertSequenceId`` and
``ThrottledAlertCount`` have no place in the models and are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from s1sr.codecs.duis.constants import SR
from s1sr.codecs.duis.header import RequestId
from s1sr.codecs.duis.response import DuisResponse, format_datetime, parse_datetime
from s1sr.codecs.duis.tree import XmlElement
from s1sr.codecs.errors import CodecError
from s1sr.models import (
    EUI64,
    SRV,
    Alert,
    FirmwareOutcome,
    FirmwareVersion,
    ModelError,
    Response,
    ResponseCode,
    UpdateFirmwareResponse,
    UpdatePpmidFirmwareResponse,
)

DCC_ALERT_CODES = frozenset({"AD1", "N999", *(f"N{n}" for n in range(1, 66) if n != 32)})
FIRMWARE_SRVS = ("11.1", "11.4")
DELIVERY_ALERT_CODE = "N999"  # written unless the caller names another DCCAlertCode
_PATH = "/sr:Response/sr:Body/sr:DCCAlertMessage"
_ALERT = f"{_PATH}/sr:DCCAlert"
_HEX = re.compile(r"[0-9A-Fa-f]{4}")
_GBCS = re.compile(r"GBCS([0-9A-F]{4})")


@dataclass(frozen=True)
class FirmwareDeliveryStatus:
    """``CSPFirmwareDeliveryStatus``: whether the image of a request reached the device."""

    request_id: RequestId  # UpdateFirmwareRequestID: the 11.1 / 11.4 request
    comms_hub: EUI64
    device: EUI64
    version: FirmwareVersion
    at: datetime
    success: bool

    def __post_init__(self) -> None:
        if not isinstance(self.request_id, RequestId):
            raise ModelError("request_id must be a RequestId")
        if not isinstance(self.comms_hub, EUI64) or not isinstance(self.device, EUI64):
            raise ModelError("comms_hub and device must be EUI64s")
        if not isinstance(self.version, FirmwareVersion):
            raise ModelError("version must be a FirmwareVersion")
        if not isinstance(self.at, datetime) or self.at.tzinfo is None:
            raise ModelError("at must be an aware datetime")


@dataclass(frozen=True)
class FirmwareDistributionFailure:
    """``FirmwareDistributionFailure``: the DCC could not distribute the image to these."""

    request_id: RequestId
    devices: tuple[EUI64, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.request_id, RequestId):
            raise ModelError("request_id must be a RequestId")
        if not self.devices or not all(isinstance(d, EUI64) for d in self.devices):
            raise ModelError("devices: one EUI64 or more")


@dataclass(frozen=True)
class PpmidAlert:
    """``PPMIDAlert``: a PPMID's alert; ``upgrade`` is ``(FirmwareVersion, activated)``."""

    device: EUI64
    code: int  # DeviceAlertCode, two bytes
    at: datetime | None = None
    upgrade: tuple[str, bool] | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.device, EUI64):
            raise ModelError("device must be an EUI64")
        if isinstance(self.code, bool) or not isinstance(self.code, int):
            raise ModelError("code must be an int")
        if not 0 <= self.code <= 0xFFFF:
            raise ModelError("code: a device alert code is two bytes")
        if self.at is not None and (not isinstance(self.at, datetime) or self.at.tzinfo is None):
            raise ModelError("at must be an aware datetime")


DccAlertContent = FirmwareDeliveryStatus | FirmwareDistributionFailure | PpmidAlert


@dataclass(frozen=True)
class DccAlert:
    """A ``DCCAlertMessage``: its ``DCCAlertCode`` and one typed alert."""

    code: str
    content: DccAlertContent

    def __post_init__(self) -> None:
        if self.code not in DCC_ALERT_CODES:
            raise ModelError(f"DCCAlertCode {self.code!r:.20} is not one DUIS defines")
        if not isinstance(self.content, DccAlertContent):
            raise ModelError("content: a typed DCC alert")


def _leaf(name: str, text: str) -> XmlElement:
    return XmlElement(SR, name, text)


def _content_element(content: DccAlertContent) -> XmlElement:
    if isinstance(content, FirmwareDeliveryStatus):
        return XmlElement(
            SR,
            "CSPFirmwareDeliveryStatus",
            children=(
                _leaf("UpdateFirmwareRequestID", str(content.request_id)),
                _leaf("CommsHubDeviceID", str(content.comms_hub)),
                _leaf("TargetDeviceID", str(content.device)),
                _leaf("FirmwareVersion", str(content.version)),
                _leaf("TimeStamp", format_datetime(content.at)),
                _leaf("CommsHubTransferStatus", "Success" if content.success else "Failure"),
            ),
        )
    if isinstance(content, FirmwareDistributionFailure):
        return XmlElement(
            SR,
            "FirmwareDistributionFailure",
            children=(
                _leaf("UpdateFirmwareRequestID", str(content.request_id)),
                _leaf("MeterIDs", ",".join(str(d) for d in content.devices)),
            ),
        )
    children = [
        _leaf("DeviceID", str(content.device)),
        _leaf("DeviceAlertCode", f"{content.code:04X}"),
    ]
    if content.at is not None:
        children.append(_leaf("Timestamp", format_datetime(content.at)))
    if content.upgrade is not None:
        version, activated = content.upgrade
        result = "ActivationSuccess" if activated else "ActivationFailure"
        children.append(
            XmlElement(
                SR,
                "PPMIDFirmwareUpgradeAlert",
                children=(
                    _leaf("FirmwareVersion", version),
                    _leaf("ActivateImageResultCode", result),
                ),
            )
        )
    return XmlElement(SR, "PPMIDAlert", children=tuple(children))


def dcc_alert_body(alert: DccAlert) -> XmlElement:
    """The ``sr:DCCAlertMessage`` carrying ``alert``."""
    at = getattr(alert.content, "at", None)
    if at is not None and at.microsecond % 1000:
        raise CodecError("the time is finer than DUIS's milliseconds", _ALERT)
    return XmlElement(
        SR,
        "DCCAlertMessage",
        children=(
            _leaf("DCCAlertCode", alert.code),
            XmlElement(SR, "DCCAlert", children=(_content_element(alert.content),)),
        ),
    )


# --- reading -----------------------------------------------------------------------------


def _leaves(
    element: XmlElement, order: tuple[str, ...], required: int, path: str
) -> dict[str, str]:
    """The text leaves of ``element`` in the schema's ``order``; the first ``required`` needed."""
    names = [child.name for child in element.children]
    for child in element.children:
        if child.namespace != SR or child.name not in order:
            raise CodecError(f"{child.name} has no place here", path)
    if names != sorted(set(names), key=order.index):
        raise CodecError(f"out of order or repeated: {', '.join(names)}", path)
    for name in order[:required]:
        if name not in names:
            raise CodecError(f"sr:{name} missing", path)
    texts = {}
    for child in element.children:
        if child.name == "PPMIDFirmwareUpgradeAlert":
            continue
        if child.children or child.attributes or not (child.text or "").strip():
            raise CodecError("needs a text value", f"{path}/sr:{child.name}")
        texts[child.name] = child.text.strip()
    return texts


def _eui(text: str, path: str) -> EUI64:
    try:
        return EUI64.parse(text)
    except (ModelError, ValueError) as exc:
        raise CodecError(f"not an EUI-64: {exc}", path) from None


def _delivery(element: XmlElement, path: str) -> FirmwareDeliveryStatus:
    order = (
        "UpdateFirmwareRequestID",
        "CommsHubDeviceID",
        "TargetDeviceID",
        "FirmwareVersion",
        "TimeStamp",
        "CommsHubTransferStatus",
    )
    t = _leaves(element, order, len(order), path)
    status = t["CommsHubTransferStatus"]
    if status not in ("Success", "Failure"):
        raise CodecError(
            f"{status!r:.20} is not Success or Failure", f"{path}/sr:CommsHubTransferStatus"
        )
    try:
        version = FirmwareVersion.parse(t["FirmwareVersion"])
    except ModelError as exc:
        raise CodecError(str(exc), f"{path}/sr:FirmwareVersion") from None
    return FirmwareDeliveryStatus(
        RequestId.parse(t["UpdateFirmwareRequestID"], f"{path}/sr:UpdateFirmwareRequestID"),
        _eui(t["CommsHubDeviceID"], f"{path}/sr:CommsHubDeviceID"),
        _eui(t["TargetDeviceID"], f"{path}/sr:TargetDeviceID"),
        version,
        parse_datetime(t["TimeStamp"], f"{path}/sr:TimeStamp"),
        status == "Success",
    )


def _failure(element: XmlElement, path: str) -> FirmwareDistributionFailure:
    t = _leaves(element, ("UpdateFirmwareRequestID", "MeterIDs"), 2, path)
    devices = tuple(_eui(part, f"{path}/sr:MeterIDs") for part in t["MeterIDs"].split(","))
    return FirmwareDistributionFailure(
        RequestId.parse(t["UpdateFirmwareRequestID"], f"{path}/sr:UpdateFirmwareRequestID"),
        devices,
    )


def _ppmid(element: XmlElement, path: str) -> PpmidAlert:
    order = ("DeviceID", "DeviceAlertCode", "Timestamp", "PPMIDFirmwareUpgradeAlert")
    t = _leaves(element, order, 2, path)
    code = t["DeviceAlertCode"]
    if not _HEX.fullmatch(code):
        raise CodecError(f"{code!r:.20} is not a two-byte alert code", f"{path}/sr:DeviceAlertCode")
    at = None
    if "Timestamp" in t:
        at = parse_datetime(t["Timestamp"], f"{path}/sr:Timestamp")
    upgrade = None
    found = element.find("PPMIDFirmwareUpgradeAlert")
    if found is not None:
        where = f"{path}/sr:PPMIDFirmwareUpgradeAlert"
        u = _leaves(found, ("FirmwareVersion", "ActivateImageResultCode"), 2, where)
        result = u["ActivateImageResultCode"]
        if result not in ("ActivationSuccess", "ActivationFailure"):
            raise CodecError(f"{result!r:.30} is not an activation result", where)
        upgrade = (u["FirmwareVersion"], result == "ActivationSuccess")
    return PpmidAlert(_eui(t["DeviceID"], f"{path}/sr:DeviceID"), int(code, 16), at, upgrade)


_READERS = {
    "CSPFirmwareDeliveryStatus": _delivery,
    "FirmwareDistributionFailure": _failure,
    "PPMIDAlert": _ppmid,
}


def is_typed_dcc_alert(response: DuisResponse) -> bool:
    """Whether ``response`` is a DCC alert this module types (not an ``S1SPAlert``)."""
    alert = response.body.find("DCCAlert") if response.kind == "DCCAlertMessage" else None
    return alert is not None and len(alert.children) == 1 and alert.children[0].name in _READERS


def read_dcc_alert(response: DuisResponse) -> DccAlert:
    """The typed DCC alert of a ``DCCAlertMessage`` (firmware delivery, failure, PPMID)."""
    if response.kind != "DCCAlertMessage":
        raise CodecError(f"a {response.kind}, not a DCCAlertMessage", "/sr:Response/sr:Body")
    body = response.body
    for child in body.children:
        if child.name not in ("DCCAlertCode", "DCCAlert"):
            raise CodecError(
                "the project's models hold no such element", f"{_PATH}/sr:{child.name}"
            )
    code_element, alert = body.find("DCCAlertCode"), body.find("DCCAlert")
    if code_element is None or alert is None or len(body.children) != 2:
        raise CodecError("sr:DCCAlertCode and sr:DCCAlert needed", _PATH)
    code = (code_element.text or "").strip()
    if len(alert.children) != 1 or alert.children[0].name not in _READERS:
        names = ", ".join(child.name for child in alert.children)
        raise CodecError(f"no typed view of the DCC alert {names:.60}", _ALERT)
    content = alert.children[0]
    try:
        return DccAlert(code, _READERS[content.name](content, f"{_ALERT}/sr:{content.name}"))
    except ModelError as exc:
        raise CodecError(str(exc), f"{_PATH}/sr:DCCAlertCode") from None


# --- the project's models ----------------------------------------------------------------


def _firmware_srv(srv: str | None, path: str) -> SRV:
    srv = "11.1" if srv is None else str(srv)
    if srv not in FIRMWARE_SRVS:
        raise CodecError(f"SRV {srv!r:.20}: the DCC's firmware alerts answer 11.1 or 11.4", path)
    return SRV(srv)


def dcc_alert_to_model(response: DuisResponse, srv: str | None = None) -> Response | Alert:
    """The project's message: a delivery status is the ``Response`` to 11.1 (``srv`` 11.4:
    to 11.4), a distribution failure and a PPMID alert are ``Alert``s."""
    alert = read_dcc_alert(response)
    content = alert.content
    header = response.header
    try:
        if isinstance(content, FirmwareDeliveryStatus):
            named = _firmware_srv(srv, _ALERT)
            try:
                code = ResponseCode(header.code)
            except ValueError:
                raise CodecError(
                    f"response code {header.code} has no project ResponseCode",
                    "/sr:Response/sr:Header/sr:ResponseCode",
                ) from None
            outcome = FirmwareOutcome.ACCEPTED if content.success else FirmwareOutcome.FAILED
            kind = (
                UpdateFirmwareResponse
                if named is SRV.UPDATE_FIRMWARE
                else UpdatePpmidFirmwareResponse
            )
            body = kind(content.version, outcome)
            return Response(content.request_id.counter, content.device, named, code, body)
        if isinstance(content, FirmwareDistributionFailure):
            where = f"{_ALERT}/sr:FirmwareDistributionFailure/sr:MeterIDs"
            if len(content.devices) != 1:
                raise CodecError("the model's Alert targets one device", where)
            return Alert(
                alert.code,
                content.devices[0],
                header.at,
                content.request_id.counter,
                _firmware_srv(srv, _ALERT),
            )
        where = f"{_ALERT}/sr:PPMIDAlert"
        if content.upgrade is not None:
            raise CodecError(
                "the model's Alert holds no activation result",
                f"{where}/sr:PPMIDFirmwareUpgradeAlert",
            )
        request = header.request_id
        return Alert(
            f"GBCS{content.code:04X}",
            content.device,
            content.at or header.at,
            None if request is None else request.counter,
            None if srv is None else SRV(srv),
        )
    except CodecError:
        raise
    except (ModelError, ValueError) as exc:
        raise CodecError(str(exc), _ALERT) from None


def firmware_outcome_alert(
    response: Response,
    request_id: RequestId,
    comms_hub: EUI64,
    at: datetime,
    dcc_alert_code: str = DELIVERY_ALERT_CODE,
) -> DccAlert:
    """The ``CSPFirmwareDeliveryStatus`` carrying an 11.1 or 11.4 ``response`` with a body.

    ``request_id`` is the request's own RequestID (user, the DCC, counter): its counter
    must be the response's. ``comms_hub`` and ``at`` are what the model does not hold.
    The response's code goes in the ``sr:Header`` (``ResponseHeader(str(response.code),
    at, request_id)``).
    """
    body = response.body
    if str(response.srv) not in FIRMWARE_SRVS or not isinstance(
        body, UpdateFirmwareResponse | UpdatePpmidFirmwareResponse
    ):
        what = "no body" if body is None else type(body).__name__
        raise CodecError(
            f"SRV {response.srv} with {what}: a delivery status carries an 11.1 or 11.4 outcome "
            "(a refusal is the DCC's ResponseMessage)",
            f"{_ALERT}/sr:CSPFirmwareDeliveryStatus",
        )
    if request_id.counter != response.request_id:
        raise CodecError(
            f"request_id counter {request_id.counter} is not the response's {response.request_id}",
            f"{_ALERT}/sr:CSPFirmwareDeliveryStatus/sr:UpdateFirmwareRequestID",
        )
    status = FirmwareDeliveryStatus(
        request_id,
        comms_hub,
        response.target,
        body.version,
        at,
        body.outcome is FirmwareOutcome.ACCEPTED,
    )
    return DccAlert(dcc_alert_code, status)


def distribution_failure_alert(alert: Alert, request_id: RequestId) -> DccAlert:
    """The ``FirmwareDistributionFailure`` carrying ``alert`` (its code a ``DCCAlertCode``).

    The time is the ``sr:Header``'s (``ResponseHeader("I0", alert.raised_at, ...)``).
    """
    where = f"{_ALERT}/sr:FirmwareDistributionFailure"
    if alert.code not in DCC_ALERT_CODES:
        raise CodecError(f"alert code {alert.code!r:.20} is not a DCCAlertCode", _PATH)
    if alert.srv is None or str(alert.srv) not in FIRMWARE_SRVS:
        raise CodecError(f"a DCC alert of SRV {alert.srv}: only 11.1 and 11.4 are typed", where)
    if alert.request_id is None or alert.request_id != request_id.counter:
        raise CodecError(
            "the alert names the request its request_id gives",
            f"{where}/sr:UpdateFirmwareRequestID",
        )
    if alert.detail:
        raise CodecError("detail: FirmwareDistributionFailure holds no text", where)
    if alert.raised_at.microsecond % 1000:
        raise CodecError("raised_at is finer than DUIS's milliseconds", "/sr:Response/sr:Header")
    return DccAlert(alert.code, FirmwareDistributionFailure(request_id, (alert.target,)))


def ppmid_alert(alert: Alert, upgrade: tuple[str, bool] | None = None) -> DccAlert:
    """The ``PPMIDAlert`` carrying a PPMID's ``alert`` (``GBCS`` + 4 hex digits)."""
    match = _GBCS.fullmatch(alert.code)
    if match is None:
        raise CodecError(f"alert code {alert.code!r:.20}: PPMIDAlert carries GBCS + 4 hex", _ALERT)
    if alert.detail:
        raise CodecError("detail: PPMIDAlert holds no text", f"{_ALERT}/sr:PPMIDAlert")
    return DccAlert(
        "N999", PpmidAlert(alert.target, int(match.group(1), 16), alert.raised_at, upgrade)
    )
