"""Calendar values that recur: dates whose year may be "any".

DUIS writes tariff season starts, special days and NDC schedule dates with an
optional year (DLMS year 0xFFFF, DUIS ``NonSpecifiedYear``): such a date recurs every
year. ``PartialDate`` keeps that explicit instead of inventing a year.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum

from s1sr.models.checks import check_int, check_optional_int
from s1sr.models.errors import ModelError

MIN_YEAR = 1900
MAX_YEAR = 9999


class Weekday(IntEnum):
    """Days of the week numbered as DLMS and ``date.isoweekday`` number them."""

    MONDAY = 1
    TUESDAY = 2
    WEDNESDAY = 3
    THURSDAY = 4
    FRIDAY = 5
    SATURDAY = 6
    SUNDAY = 7

    @classmethod
    def of(cls, day: date) -> Weekday:
        return cls(day.isoweekday())


@dataclass(frozen=True)
class PartialDate:
    """A calendar date whose year may be unspecified (``None``: every year)."""

    year: int | None
    month: int
    day: int

    def __post_init__(self) -> None:
        check_optional_int(self.year, "year", MIN_YEAR, MAX_YEAR)
        check_int(self.month, "month", 1, 12)
        # 29 February is a valid recurring date: it simply matches leap years only.
        longest = calendar.monthrange(2000 if self.year is None else self.year, self.month)[1]
        check_int(self.day, "day", 1, longest)

    @classmethod
    def from_date(cls, value: date) -> PartialDate:
        if not isinstance(value, date):
            raise ModelError(f"date: must be a date, got {type(value).__name__}")
        return cls(value.year, value.month, value.day)

    @classmethod
    def every_year(cls, month: int, day: int) -> PartialDate:
        return cls(None, month, day)

    @property
    def recurs(self) -> bool:
        return self.year is None

    def matches(self, value: date) -> bool:
        return (
            (self.year is None or self.year == value.year)
            and self.month == value.month
            and self.day == value.day
        )

    def in_year(self, year: int) -> date:
        """The concrete date in ``year`` (ModelError for 29 Feb in a common year)."""
        if self.year is not None and self.year != year:
            raise ModelError(f"year: {self} is not in {year}")
        try:
            return date(year, self.month, self.day)
        except ValueError as exc:
            raise ModelError(f"day: {self} does not exist in {year}") from exc

    def day_before(self) -> PartialDate:
        """The previous day (18.27(r)'s echo); a recurring date counts in a common year."""
        common = 2000 if (self.month, self.day) == (2, 29) else 2001
        reference = date(common if self.year is None else self.year, self.month, self.day)
        previous = reference - timedelta(days=1)
        if self.year is None:
            return PartialDate(None, previous.month, previous.day)
        if previous.year < MIN_YEAR:
            raise ModelError(f"year: the day before {self} is before {MIN_YEAR}")
        return PartialDate.from_date(previous)

    def __str__(self) -> str:
        year = "*" if self.year is None else f"{self.year:04d}"
        return f"{year}-{self.month:02d}-{self.day:02d}"
