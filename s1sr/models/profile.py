"""SRV 4.8.1 Read Active Import Profile Data: half-hourly consumption.

18.22(b)-(d), 18.23 and 18.24 restore access to this data; the model only describes
what a successful read returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from s1sr.models.checks import check_energy, check_period, check_timestamp, check_tuple
from s1sr.models.energy import Energy
from s1sr.models.envelope import RequestBody, ResponseBody
from s1sr.models.errors import ModelError
from s1sr.models.srv import SRV

HALF_HOUR_SECONDS = 1800
MAX_PROFILE_ENTRIES = 48 * 397  # thirteen months of half hours


@dataclass(frozen=True)
class ProfileDataRequest(RequestBody):
    srv: ClassVar[SRV] = SRV.READ_ACTIVE_IMPORT_PROFILE_DATA

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        check_period(self.start, self.end)


@dataclass(frozen=True)
class ProfileEntry:
    """Consumption in the half hour that starts at ``timestamp`` (on a :00 or :30 boundary)."""

    timestamp: datetime
    consumption: Energy

    def __post_init__(self) -> None:
        check_timestamp(self.timestamp, "timestamp")
        if self.timestamp.minute % 30 or self.timestamp.second:
            raise ModelError(f"timestamp: {self.timestamp.isoformat()} is not a half hour")
        check_energy(self.consumption, "consumption")


@dataclass(frozen=True)
class ProfileDataResponse(ResponseBody):
    srv: ClassVar[SRV] = SRV.READ_ACTIVE_IMPORT_PROFILE_DATA

    entries: tuple[ProfileEntry, ...]

    def __post_init__(self) -> None:
        check_tuple(self.entries, "entries", ProfileEntry, 0, MAX_PROFILE_ENTRIES)
