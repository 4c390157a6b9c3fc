"""The header's routing fields (flags, SRV, request id, target) <-> model values.

Interpreted only once the checksum has passed. Absent fields are zero on the wire, so
each routing has exactly one encoding.
"""

from __future__ import annotations

from typing import NamedTuple

from s1sr.codecs.errors import CodecError
from s1sr.codecs.wire.codes import CODE_OF_SRV, SRV_CODES
from s1sr.codecs.wire.constants import ALL_FLAGS, REQUIRED_FLAGS, Flags, Kind
from s1sr.codecs.wire.header import FrameHeader
from s1sr.models.device_id import EUI64
from s1sr.models.srv import SRV


class Routing(NamedTuple):
    srv: SRV | None
    request_id: int | None
    target: EUI64


def read_routing(header: FrameHeader) -> Routing:
    """The routing a checksummed header states; CodecError at ``header.<field>`` otherwise."""
    flags = header.flags
    if flags & ~ALL_FLAGS:
        raise CodecError(f"undefined flag bits 0x{flags & ~ALL_FLAGS:02X}", "header.flags")
    required = REQUIRED_FLAGS[header.kind]
    if required is not None and flags != required:
        raise CodecError(
            f"a {header.kind.name.lower()} needs flags 0x{required:02X}, got 0x{flags:02X}",
            "header.flags",
        )
    srv = None
    if flags & Flags.SRV:
        srv = SRV_CODES.get(header.srv)
        if srv is None:
            raise CodecError(f"undefined SRV code 0x{header.srv:06X}", "header.srv")
    elif header.srv:
        raise CodecError(f"SRV flag clear but SRV is 0x{header.srv:06X}", "header.srv")
    request_id = None
    if flags & Flags.REQUEST_ID:
        request_id = header.request_id
    elif header.request_id:
        raise CodecError("request id flag clear but request id is not zero", "header.request_id")
    return Routing(srv, request_id, EUI64(header.target))


def write_header(kind: Kind, routing: Routing, payload_length: int) -> FrameHeader:
    flags = 0
    srv = 0
    request_id = 0
    if routing.srv is not None:
        flags |= Flags.SRV
        srv = CODE_OF_SRV[routing.srv]
    if routing.request_id is not None:
        flags |= Flags.REQUEST_ID
        request_id = routing.request_id
    return FrameHeader(kind, flags, srv, request_id, routing.target.value, payload_length)
