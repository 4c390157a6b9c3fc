"""DLMS COSEM date, time and date-time values, with their wildcards and specials.

Each field is ``None`` when the wire says "not specified" (0xFF, 0xFFFF for the year,
0x8000 for the deviation). Months may be ``MonthSpecial.DST_BEGIN`` / ``DST_END`` and
days ``DaySpecial.LAST`` / ``SECOND_LAST``, as DLMS schedules use them.

Decided here (so that every accepted byte string round-trips exactly):
- the all-zero date (0000 00 00 00) is accepted as one special value, ``ZERO_DATE``:
  GBCS writes it in execution date-times to mean "immediately" (RTDS ECS08, ECS01a);
  otherwise month and day 0 are refused;
- a day must exist in its month when both are numbers (29 February needs a leap year
  or a wildcard year); the weekday must be the real one when the date is fully numeric;
- ``deviation`` is minutes such that UTC = local + deviation (Blue Book sign: BST is
  -60), range -720..720; ``clock_status`` is the status byte, 0xFF = ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum

from s1sr.codecs.primitives.calendar_rules import check_field, days_in_month, iso_weekday
from s1sr.models.dates import require_utc
from s1sr.models.errors import ModelError

DLMS_YEAR_MAX = 0xFFFE  # 0xFFFF is 'not specified'
DEVIATION_LIMIT = 720
CLOCK_STATUS_DST_ACTIVE = 0x80


class MonthSpecial(Enum):
    """DLMS month specials (wire value as the member value)."""

    DST_END = 0xFD
    DST_BEGIN = 0xFE


class DaySpecial(Enum):
    """DLMS day-of-month specials (wire value as the member value)."""

    SECOND_LAST = 0xFD
    LAST = 0xFE


def _check(value: object, name: str, low: int, high: int) -> None:
    try:
        check_field(value, name, low, high)
    except (TypeError, ValueError) as exc:
        raise ModelError(str(exc)) from exc


@dataclass(frozen=True)
class DlmsDate:
    year: int | None
    month: int | MonthSpecial | None
    day: int | DaySpecial | None
    weekday: int | None = None

    def __post_init__(self) -> None:
        if self.is_zero:
            return
        if self.year is not None:
            _check(self.year, "DLMS date year", 0, DLMS_YEAR_MAX)
        if self.month is not None and not isinstance(self.month, MonthSpecial):
            _check(self.month, "DLMS date month", 1, 12)
        if self.day is not None and not isinstance(self.day, DaySpecial):
            _check(self.day, "DLMS date day", 1, 31)
        if self.weekday is not None:
            _check(self.weekday, "DLMS date weekday", 1, 7)
        if isinstance(self.month, int) and isinstance(self.day, int):
            if self.day > days_in_month(self.year, self.month):
                raise ModelError(f"DLMS date {self} does not exist")
            if self.year is not None and self.weekday is not None:
                actual = iso_weekday(self.year, self.month, self.day)
                if actual != self.weekday:
                    raise ModelError(f"DLMS date {self} is weekday {actual}, not {self.weekday}")

    @property
    def is_zero(self) -> bool:
        """The all-zero date GBCS uses for 'execute immediately'."""
        return (
            type(self.year) is int
            and type(self.month) is int
            and type(self.day) is int
            and type(self.weekday) is int
            and self.year == self.month == self.day == self.weekday == 0
        )

    @classmethod
    def from_date(cls, value: date, *, with_weekday: bool = True) -> DlmsDate:
        return cls(value.year, value.month, value.day, value.isoweekday() if with_weekday else None)

    def to_date(self) -> date:
        """The calendar date of a fully numeric value (weekday may be unspecified)."""
        if self.is_zero or not (
            isinstance(self.year, int) and isinstance(self.month, int) and isinstance(self.day, int)
        ):
            raise ValueError(f"DLMS date {self} is not one calendar date")
        if not 1 <= self.year <= 9999:
            raise ValueError(f"DLMS date year {self.year} is outside 1..9999")
        return date(self.year, self.month, self.day)

    def __str__(self) -> str:
        year = "****" if self.year is None else f"{self.year:04d}"
        month = (
            "**"
            if self.month is None
            else self.month.name
            if isinstance(self.month, MonthSpecial)
            else f"{self.month:02d}"
        )
        day = (
            "**"
            if self.day is None
            else self.day.name
            if isinstance(self.day, DaySpecial)
            else f"{self.day:02d}"
        )
        return f"{year}-{month}-{day}"


ZERO_DATE = DlmsDate(0, 0, 0, 0)


@dataclass(frozen=True)
class DlmsTime:
    hour: int | None
    minute: int | None
    second: int | None
    hundredths: int | None = None

    def __post_init__(self) -> None:
        for name, high in (("hour", 23), ("minute", 59), ("second", 59), ("hundredths", 99)):
            value = getattr(self, name)
            if value is not None:
                _check(value, f"DLMS time {name}", 0, high)

    @classmethod
    def from_time(cls, value: time) -> DlmsTime:
        if value.microsecond % 10_000:
            raise ValueError(f"{value} is finer than hundredths of a second")
        return cls(value.hour, value.minute, value.second, value.microsecond // 10_000)

    def to_time(self) -> time:
        """The time of day; unspecified hundredths count as 0 (meters often send 0xFF)."""
        if self.hour is None or self.minute is None or self.second is None:
            raise ValueError(f"DLMS time {self} has unspecified fields")
        return time(self.hour, self.minute, self.second, (self.hundredths or 0) * 10_000)

    def __str__(self) -> str:
        parts = [
            "**" if v is None else f"{v:02d}"
            for v in (self.hour, self.minute, self.second, self.hundredths)
        ]
        return f"{parts[0]}:{parts[1]}:{parts[2]}.{parts[3]}"


@dataclass(frozen=True)
class DlmsDateTime:
    date: DlmsDate
    time: DlmsTime
    deviation: int | None = None
    clock_status: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.date, DlmsDate):
            raise ModelError(f"date must be a DlmsDate, got {type(self.date).__name__}")
        if not isinstance(self.time, DlmsTime):
            raise ModelError(f"time must be a DlmsTime, got {type(self.time).__name__}")
        if self.deviation is not None:
            _check(self.deviation, "DLMS deviation", -DEVIATION_LIMIT, DEVIATION_LIMIT)
        if self.clock_status is not None:
            _check(self.clock_status, "DLMS clock status", 0, 0xFE)

    @property
    def dst_active(self) -> bool | None:
        if self.clock_status is None:
            return None
        return bool(self.clock_status & CLOCK_STATUS_DST_ACTIVE)

    @classmethod
    def from_utc(
        cls,
        value: datetime,
        *,
        deviation: int = 0,
        clock_status: int | None = None,
        with_weekday: bool = True,
    ) -> DlmsDateTime:
        """The local wall-clock value for a UTC instant, given the deviation (UTC = local + dev)."""
        require_utc(value, "value")
        local = value.replace(tzinfo=None) - timedelta(minutes=deviation)
        return cls(
            DlmsDate.from_date(local.date(), with_weekday=with_weekday),
            DlmsTime.from_time(local.time()),
            deviation,
            clock_status,
        )

    def to_utc(self) -> datetime:
        """The instant of a fully specified value; unspecified hundredths count as 0."""
        if self.deviation is None:
            raise ValueError(f"DLMS date-time {self} has no deviation: local time is unknown")
        local = datetime.combine(self.date.to_date(), self.time.to_time())
        return (local + timedelta(minutes=self.deviation)).replace(tzinfo=UTC)

    def __str__(self) -> str:
        deviation = "dev=*" if self.deviation is None else f"dev={self.deviation:+d}"
        status = "status=*" if self.clock_status is None else f"status=0x{self.clock_status:02X}"
        return f"{self.date} {self.time} {deviation} {status}"
