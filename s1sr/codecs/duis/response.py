"""``sr:Response``: a typed header, the body kept faithfully, and typed views of it.

A body is one of ``ResponseMessage`` (a GBCS payload for SMETS2-style answers, decoded
with the project's GBCS codec), ``SMETS1ResponseMessage`` (MMC XML signed by the S1SP),
``DeviceAlertMessage`` and ``DCCAlertMessage`` (an ``S1SPAlert`` among others). The
views turn them into the project's ``Response`` and ``Alert``.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from lxml import etree

from s1sr.codecs.duis.constants import DS, RESPONSE_NSMAP, SCHEMA_VERSION, SR
from s1sr.codecs.duis.header import RequestId, srv_info
from s1sr.codecs.duis.request import to_bytes
from s1sr.codecs.duis.safe import element_path, qname
from s1sr.codecs.duis.schema import DuisSchema, read_document
from s1sr.codecs.duis.tree import XmlElement
from s1sr.codecs.errors import CodecError
from s1sr.models import EUI64, SRV, Alert, ModelError, Response, ResponseCode

BODY_KINDS = ("ResponseMessage", "DeviceAlertMessage", "DCCAlertMessage", "SMETS1ResponseMessage")
_CODE = re.compile(r"I0|I99|E[0-9]{1,3}")
_DATETIME = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(Z|[+-]\d\d:\d\d)"
)


def parse_datetime(text: str, path: str) -> datetime:
    """An xs:dateTime with a zone, as an aware UTC datetime."""
    match = _DATETIME.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise CodecError(f"not a date-time with a zone: {text!r:.40}", path)
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise CodecError(f"not a date-time: {exc}", path) from None
    return value.astimezone(UTC)


def format_datetime(value: datetime) -> str:
    """Milliseconds and ``Z``, as DCC Boxed writes ResponseDateTime."""
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


@dataclass(frozen=True)
class ResponseHeader:
    code: str  # I0, I99 or an E code, exactly as sent
    at: datetime
    request_id: RequestId | None = None
    response_id: RequestId | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.code, str) or not _CODE.fullmatch(self.code):
            raise ModelError(f"response code {self.code!r} is not I0, I99 or an E code")
        if not isinstance(self.at, datetime) or self.at.tzinfo is None:
            raise ModelError("at must be an aware datetime")
        for name in ("request_id", "response_id"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, RequestId):
                raise ModelError(f"{name} must be a RequestId")


@dataclass(frozen=True)
class S1SPAlert:
    """``DCCAlert/S1SPAlertDSP/S1SPAlert``: the S1SP's code kept exactly, the UTRN if any."""

    code: str
    at: datetime
    request_id: RequestId | None = None
    device: EUI64 | None = None
    additional_information: str | None = None
    utrn: str | None = None  # 20 digits, exactly as sent (a refused UTRN need not be valid)

    def __post_init__(self) -> None:
        if not isinstance(self.code, str) or not self.code.strip():
            raise ModelError("S1SPAlertCode must be a non-empty string")
        if self.utrn is not None and not re.fullmatch(r"[0-9]{20}", str(self.utrn)):
            raise ModelError("UTRN must be 20 digits")

    def to_alert(self, srv: str | None = None) -> Alert:
        """The project's ``Alert``: the device (else the request's target) is the target."""
        target = self.device or (self.request_id.target if self.request_id else None)
        if target is None:
            raise ModelError("an S1SPAlert names neither a device nor a request")
        detail = " ".join(
            part
            for part in (
                f"UTRN {self.utrn}" if self.utrn else "",
                self.additional_information or "",
            )
            if part
        )
        return Alert(
            code=self.code,
            target=target,
            raised_at=self.at,
            request_id=self.request_id.counter if self.request_id else None,
            srv=SRV(srv) if srv in SRV._value2member_map_ else None,
            detail=detail[:1024],
        )


