"""``SMETS1ResponseMessage``: the S1SP's signed MMC answer, typed.

``SMETS1SignedResponse/SMETS1Response`` holds an MMC header (``ra:`` namespace: the
device as business originator, the DCC User as target, the device's counter, the SRV,
a timestamp) and a body: a ``ResponseMessage`` whose ``ra:SMETSData`` holds one
``ra:<Service>Rsp`` element with a ``MessageSuccess`` flag (``Smets1Response``), or a
``DeviceAlertMessage`` (``Smets1Alert``, typed in ``mmc_alert``).

For the in-scope SRVs MMC carries data only for 11.2 (``FirmwareVersion``) and 11.3
(``FirmwareVersion`` and the ASN.1 activation status) among the commands; the others
answer with ``MessageSuccess`` alone, so their project ``Response`` has no body (the
project's response bodies hold what a device reports back, which MMC does not carry).
The read logs (4.4.x, 4.6.1, 4.8.1) are typed both ways by ``mmc_logs``, the
certificates 6.15.1, 6.21, 6.23 and 8.5 replaced by ``mmc_credentials``. MMC has no
answer for 8.6, 11.1 and 11.4: the DCC answers them itself (``dcc_answer``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from s1sr.codecs.duis.constants import RA, SCHEMA_VERSION, SR
from s1sr.codecs.duis.header import srv_info
from s1sr.codecs.duis.mmc_alert import (
    DeviceAlertContent,
    device_alert_element,
    from_alert,
    read_device_alert,
    to_alert,
)
from s1sr.codecs.duis.mmc_credentials import CREDENTIALS_RESPONSES, outcome_children, read_outcome
from s1sr.codecs.duis.mmc_future_dated import credentials_payload, read_credentials_outcome
from s1sr.codecs.duis.mmc_logs import LOG_SRVS, log_children, read_log
from s1sr.codecs.duis.response import format_datetime, parse_datetime, placeholder_signature
from s1sr.codecs.duis.tree import XmlElement
from s1sr.codecs.errors import CodecError
from s1sr.models import (
    EUI64,
    SRV,
    Alert,
    FirmwareVersion,
    ModelError,
    ReadFirmwareVersionResponse,
    Response,
    ResponseCode,
)
from s1sr.models.envelope import ResponseBody

MAX_COUNTER = (1 << 64) - 1
_COUNTER = re.compile(r"0|[1-9][0-9]{0,19}")
# The MMC response element of each in-scope SRV (ra:SMETSData's child).
RSP = {
    "1.1.1": "UpdateImportTariffPrimaryElementRsp",
    "1.6": "UpdatePaymentModeRsp",
    "2.1": "UpdatePrepayConfigurationRsp",
    "2.2": "TopUpDeviceRsp",
    "2.3": "UpdateDebtRsp",
    "4.4.2": "RetrieveCoMOrTariffTriggeredBillingDataLogRsp",
    "4.4.3": "RetrieveBillingCalendarTriggeredBillingDataLogRsp",
    "4.4.4": "RetrieveBillingDataLogDebtPaymentsRsp",
    "4.6.1": "RetrieveImportDailyReadLogRsp",
    "4.8.1": "ReadActiveImportProfileDataRsp",
    "6.8": "UpdateDeviceConfigurationBillingCalendarRsp",
    "6.15.1": "UpdateSecurityCredentialsKRPRsp",
    "6.21": "RequestHandoverOfDCCControlledDeviceRsp",
    "6.23": "UpdateSecurityCredentialsCoSRsp",
    "8.5": "ServiceOptOutRsp",
    "8.11": "UpdateHANDeviceLogRsp",
    "11.2": "ReadFirmwareVersionRsp",
    "11.3": "ActivateFirmwareRsp",
}
SRV_OF_RSP = {name: srv for srv, name in RSP.items()}
# Answers that are MessageSuccess alone.
ACKNOWLEDGED = frozenset({"1.1.1", "1.6", "2.1", "2.2", "2.3", "6.8", "8.11"})
# In-scope SRVs MMC has no answer for: the DCC answers them (dcc_answer).
DCC_ANSWERED = frozenset({"8.6", "11.1", "11.4"})


@dataclass(frozen=True)
class MmcHeader:
    """The MMC header; the optional leaves this model does not name stay in ``extras``."""

    originator: EUI64  # the device
    target: EUI64  # the DCC User (or the DSP)
    counter: int
    srv: str | None = None
    at: datetime | None = None
    extras: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.originator, EUI64) or not isinstance(self.target, EUI64):
            raise ModelError("originator and target must be EUI64s")
        if isinstance(self.counter, bool) or not isinstance(self.counter, int):
            raise ModelError("counter must be an int")
        if not 0 <= self.counter <= MAX_COUNTER:
            raise ModelError(f"counter {self.counter} is not a uint64")
        if self.srv is not None and self.srv not in RSP:
            raise ModelError(f"srv {self.srv!r} is not in scope")
        if self.at is not None and (not isinstance(self.at, datetime) or self.at.tzinfo is None):
            raise ModelError("at must be an aware datetime")
        names = [name for name, _ in self.extras]
        if any(name not in _EXTRA_LEAVES for name in names) or len(set(names)) != len(names):
            raise ModelError(f"extras: distinct names among {', '.join(_EXTRA_LEAVES)}")


_EXTRA_LEAVES = (
    "SupplementaryRemotePartyID",
    "SupplementaryRemotePartyCounter",
    "SupplementaryOriginatorCounter",
    "GBCSHexadecimalMessageCode",
)
_HEADER_ORDER = (
    "BusinessOriginatorID",
    "BusinessTargetID",
    "OriginatorCounter",
    *_EXTRA_LEAVES,
    "ServiceReference",
    "ServiceReferenceVariant",
    "Timestamp",
)


@dataclass(frozen=True)
class Smets1Response:
    """One ``SMETS1SignedResponse``: header, the ``Rsp`` element (faithful) and its flag."""

    header: MmcHeader
    srv: str
    success: bool | None
    payload: XmlElement  # the ra:<Service>Rsp element, exactly as sent

    def __post_init__(self) -> None:
        if self.srv not in RSP:
            raise ModelError(f"srv {self.srv!r} is not in scope")
        if self.payload.namespace != RA or self.payload.name != RSP[self.srv]:
            raise ModelError(f"payload: SRV {self.srv} answers with ra:{RSP[self.srv]}")

    @property
    def firmware_version(self) -> FirmwareVersion | None:
        """The FirmwareVersion an 11.2 or 11.3 answer reports, if any."""
        found = self.payload.find("FirmwareVersion")
        if found is None:
            return None
        try:
            return FirmwareVersion.parse((found.text or "").strip())
        except ModelError as exc:
            raise CodecError(
                str(exc), f"{_PATH}/ra:{self.payload.name}/ra:FirmwareVersion"
            ) from None

    def log(self) -> ResponseBody | None:
        """The read log a 4.4.x, 4.6.1 or 4.8.1 answer carries (None: a failed one)."""
        if self.srv not in LOG_SRVS:
            return None
        where = f"{_PATH}/sr:Body/sr:ResponseMessage/ra:SMETSData/ra:{self.payload.name}"
        if self.success is False:
            if self.payload.children:
                raise CodecError("a failed answer (MessageSuccess false) carrying a log", where)
            return None
        return read_log(self.srv, self.payload, where)

    def outcome(self) -> ResponseBody | None:
        """The certificates a 6.15.1, 6.21, 6.23 or 8.5 answer replaced (None: failed)."""
        if self.srv not in CREDENTIALS_RESPONSES:
            return None
        where = f"{_PATH}/sr:Body/sr:ResponseMessage/ra:SMETSData/ra:{self.payload.name}"
        if self.success is False:
            if self.payload.children:
                raise CodecError("a failed answer (MessageSuccess false) with an outcome", where)
            return None
        return read_outcome(self.srv, self.payload, where)

    def to_model(self, code: ResponseCode, request_id: int | None) -> Response:
        """The project's ``Response``; ``code`` and ``request_id`` come from the sr:Header.

        ``MessageSuccess="false"`` is a failed command whatever the DUIS code: the
        response then has no body, and ``success`` tells the caller.
        """
        if request_id is None:
            raise CodecError("a SMETS1 answer names its request", "/sr:Response/sr:Header")
        body = self.log() if self.srv in LOG_SRVS else self.outcome()
        if self.srv == "11.2" and self.success is not False:
            version = self.firmware_version
            if version is None:
                raise CodecError("an 11.2 answer without FirmwareVersion", _PATH)
            body = ReadFirmwareVersionResponse(version)
        try:
            return Response(request_id, self.header.originator, SRV(self.srv), code, body)
        except ModelError as exc:
            raise CodecError(str(exc), _PATH) from None


@dataclass(frozen=True)
class Smets1Alert:
    """A ``SMETS1Response`` whose body is a ``DeviceAlertMessage`` (kept exactly)."""

    header: MmcHeader
    srv: str | None  # the message's ServiceReferenceVariant, if it names one
    payload: XmlElement  # the sr:DeviceAlertMessage, exactly as sent

    def __post_init__(self) -> None:
        if self.srv is not None:
            srv_info(self.srv)
        if self.payload.namespace != SR or self.payload.name != "DeviceAlertMessage":
            raise ModelError("payload: an sr:DeviceAlertMessage")

    def content(self) -> DeviceAlertContent:
        return read_device_alert(self.payload, f"{_PATH}/sr:Body/sr:DeviceAlertMessage")

    def to_model(self, code: ResponseCode | None, request_id: int | None) -> Alert | Response:
        """The project's ``Alert`` (``code`` is the DUIS envelope's, which it does not hold);
        a future-dated 6.15.1 / 6.23's outcome is that command's ``Response``
        (``mmc_future_dated``)."""
        if credentials_payload(self.payload) is not None:
            return read_credentials_outcome(
                self.payload,
                self.header.originator,
                self.srv,
                ResponseCode.I0 if code is None else code,
                request_id,
                f"{_PATH}/sr:Body/sr:DeviceAlertMessage",
            )
        try:
            return to_alert(self.content(), self.header.originator, request_id, self.srv)
        except CodecError as exc:
            where = f"{_PATH}/sr:Body/sr:DeviceAlertMessage/ra:DeviceAlertContent"
            raise CodecError(exc.reason, exc.path or where) from None


_PATH = "/sr:Response/sr:Body/sr:SMETS1ResponseMessage/sr:SMETS1SignedResponse/sr:SMETS1Response"


def _ra(name: str, text: str) -> XmlElement:
    return XmlElement(RA, name, text)


def _leaf_text(element: XmlElement, path: str) -> str:
    if element.children or element.text is None or not element.text.strip():
        raise CodecError("needs a text value", f"{path}/ra:{element.name}")
    return element.text.strip()


def _eui(text: str, path: str) -> EUI64:
    try:
        return EUI64.parse(text)
    except (ModelError, ValueError) as exc:
        raise CodecError(f"not an EUI-64: {exc}", path) from None


def read_header(element: XmlElement, path: str) -> MmcHeader:
    names = [child.name for child in element.children]
    positions = []
    for child in element.children:
        if child.namespace != RA or child.name not in _HEADER_ORDER:
            raise CodecError(f"{child.name} has no place in the MMC header", path)
        positions.append(_HEADER_ORDER.index(child.name))
    if positions != sorted(set(positions)):
        raise CodecError(f"MMC header out of order or repeated: {', '.join(names)}", path)
    leaves = {child.name: child for child in element.children}
    for required in _HEADER_ORDER[:3]:
        if required not in leaves:
            raise CodecError(f"ra:{required} missing", path)
    counter = _leaf_text(leaves["OriginatorCounter"], path)
    if not _COUNTER.fullmatch(counter) or int(counter) > MAX_COUNTER:
        raise CodecError("OriginatorCounter is not a uint64", f"{path}/ra:OriginatorCounter")
    srv = None
    if "ServiceReferenceVariant" in leaves:
        srv = _leaf_text(leaves["ServiceReferenceVariant"], path)
        if srv not in RSP:
            raise CodecError(
                f"SRV {srv!r:.20} is not in scope", f"{path}/ra:ServiceReferenceVariant"
            )
    if "ServiceReference" in leaves:
        reference = _leaf_text(leaves["ServiceReference"], path)
        if srv is None or reference != srv_info(srv).reference:
            raise CodecError("ServiceReference does not match the variant", path)
    at = None
    if "Timestamp" in leaves:
        if leaves["Timestamp"].attributes:
            raise CodecError("Timestamp attributes have no place in the model", path)
        at = parse_datetime(_leaf_text(leaves["Timestamp"], path), f"{path}/ra:Timestamp")
    return MmcHeader(
        _eui(_leaf_text(leaves["BusinessOriginatorID"], path), path),
        _eui(_leaf_text(leaves["BusinessTargetID"], path), path),
        int(counter),
        srv,
        at,
        tuple((name, _leaf_text(leaves[name], path)) for name in _EXTRA_LEAVES if name in leaves),
    )


def write_header(header: MmcHeader) -> XmlElement:
    children = [
        _ra("BusinessOriginatorID", str(header.originator)),
        _ra("BusinessTargetID", str(header.target)),
        _ra("OriginatorCounter", str(header.counter)),
    ]
    extras = dict(header.extras)
    children += [_ra(name, extras[name]) for name in _EXTRA_LEAVES if name in extras]
    if header.srv is not None:
        children.append(_ra("ServiceReference", srv_info(header.srv).reference))
        children.append(_ra("ServiceReferenceVariant", header.srv))
    if header.at is not None:
        children.append(_ra("Timestamp", format_datetime(header.at)))
    return XmlElement(SR, "Header", None, tuple(children))


def read_smets1(message: XmlElement) -> Smets1Response | Smets1Alert:
    """The typed ``SMETS1SignedResponse`` of a ``SMETS1ResponseMessage`` body."""
    path = "/sr:Response/sr:Body/sr:SMETS1ResponseMessage"
    signed = message.find("SMETS1SignedResponse")
    if signed is None:
        raise CodecError("sr:SMETS1SignedResponse missing", path)
    inner = signed.find("SMETS1Response")
    if inner is None:
        raise CodecError("sr:SMETS1Response missing", f"{path}/sr:SMETS1SignedResponse")
    header_element, body = inner.find("Header"), inner.find("Body")
    if header_element is None or body is None or len(inner.children) != 2:
        raise CodecError("sr:SMETS1Response holds sr:Header and sr:Body", _PATH)
    header = read_header(header_element, f"{_PATH}/sr:Header")
    where = f"{_PATH}/sr:Body"
    kinds = ("ResponseMessage", "DeviceAlertMessage")
    if len(body.children) != 1 or body.children[0].name not in kinds:
        raise CodecError("one ResponseMessage or DeviceAlertMessage needed", where)
    payload = body.children[0]
    outer = message.find("ServiceReferenceVariant")
    named = outer.text.strip() if outer is not None and outer.text else None
    if payload.name == "DeviceAlertMessage":
        if header.srv is not None and named not in (None, header.srv):
            raise CodecError(f"the header names {header.srv}, the message {named}", where)
        try:
            return Smets1Alert(header, named or header.srv, payload)
        except ModelError as exc:
            raise CodecError(str(exc), where) from None
    data = payload.find("SMETSData")
    if data is None or len(data.children) != 1:
        raise CodecError(
            "ra:SMETSData with one response element needed", f"{where}/sr:ResponseMessage"
        )
    rsp = data.children[0]
    srv = SRV_OF_RSP.get(rsp.name)
    if srv is None or rsp.namespace != RA:
        raise CodecError(
            f"{rsp.name} is not an in-scope SRV's answer", f"{where}/sr:ResponseMessage"
        )
    for name in (named, header.srv):
        if name is not None and name != srv:
            raise CodecError(f"the answer is {srv}'s, the message names {name}", where)
    flag = dict(rsp.attributes).get("MessageSuccess")
    if flag not in (None, "true", "false", "1", "0"):
        raise CodecError("MessageSuccess is not a boolean", where)
    success = None if flag is None else flag in ("true", "1")
    try:
        return Smets1Response(header, srv, success, rsp)
    except ModelError as exc:
        raise CodecError(str(exc), where) from None


def rsp_element(
    srv: str,
    success: bool | None,
    firmware_version: FirmwareVersion | None = None,
    log: ResponseBody | None = None,
    outcome: ResponseBody | None = None,
) -> XmlElement:
    """An MMC answer of ``srv`` (a firmware version for 11.2 and 11.3, a read log's entries,
    the certificates a 6.15.1, 6.21, 6.23 or 8.5 replaced)."""
    children: tuple[XmlElement, ...] = ()
    if firmware_version is not None:
        if srv not in ("11.2", "11.3"):
            raise ModelError(f"firmware_version: SRV {srv}'s answer has none")
        children = (_ra("FirmwareVersion", str(firmware_version)),)
    if log is not None:
        if str(log.srv) != srv:
            raise ModelError(f"log: a {log.srv} body in SRV {srv}'s answer")
        children = log_children(log, f"ra:SMETSData/ra:{RSP[srv]}")
    if outcome is not None:
        if not isinstance(outcome, CREDENTIALS_RESPONSES.get(srv, ())):
            raise ModelError(f"outcome: a {type(outcome).__name__} in SRV {srv}'s answer")
        children = outcome_children(outcome)
    attributes = () if success is None else (("MessageSuccess", "true" if success else "false"),)
    return XmlElement(RA, RSP[srv], None, children, attributes)


def smets1_answer(
    response: Response, user: EUI64, counter: int, at: datetime | None = None
) -> Smets1Response:
    """The S1SP's MMC answer carrying ``response`` (the device is its target).

    A response without a body, for an SRV whose answer has one (11.2, the read logs,
    6.15.1, 6.21, 6.23, 8.5), is a failed command: ``MessageSuccess="false"`` (a refusal
    such as E11: the code goes in the DUIS header); every other is ``"true"``. MMC has no
    answer for 8.6, 11.1 and 11.4 (``DCC_ANSWERED``): a ``CodecError``, see ``dcc_answer``.
    """
    srv = str(response.srv)
    if srv in DCC_ANSWERED:
        raise CodecError(f"MMC has no answer for SRV {srv}: the DCC answers it", "ra:SMETSData")
    body = response.body
    version = body.version if isinstance(body, ReadFirmwareVersionResponse) else None
    credentials = srv in CREDENTIALS_RESPONSES
    has_body = srv == "11.2" or srv in LOG_SRVS or credentials
    success = body is not None or not has_body
    if body is not None and srv not in LOG_SRVS and not credentials and version is None:
        raise CodecError(f"MMC carries no {type(body).__name__}", f"ra:{RSP.get(srv, srv)}")
    header = MmcHeader(response.target, user, counter, srv, at)
    log = body if srv in LOG_SRVS else None
    outcome = body if credentials else None
    element = rsp_element(srv, success, version, log, outcome)
    return Smets1Response(header, srv, success, element)


def smets1_alert(alert: Alert, user: EUI64, counter: int) -> Smets1Alert:
    """The S1SP's ``DeviceAlertMessage`` carrying ``alert`` (raised by its target)."""
    header = MmcHeader(alert.target, user, counter)
    srv = None if alert.srv is None else str(alert.srv)
    return Smets1Alert(header, srv, device_alert_element(from_alert(alert)))


def smets1_response_body(response: Smets1Response | Smets1Alert) -> XmlElement:
    """A ``SMETS1ResponseMessage`` (its signature a placeholder until signed)."""
    if isinstance(response, Smets1Alert):
        answer = response.payload
    else:
        answer = XmlElement(
            SR, "ResponseMessage", None, (XmlElement(RA, "SMETSData", None, (response.payload,)),)
        )
    inner = XmlElement(
        SR,
        "SMETS1Response",
        None,
        (write_header(response.header), XmlElement(SR, "Body", None, (answer,))),
    )
    signed = XmlElement(
        SR,
        "SMETS1SignedResponse",
        None,
        (inner, placeholder_signature()),
        (("schemaVersion", SCHEMA_VERSION),),
    )
    named = ()
    if response.srv is not None:
        info = srv_info(response.srv)
        named = (
            XmlElement(SR, "ServiceReference", info.reference),
            XmlElement(SR, "ServiceReferenceVariant", info.variant),
        )
    return XmlElement(SR, "SMETS1ResponseMessage", None, (*named, signed))
