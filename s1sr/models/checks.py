"""Construction-time checks shared by the SRV models.

Every check raises ``ModelError`` whose message starts with the field name, so a
refused value always says which field was wrong. Collections must be tuples: models
are frozen and hashable, and a list smuggled in would be neither.
"""

from __future__ import annotations

from datetime import datetime, time
from enum import Enum
from typing import Any, TypeVar

from s1sr.models.dates import require_instant
from s1sr.models.energy import Energy
from s1sr.models.errors import ModelError
from s1sr.models.money import FineMoney, Money

T = TypeVar("T")
E = TypeVar("E", bound=Enum)


def check_int(value: int, field: str, lo: int, hi: int) -> int:
    if type(value) is int and lo <= value <= hi:  # the common case, in one test
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise ModelError(f"{field}: must be an int, got {type(value).__name__}")
    if not lo <= value <= hi:
        raise ModelError(f"{field}: {value} is outside {lo}..{hi}")
    return value


def check_optional_int(value: int | None, field: str, lo: int, hi: int) -> int | None:
    return None if value is None else check_int(value, field, lo, hi)


def check_bool(value: bool, field: str) -> bool:
    if not isinstance(value, bool):
        raise ModelError(f"{field}: must be a bool, got {type(value).__name__}")
    return value


def check_instance(value: T, cls: type[T] | tuple[type, ...], field: str) -> T:
    if not isinstance(value, cls):
        names = " or ".join(c.__name__ for c in (cls if isinstance(cls, tuple) else (cls,)))
        raise ModelError(f"{field}: must be a {names}, got {type(value).__name__}")
    return value


def check_optional(value: T | None, cls: type[T], field: str) -> T | None:
    return None if value is None else check_instance(value, cls, field)


def check_enum(value: E, cls: type[E], field: str) -> E:
    if not isinstance(value, cls):
        raise ModelError(f"{field}: must be a {cls.__name__}, got {value!r}")
    return value


def check_tuple(
    value: tuple[T, ...], field: str, item_type: type[T] | tuple[type, ...], lo: int, hi: int
) -> tuple[T, ...]:
    if not isinstance(value, tuple):
        raise ModelError(f"{field}: must be a tuple, got {type(value).__name__}")
    if not lo <= len(value) <= hi:
        raise ModelError(f"{field}: needs {lo} to {hi} items, got {len(value)}")
    for index, item in enumerate(value):
        if type(item) is item_type:  # exactly the type asked for (a bool only if bool)
            continue
        if (isinstance(item, bool) and item_type is not bool) or not isinstance(item, item_type):
            raise ModelError(f"{field}[{index}]: wrong type {type(item).__name__}")
    return value


def check_unique(values: tuple[Any, ...], field: str) -> None:
    seen: set[Any] = set()
    for value in values:
        if value in seen:
            raise ModelError(f"{field}: {value!r} appears more than once")
        seen.add(value)


def check_money(value: Money, field: str, *, non_negative: bool = False) -> Money:
    check_instance(value, Money, field)
    if non_negative and value.pence < 0:
        raise ModelError(f"{field}: must not be negative, got {value.pence} pence")
    return value


def check_optional_money(
    value: Money | None, field: str, *, non_negative: bool = False
) -> Money | None:
    return None if value is None else check_money(value, field, non_negative=non_negative)


def check_fine_money(value: FineMoney, field: str, *, non_negative: bool = False) -> FineMoney:
    check_instance(value, FineMoney, field)
    if non_negative and value.millipence < 0:
        raise ModelError(
            f"{field}: must not be negative, got {value.millipence} thousandths of a penny"
        )
    return value


def check_optional_fine_money(
    value: FineMoney | None, field: str, *, non_negative: bool = False
) -> FineMoney | None:
    return None if value is None else check_fine_money(value, field, non_negative=non_negative)


def check_energy(value: Energy, field: str) -> Energy:
    return check_instance(value, Energy, field)


def check_timestamp(value: datetime, field: str) -> datetime:
    """Aware UTC with whole seconds: every wire encoding of a time counts seconds."""
    try:
        require_instant(value, field)
    except ModelError as exc:
        raise ModelError(f"{field}: {exc}") from None
    if value.microsecond:
        raise ModelError(f"{field}: must be a whole second, got {value.isoformat()}")
    return value


def check_optional_timestamp(value: datetime | None, field: str) -> datetime | None:
    return None if value is None else check_timestamp(value, field)


def check_period(start: datetime, end: datetime) -> None:
    """A read period is closed and forward: ``start <= end``."""
    check_timestamp(start, "start")
    check_timestamp(end, "end")
    if end < start:
        raise ModelError(f"end: {end.isoformat()} is before start {start.isoformat()}")


def check_time_of_day(value: time, field: str) -> time:
    """A wall-clock time as the request states it, to the second."""
    if not isinstance(value, time):
        raise ModelError(f"{field}: must be a time, got {type(value).__name__}")
    if value.tzinfo is not None:
        raise ModelError(f"{field}: must be a naive time of day, got {value!r}")
    if value.microsecond:
        raise ModelError(f"{field}: must be a whole second, got {value.isoformat()}")
    return value


def check_bytes(value: bytes, field: str, lo: int, hi: int) -> bytes:
    if not isinstance(value, bytes):
        raise ModelError(f"{field}: must be bytes, got {type(value).__name__}")
    if not lo <= len(value) <= hi:
        raise ModelError(f"{field}: needs {lo} to {hi} bytes, got {len(value)}")
    return value


def check_text(value: str, field: str, hi: int) -> str:
    """Printable ASCII: names end up in fixed octet strings on the wire."""
    if not isinstance(value, str):
        raise ModelError(f"{field}: must be a str, got {type(value).__name__}")
    if len(value) > hi:
        raise ModelError(f"{field}: at most {hi} characters, got {len(value)}")
    if not all(" " <= ch <= "~" for ch in value):
        raise ModelError(f"{field}: must be printable ASCII, got {value!r}")
    return value
