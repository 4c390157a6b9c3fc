"""Time for the emulator: one injected clock that moves only when told to (or the wall clock).

Devices do not subscribe to the clock. A device remembers the instant it last caught up
to and, when it is fed a request, accrues consumption up to ``clock.now()`` (lazy
catch-up). Observers would make a year's advance cost a year of callbacks for devices
nobody asks, and would make the order in which devices hear about time a hidden
dependency; with the load profile's O(1) sums, catching up costs the same for a minute or
a year. What must happen at an instant even when nobody asks lives in ``timers``.
Nothing here sleeps.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol, runtime_checkable

from s1sr.models.dates import require_utc


class ClockError(ValueError):
    """A clock asked to do what would break time order (device logs must stay ordered)."""


@runtime_checkable
class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, aware UTC."""
        ...


class SystemClock:
    """The wall clock, for driving real devices. It may step backwards if the host's does."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def __repr__(self) -> str:
        return "SystemClock()"


class VirtualClock:
    """A clock that moves only when told to, and only forwards.

    Device logs must stay time-ordered (the one documented exception, 18.21(f), is a
    device behaviour, not a clock one), so moving the clock backwards is refused.
    """

    def __init__(self, start: datetime) -> None:
        self._now = as_utc(start, "start")

    def now(self) -> datetime:
        return self._now

    def set(self, instant: datetime) -> datetime:
        """Jump to ``instant`` (not earlier than now) and return it."""
        instant = as_utc(instant, "instant")
        if instant < self._now:
            raise ClockError(
                f"virtual time only moves forwards: now {self._now.isoformat()}, "
                f"asked for {instant.isoformat()}"
            )
        self._now = instant
        return instant

    def advance(self, delta: timedelta) -> datetime:
        """Move forwards by ``delta`` (zero or more) and return the new instant."""
        return self.set(self._now + non_negative(delta, "delta"))

    def __repr__(self) -> str:
        return f"VirtualClock({self._now.isoformat()})"


def as_utc(value: datetime, name: str) -> datetime:
    # require_utc accepts any zero-offset zone (London in winter): normalise the tzinfo too.
    return require_utc(value, name).astimezone(UTC)


def non_negative(delta: timedelta, name: str) -> timedelta:
    if not isinstance(delta, timedelta):
        raise ClockError(f"{name} must be a timedelta, got {type(delta).__name__}")
    if delta < timedelta(0):
        raise ClockError(f"{name} must not be negative, got {delta}")
    return delta
