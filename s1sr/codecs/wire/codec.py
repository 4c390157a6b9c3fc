"""The wire format's entry points: ``decode_message`` and ``encode_message``.

Decoding checks, in order: enough bytes for a header; the header's framing fields;
the frame length it declares (truncated or trailing bytes); the CRC-32; the routing
fields; and only then the payload. Every failure is a ``CodecError`` naming the field
("header.kind", "checksum", "payload.body.entries[3].timestamp"); nothing else escapes.

Encoding a model cannot fail for malformed input (models are valid by construction); a
value the format cannot carry (a time before 2000) is an ``EncodeError``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from s1sr.codecs.errors import CodecError
from s1sr.codecs.primitives import FieldError
from s1sr.codecs.strict import EncodeError, build_strict, field_path, parse_strict
from s1sr.codecs.wire.checksum import crc32
from s1sr.codecs.wire.constants import (
    CHECKSUM_SIZE,
    FRAME_OVERHEAD,
    HEADER_SIZE,
    MAX_PAYLOAD_BYTES,
    Kind,
)
from s1sr.codecs.wire.control import (
    CONTROL_REQUEST_PAYLOAD,
    CONTROL_RESPONSE_PAYLOAD,
    INVENTORY_PAYLOAD,
)
from s1sr.codecs.wire.envelope import ALERT_PAYLOAD, REQUEST_PAYLOADS, RESPONSE_PAYLOADS
from s1sr.codecs.wire.header import FrameHeader, pack_header, read_header
from s1sr.codecs.wire.routing import Routing, read_routing, write_header
from s1sr.models.control import (
    ControlMessage,
    ControlRequest,
    ControlResponse,
    InventoryResponse,
)
from s1sr.models.envelope import Alert, Message, Request, Response
from s1sr.models.errors import ModelError

WireMessage = Message | ControlMessage
_BYTES = (bytes, bytearray, memoryview)


def decode_message(data: bytes) -> WireMessage:
    """The model one whole frame carries; ``CodecError`` for anything malformed."""
    if not isinstance(data, _BYTES):
        raise TypeError(f"data must be bytes, got {type(data).__name__}")
    data = bytes(data)
    header = decode_header(data)
    expected = header.frame_length
    if len(data) < expected:
        raise CodecError(
            f"truncated: the header declares {expected} bytes, got {len(data)}", "payload"
        )
    if len(data) > expected:
        raise CodecError(
            f"{len(data) - expected} trailing byte(s) after the {expected}-byte frame", "checksum"
        )
    stated = int.from_bytes(data[-CHECKSUM_SIZE:], "big")
    computed = crc32(memoryview(data)[:-CHECKSUM_SIZE])
    if stated != computed:
        raise CodecError(
            f"CRC-32 mismatch: the frame says 0x{stated:08X}, its bytes give 0x{computed:08X}",
            "checksum",
        )
    routing = read_routing(header)
    payload = memoryview(data)[HEADER_SIZE:-CHECKSUM_SIZE]
    return _DECODERS[header.kind](routing, payload)


def decode_header(data: bytes) -> FrameHeader:
    """The header at the start of ``data`` (which may hold more): framing fields checked."""
    if len(data) < HEADER_SIZE:
        raise CodecError(
            f"truncated: {len(data)} bytes, a frame is at least {FRAME_OVERHEAD}", "header"
        )
    # parse_strict(HeaderField, data[:HEADER_SIZE], "header") without the stream and
    # context it would build for a construct that reads one struct: the same errors
    if not isinstance(data, _BYTES):
        raise TypeError(f"data must be bytes, got {type(data).__name__}")
    try:
        return read_header(data[:HEADER_SIZE], "(parsing)")
    except FieldError as exc:
        raise CodecError(exc.reason, field_path(exc.path, "header")) from exc


def encode_message(message: WireMessage) -> bytes:
    """The frame that carries ``message``."""
    encoder = _ENCODERS.get(type(message))
    if encoder is None:
        raise TypeError(f"not a wire message: {type(message).__name__}")
    kind, routing, schema, value = encoder(message)
    payload = build_strict(schema, value)
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise EncodeError(
            f"{len(payload)} bytes is over the {MAX_PAYLOAD_BYTES}-byte maximum", "payload"
        )
    header = write_header(kind, routing, len(payload))
    try:  # build_strict(HeaderField, header), without a stream and context
        frame = pack_header(header, "(building)") + payload
    except FieldError as exc:
        raise EncodeError(exc.reason, field_path(exc.path)) from exc
    return frame + crc32(frame).to_bytes(CHECKSUM_SIZE, "big")


def _model(build: Callable[..., Any], *args: Any) -> Any:
    """A model from checked parts; a refusal is still malformed input, at the field it names."""
    try:
        return build(*args)
    except ModelError as exc:
        field = str(exc).split(":", 1)[0]
        path = f"payload.{field}" if field.isidentifier() else "payload"
        raise CodecError(str(exc), path) from exc


def _decode_request(routing: Routing, payload: memoryview) -> Request:
    assert routing.srv is not None and routing.request_id is not None  # flags checked
    parts = parse_strict(REQUEST_PAYLOADS[routing.srv], payload, "payload")
    return _model(Request, routing.request_id, parts.user_id, routing.target, parts.body)


def _decode_response(routing: Routing, payload: memoryview) -> Response:
    assert routing.srv is not None and routing.request_id is not None
    parts = parse_strict(RESPONSE_PAYLOADS[routing.srv], payload, "payload")
    return _model(Response, routing.request_id, routing.target, routing.srv, parts.code, parts.body)


def _decode_alert(routing: Routing, payload: memoryview) -> Alert:
    parts = parse_strict(ALERT_PAYLOAD, payload, "payload")
    return _model(
        Alert,
        parts.code,
        routing.target,
        parts.raised_at,
        routing.request_id,
        routing.srv,
        parts.detail,
    )


def _decode_control_request(routing: Routing, payload: memoryview) -> ControlRequest:
    assert routing.request_id is not None
    parts = parse_strict(CONTROL_REQUEST_PAYLOAD, payload, "payload")
    return _model(ControlRequest, routing.request_id, routing.target, parts.action)


def _decode_control_response(routing: Routing, payload: memoryview) -> ControlResponse:
    assert routing.request_id is not None
    parts = parse_strict(CONTROL_RESPONSE_PAYLOAD, payload, "payload")
    return _model(
        ControlResponse,
        routing.request_id,
        routing.target,
        parts.outcome,
        parts.clock,
        parts.reason,
    )


def _decode_inventory(routing: Routing, payload: memoryview) -> InventoryResponse:
    assert routing.request_id is not None
    parts = parse_strict(INVENTORY_PAYLOAD, payload, "payload")
    return _model(
        InventoryResponse, routing.request_id, routing.target, parts.clock, parts.inventory
    )


_DECODERS: dict[Kind, Callable[[Routing, memoryview], WireMessage]] = {
    Kind.REQUEST: _decode_request,
    Kind.RESPONSE: _decode_response,
    Kind.ALERT: _decode_alert,
    Kind.CONTROL_REQUEST: _decode_control_request,
    Kind.CONTROL_RESPONSE: _decode_control_response,
    Kind.INVENTORY: _decode_inventory,
}

_Encoded = tuple[Kind, Routing, Any, dict[str, Any]]


def _encode_request(m: Request) -> _Encoded:
    routing = Routing(m.srv, m.request_id, m.target)
    return Kind.REQUEST, routing, REQUEST_PAYLOADS[m.srv], {"user_id": m.user_id, "body": m.body}


def _encode_response(m: Response) -> _Encoded:
    routing = Routing(m.srv, m.request_id, m.target)
    return Kind.RESPONSE, routing, RESPONSE_PAYLOADS[m.srv], {"code": m.code, "body": m.body}


def _encode_alert(m: Alert) -> _Encoded:
    routing = Routing(m.srv, m.request_id, m.target)
    value = {"raised_at": m.raised_at, "code": m.code, "detail": m.detail}
    return Kind.ALERT, routing, ALERT_PAYLOAD, value


def _encode_control_request(m: ControlRequest) -> _Encoded:
    routing = Routing(None, m.request_id, m.target)
    return Kind.CONTROL_REQUEST, routing, CONTROL_REQUEST_PAYLOAD, {"action": m.action}


def _encode_control_response(m: ControlResponse) -> _Encoded:
    routing = Routing(None, m.request_id, m.target)
    value = {"outcome": m.outcome, "clock": m.clock, "reason": m.reason}
    return Kind.CONTROL_RESPONSE, routing, CONTROL_RESPONSE_PAYLOAD, value


def _encode_inventory(m: InventoryResponse) -> _Encoded:
    routing = Routing(None, m.request_id, m.target)
    return Kind.INVENTORY, routing, INVENTORY_PAYLOAD, {"clock": m.clock, "inventory": m.inventory}


_ENCODERS: dict[type, Callable[[Any], _Encoded]] = {
    Request: _encode_request,
    Response: _encode_response,
    Alert: _encode_alert,
    ControlRequest: _encode_control_request,
    ControlResponse: _encode_control_response,
    InventoryResponse: _encode_inventory,
}
