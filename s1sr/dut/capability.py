"""What a DUT declares it can do beyond exchanging SRVs."""

from __future__ import annotations

from enum import StrEnum


class Capability(StrEnum):
    CLOCK_CONTROL = "clock control"  # set and advance the device's clock (virtual time)
    RESET = "reset"  # return the installation to its commissioned state