@dataclass(frozen=True)
class DuisResponse:
    header: ResponseHeader
    body: XmlElement  # one of BODY_KINDS
    schema_version: str = SCHEMA_VERSION

    def __post_init__(self) -> None:
        if self.body.namespace != SR or self.body.name not in BODY_KINDS:
            raise ModelError(f"body must be one of {', '.join(BODY_KINDS)}")

    @property
    def kind(self) -> str:
        return self.body.name

    @property
    def srv(self) -> str | None:
        variant = self.body.find("ServiceReferenceVariant")
        return variant.text.strip() if variant is not None and variant.text else None

    def gbcs_payload(self) -> bytes | None:
        """The GBCS message of a ResponseMessage or DeviceAlertMessage, if it carries one."""
        payload = self.body.find("GBCSPayload")
        if payload is None:
            return None
        try:
            return base64.b64decode((payload.text or "").encode("ascii"), validate=False)
        except (binascii.Error, ValueError, UnicodeEncodeError) as exc:
            raise CodecError(
                f"GBCSPayload is not base64: {exc}", self._path("GBCSPayload")
            ) from None

    def device_alert_code(self) -> bytes | None:
        code = self.body.find("AlertCode") if self.kind == "DeviceAlertMessage" else None
        if code is None:
            return None
        try:
            return bytes.fromhex(code.text or "")
        except ValueError:
            raise CodecError("AlertCode is not hex", self._path("AlertCode")) from None

    def s1sp_alert(self) -> S1SPAlert | None:
        """The S1SP alert of a DCCAlertMessage, typed, or None for any other body."""
        if self.kind != "DCCAlertMessage":
            return None
        dsp = _descend(self.body, ("DCCAlert", "S1SPAlertDSP", "S1SPAlert"))
        if dsp is None:
            return None
        path = self._path("DCCAlert/sr:S1SPAlertDSP/sr:S1SPAlert")

        def text(name: str) -> str | None:
            child = dsp.find(name)
            return None if child is None else (child.text or "").strip()

        code = text("S1SPAlertCode")
        stamp = text("DateTime")
        if not code or stamp is None:
            raise CodecError("S1SPAlertCode and DateTime are required", path)
        request_id = text("RequestID")
        device = text("DeviceID")
        try:
            return S1SPAlert(
                code=code,
                at=parse_datetime(stamp, f"{path}/sr:DateTime"),
                request_id=None
                if request_id is None
                else RequestId.parse(request_id, f"{path}/sr:RequestID"),
                device=None if device is None else EUI64.parse(device),
                additional_information=text("AdditionalInformation"),
                utrn=text("UTRN"),
            )
        except ModelError as exc:
            raise CodecError(str(exc), path) from None

    def smets1(self):  # noqa: ANN201 (Smets1Response | Smets1Alert; lazy: no import cycle)
        """The typed S1SP answer or device alert of a SMETS1ResponseMessage, else None."""
        if self.kind != "SMETS1ResponseMessage":
            return None
        from s1sr.codecs.duis.smets1 import read_smets1

        return read_smets1(self.body)

    def to_model(self, srv: str | None = None) -> Response | Alert:
        """The project's typed answer: GBCS payloads, SMETS1 MMC answers, S1SP alerts and
        the DCC's firmware alerts (``dcc_alerts``).

        ``srv`` is the SRV of the request the message answers, where only the reader knows
        it (it sent the request): an ``S1SPAlert`` and a DCC alert do not name it, and a
        ``CSPFirmwareDeliveryStatus`` answers an 11.1 unless ``srv`` says 11.4.
        """
        smets1 = self.smets1()
        if smets1 is not None:
            try:
                code = ResponseCode(self.header.code)
            except ValueError:
                raise CodecError(
                    f"response code {self.header.code} has no project ResponseCode",
                    "/sr:Response/sr:Header/sr:ResponseCode",
                ) from None
            request = self.header.request_id
            return smets1.to_model(code, None if request is None else request.counter)
        if self.kind == "DCCAlertMessage":
            from s1sr.codecs.duis.dcc_alerts import dcc_alert_to_model, is_typed_dcc_alert

            if is_typed_dcc_alert(self):
                return dcc_alert_to_model(self, srv)
        alert = self.s1sp_alert()
        if alert is not None:
            try:
                return alert.to_alert(srv or self.srv)
            except ModelError as exc:
                raise CodecError(str(exc), self._path("DCCAlert")) from None
        payload = self.gbcs_payload()
        if payload is None:
            raise CodecError(f"a {self.kind} without a GBCS payload has no typed view", "/")
        from s1sr.codecs.gbcs import decode_gbcs
        from s1sr.codecs.gbcs.mapping import to_model

        try:
            return to_model(decode_gbcs(payload))
        except CodecError as exc:
            raise CodecError(exc.reason, f"{self._path('GBCSPayload')}:{exc.path}") from None
        except ModelError as exc:
            raise CodecError(str(exc), self._path("GBCSPayload")) from None

    def _path(self, below: str) -> str:
        return f"/sr:Response/sr:Body/sr:{self.kind}/sr:{below}"


