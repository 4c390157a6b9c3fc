"""Europe/London civil time, with every piece of arithmetic done in UTC.

Wall-clock subtraction across a change is off by an hour (domain-notes section 7), so the
functions here take and return UTC instants and ask ``zoneinfo`` only for offsets. The
gas meter keeps its day in UTC (``utc_day_start``) while consumers live by the local day
(``local_midnight_utc``): 18.18(f), 18.21(e) and 18.21(f) come out of the gap between the two.

Answers per day are cached, because the emulator asks about the same few days many times.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from s1sr.models.dates import require_date, require_utc
from s1sr.models.errors import ModelError

LONDON = ZoneInfo("Europe/London")
SLOT = timedelta(minutes=30)
SLOTS_PER_DAY = 48

# The EU rule (last Sunday of March / October, 01:00 UTC) has governed Europe/London since 1996.
FIRST_RULE_YEAR = 1996
_ONE_DAY = timedelta(days=1)


def utc_offset(instant: datetime) -> timedelta:
    """The London offset from UTC at ``instant``: 0 in GMT, one hour in BST."""
    return _as_utc(instant).astimezone(LONDON).utcoffset() or timedelta(0)


def is_bst(instant: datetime) -> bool:
    return utc_offset(instant) != timedelta(0)


def local(instant: datetime) -> datetime:
    """``instant`` as an aware London wall-clock time (for display and slot lookup only)."""
    return _as_utc(instant).astimezone(LONDON)


def local_day_of(instant: datetime) -> date:
    """The London calendar day ``instant`` falls in."""
    instant = _as_utc(instant)
    day = instant.date()
    if day < date.max and instant >= _midnight(day + _ONE_DAY):
        return day + _ONE_DAY
    return day


def local_midnight_utc(day: date) -> datetime:
    """The UTC instant of local 00:00 on ``day``: 23:00 UTC the day before during BST."""
    return _midnight(require_date(day, "day"))


def utc_day_start(day: date) -> datetime:
    """00:00 UTC on ``day``: where a gas meter that keeps its day in UTC starts it."""
    return datetime.combine(require_date(day, "day"), time(0), tzinfo=UTC)


def local_day_length(day: date) -> timedelta:
    """23 hours on the spring change, 25 on the autumn one, 24 otherwise."""
    day = _require_day(day)
    return _midnight(day + _ONE_DAY) - _midnight(day)


def local_slots(day: date) -> tuple[int, ...]:
    """The local half-hour slot (0-47) of each UTC half-hour of the local ``day``, in order.

    46 entries on the spring change (slots 2 and 3 never happen), 50 on the autumn one
    (slots 2 and 3 happen twice), otherwise 0..47. UK offsets are whole hours, so the
    UTC and local half-hour grids coincide.
    """
    return _local_slots(_require_day(day))


def bst_transitions(year: int) -> tuple[datetime, datetime]:
    """The UTC instants BST starts and ends in ``year`` (01:00 UTC, last Sundays of Mar / Oct)."""
    if isinstance(year, bool) or not isinstance(year, int):
        raise ModelError(f"year must be an int, got {type(year).__name__}")
    if not FIRST_RULE_YEAR <= year <= date.max.year:
        raise ModelError(f"BST rules are known from {FIRST_RULE_YEAR} to 9999, not {year}")
    return _transitions(year)


@lru_cache(maxsize=8192)
def _midnight(day: date) -> datetime:
    # London midnight is never in a gap or a fold (changes happen at 01:00 UTC).
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC)


@lru_cache(maxsize=4096)
def _local_slots(day: date) -> tuple[int, ...]:
    start = _midnight(day)
    count = (_midnight(day + _ONE_DAY) - start) // SLOT
    if count == SLOTS_PER_DAY:
        return tuple(range(SLOTS_PER_DAY))
    slots = []
    for i in range(count):
        wall = (start + i * SLOT).astimezone(LONDON)
        slots.append(wall.hour * 2 + wall.minute // 30)
    return tuple(slots)


@lru_cache(maxsize=1024)
def _transitions(year: int) -> tuple[datetime, datetime]:
    return _last_sunday_0100(year, 3), _last_sunday_0100(year, 10)


def _last_sunday_0100(year: int, month: int) -> datetime:
    last = date(year, month, 31)  # March and October both have 31 days
    sunday = last - timedelta(days=(last.weekday() + 1) % 7)
    return datetime.combine(sunday, time(1), tzinfo=UTC)


def _require_day(day: date) -> date:
    day = require_date(day, "day")
    if day == date.max:
        raise ModelError("the local day 9999-12-31 has no end this calendar can represent")
    return day


def _as_utc(instant: datetime) -> datetime:
    return require_utc(instant, "instant")
