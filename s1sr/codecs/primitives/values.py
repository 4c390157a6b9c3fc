"""The ZCL Date value: a calendar date whose fields may each be 'any' (wire 0xFF).

Tariff special days and calendars match dates by pattern (every 25 December, every
Monday), so a field is ``None`` when the wire says 0xFF.

Validation, decided here: fields must be in range; a day must exist in its month when
the month is given (29 February only in a leap year, or when the year is 'any'); and
when year, month, day and weekday are all given the weekday must be the date's real
one, because an encoder that knows the date has no reason to write another weekday
and a mismatch means corruption. Weekdays are ISO: 1 = Monday .. 7 = Sunday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from s1sr.codecs.primitives.calendar_rules import check_field, days_in_month, iso_weekday
from s1sr.models.errors import ModelError

ZCL_YEAR_MIN = 1900
ZCL_YEAR_MAX = 1900 + 0xFE  # 2154: 0xFF is 'any'


@dataclass(frozen=True)
class ZclDate:
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None = None

    def __post_init__(self) -> None:
        try:
            for name, low, high in (
                ("year", ZCL_YEAR_MIN, ZCL_YEAR_MAX),
                ("month", 1, 12),
                ("day", 1, 31),
                ("weekday", 1, 7),
            ):
                value = getattr(self, name)
                if value is not None:
                    check_field(value, f"ZCL date {name}", low, high)
        except (TypeError, ValueError) as exc:
            raise ModelError(str(exc)) from exc
        if self.month is not None and self.day is not None:
            if self.day > days_in_month(self.year, self.month):
                raise ModelError(f"ZCL date: {self._text()} does not exist")
            if self.year is not None and self.weekday is not None:
                actual = iso_weekday(self.year, self.month, self.day)
                if actual != self.weekday:
                    raise ModelError(
                        f"ZCL date: {self._text()} is weekday {actual}, not {self.weekday}"
                    )

    @classmethod
    def from_date(cls, value: date, *, with_weekday: bool = True) -> ZclDate:
        """A fully specified ZCL date; GBCS writes the weekday, so it is filled in by default."""
        return cls(value.year, value.month, value.day, value.isoweekday() if with_weekday else None)

    @property
    def is_fully_specified(self) -> bool:
        return None not in (self.year, self.month, self.day)

    def to_date(self) -> date:
        """The calendar date; only for a fully specified value (the weekday may be 'any')."""
        if self.year is None or self.month is None or self.day is None:
            raise ValueError(f"ZCL date {self._text()} has wildcards: it is not one date")
        return date(self.year, self.month, self.day)

    def matches(self, value: date) -> bool:
        """Whether a calendar date fits this pattern (every 'any' field matches)."""
        return (
            (self.year is None or self.year == value.year)
            and (self.month is None or self.month == value.month)
            and (self.day is None or self.day == value.day)
            and (self.weekday is None or self.weekday == value.isoweekday())
        )

    def _text(self) -> str:
        def part(value: int | None, width: int) -> str:
            return "*" * width if value is None else f"{value:0{width}d}"

        return f"{part(self.year, 4)}-{part(self.month, 2)}-{part(self.day, 2)}"
