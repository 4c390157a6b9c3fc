"""What the server answers to a whole frame that does not decode, if it can address anyone.

A frame whose checksum passes and whose header routes it (kind, request id, SRV) can be
answered even when its payload is malformed: a request gets a response with E12 (failed
validation: the code the S1SP gives any request it refuses as invalid) and no body; a
control request gets a ``refused`` control response that says which field was wrong.
Anything else has no one to answer (a checksum that fails means the header itself cannot
be trusted), and the connection closes.
"""

from __future__ import annotations

from datetime import datetime

from s1sr.codecs.errors import CodecError
from s1sr.codecs.wire import CHECKSUM_SIZE, Kind, WireMessage, crc32, decode_header
from s1sr.codecs.wire.routing import read_routing
from s1sr.models import ControlOutcome, ControlResponse, Response, ResponseCode
from s1sr.models.control import MAX_REASON

INVALID = ResponseCode.E12


def refusal_for(frame: bytes, error: CodecError, clock: datetime) -> WireMessage | None:
    """The addressed answer to ``frame`` (which failed to decode with ``error``), or None."""
    try:
        header = decode_header(frame)
        if len(frame) != header.frame_length:
            return None
        stated = int.from_bytes(frame[-CHECKSUM_SIZE:], "big")
        if stated != crc32(memoryview(frame)[:-CHECKSUM_SIZE]):
            return None
        routing = read_routing(header)
    except CodecError:
        return None
    if header.kind is Kind.REQUEST and routing.srv is not None and routing.request_id is not None:
        return Response(routing.request_id, routing.target, routing.srv, INVALID)
    if header.kind is Kind.CONTROL_REQUEST and routing.request_id is not None:
        reason = f"malformed control request at {error.path}: {error.reason}"
        reason = "".join(c if " " <= c <= "~" else "?" for c in reason)[:MAX_REASON]
        return ControlResponse(
            routing.request_id, routing.target, ControlOutcome.REFUSED, clock, reason
        )
    return None
