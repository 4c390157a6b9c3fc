"""Consumption that accrues as virtual time passes, shaped by the local half-hour of the day.

A profile gives an amount per half-hour slot of the London day (0 = 00:00-00:30 local),
optionally different at weekends. The spring change skips local slots 2 and 3 and the
autumn change repeats them, so those days hold 46 and 50 half-hours; everything else about
time is UTC.

Exactness: amounts are integers in millionths of the unit. Consumption up to an instant is
one function of time, linear within a slot, counted from 2000-01-01 and rounded down to
thousandths; every answer is a difference of that function, so
``energy_between(a, c) == energy_between(a, b) + energy_between(b, c)`` holds to the Wh and
half-hour totals add up to ``energy_between``. Whole days cost O(1): day totals, slot prefix
sums and the number of 23- and 25-hour days before any date are precomputed or closed-form,
so a device that catches up a year of consumption pays for two days, not 17,520 slots.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property, lru_cache
from typing import NamedTuple

from s1sr.emulator import london
from s1sr.models.dates import require_utc
from s1sr.models.energy import Energy, EnergyUnit
from s1sr.models.errors import ModelError

SLOT = london.SLOT
SLOTS_PER_DAY = london.SLOTS_PER_DAY
MICRO_PER_MILLI = 1000
EPOCH_DAY = date(2000, 1, 1)
LAST_DAY = date(9999, 12, 30)

_ONE_DAY = timedelta(days=1)
_MICROSECOND = timedelta(microseconds=1)
_SLOT_US = SLOT // _MICROSECOND
_MICRO_PER_WATT_SLOT = 500  # 1 W for half an hour = 0.5 Wh = 500 millionths of a kWh


class HalfHour(NamedTuple):
    """One UTC half-hour slot: its start and the thousandths consumed in it."""

    start: datetime
    milli: int


class LoadProfile(ABC):
    """What a device consumes when; subclasses give the shape, this class the arithmetic."""

    @property
    @abstractmethod
    def unit(self) -> EnergyUnit:
        """kWh for electricity, m3 for a gas volume profile."""

    @abstractmethod
    def slot_micro(self, weekend: bool) -> tuple[int, ...]:
        """48 amounts in millionths of ``unit``, one per local half-hour slot."""

    def energy_between(self, start: datetime, end: datetime) -> int:
        """Thousandths of ``unit`` consumed in [start, end)."""
        start, end = _interval(start, end)
        return self._engine.milli_at(end) - self._engine.milli_at(start)

    def milli_at(self, instant: datetime) -> int:
        """Thousandths of ``unit`` consumed from 2000-01-01 (local) to ``instant``, an aware
        UTC instant (not checked: catch-up asks this for every half hour it walks)."""
        return self._engine.milli_at(instant)

    def day_marks(self, day: date) -> tuple[int, ...]:
        """``milli_at`` each half-hour boundary of the local ``day``, its midnight first and
        the next one last (47, 49 or 51 values): catch-up reads a day's slots from here."""
        return self._engine.day(day).marks

    def energy(self, start: datetime, end: datetime) -> Energy:
        return Energy(self.energy_between(start, end), self.unit)

    def half_hours(self, start: datetime, end: datetime) -> Iterator[HalfHour]:
        """Each UTC half-hour overlapping [start, end), clipped to it, in time order."""
        start, end = _interval(start, end)
        return self._engine.half_hours(start, end)

    @cached_property
    def _engine(self) -> _Engine:
        return _engine_for(
            _slot_table(self.slot_micro(False), "weekday"),
            _slot_table(self.slot_micro(True), "weekend"),
        )


@dataclass(frozen=True)
class FlatProfile(LoadProfile):
    """A constant electrical load."""

    watts: int

    def __post_init__(self) -> None:
        if isinstance(self.watts, bool) or not isinstance(self.watts, int) or self.watts < 0:
            raise ModelError(f"watts must be a non-negative int, got {self.watts!r}")

    @property
    def unit(self) -> EnergyUnit:
        return EnergyUnit.KWH

    def slot_micro(self, weekend: bool) -> tuple[int, ...]:
        return (self.watts * _MICRO_PER_WATT_SLOT,) * SLOTS_PER_DAY


