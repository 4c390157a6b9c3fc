"""ZigBee time values: UTCTime (seconds since 2000-01-01 UTC) and the ZCL Date.

Both are kept as sent, because their sentinels mean something: UTCTime ``0xFFFFFFFF``
is "invalid / never / cancel" and, in ZSE start-time fields, ``0`` is "now". The
calendar date 31/12/3000 has no UTCTime (the scale ends in 2136).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from s1sr.models import ModelError

ZIGBEE_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
UTC_TIME_INVALID = 0xFFFFFFFF
ANY = 0xFF


@dataclass(frozen=True, order=True)
class ZigbeeTime:
    seconds: int

    def __post_init__(self) -> None:
        s = self.seconds
        if isinstance(s, bool) or not isinstance(s, int) or not 0 <= s <= UTC_TIME_INVALID:
            raise ModelError(f"a ZigBee UTCTime is a uint32, got {s!r}")

    @property
    def is_invalid(self) -> bool:
        """``0xFFFFFFFF``: never / cancel / not set."""
        return self.seconds == UTC_TIME_INVALID

    @property
    def is_zero(self) -> bool:
        """``0``: "now" when it is a ZSE start or implementation time."""
        return self.seconds == 0

    def to_datetime(self) -> datetime | None:
        return None if self.is_invalid else ZIGBEE_EPOCH + timedelta(seconds=self.seconds)

    @classmethod
    def from_datetime(cls, value: datetime) -> ZigbeeTime:
        if value.tzinfo is None or value.utcoffset() != timedelta(0):
            raise ModelError(f"need an aware UTC datetime, got {value!r}")
        seconds = (value - ZIGBEE_EPOCH) // timedelta(seconds=1)
        if not 0 <= seconds < UTC_TIME_INVALID:
            raise ModelError(f"{value.isoformat()} has no ZigBee UTCTime")
        return cls(seconds)


@dataclass(frozen=True)
class ZclDate:
    """Year since 1900, month, day, day of week (1 = Monday); ``0xFF`` = any."""

    year_since_1900: int
    month: int
    day: int
    day_of_week: int = ANY

    def __post_init__(self) -> None:
        for name in ("year_since_1900", "month", "day", "day_of_week"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 0xFF:
                raise ModelError(f"{name} must be an octet, got {v!r}")

    @property
    def year(self) -> int | None:
        return None if self.year_since_1900 == ANY else 1900 + self.year_since_1900

    def to_bytes(self) -> bytes:
        return bytes([self.year_since_1900, self.month, self.day, self.day_of_week])

    @classmethod
    def from_bytes(cls, raw: bytes) -> ZclDate:
        if len(raw) != 4:
            raise ModelError("a ZCL date is 4 octets")
        return cls(*raw)
