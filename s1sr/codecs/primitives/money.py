"""Money on the wire: an integer of pence, signed (balances, debts) or unsigned (prices)."""

from __future__ import annotations

from s1sr.codecs.primitives.base import ByteOrder, StrictAdapter, int_field, int_range
from s1sr.models.money import MAX_PENCE, MIN_PENCE, Money


class MoneyAdapter(StrictAdapter):
    """Integer pence <-> ``Money``.

    Decoding refuses a wire value ``Money`` cannot hold (an unsigned 32-bit value above
    2**31-1); encoding refuses a value the field cannot hold (a negative amount in an
    unsigned field), rather than wrapping it.
    """

    def __init__(self, size: int = 4, *, signed: bool = True, byteorder: ByteOrder = "big") -> None:
        super().__init__(int_field(size, signed=signed, byteorder=byteorder))
        low, high = int_range(size, signed=signed)
        self.low, self.high = max(low, MIN_PENCE), min(high, MAX_PENCE)
        self.kind = f"{'signed' if signed else 'unsigned'} {8 * size}-bit"

    def decode(self, raw: int) -> Money:
        if not self.low <= raw <= self.high:
            raise ValueError(f"{raw} pence is outside the money range {self.low}..{self.high}")
        return Money(raw)

    def encode(self, value: Money) -> int:
        if not isinstance(value, Money):
            raise TypeError(f"expected Money, got {type(value).__name__}")
        if not self.low <= value.pence <= self.high:
            raise ValueError(f"{value.pence} pence does not fit a {self.kind} money field")
        return value.pence


MoneyInt32sbField = MoneyAdapter(4, signed=True, byteorder="big")
MoneyInt32ubField = MoneyAdapter(4, signed=False, byteorder="big")
MoneyInt32slField = MoneyAdapter(4, signed=True, byteorder="little")
MoneyInt32ulField = MoneyAdapter(4, signed=False, byteorder="little")
