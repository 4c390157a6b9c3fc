"""The fixed 28-byte frame header, as a construct backed by one precompiled ``struct.Struct``.

Every frame starts with it, so it is on the hot path of every round trip: read
field by field with interpreted construct it cost about as much as a whole top-up body
(see benchmarks/bench_codecs.py). It is still a construct (``HeaderField``) for
``parse_strict`` and ``build_strict``; the codec calls the two functions it is made of
(``read_header``, ``pack_header``) directly, with the same errors, since a stream and a
context for one ``struct`` call cost more than the call. Still checked: the framing fields (magic,
version, kind, declared length) that a stream reader needs before the checksum can
be verified. Flags, SRV and request id are interpreted only after the checksum
(``s1sr.codecs.wire.routing``).
"""

from __future__ import annotations

import struct
from typing import Any, NamedTuple

from construct import Construct, stream_read, stream_write

from s1sr.codecs.primitives import FieldError
from s1sr.codecs.wire.constants import HEADER_SIZE, MAGIC, MAX_PAYLOAD_BYTES, VERSION, Kind

# magic, version, kind, flags, SRV (3 bytes), request id, target, payload length
LAYOUT = struct.Struct(">2sBBBBBBQQI")
_KINDS = {kind.value: kind for kind in Kind}


class FrameHeader(NamedTuple):
    """The header's fields as numbers; ``srv`` is the 24-bit SRV code (0 when absent)."""

    kind: Kind
    flags: int
    srv: int
    request_id: int
    target: int
    payload_length: int

    @property
    def frame_length(self) -> int:
        """Header, payload and checksum: what a stream reader waits for."""
        return HEADER_SIZE + self.payload_length + 4


def read_header(raw: bytes, path: str) -> FrameHeader:
    """The header in exactly ``HEADER_SIZE`` bytes; ``FieldError`` at ``path -> <field>``."""
    magic, version, kind, flags, srv1, srv2, srv3, request_id, target, length = LAYOUT.unpack(raw)
    if magic != MAGIC:
        raise FieldError(
            f"expected {MAGIC.hex().upper()}, got {magic.hex().upper()}", f"{path} -> magic"
        )
    if version != VERSION:
        raise FieldError(f"unsupported version {version} (this is {VERSION})", f"{path} -> version")
    if kind not in _KINDS:
        raise FieldError(f"undefined kind {kind}", f"{path} -> kind")
    if length > MAX_PAYLOAD_BYTES:
        raise FieldError(
            f"{length} bytes is over the {MAX_PAYLOAD_BYTES}-byte maximum",
            f"{path} -> payload_length",
        )
    srv = (srv1 << 16) | (srv2 << 8) | srv3
    return FrameHeader(_KINDS[kind], flags, srv, request_id, target, length)


def pack_header(obj: FrameHeader, path: str) -> bytes:
    """The ``HEADER_SIZE`` bytes of ``obj``; ``FieldError`` at ``path`` for what cannot be."""
    if not isinstance(obj, FrameHeader):
        raise FieldError(f"expected a FrameHeader, got {type(obj).__name__}", path)
    if obj.payload_length > MAX_PAYLOAD_BYTES:
        raise FieldError(
            f"{obj.payload_length} bytes is over the {MAX_PAYLOAD_BYTES}-byte maximum",
            f"{path} -> payload_length",
        )
    try:
        return LAYOUT.pack(
            MAGIC,
            VERSION,
            obj.kind,
            obj.flags,
            obj.srv >> 16,
            (obj.srv >> 8) & 0xFF,
            obj.srv & 0xFF,
            obj.request_id,
            obj.target,
            obj.payload_length,
        )
    except struct.error as exc:
        raise FieldError(str(exc), path) from exc


class FrameHeaderConstruct(Construct):
    """28 bytes <-> ``FrameHeader``; refuses a bad magic, version, kind or declared length."""

    def _parse(self, stream: Any, context: Any, path: str) -> FrameHeader:
        return read_header(stream_read(stream, HEADER_SIZE, path), path)

    def _build(self, obj: FrameHeader, stream: Any, context: Any, path: str) -> FrameHeader:
        stream_write(stream, pack_header(obj, path), HEADER_SIZE, path)
        return obj

    def _sizeof(self, context: Any, path: str) -> int:
        return HEADER_SIZE


HeaderField = FrameHeaderConstruct()
