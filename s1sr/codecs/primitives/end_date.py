"""Calendar dates, and end dates where 31/12/3000 means 'indefinitely' (18.5(hh), 18.27(r)).

``CalendarDateField`` is year uint16 BE, month, day. ``IndefiniteDateAdapter`` wraps any
date field so that 3000-12-31 on the wire is ``INDEFINITE`` in the model and back. A
plain ``date(3000, 12, 31)`` is refused on encoding: it would decode as ``INDEFINITE``,
so the model must say ``INDEFINITE`` explicitly (``s1sr.models.end_date`` does that).
"""

from __future__ import annotations

from datetime import date, datetime

from construct import Bytes, Construct

from s1sr.codecs.primitives.base import StrictAdapter
from s1sr.models.dates import INDEFINITE, INDEFINITE_DATE, EndDate, Indefinite


class CalendarDateAdapter(StrictAdapter):
    """4 octets (year uint16 BE, month, day) <-> ``date``; nonexistent dates are refused."""

    def __init__(self) -> None:
        super().__init__(Bytes(4))

    def decode(self, raw: bytes) -> date:
        year = (raw[0] << 8) | raw[1]
        try:
            return date(year, raw[2], raw[3])
        except ValueError:
            raise ValueError(f"{year:04d}-{raw[2]:02d}-{raw[3]:02d} is not a date") from None

    def encode(self, value: date) -> bytes:
        if not isinstance(value, date) or isinstance(value, datetime):
            raise TypeError(f"expected a date, got {type(value).__name__}")
        return value.year.to_bytes(2, "big") + bytes((value.month, value.day))


class IndefiniteDateAdapter(StrictAdapter):
    """A date field in which 3000-12-31 is ``INDEFINITE``."""

    def __init__(self, subcon: Construct) -> None:
        super().__init__(subcon)

    def decode(self, raw: date) -> EndDate:
        return INDEFINITE if raw == INDEFINITE_DATE else raw

    def encode(self, value: EndDate) -> date:
        if isinstance(value, Indefinite):
            return INDEFINITE_DATE
        if value == INDEFINITE_DATE and not isinstance(value, datetime):
            raise ValueError("3000-12-31 means 'indefinitely': pass INDEFINITE, not a date")
        return value


CalendarDateField = CalendarDateAdapter()
EndDateField = IndefiniteDateAdapter(CalendarDateField)
