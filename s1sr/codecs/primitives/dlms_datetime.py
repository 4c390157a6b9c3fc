"""DLMS COSEM date (5 octets), time (4) and date-time (12) on the wire.

date: year uint16 BE (0xFFFF = not specified), month (0xFD/0xFE DST end/begin, 0xFF),
day (0xFD/0xFE second-last/last, 0xFF), day of week (0xFF).
time: hour, minute, second, hundredths (each 0xFF = not specified).
date-time: date, time, deviation int16 BE (0x8000 = not specified), clock status (0xFF).
Ranges and consistency are checked by the value types in ``dlms_values``.
"""

from __future__ import annotations

from construct import Bytes

from s1sr.codecs.primitives.base import StrictAdapter
from s1sr.codecs.primitives.dlms_values import (
    DaySpecial,
    DlmsDate,
    DlmsDateTime,
    DlmsTime,
    MonthSpecial,
)

NOT_SPECIFIED = 0xFF
YEAR_NOT_SPECIFIED = 0xFFFF
DEVIATION_NOT_SPECIFIED = 0x8000
_MONTH_SPECIALS = {m.value: m for m in MonthSpecial}
_DAY_SPECIALS = {d.value: d for d in DaySpecial}


def _opt(raw: int) -> int | None:
    return None if raw == NOT_SPECIFIED else raw


def _raw(value: int | None) -> int:
    return NOT_SPECIFIED if value is None else value


def decode_date(raw: bytes) -> DlmsDate:
    year = (raw[0] << 8) | raw[1]
    month, day, weekday = raw[2], raw[3], raw[4]
    return DlmsDate(
        None if year == YEAR_NOT_SPECIFIED else year,
        None if month == NOT_SPECIFIED else _MONTH_SPECIALS.get(month, month),
        None if day == NOT_SPECIFIED else _DAY_SPECIALS.get(day, day),
        _opt(weekday),
    )


def encode_date(value: DlmsDate) -> bytes:
    if not isinstance(value, DlmsDate):
        raise TypeError(f"expected a DlmsDate, got {type(value).__name__}")
    year = YEAR_NOT_SPECIFIED if value.year is None else value.year
    month = value.month.value if isinstance(value.month, MonthSpecial) else _raw(value.month)
    day = value.day.value if isinstance(value.day, DaySpecial) else _raw(value.day)
    return bytes((year >> 8, year & 0xFF, month, day, _raw(value.weekday)))


def decode_time(raw: bytes) -> DlmsTime:
    return DlmsTime(_opt(raw[0]), _opt(raw[1]), _opt(raw[2]), _opt(raw[3]))


def encode_time(value: DlmsTime) -> bytes:
    if not isinstance(value, DlmsTime):
        raise TypeError(f"expected a DlmsTime, got {type(value).__name__}")
    return bytes(_raw(v) for v in (value.hour, value.minute, value.second, value.hundredths))


class DlmsDateAdapter(StrictAdapter):
    def __init__(self) -> None:
        super().__init__(Bytes(5))

    def decode(self, raw: bytes) -> DlmsDate:
        return decode_date(raw)

    def encode(self, value: DlmsDate) -> bytes:
        return encode_date(value)


class DlmsTimeAdapter(StrictAdapter):
    def __init__(self) -> None:
        super().__init__(Bytes(4))

    def decode(self, raw: bytes) -> DlmsTime:
        return decode_time(raw)

    def encode(self, value: DlmsTime) -> bytes:
        return encode_time(value)


class DlmsDateTimeAdapter(StrictAdapter):
    def __init__(self) -> None:
        super().__init__(Bytes(12))

    def decode(self, raw: bytes) -> DlmsDateTime:
        deviation = int.from_bytes(raw[9:11], "big", signed=True)
        return DlmsDateTime(
            decode_date(raw[0:5]),
            decode_time(raw[5:9]),
            None if deviation == -DEVIATION_NOT_SPECIFIED else deviation,
            _opt(raw[11]),
        )

    def encode(self, value: DlmsDateTime) -> bytes:
        if not isinstance(value, DlmsDateTime):
            raise TypeError(f"expected a DlmsDateTime, got {type(value).__name__}")
        deviation = DEVIATION_NOT_SPECIFIED if value.deviation is None else value.deviation
        return (
            encode_date(value.date)
            + encode_time(value.time)
            + (deviation & 0xFFFF).to_bytes(2, "big")
            + bytes((_raw(value.clock_status),))
        )


DlmsDateField = DlmsDateAdapter()
DlmsTimeField = DlmsTimeAdapter()
DlmsDateTimeField = DlmsDateTimeAdapter()
