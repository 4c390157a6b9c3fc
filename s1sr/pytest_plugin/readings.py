"""What a check needs to know about a device's reported values beyond the values themselves.

A device may report energy more coarsely than the models' thousandths (in hundredths, say):
a check that compares sums or differences of its values must allow the rounding that its own
resolution implies, or it fails a correct device.
"""

from __future__ import annotations

from collections.abc import Iterable


def resolution(values: Iterable[int]) -> int:
    """The coarsest step (1, 10, 100 or 1000 thousandths) all nonzero ``values`` are
    multiples of: a device reporting in hundredths rounds each value by up to 10."""
    found = list(values)
    step = 1000
    while step > 1 and any(v % step for v in found if v):
        step //= 10
    return step if any(found) else 1
