"""The frame header written the plain construct way: field by field, interpreted.

This was the first implementation of ``s1sr.codecs.wire.header``; it is kept as the
"before" of the header measurement in bench_codecs.py and as an independent oracle in
tests/wire (both must agree on every header). It checks the same framing fields.
"""

from __future__ import annotations

from construct import Bytes, Const, Int8ub, Int32ub, Int64ub, Struct

from s1sr.codecs.primitives import EnumAdapter, StrictAdapter
from s1sr.codecs.wire.constants import MAGIC, MAX_PAYLOAD_BYTES, VERSION, Kind
from s1sr.codecs.wire.header import FrameHeader


class _Length(StrictAdapter):
    def __init__(self) -> None:
        super().__init__(Int32ub)

    def decode(self, raw: int) -> int:
        if raw > MAX_PAYLOAD_BYTES:
            raise ValueError(f"{raw} bytes is over the {MAX_PAYLOAD_BYTES}-byte maximum")
        return raw

    def encode(self, value: int) -> int:
        return self.decode(value)


class _Srv(StrictAdapter):
    def __init__(self) -> None:
        super().__init__(Bytes(3))

    def decode(self, raw: bytes) -> int:
        return int.from_bytes(raw, "big")

    def encode(self, value: int) -> bytes:
        return value.to_bytes(3, "big")


class DeclarativeHeader(StrictAdapter):
    def __init__(self) -> None:
        super().__init__(
            Struct(
                "magic" / Const(MAGIC),
                "version" / Const(VERSION, Int8ub),
                "kind" / EnumAdapter(Int8ub, Kind),
                "flags" / Int8ub,
                "srv" / _Srv(),
                "request_id" / Int64ub,
                "target" / Int64ub,
                "payload_length" / _Length(),
            )
        )

    def decode(self, raw) -> FrameHeader:
        return FrameHeader(
            raw.kind, raw.flags, raw.srv, raw.request_id, raw.target, raw.payload_length
        )

    def encode(self, value: FrameHeader) -> dict:
        return value._asdict()


DeclarativeHeaderField = DeclarativeHeader()