@dataclass(frozen=True)
class DailyShapeProfile(LoadProfile):
    """A day's consumption (kWh or m3) spread over the 48 local slots in proportion to weights.

    The weekend uses its own total and weights when given, the weekday ones otherwise.
    A 24-hour day consumes exactly its total; 23- and 25-hour days lose or repeat slots 2-3.
    """

    daily: Energy
    weights: Sequence[int]
    weekend_daily: Energy | None = None
    weekend_weights: Sequence[int] | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.daily, Energy):
            raise ModelError(f"daily must be an Energy, got {self.daily!r}")
        object.__setattr__(self, "weights", _weights(self.weights, "weights"))
        if self.weekend_daily is not None and (
            not isinstance(self.weekend_daily, Energy) or self.weekend_daily.unit is not self.unit
        ):
            raise ModelError(f"weekend_daily must be an Energy in {self.unit}")
        if self.weekend_weights is not None:
            object.__setattr__(
                self, "weekend_weights", _weights(self.weekend_weights, "weekend_weights")
            )

    @property
    def unit(self) -> EnergyUnit:
        return self.daily.unit

    def slot_micro(self, weekend: bool) -> tuple[int, ...]:
        daily, weights = self.daily, self.weights
        if weekend:
            daily = self.weekend_daily or daily
            weights = self.weekend_weights or weights
        return _apportion(daily.milli * MICRO_PER_MILLI, weights)


class _Day(NamedTuple):
    """One local day, resolved once: its UTC bounds, slot amounts and prior consumption."""

    midnight: datetime
    end: datetime
    amounts: tuple[int, ...]
    prefix: tuple[int, ...]
    before: int
    marks: tuple[int, ...]  # milli_at each slot boundary: (before + prefix[k]) // 1000


@lru_cache(maxsize=32)
def _engine_for(weekday: tuple[int, ...], weekend: tuple[int, ...]) -> _Engine:
    """One engine per shape: every meter built with an equal profile (each test builds its
    own) shares the days already resolved, which are immutable."""
    return _Engine(weekday, weekend)


