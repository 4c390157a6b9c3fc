"""S1SP timeouts that expire in the injected clock's time.

What must happen at a given instant even when nobody asks is the S1SP turning a device's
silence into S1CE20 once its timeout has elapsed. ``Timers`` holds those callbacks and
fires them in time order; ``Deadline`` is the value a transport that really waits on a
non-emulated device uses. Nothing here sleeps.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from s1sr.emulator.clock import Clock, ClockError, VirtualClock, as_utc, non_negative


@dataclass(frozen=True)
class Deadline:
    """The instant a wait gives up: an S1SP timeout measured on any clock."""

    at: datetime

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", as_utc(self.at, "at"))

    @classmethod
    def after(cls, clock: Clock, timeout: timedelta) -> Deadline:
        return cls(clock.now() + non_negative(timeout, "timeout"))

    def expired(self, now: datetime) -> bool:
        return as_utc(now, "now") >= self.at

    def remaining(self, now: datetime) -> timedelta:
        """How long a real transport should still wait; never negative."""
        return max(self.at - as_utc(now, "now"), timedelta(0))


TimerCallback = Callable[[datetime], None]


@dataclass(eq=False)
class Timer:
    """A handle on one scheduled callback; the callback receives the instant it was due."""

    at: datetime
    callback: TimerCallback = field(repr=False)
    cancelled: bool = False
    fired: bool = False

    def cancel(self) -> bool:
        """Stop the callback from firing; False if it already fired or was cancelled."""
        if self.fired or self.cancelled:
            return False
        self.cancelled = True
        return True


class Timers:
    """Callbacks due at instants of one clock, fired in time order (ties: scheduling order).

    A sans-I/O S1SP schedules a timeout when it forwards a request and cancels it when the
    device answers. With a ``VirtualClock``, ``advance``/``run_until`` move the clock through
    each due instant so a callback reading ``clock.now()`` sees its own due time. With any
    clock, ``run_due`` fires whatever is due now (a late callback still gets its due time).
    """

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._heap: list[tuple[datetime, int, Timer]] = []
        self._sequence = itertools.count()

    @property
    def clock(self) -> Clock:
        return self._clock

    def schedule(self, at: datetime, callback: TimerCallback) -> Timer:
        """Fire ``callback(at)`` once the clock reaches ``at`` (at once if already past)."""
        timer = Timer(as_utc(at, "at"), callback)
        heapq.heappush(self._heap, (timer.at, next(self._sequence), timer))
        return timer

    def after(self, delay: timedelta, callback: TimerCallback) -> Timer:
        """Fire ``callback`` once ``delay`` has elapsed on this clock."""
        return self.schedule(self._clock.now() + non_negative(delay, "delay"), callback)

    def next_due(self) -> datetime | None:
        """The earliest pending instant, or None when nothing is pending."""
        self._drop_cancelled()
        return self._heap[0][0] if self._heap else None

    def pending(self) -> int:
        return sum(1 for _, _, timer in self._heap if not timer.cancelled)

    def run_due(self) -> int:
        """Fire every timer due at ``clock.now()``, including ones those callbacks schedule."""
        now = self._clock.now()
        fired = 0
        while (due := self.next_due()) is not None and due <= now:
            _, _, timer = heapq.heappop(self._heap)
            timer.fired = True
            timer.callback(timer.at)
            fired += 1
        return fired

    def run_until(self, instant: datetime) -> int:
        """Move a virtual clock to ``instant``, stopping at each due timer to fire it."""
        clock = self._virtual_clock()
        instant = as_utc(instant, "instant")
        if instant < clock.now():
            raise ClockError(f"cannot run timers back to {instant.isoformat()}")
        fired = self.run_due()
        while (due := self.next_due()) is not None and due <= instant:
            clock.set(max(due, clock.now()))
            fired += self.run_due()
        clock.set(instant)
        return fired

    def advance(self, delta: timedelta) -> int:
        """``run_until(now + delta)``: the way a test hook should move virtual time."""
        return self.run_until(self._clock.now() + non_negative(delta, "delta"))

    def _drop_cancelled(self) -> None:
        while self._heap and self._heap[0][2].cancelled:
            heapq.heappop(self._heap)

    def _virtual_clock(self) -> VirtualClock:
        if not isinstance(self._clock, VirtualClock):
            raise ClockError("only a VirtualClock can be run forwards; use run_due()")
        return self._clock
