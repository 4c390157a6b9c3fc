"""SRV 2.2 Top Up Device.

The UTRN travels as its 64-bit PTUT, not as 20 ASCII digits: eight bytes, one encoding
per UTRN, and no check digit for the codec to police (the CRC already guards the frame).
A device that needs the digits computes them: PPTD = 7394156990786306048 + PTUT, then
the GBCS 14.8 check digit.
"""

from __future__ import annotations

from construct import Int64ub

from s1sr.codecs.primitives import StrictAdapter
from s1sr.codecs.wire.fields import ModelAdapter, MoneyField, Presence
from s1sr.models.top_up import TopUpDeviceRequest, TopUpDeviceResponse
from s1sr.models.utrn import Utrn


class PtutAdapter(StrictAdapter):
    """uint64 BE PTUT <-> ``Utrn``; undefined value classes and non-zero top bits are refused."""

    def __init__(self) -> None:
        super().__init__(Int64ub)

    def decode(self, raw: int) -> Utrn:
        return Utrn.from_ptut(raw)

    def encode(self, value: Utrn) -> int:
        if not isinstance(value, Utrn):
            raise TypeError(f"expected a Utrn, got {type(value).__name__}")
        return value.ptut


PtutField = PtutAdapter()

REQUEST = ModelAdapter(TopUpDeviceRequest, "utrn" / PtutField)

RESPONSE = ModelAdapter(
    TopUpDeviceResponse,
    "credit_applied" / MoneyField,
    "meter_balance" / Presence(MoneyField),
)