class _Engine:
    """Cumulative consumption since EPOCH_DAY as a closed form of the instant."""

    _DAY_CACHE = 4096

    def __init__(self, weekday: tuple[int, ...], weekend: tuple[int, ...]) -> None:
        self._profiles = (weekday, weekend)
        self._tables: dict[tuple[bool, int], tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._days: dict[date, _Day] = {}
        self._weekday_total = sum(weekday)
        self._weekend_total = sum(weekend)
        # 23- and 25-hour days are Sundays (last of March / October); a day's length decides
        # which local slots it holds, so one of each stands for them all.
        spring, autumn = london.bst_transitions(EPOCH_DAY.year)
        self._short_extra = sum(self._table(spring.date())[0]) - self._weekend_total
        self._long_extra = sum(self._table(autumn.date())[0]) - self._weekend_total
        self._weekend_prefix = [0]
        for k in range(7):
            weekend_day = (EPOCH_DAY + timedelta(days=k)).weekday() >= 5
            self._weekend_prefix.append(self._weekend_prefix[-1] + weekend_day)

    def milli_at(self, instant: datetime) -> int:
        return self._micro_at(instant) // MICRO_PER_MILLI

    def half_hours(self, start: datetime, end: datetime) -> Iterator[HalfHour]:
        if start >= end:
            return iter(())
        first = self.milli_at(start)  # validates both ends eagerly, before iteration
        last = self.milli_at(end)
        return self._walk(start, end, first, last)

    def _walk(self, start: datetime, end: datetime, first: int, last: int) -> Iterator[HalfHour]:
        day, info = self._locate(start)
        amounts = info.amounts
        i = (start - info.midnight) // SLOT
        slot_start = info.midnight + i * SLOT
        cumulative = info.before + info.prefix[i]
        previous = first
        while True:
            slot_end = slot_start + SLOT
            if slot_end >= end:
                yield HalfHour(slot_start, last - previous)
                return
            cumulative += amounts[i]
            current = cumulative // MICRO_PER_MILLI
            yield HalfHour(slot_start, current - previous)
            previous = current
            slot_start = slot_end
            i += 1
            if i == len(amounts):
                day += _ONE_DAY
                amounts = self._day(day).amounts
                i = 0

    def day(self, day: date) -> _Day:
        return self._day(day)

    def _micro_at(self, instant: datetime) -> int:
        _, info = self._locate(instant)
        i, rest = divmod(instant - info.midnight, SLOT)
        partial = info.amounts[i] * (rest // _MICROSECOND) // _SLOT_US
        return info.before + info.prefix[i] + partial

    def _locate(self, instant: datetime) -> tuple[date, _Day]:
        """The local day holding ``instant``: its UTC date, or the next one late on a BST day."""
        day = instant.date()
        info = self._day(day, instant)
        if instant >= info.end:
            day += _ONE_DAY
            info = self._day(day, instant)
        return day, info

    def _day(self, day: date, instant: datetime | None = None) -> _Day:
        info = self._days.get(day)
        if info is None:
            if not EPOCH_DAY <= day <= LAST_DAY:
                at = instant.isoformat() if instant else day.isoformat()
                raise ModelError(f"{at} is outside local days {EPOCH_DAY} to {LAST_DAY}")
            if len(self._days) >= self._DAY_CACHE:
                self._days.clear()
            amounts, prefix = self._table(day)
            before = self._micro_before(day)
            info = self._days[day] = _Day(
                london.local_midnight_utc(day),
                london.local_midnight_utc(day + _ONE_DAY),
                amounts,
                prefix,
                before,
                tuple((before + p) // MICRO_PER_MILLI for p in prefix),
            )
        return info

    def _micro_before(self, day: date) -> int:
        """Consumption from EPOCH_DAY to the local midnight starting ``day``, in O(1)."""
        days = (day - EPOCH_DAY).days
        weeks, rest = divmod(days, 7)
        weekend_days = 2 * weeks + self._weekend_prefix[rest]
        total = (days - weekend_days) * self._weekday_total + weekend_days * self._weekend_total
        spring, autumn = london.bst_transitions(day.year)
        years = day.year - EPOCH_DAY.year
        total += (years + (spring.date() < day)) * self._short_extra
        total += (years + (autumn.date() < day)) * self._long_extra
        return total

    def _table(self, day: date) -> tuple[tuple[int, ...], tuple[int, ...]]:
        slots = london.local_slots(day)
        key = (day.weekday() >= 5, len(slots))
        table = self._tables.get(key)
        if table is None:
            profile = self._profiles[key[0]]
            amounts = tuple(profile[s] for s in slots)
            prefix = [0]
            for amount in amounts:
                prefix.append(prefix[-1] + amount)
            table = self._tables[key] = (amounts, tuple(prefix))
        return table


def _interval(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    start, end = require_utc(start, "start"), require_utc(end, "end")
    if end < start:
        raise ModelError(f"interval ends before it starts: {start} to {end}")
    return start, end


def _slot_table(amounts: tuple[int, ...], name: str) -> tuple[int, ...]:
    if len(amounts) != SLOTS_PER_DAY or any(
        isinstance(a, bool) or not isinstance(a, int) or a < 0 for a in amounts
    ):
        raise ModelError(f"{name} profile must be {SLOTS_PER_DAY} non-negative ints")
    return tuple(amounts)


def _weights(weights: Sequence[int], name: str) -> tuple[int, ...]:
    values = tuple(weights)
    if len(values) != SLOTS_PER_DAY:
        raise ModelError(f"{name} needs {SLOTS_PER_DAY} entries, got {len(values)}")
    if any(isinstance(w, bool) or not isinstance(w, int) or w < 0 for w in values):
        raise ModelError(f"{name} must be non-negative ints")
    if sum(values) == 0:
        raise ModelError(f"{name} must not all be zero")
    return values


def _apportion(total: int, weights: tuple[int, ...]) -> tuple[int, ...]:
    """Split ``total`` in proportion to ``weights`` exactly (largest remainder, ties by slot)."""
    weight_sum = sum(weights)
    shares = [divmod(total * w, weight_sum) for w in weights]
    amounts = [quotient for quotient, _ in shares]
    shortfall = total - sum(amounts)
    by_remainder = sorted(range(len(weights)), key=lambda k: (-shares[k][1], k))
    for k in by_remainder[:shortfall]:
        amounts[k] += 1
    return tuple(amounts)