def _descend(element: XmlElement, names: tuple[str, ...]) -> XmlElement | None:
    for name in names:
        found = element.find(name)
        if found is None:
            return None
        element = found
    return element


def _text(parent: etree._Element, name: str, required: bool = True) -> str | None:
    child = parent.find(f"{{{SR}}}{name}")
    if child is None:
        if required:
            raise CodecError(f"sr:{name} missing", element_path(parent))
        return None
    if len(child) or not (child.text or "").strip():
        raise CodecError("needs a text value", element_path(child))
    return child.text.strip()


def response_from_element(root: etree._Element) -> DuisResponse:
    if root.tag != f"{{{SR}}}Response":
        raise CodecError(f"expected sr:Response, got {qname(root)}", element_path(root))
    parts = [child for child in root if isinstance(child.tag, str)]
    names = [qname(part) for part in parts]
    if names[:2] != ["sr:Header", "sr:Body"] or names[2:] not in ([], ["ds:Signature"]):
        raise CodecError(
            "sr:Response holds sr:Header, sr:Body and an optional ds:Signature",
            element_path(root),
        )
    header_element, body_element = parts[0], parts[1]
    path = element_path(header_element)
    request_id = _text(header_element, "RequestID", False)
    response_id = _text(header_element, "ResponseID", False)
    code = _text(header_element, "ResponseCode")
    try:
        header = ResponseHeader(
            code=code,
            at=parse_datetime(
                _text(header_element, "ResponseDateTime"), f"{path}/sr:ResponseDateTime"
            ),
            request_id=None
            if request_id is None
            else RequestId.parse(request_id, f"{path}/sr:RequestID"),
            response_id=None
            if response_id is None
            else RequestId.parse(response_id, f"{path}/sr:ResponseID"),
        )
    except ModelError as exc:
        raise CodecError(str(exc), f"{path}/sr:ResponseCode") from None
    bodies = [child for child in body_element if isinstance(child.tag, str)]
    if len(bodies) != 1 or bodies[0].tag not in {f"{{{SR}}}{kind}" for kind in BODY_KINDS}:
        raise CodecError(
            f"sr:Body holds one of {', '.join(BODY_KINDS)}", element_path(body_element)
        )
    body = bodies[0]
    version = root.get("schemaVersion")
    if version is None:
        raise CodecError("schemaVersion missing", element_path(root))
    return DuisResponse(header, XmlElement.from_lxml(body), version)


def decode_response(data: bytes, schema: DuisSchema | None = None) -> DuisResponse:
    """Bytes to a typed response; with ``schema``, the document must be valid against it."""
    return read_document(data, "response", schema, response_from_element)


def response_element(response: DuisResponse) -> etree._Element:
    root = etree.Element(f"{{{SR}}}Response", nsmap=RESPONSE_NSMAP)
    root.set("schemaVersion", response.schema_version)
    header = etree.SubElement(root, f"{{{SR}}}Header")
    h = response.header

    def add(name: str, value: str) -> None:
        etree.SubElement(header, f"{{{SR}}}{name}").text = value

    if h.request_id is not None:
        add("RequestID", str(h.request_id))
    if h.response_id is not None:
        add("ResponseID", str(h.response_id))
    add("ResponseCode", h.code)
    add("ResponseDateTime", format_datetime(h.at))
    response.body.to_lxml(etree.SubElement(root, f"{{{SR}}}Body"))
    etree.indent(root, space="  ")
    return root


