"""The meter's logs: daily reads, billing data (12 entries each), half-hourly profile data.

The daily read log keeps its records by the meter's log day (``LogDay``). On a local day
a record is written by the snapshot that closes the day. On a UTC day (the gas meter of
18.21(f)) a record is opened at 00:00 UTC, pre-filled from the latest entry and stamped
with the day's start, and the snapshot taken during that day replaces it: in GMT at once
(local midnight is 00:00 UTC), in BST only at 23:00 UTC. Until then a read that reaches
the current day sees the open record: the previous 23:00 entry again, stamped 00:00.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from typing import Generic, NamedTuple, Protocol, TypeVar

from s1sr.emulator import london
from s1sr.emulator.meter.behaviour import ProfileAccess, ProfileStamping
from s1sr.emulator.meter.measure import Measure
from s1sr.models import DailyReading, Energy, EnergyUnit, ProfileEntry
from s1sr.models.billing_log import MAX_BILLING_LOG_ENTRIES
from s1sr.models.daily_log import MAX_DAILY_LOG_ENTRIES
from s1sr.models.profile import MAX_PROFILE_ENTRIES

_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_SLOT_US = london.SLOT // _MICROSECOND
_PROFILE_SLACK = 2048  # trim the profile lists in batches, not on every half hour
_LAST_DAY = 48


class _Stamped(Protocol):
    timestamp: datetime


E = TypeVar("E", bound=_Stamped)


def _minus(a: int, b: int) -> int:
    return a - b


def _in_range(entries: Iterable[E], start: datetime, end: datetime) -> tuple[E, ...]:
    return tuple(entry for entry in entries if start <= entry.timestamp <= end)


def _instants(starts: list[int], lo: int, hi: int) -> Iterator[datetime]:
    """``starts[lo:hi]`` as datetimes (most one half hour after the one before)."""
    at, previous = _EPOCH, None
    for start in starts[lo:hi]:
        if previous is not None and start - previous == _SLOT_US:
            at += london.SLOT
        else:
            at = _EPOCH + start * _MICROSECOND
        previous = start
        yield at


class BoundedLog(Generic[E]):
    """A billing data log: the newest 12 entries."""

    def __init__(self, capacity: int = MAX_BILLING_LOG_ENTRIES) -> None:
        self._entries: deque[E] = deque(maxlen=capacity)
        self.ever_written = False

    def append(self, entry: E) -> None:
        self._entries.append(entry)
        self.ever_written = True

    def read(self, start: datetime, end: datetime) -> tuple[E, ...]:
        return _in_range(self._entries, start, end)

    def __len__(self) -> int:
        return len(self._entries)


class DailyRow(NamedTuple):
    """A daily snapshot as the registers held it (thousandths of the native unit): a
    ``DailyReading`` is built from it only when a read returns it."""

    timestamp: datetime
    import_native: int
    counters: tuple[int, ...]


class BillingRow(NamedTuple):
    """A billing calendar snapshot as the registers and account held it: a
    ``BillingSnapshot`` is built from it only when a read returns it (the log keeps 12;
    a daily calendar walked for months writes many more)."""

    timestamp: datetime
    import_native: int
    tou: tuple[int, ...]  # the tariff's TOU registers, native
    counters: tuple[int, ...]  # the block counters the log sees, native
    counter_unit: EnergyUnit
    balance: int
    debts: tuple[int, int, int]  # time-based 1 and 2, payment-based, in pence


class DailyLog:
    def __init__(self, reading: Callable[[DailyRow], DailyReading]) -> None:
        self._entries: deque[DailyRow] = deque(maxlen=MAX_DAILY_LOG_ENTRIES - 1)
        self._open: DailyRow | None = None
        self._reading = reading

    def write(self, row: DailyRow) -> None:
        """A snapshot: it replaces the open record, if there is one."""
        self._open = None
        self._entries.append(row)

    def open_day(self, day_start: datetime) -> None:
        """Start a UTC day's record from the latest entry, until its snapshot replaces it."""
        latest = self._entries[-1] if self._entries else None
        self._open = None if latest is None else latest._replace(timestamp=day_start)

    def read(
        self, start: datetime, end: datetime, live: DailyReading | None = None
    ) -> tuple[DailyReading, ...]:
        """The entries stamped in ``[start, end]``; a faulty meter fills the open record
        with its ``live`` registers instead of the latest entry's."""
        entries = tuple(map(self._reading, _in_range(self._entries, start, end)))
        row = self._open
        if row is not None and start <= row.timestamp <= end:
            record = self._reading(row)
            if live is not None:
                record = DailyReading(record.timestamp, live.import_register, live.block_counters)
            entries += (record,)
        return entries


