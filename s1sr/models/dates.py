"""Dates and times as the S1SR clauses need them.

DUIS writes "indefinite / never" as 31/12/3000; 18.5(hh) and 18.27(r) are about that
date, so it is an explicit value (``INDEFINITE``) rather than a magic ``date``.
Datetimes in models are always timezone-aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from s1sr.models.errors import ModelError

INDEFINITE_DATE = date(3000, 12, 31)

# The instants SMETS1/GBCS time fields can carry: uint32 seconds since 2000-01-01 UTC, the
# last value being the "never" sentinel. A model refuses any other instant so that every
# model that can be built can also be encoded.
EARLIEST_INSTANT = datetime(2000, 1, 1, tzinfo=UTC)
LATEST_INSTANT = datetime(2136, 2, 7, 6, 28, 14, tzinfo=UTC)


@dataclass(frozen=True)
class Indefinite:
    """The 31/12/3000 end date: 'the current schedule continues indefinitely'."""

    def as_date(self) -> date:
        return INDEFINITE_DATE

    def __str__(self) -> str:
        return "3000-12-31 (indefinite)"


INDEFINITE = Indefinite()

EndDate = date | Indefinite


def end_date(value: date) -> EndDate:
    """Map a calendar date to an end date, recognising the 31/12/3000 convention."""
    return INDEFINITE if value == INDEFINITE_DATE else value


def require_utc(value: datetime, field: str) -> datetime:
    """Refuse naive or non-UTC datetimes: local-time arithmetic is wrong across BST."""
    if not isinstance(value, datetime):
        raise ModelError(f"{field} must be a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() != timedelta(0):
        raise ModelError(f"{field} must be an aware UTC datetime, got {value!r}")
    return value


def require_instant(value: datetime, field: str) -> datetime:
    """An aware UTC datetime that SMETS1 time fields can carry (see ``LATEST_INSTANT``)."""
    require_utc(value, field)
    if not EARLIEST_INSTANT <= value <= LATEST_INSTANT:
        raise ModelError(
            f"{field} must lie between {EARLIEST_INSTANT.isoformat()} and "
            f"{LATEST_INSTANT.isoformat()}, got {value.isoformat()}"
        )
    return value


def require_date(value: date, field: str) -> date:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise ModelError(f"{field} must be a date, got {type(value).__name__}")
    return value


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    """Shorthand for an aware UTC datetime."""
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
