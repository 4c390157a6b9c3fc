"""Applied UTRNs: the meter never credits the same top-up twice.

GBCS meters refuse a UTRN whose counter they have already used, so a repeated UTRN is
refused "because its counter is not new" (the scope:duplicate-utrn baseline) and so is a
different UTRN reusing a counter. The S1SP's own duplicate check (scope:duplicate-utrn
mapped, alert S1PX02) asks ``has_applied``: the device's record is the one record of
what was credited. A device that keeps no record (``records_utrns`` false, a fault)
credits a repeated UTRN again, and the S1SP, asking it, cannot tell either.
"""

from __future__ import annotations

from s1sr.models import Utrn


class UtrnLedger:
    def __init__(self, *, records: bool) -> None:
        self._records = records
        self._applied: set[Utrn] = set()
        self._counters: set[int] = set()

    def has_applied(self, utrn: Utrn) -> bool:
        """This exact UTRN (all 20 digits) was credited before."""
        return utrn in self._applied

    def counter_used(self, utrn: Utrn) -> bool:
        return utrn.counter in self._counters

    def record(self, utrn: Utrn) -> None:
        if self._records:
            self._applied.add(utrn)
            self._counters.add(utrn.counter)

    def __len__(self) -> int:
        return len(self._applied)
