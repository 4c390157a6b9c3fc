"""DLMS COSEM date-time (12 octets), date (5) and time (4) as A-XDR octets, field by field.

This is the structural layer: every octet is kept as sent, so any value on the wire
decodes and re-encodes. ``to_value()`` gives the checked, semantic value of
``s1sr.codecs.primitives`` (``DlmsDateTime`` and friends), refusing impossible dates.
Octets are kept because GBCS uses wildcard values (``0xFF`` "not specified",
``0xFE``/``0xFD`` last / second-last day, DST begin / end months) and two special
date-times in commands, all-zero ("now") and all-``0xFF`` ("never"), so a
``datetime`` alone could not round-trip. ``to_datetime`` gives the instant when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from s1sr.codecs.primitives.dlms_datetime import DlmsDateTimeField, decode_date, decode_time
from s1sr.codecs.primitives.dlms_values import DlmsDate, DlmsDateTime, DlmsTime
from s1sr.models import ModelError

NOT_SPECIFIED = 0xFF
DEVIATION_NOT_SPECIFIED = -0x8000


def _octet(value: int, field: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 0xFF:
        raise ModelError(f"{field} must be an octet (0-255), got {value!r}")


def _year(value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 0xFFFF:
        raise ModelError(f"year must be 0-65535, got {value!r}")


def _need(raw: bytes, size: int, what: str) -> None:
    if not isinstance(raw, bytes | bytearray) or len(raw) != size:
        raise ModelError(f"a DLMS {what} is {size} octets")


@dataclass(frozen=True)
class AxdrDate:
    year: int  # 0xFFFF: not specified
    month: int  # 0xFE / 0xFD: DST begin / end month; 0xFF: not specified
    day: int  # 0xFE / 0xFD: last / second-last day of month; 0xFF: not specified
    day_of_week: int = NOT_SPECIFIED  # 1 = Monday ... 7 = Sunday

    def __post_init__(self) -> None:
        _year(self.year)
        for name in ("month", "day", "day_of_week"):
            _octet(getattr(self, name), name)

    def to_bytes(self) -> bytes:
        return self.year.to_bytes(2, "big") + bytes([self.month, self.day, self.day_of_week])

    @classmethod
    def from_bytes(cls, raw: bytes) -> AxdrDate:
        _need(raw, 5, "date")
        return cls(int.from_bytes(raw[:2], "big"), raw[2], raw[3], raw[4])

    def to_value(self) -> DlmsDate:
        """The checked date (``ModelError`` if it cannot exist)."""
        return decode_date(self.to_bytes())


@dataclass(frozen=True)
class AxdrTime:
    hour: int
    minute: int
    second: int = 0
    hundredths: int = 0

    def __post_init__(self) -> None:
        for name in ("hour", "minute", "second", "hundredths"):
            _octet(getattr(self, name), name)

    def to_bytes(self) -> bytes:
        return bytes([self.hour, self.minute, self.second, self.hundredths])

    @classmethod
    def from_bytes(cls, raw: bytes) -> AxdrTime:
        _need(raw, 4, "time")
        return cls(raw[0], raw[1], raw[2], raw[3])

    def to_value(self) -> DlmsTime:
        """The checked time of day (``ModelError`` if out of range)."""
        return decode_time(self.to_bytes())


@dataclass(frozen=True)
class AxdrDateTime:
    date: AxdrDate
    time: AxdrTime
    deviation: int = DEVIATION_NOT_SPECIFIED  # minutes from local time to UTC; int16
    clock_status: int = NOT_SPECIFIED

    def __post_init__(self) -> None:
        if not isinstance(self.date, AxdrDate) or not isinstance(self.time, AxdrTime):
            raise ModelError("a DLMS date-time needs a AxdrDate and a AxdrTime")
        dev = self.deviation
        if isinstance(dev, bool) or not isinstance(dev, int) or not -0x8000 <= dev <= 0x7FFF:
            raise ModelError(f"deviation must be an int16, got {dev!r}")
        _octet(self.clock_status, "clock_status")

    def to_bytes(self) -> bytes:
        return (
            self.date.to_bytes()
            + self.time.to_bytes()
            + self.deviation.to_bytes(2, "big", signed=True)
            + bytes([self.clock_status])
        )

    @classmethod
    def from_bytes(cls, raw: bytes) -> AxdrDateTime:
        _need(raw, 12, "date-time")
        return cls(
            AxdrDate.from_bytes(raw[:5]),
            AxdrTime.from_bytes(raw[5:9]),
            int.from_bytes(raw[9:11], "big", signed=True),
            raw[11],
        )

    def to_value(self) -> DlmsDateTime:
        """The checked date-time (``ModelError`` if it cannot exist)."""
        return DlmsDateTimeField.decode(self.to_bytes())

    @classmethod
    def from_datetime(cls, value: datetime) -> AxdrDateTime:
        """A UTC instant, written as GBCS does: deviation and clock status unspecified."""
        if value.tzinfo is None or value.utcoffset() != timedelta(0):
            raise ModelError(f"need an aware UTC datetime, got {value!r}")
        return cls(
            AxdrDate(value.year, value.month, value.day, value.isoweekday()),
            AxdrTime(value.hour, value.minute, value.second, value.microsecond // 10_000),
        )

    @property
    def is_now(self) -> bool:
        """GBCS commands' "execute immediately" activation time (date and time all zero)."""
        return (self.date.to_bytes() + self.time.to_bytes()) == bytes(9)

    @property
    def is_never(self) -> bool:
        """GBCS commands' "never" activation time (date and time all 0xFF)."""
        return (self.date.to_bytes() + self.time.to_bytes()) == b"\xff" * 9

    def to_datetime(self) -> datetime | None:
        """The UTC instant, or ``None`` when a field is a wildcard or out of range.

        GBCS devices keep UTC and send the deviation as unspecified (or 0). A non-zero
        deviation gives ``None``: its sign convention changed between DLMS editions, and
        guessing would shift the instant by twice the offset.
        """
        d, t = self.date, self.time
        if self.deviation not in (0, DEVIATION_NOT_SPECIFIED):
            return None
        try:
            return datetime(
                d.year,
                d.month,
                d.day,
                t.hour,
                t.minute,
                t.second,
                0 if t.hundredths == NOT_SPECIFIED else t.hundredths * 10_000,
                tzinfo=UTC,
            )
        except (ValueError, OverflowError):
            return None
