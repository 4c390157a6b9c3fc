"""Helpers for the primitive codec tests: one-field messages and hypothesis strategies.

The strategies are written independently of the codecs: validity comes from
``datetime``/``calendar``, not from the code under test.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime

from construct import Construct, Struct, Terminated
from hypothesis import strategies as st

from s1sr.codecs.primitives import (
    ZERO_DATE,
    DaySpecial,
    DlmsDate,
    DlmsDateTime,
    DlmsTime,
    MonthSpecial,
    ZclDate,
)
from s1sr.models import INDEFINITE


def as_message(field: Construct, name: str = "value") -> Construct:
    """``Struct(name / field, Terminated)``: a field as a whole message, so errors name it."""
    return Struct(name / field, Terminated)


_MONTH_MAX = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.none() | strategy


def _max_day(year: int | None, month: int) -> int:
    if year is None:
        return _MONTH_MAX[month - 1]
    if 1 <= year <= 9999:
        return calendar.monthrange(year, month)[1]
    return _gregorian_max(year, month)


def _gregorian_max(year: int, month: int) -> int:
    # Years outside datetime's range: same leap rule, written out.
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else (28 if month == 2 else _MONTH_MAX[month - 1])


utc_seconds = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2136, 2, 7, 6, 28, 14),
    timezones=st.just(UTC),
).map(lambda d: d.replace(microsecond=0))

time_or_never = utc_seconds | st.just(INDEFINITE)


@st.composite
def zcl_dates(draw: st.DrawFn) -> ZclDate:
    year = draw(optional(st.integers(1900, 2154)))
    month = draw(optional(st.integers(1, 12)))
    day = draw(optional(st.integers(1, 31)))
    if month is not None and day is not None:
        day = min(day, _max_day(year, month))
    if None not in (year, month, day):
        weekday = draw(st.none() | st.just(date(year, month, day).isoweekday()))
    else:
        weekday = draw(optional(st.integers(1, 7)))
    return ZclDate(year, month, day, weekday)


@st.composite
def _dlms_dates(draw: st.DrawFn) -> DlmsDate:
    year = draw(optional(st.integers(0, 0xFFFE)))
    month = draw(optional(st.integers(1, 12) | st.sampled_from(MonthSpecial)))
    day = draw(optional(st.integers(1, 31) | st.sampled_from(DaySpecial)))
    if isinstance(month, int) and isinstance(day, int):
        day = min(day, _max_day(year, month))
    numeric = isinstance(month, int) and isinstance(day, int) and year is not None
    if numeric and 1 <= year <= 9999:
        weekday = draw(st.none() | st.just(date(year, month, day).isoweekday()))
    elif numeric:
        weekday = None
    else:
        weekday = draw(optional(st.integers(1, 7)))
    return DlmsDate(year, month, day, weekday)


dlms_dates = _dlms_dates() | st.just(ZERO_DATE)

dlms_times = st.builds(
    DlmsTime,
    optional(st.integers(0, 23)),
    optional(st.integers(0, 59)),
    optional(st.integers(0, 59)),
    optional(st.integers(0, 99)),
)

dlms_date_times = st.builds(
    DlmsDateTime,
    dlms_dates,
    dlms_times,
    optional(st.integers(-720, 720)),
    optional(st.integers(0, 0xFE)),
)
