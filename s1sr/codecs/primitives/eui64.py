"""EUI-64 device ids on the wire: 8 bytes, most significant first (as DUIS prints them)."""

from __future__ import annotations

from construct import Int64ub

from s1sr.codecs.primitives.base import StrictAdapter
from s1sr.models.device_id import EUI64


class Eui64Adapter(StrictAdapter):
    def __init__(self) -> None:
        super().__init__(Int64ub)

    def decode(self, raw: int) -> EUI64:
        return EUI64(raw)

    def encode(self, value: EUI64) -> int:
        if not isinstance(value, EUI64):
            raise TypeError(f"expected an EUI64, got {type(value).__name__}")
        return value.value


Eui64Field = Eui64Adapter()
