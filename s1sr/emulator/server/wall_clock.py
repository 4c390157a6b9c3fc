"""The host's clock in whole seconds: what a server without test hooks runs on.

Every time the wire format carries counts whole seconds, and the S1SP stamps S1CE20 with
the instant its timeout fell due; on the raw system clock that instant would carry
microseconds no frame can hold.
"""

from __future__ import annotations

from datetime import UTC, datetime


class WallClock:
    def now(self) -> datetime:
        return datetime.now(UTC).replace(microsecond=0)

    def __repr__(self) -> str:
        return "WallClock()"
