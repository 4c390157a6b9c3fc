"""ZCL Date on the wire: year-1900, month, day, day of week; 0xFF in any octet = 'any'."""

from __future__ import annotations

from construct import Bytes

from s1sr.codecs.primitives.base import StrictAdapter
from s1sr.codecs.primitives.values import ZCL_YEAR_MIN, ZclDate

ANY = 0xFF


def _byte(value: int | None, offset: int = 0) -> int:
    return ANY if value is None else value - offset


class ZclDateAdapter(StrictAdapter):
    """4 octets <-> ``ZclDate``; ranges and date existence are checked by ``ZclDate``."""

    def __init__(self) -> None:
        super().__init__(Bytes(4))

    def decode(self, raw: bytes) -> ZclDate:
        year, month, day, weekday = raw
        return ZclDate(
            None if year == ANY else year + ZCL_YEAR_MIN,
            None if month == ANY else month,
            None if day == ANY else day,
            None if weekday == ANY else weekday,
        )

    def encode(self, value: ZclDate) -> bytes:
        if not isinstance(value, ZclDate):
            raise TypeError(f"expected a ZclDate, got {type(value).__name__}")
        return bytes(
            (
                _byte(value.year, ZCL_YEAR_MIN),
                _byte(value.month),
                _byte(value.day),
                _byte(value.weekday),
            )
        )


ZclDateField = ZclDateAdapter()
