"""SRV 4.6.1 Retrieve Import Daily Read Log.

Entries are not required to be in time order: the 18.21(f) BST duplicate (the 23:00
entry repeated stamped 00:00) and faulty devices must both be representable so that a
test can see them. A reading may carry the day's block counters, because 18.14(a)
(their unit) and 18.21(e) (reset before the snapshot) are read from this log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from s1sr.models.checks import check_energy, check_period, check_timestamp, check_tuple
from s1sr.models.energy import Energy
from s1sr.models.envelope import RequestBody, ResponseBody
from s1sr.models.readings import MAX_BLOCK_COUNTERS
from s1sr.models.srv import SRV

MAX_DAILY_LOG_ENTRIES = 731  # two years of days, the SMETS daily read log capacity


@dataclass(frozen=True)
class DailyReadLogRequest(RequestBody):
    srv: ClassVar[SRV] = SRV.RETRIEVE_IMPORT_DAILY_READ_LOG

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        check_period(self.start, self.end)


@dataclass(frozen=True)
class DailyReading:
    timestamp: datetime
    import_register: Energy
    block_counters: tuple[Energy, ...] = ()  # row-major, as in BillingSnapshot

    def __post_init__(self) -> None:
        check_timestamp(self.timestamp, "timestamp")
        check_energy(self.import_register, "import_register")
        check_tuple(self.block_counters, "block_counters", Energy, 0, MAX_BLOCK_COUNTERS)


@dataclass(frozen=True)
class DailyReadLogResponse(ResponseBody):
    srv: ClassVar[SRV] = SRV.RETRIEVE_IMPORT_DAILY_READ_LOG

    entries: tuple[DailyReading, ...]

    def __post_init__(self) -> None:
        check_tuple(self.entries, "entries", DailyReading, 0, MAX_DAILY_LOG_ENTRIES)