class ProfileLog:
    """Consumption per completed UTC half hour, in thousandths of the meter's unit.

    A gas meter may report its profile in kWh (``in_kwh``): each half hour is then the
    difference of its converted cumulative register at the two ends, so a day's entries sum
    to the converted difference of the register, as a device converting cumulative values
    would report them. A faulty meter may log its cumulative register instead
    (``cumulative``).

    Half hours are kept by their start in microseconds from 2000-01-01T00:00Z: catch-up
    logs a day's 48 at once (a ``range``), and only those read become datetimes.
    """

    def __init__(self, measure: Measure, *, in_kwh: bool = False, cumulative: bool = False) -> None:
        self.unit = EnergyUnit.KWH if in_kwh else measure.unit
        self._convert = measure.wh if in_kwh else None
        self._cumulative = cumulative
        self._starts: list[int] = []  # microseconds from _EPOCH
        self._milli: list[int] = []

    def append(self, start: datetime, milli: int, register_after: int) -> None:
        self._starts.append((start - _EPOCH) // _MICROSECOND)
        if self._cumulative:
            milli = register_after if self._convert is None else self._convert(register_after)
        elif self._convert is not None:
            milli = self._convert(register_after) - self._convert(register_after - milli)
        self._milli.append(milli)
        if len(self._starts) > MAX_PROFILE_ENTRIES + _PROFILE_SLACK:
            self._trim()

    def extend(self, start: datetime, milli: list[int], register_after: int) -> None:
        """Consecutive half hours from ``start``, as ``append`` would log them one by one;
        ``register_after`` is the register at the end of the last (catch-up's whole days)."""
        if not milli:
            return
        first = (start - _EPOCH) // _MICROSECOND
        self._starts.extend(range(first, first + len(milli) * _SLOT_US, _SLOT_US))
        convert = self._convert
        if self._cumulative or convert is not None:
            ends = list(accumulate(reversed(milli[1:]), initial=register_after, func=_minus))
            ends.reverse()  # the register at the end of each half hour
            if self._cumulative:
                milli = ends if convert is None else list(map(convert, ends))
            else:
                assert convert is not None
                milli = [
                    convert(end) - convert(end - m) for end, m in zip(ends, milli, strict=True)
                ]
        self._milli.extend(milli)
        if len(self._starts) > MAX_PROFILE_ENTRIES + _PROFILE_SLACK:
            self._trim()

    def _trim(self) -> None:
        excess = len(self._starts) - MAX_PROFILE_ENTRIES  # what no read can reach
        del self._starts[:excess]
        del self._milli[:excess]

    def __len__(self) -> int:
        return min(len(self._starts), MAX_PROFILE_ENTRIES)

    def read(
        self,
        start: datetime,
        end: datetime,
        access: ProfileAccess,
        stamping: ProfileStamping,
    ) -> tuple[ProfileEntry, ...]:
        if access is ProfileAccess.EMPTY:
            return ()
        first = max(len(self._starts) - MAX_PROFILE_ENTRIES, 0)
        entries = self._stamped(start, end, first, stamping)
        if access is ProfileAccess.LAST_DAY:
            entries = entries[-_LAST_DAY:]
        return entries[:MAX_PROFILE_ENTRIES]

    def _stamped(
        self, start: datetime, end: datetime, first: int, stamping: ProfileStamping
    ) -> tuple[ProfileEntry, ...]:
        unit, starts, milli = self.unit, self._starts, self._milli
        since, until = (start - _EPOCH) // _MICROSECOND, (end - _EPOCH) // _MICROSECOND
        if stamping is ProfileStamping.UTC:
            lo = max(bisect_left(starts, since), first)
            hi = bisect_right(starts, until)
            return tuple(
                ProfileEntry(at, Energy(amount, unit))
                for at, amount in zip(_instants(starts, lo, hi), milli[lo:hi], strict=True)
            )
        # wall-clock stamps run at most an hour ahead of UTC: widen the search, then filter
        lo = max(bisect_left(starts, since - 2 * _SLOT_US), first)
        hi = bisect_right(starts, until)
        entries = []
        for i, at in enumerate(_instants(starts, lo, hi), lo):
            stamp = london.local(at).replace(tzinfo=UTC)
            if start <= stamp <= end:
                entries.append(ProfileEntry(stamp, Energy(milli[i], unit)))
        return tuple(entries)
