"""Consumption registers: import, TOU, and block counters per log.

Block counters are kept cumulative per (block tariff, band) since the tariff came into
force; each log that reports them (daily read log, billing calendar log, change of mode
log) keeps its own origin, and reports the difference. Resetting "the counters a log
sees" is moving its origin to now, so when and in which order resets and snapshots happen
is all that decides what a snapshot shows: that order is the meter's day (``consumption``).
The price band of a block tariff follows the billing log's counters: the block period
ends when those counters are reset, and a band is full once the block tariff's use in the
period reaches the band's limit (``Measure.native``: the volume whose energy is the kWh
threshold, for gas).
"""

from __future__ import annotations

from enum import Enum
from itertools import chain
from operator import sub

from s1sr.models.tariff import MAX_TOU_PRICES


class LogKind(Enum):
    DAILY = "daily"
    BILLING = "billing"
    CHANGE = "change"


class Registers:
    def __init__(self, band_counts: tuple[int, ...]) -> None:
        self.import_native = 0
        self.tou = [0] * MAX_TOU_PRICES
        self.start_tariff(band_counts)

    def start_tariff(self, band_counts: tuple[int, ...]) -> None:
        """New block tariffs: counters start from zero, and so does every log's view of them."""
        self.blocks = [[0] * count for count in band_counts]
        self.period_native = [0] * len(band_counts)  # used in the block period, per tariff
        self._origins = {kind: [[0] * count for count in band_counts] for kind in LogKind}

    def counters(self, kind: LogKind) -> tuple[int, ...]:
        """The block counters ``kind`` sees, row-major, in thousandths of the native unit."""
        if not self.blocks:  # no block tariff (most): asked at every daily snapshot
            return ()
        # the origins are copies of the counters, row for row (``reset``, ``start_tariff``)
        return tuple(
            map(sub, chain.from_iterable(self.blocks), chain.from_iterable(self._origins[kind]))
        )

    def reset(self, kind: LogKind) -> None:
        if not self.blocks:  # nothing to move (no block tariff): daily, most meters
            return
        self._origins[kind] = [list(row) for row in self.blocks]
        if kind is LogKind.BILLING:
            self.period_native = [0] * len(self.blocks)
