"""Originator counters: each DCC User's must strictly increase, so a replay is refused.

Only a request whose signature verified moves its originator's counter (an unsigned or
forged one must not burn counters of the user it names); the check and the update are
one step under a lock, so two concurrent requests cannot both pass with one counter.
"""

from __future__ import annotations

import threading

from s1sr.models import EUI64


class CounterBook:
    def __init__(self) -> None:
        self._last: dict[EUI64, int] = {}
        self._lock = threading.Lock()

    def take(self, originator: EUI64, counter: int) -> int | None:
        """Record ``counter``; None if it is new, else the last counter seen (a replay)."""
        with self._lock:
            last = self._last.get(originator)
            if last is not None and counter <= last:
                return last
            self._last[originator] = counter
            return None

    def last(self, originator: EUI64) -> int | None:
        with self._lock:
            return self._last.get(originator)
