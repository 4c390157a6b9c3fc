"""What a check needs to know about a device's reported values beyond the values themselves.

A device may report energy more coarsely than the models' thousandths (in hundredths, say):
a check that compares sums or differences of its values must allow the rounding that its own
resolution implies, or it fails a correct device.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from s1sr.dmves import DeviceModel


def resolution(values: Iterable[int]) -> int:
    """The coarsest step (1, 10, 100 or 1000 thousandths) all nonzero ``values`` are
    multiples of: a device reporting in hundredths rounds each value by up to 10."""
    found = list(values)
    step = 1000
    while step > 1 and any(v % step for v in found if v):
        step //= 10
    return step if any(found) else 1


Stamping = Callable[[datetime], datetime]
LONDON = ZoneInfo("Europe/London")
OPT_IN_OUT = "scope:opt-in-out-tactical-fix"


def utc_stamp(instant: datetime) -> datetime:
    return instant


def wall_clock_stamp(instant: datetime) -> datetime:
    """The London wall-clock time written as if UTC."""
    return instant.astimezone(LONDON).replace(tzinfo=UTC)


def profile_stampings(model: DeviceModel) -> tuple[tuple[Stamping, str], ...]:
    """How ``model`` may stamp its profile half hours, each with a name for messages.

    UTC half hours are the catalogued stamping only with the opt-in / opt-out fix; without
    it the London wall clock written as UTC is allowed too.
    """
    if model.applies(OPT_IN_OUT):
        return ((utc_stamp, "UTC"),)
    return ((utc_stamp, "UTC"), (wall_clock_stamp, "local wall clock"))
