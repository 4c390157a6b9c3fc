"""Gregorian rules for wire dates whose year may be outside Python's ``date`` range.

DLMS years run 0..65534 and may be wildcarded; ``datetime.date`` stops at 9999, so the
checks that a day exists and that a weekday matches are done arithmetically here.
"""

from __future__ import annotations

import calendar

_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_SAKAMOTO = (0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4)


def days_in_month(year: int | None, month: int) -> int:
    """Days in ``month``; with the year unknown, February may have 29."""
    if month == 2 and (year is None or calendar.isleap(year)):
        return 29
    return _DAYS[month - 1]


def iso_weekday(year: int, month: int, day: int) -> int:
    """ISO day of week (1 = Monday .. 7 = Sunday) of a proleptic Gregorian date, any year >= 0."""
    y = year - 1 if month < 3 else year
    sunday_based = (y + y // 4 - y // 100 + y // 400 + _SAKAMOTO[month - 1] + day) % 7
    return sunday_based or 7


def check_field(value: object, name: str, low: int, high: int) -> None:
    """Refuse a wire field that is not an int (bools included) in ``low..high``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int or None, got {type(value).__name__}")
    if not low <= value <= high:
        raise ValueError(f"{name} {value} is outside {low}..{high}")