def encode_response(
    response: DuisResponse,
    *,
    s1sp_key: ec.EllipticCurvePrivateKey | None = None,
    s1sp_certificate: x509.Certificate | None = None,
) -> bytes:
    """The response document, unsigned (DCC Boxed signs responses it sends).

    With the S1SP's key and certificate, the S1SPAlert or SMETS1SignedResponse it carries
    is signed for real: without them its inner signature is the builders' placeholder,
    which ``verify_s1sp_alert`` refuses.
    """
    root = response_element(response)
    if (s1sp_key is None) != (s1sp_certificate is None):
        raise ModelError("s1sp_key and s1sp_certificate go together")
    if s1sp_key is not None:
        from s1sr.codecs.duis.signature import sign_s1sp_alert_element

        sign_s1sp_alert_element(root, s1sp_key, s1sp_certificate)
    return to_bytes(root)


def _leaf(name: str, text: str) -> XmlElement:
    return XmlElement(SR, name, text)


def gbcs_response_body(srv: str, payload: bytes | None) -> XmlElement:
    """A ResponseMessage for ``srv`` carrying ``payload`` (None: an acknowledgement)."""
    info = srv_info(srv)
    children = [_leaf("ServiceReference", info.reference), _leaf("ServiceReferenceVariant", srv)]
    if payload is not None:
        children.append(_leaf("GBCSPayload", base64.b64encode(payload).decode("ascii")))
    return XmlElement(SR, "ResponseMessage", children=tuple(children))


PLACEHOLDER_VALUE = "ZGVmYXVsdA=="  # what the RTDS templates hold where a signature goes


def placeholder_signature() -> XmlElement:
    """A schema-valid ds:Signature with placeholder values (the S1SP signs the real one)."""

    def ds(name: str, *children: XmlElement, text: str | None = None, **attrs: str) -> XmlElement:
        return XmlElement(DS, name, text, tuple(children), tuple(attrs.items()))

    return ds(
        "Signature",
        ds(
            "SignedInfo",
            ds("CanonicalizationMethod", Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"),
            ds("SignatureMethod", Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"),
            ds(
                "Reference",
                ds(
                    "Transforms",
                    ds(
                        "Transform",
                        Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature",
                    ),
                ),
                ds("DigestMethod", Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"),
                ds("DigestValue", text=PLACEHOLDER_VALUE),
                URI="",
            ),
        ),
        ds("SignatureValue", text=PLACEHOLDER_VALUE),
    )


def s1sp_alert_body(alert: S1SPAlert, dcc_alert_code: str = "N999") -> XmlElement:
    """A DCCAlertMessage carrying ``alert``; ``encode_response`` with the S1SP's key signs it."""
    children = []
    if alert.request_id is not None:
        children.append(_leaf("RequestID", str(alert.request_id)))
    if alert.device is not None:
        children.append(_leaf("DeviceID", str(alert.device)))
    children.append(_leaf("S1SPAlertCode", alert.code))
    if alert.additional_information is not None:
        children.append(_leaf("AdditionalInformation", alert.additional_information))
    if alert.utrn is not None:
        children.append(_leaf("UTRN", alert.utrn))
    children.append(_leaf("DateTime", format_datetime(alert.at)))
    children.append(placeholder_signature())
    inner = XmlElement(
        SR, "S1SPAlert", children=tuple(children), attributes=(("schemaVersion", SCHEMA_VERSION),)
    )
    dsp = XmlElement(SR, "S1SPAlertDSP", children=(inner,))
    return XmlElement(
        SR,
        "DCCAlertMessage",
        children=(
            _leaf("DCCAlertCode", dcc_alert_code),
            XmlElement(SR, "DCCAlert", children=(dsp,)),
        ),
    )
