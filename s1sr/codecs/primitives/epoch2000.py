"""Seconds since 2000-01-01T00:00Z: ZCL UTCTime (little-endian) and GBZ header time (big-endian).

0xFFFFFFFF is ZigBee's "invalid" value; GBCS uses it for "never / cancel". It decodes to
the model's ``INDEFINITE`` (DUIS writes the same meaning as 31/12/3000) and only
``INDEFINITE`` encodes to it. The counter ends at 2136-02-07T06:28:14Z, so 3000-12-31 is
not a number here: passing that datetime is refused with a pointer to ``INDEFINITE``
(domain-notes section 4).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from s1sr.codecs.primitives.base import ByteOrder, StrictAdapter, int_field
from s1sr.models.dates import INDEFINITE, INDEFINITE_DATE, Indefinite, require_utc

EPOCH_2000 = datetime(2000, 1, 1, tzinfo=UTC)
NEVER = 0xFFFFFFFF
LATEST = EPOCH_2000 + timedelta(seconds=NEVER - 1)  # 2136-02-07T06:28:14Z
_SECOND = timedelta(seconds=1)

TimeOrNever = datetime | Indefinite


class Epoch2000Time(StrictAdapter):
    """uint32 seconds since 2000 <-> aware UTC ``datetime`` (or ``INDEFINITE`` for 0xFFFFFFFF).

    ``allow_never=False`` is for fields where "never" has no meaning (a timestamp of
    something that happened): there 0xFFFFFFFF is refused instead.
    """

    def __init__(self, byteorder: ByteOrder, *, allow_never: bool = True) -> None:
        super().__init__(int_field(4, signed=False, byteorder=byteorder))
        self.allow_never = allow_never

    def decode(self, raw: int) -> TimeOrNever:
        if raw == NEVER:
            if self.allow_never:
                return INDEFINITE
            raise ValueError("0xFFFFFFFF ('never') is not allowed in this field")
        return EPOCH_2000 + timedelta(seconds=raw)

    def encode(self, value: TimeOrNever) -> int:
        if isinstance(value, Indefinite):
            if self.allow_never:
                return NEVER
            raise ValueError("INDEFINITE ('never') is not allowed in this field")
        require_utc(value, "time")
        if value.microsecond:
            raise ValueError(f"{value.isoformat()} has a fraction of a second: whole seconds only")
        if value < EPOCH_2000:
            raise ValueError(f"{value.isoformat()} is before the 2000-01-01T00:00Z epoch")
        if value > LATEST:
            if value.date() == INDEFINITE_DATE:
                raise ValueError(
                    "3000-12-31 (DUIS 'never') is not a number on the wire: pass INDEFINITE"
                )
            raise ValueError(f"{value.isoformat()} is after {LATEST.isoformat()}, the last second")
        return (value - EPOCH_2000) // _SECOND


ZclUtcTimeField = Epoch2000Time("little")
"""ZCL UTCTime: uint32 little-endian; 0xFFFFFFFF <-> INDEFINITE."""

ZclUtcTimestampField = Epoch2000Time("little", allow_never=False)
"""ZCL UTCTime where 'never' is meaningless: 0xFFFFFFFF is refused."""

GbzTimeField = Epoch2000Time("big")
"""GBZ header time: the same epoch, big-endian; 0xFFFFFFFF <-> INDEFINITE."""

GbzTimestampField = Epoch2000Time("big", allow_never=False)
"""GBZ header time where 'never' is meaningless: 0xFFFFFFFF is refused."""
