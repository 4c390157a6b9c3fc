"""``sr:Request``: a typed header and the SRV's body, to and from bytes.

The body is kept as an ``XmlElement`` so that any valid request of an in-scope SRV,
whatever optional branches it takes, decodes and re-encodes unchanged; ``views`` maps it
to and from the project's typed request models. Signing is separate (``signature``).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from s1sr.codecs.duis.constants import REQUEST_NSMAP, SCHEMA_VERSION, SR
from s1sr.codecs.duis.header import CommandVariant, RequestId, SrvInfo, srv_info
from s1sr.codecs.duis.safe import element_path, qname
from s1sr.codecs.duis.schema import DuisSchema, read_document
from s1sr.codecs.duis.tree import XmlElement
from s1sr.codecs.errors import CodecError
from s1sr.models import ModelError

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


@dataclass(frozen=True)
class RequestHeader:
    request_id: RequestId
    command_variant: CommandVariant
    srv: str  # the Service Reference Variant, e.g. "1.1.1"
    first_in_sequence: bool | None = None
    preceding_request_id: RequestId | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.request_id, RequestId):
            raise ModelError("request_id must be a RequestId")
        if not isinstance(self.command_variant, CommandVariant):
            raise ModelError("command_variant must be a CommandVariant")
        try:
            srv_info(self.srv)
        except CodecError as exc:
            raise ModelError(f"srv: {exc.reason}") from None
        if self.preceding_request_id is not None and not isinstance(
            self.preceding_request_id, RequestId
        ):
            raise ModelError("preceding_request_id must be a RequestId")

    @property
    def info(self) -> SrvInfo:
        return srv_info(self.srv)

    @property
    def service_reference(self) -> str:
        return self.info.reference


@dataclass(frozen=True)
class DuisRequest:
    header: RequestHeader
    body: XmlElement  # the sr:Body child, e.g. sr:TopUpDevice
    schema_version: str = SCHEMA_VERSION

    def __post_init__(self) -> None:
        if not isinstance(self.header, RequestHeader):
            raise ModelError("header must be a RequestHeader")
        if not isinstance(self.body, XmlElement):
            raise ModelError("body must be an XmlElement")
        expected = self.header.info.body
        if self.body.namespace != SR or self.body.name != expected:
            raise ModelError(
                f"body: SRV {self.header.srv} needs sr:{expected}, got {self.body.name}"
            )


def _text(parent: etree._Element, name: str, *, required: bool = True) -> str | None:
    child = parent.find(f"{{{SR}}}{name}")
    if child is None:
        if required:
            raise CodecError(f"sr:{name} missing", element_path(parent))
        return None
    if len(child) or child.text is None or not child.text.strip():
        raise CodecError("needs a text value", element_path(child))
    return child.text.strip()


def _children(element: etree._Element) -> list[etree._Element]:
    return [child for child in element if isinstance(child.tag, str)]


def _expect(element: etree._Element, name: str) -> None:
    if element.tag != f"{{{SR}}}{name}":
        raise CodecError(f"expected sr:{name}, got {qname(element)}", element_path(element))


def decode_header(header: etree._Element) -> RequestHeader:
    _expect(header, "Header")
    known = {"RequestID", "FirstInSequence", "PrecedingServiceRequestID", "CommandVariant"}
    known |= {"ServiceReference", "ServiceReferenceVariant"}
    for child in _children(header):
        if not child.tag.startswith(f"{{{SR}}}") or child.tag.split("}")[1] not in known:
            raise CodecError("unexpected element in the header", element_path(child))
    path = element_path(header)
    request_id = RequestId.parse(_text(header, "RequestID"), f"{path}/sr:RequestID")
    variant_text = _text(header, "CommandVariant")
    try:
        variant = CommandVariant(int(variant_text))
    except ValueError:
        raise CodecError(
            f"CommandVariant {variant_text!r:.20} is not 1-8", f"{path}/sr:CommandVariant"
        ) from None
    srv = _text(header, "ServiceReferenceVariant")
    info = srv_info(srv, f"{path}/sr:ServiceReferenceVariant")
    reference = _text(header, "ServiceReference")
    if reference != info.reference:
        raise CodecError(
            f"ServiceReference {reference!r:.20} does not match variant {srv}",
            f"{path}/sr:ServiceReference",
        )
    first = _text(header, "FirstInSequence", required=False)
    if first is not None and first not in ("true", "false", "1", "0"):
        raise CodecError("FirstInSequence must be a boolean", f"{path}/sr:FirstInSequence")
    preceding = _text(header, "PrecedingServiceRequestID", required=False)
    return RequestHeader(
        request_id,
        variant,
        srv,
        None if first is None else first in ("true", "1"),
        None
        if preceding is None
        else RequestId.parse(preceding, f"{path}/sr:PrecedingServiceRequestID"),
    )


def request_from_element(root: etree._Element) -> DuisRequest:
    """The typed request of an already parsed ``sr:Request`` element."""
    _expect(root, "Request")
    parts = _children(root)
    names = [qname(part) for part in parts]
    if names[:2] != ["sr:Header", "sr:Body"] or names[2:] not in ([], ["ds:Signature"]):
        raise CodecError(
            "sr:Request holds sr:Header, sr:Body and an optional ds:Signature", element_path(root)
        )
    header = decode_header(parts[0])
    bodies = _children(parts[1])
    if len(bodies) != 1:
        raise CodecError("sr:Body holds exactly one element", element_path(parts[1]))
    body = bodies[0]
    expected = header.info.body
    if body.tag != f"{{{SR}}}{expected}":
        raise CodecError(
            f"SRV {header.srv} needs sr:{expected}, got {qname(body)}", element_path(body)
        )
    version = root.get("schemaVersion")
    if version is None:
        raise CodecError("schemaVersion missing", element_path(root))
    return DuisRequest(header, XmlElement.from_lxml(body), version)


def decode_request(data: bytes, schema: DuisSchema | None = None) -> DuisRequest:
    """Bytes to a typed request; with ``schema``, the document must be valid against it."""
    return read_document(data, "request", schema, request_from_element)


def request_element(request: DuisRequest) -> etree._Element:
    """The unsigned ``sr:Request`` element, indented as the DCC's templates are."""
    root = etree.Element(f"{{{SR}}}Request", nsmap=REQUEST_NSMAP)
    root.set("schemaVersion", request.schema_version)
    header = etree.SubElement(root, f"{{{SR}}}Header")
    h = request.header

    def add(name: str, value: str) -> None:
        etree.SubElement(header, f"{{{SR}}}{name}").text = value

    add("RequestID", str(h.request_id))
    if h.first_in_sequence is not None:
        add("FirstInSequence", "true" if h.first_in_sequence else "false")
    if h.preceding_request_id is not None:
        add("PrecedingServiceRequestID", str(h.preceding_request_id))
    add("CommandVariant", str(int(h.command_variant)))
    add("ServiceReference", h.service_reference)
    add("ServiceReferenceVariant", h.srv)
    body = etree.SubElement(root, f"{{{SR}}}Body")
    request.body.to_lxml(body)
    etree.indent(root, space="  ")
    return root


def to_bytes(root: etree._Element) -> bytes:
    return XML_DECLARATION + etree.tostring(root, encoding="UTF-8", xml_declaration=False) + b"\n"


def encode_request(request: DuisRequest) -> bytes:
    """The unsigned request document (sign it with ``signature.sign``)."""
    return to_bytes(request_element(request))
