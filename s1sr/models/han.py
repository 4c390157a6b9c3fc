"""SRV 8.11 Update HAN Device Log: add a device to, or remove it from, the CHF's log.

18.62(f) lifts the SMETS1 restriction on adding PPMIDs (PPMID swap-out), so a PPMID add
is a valid request; the response returns the CHF device log after the change, which
is where a swap shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from s1sr.models.checks import check_bytes, check_enum, check_instance, check_tuple, check_unique
from s1sr.models.device_id import EUI64
from s1sr.models.device_type import DeviceType
from s1sr.models.envelope import RequestBody, ResponseBody
from s1sr.models.errors import ModelError
from s1sr.models.srv import SRV

MAX_HAN_LOG_ENTRIES = 64  # a bound for the model, generous for any SMETS1 installation
INSTALL_CODE_LENGTHS = (6, 8, 12, 16)  # ZigBee install code sizes, without their CRC


class HanAction(StrEnum):
    ADD = "add"
    REMOVE = "remove"


def _check_joinable(device_type: DeviceType, field: str) -> None:
    check_enum(device_type, DeviceType, field)
    if device_type is DeviceType.CHF:
        raise ModelError(f"{field}: the CHF is not an entry of its own device log")


@dataclass(frozen=True)
class UpdateHanDeviceLogRequest(RequestBody):
    srv: ClassVar[SRV] = SRV.UPDATE_HAN_DEVICE_LOG

    action: HanAction
    device: EUI64
    device_type: DeviceType
    install_code: bytes | None = None  # only when adding

    def __post_init__(self) -> None:
        check_enum(self.action, HanAction, "action")
        check_instance(self.device, EUI64, "device")
        _check_joinable(self.device_type, "device_type")
        if self.install_code is not None:
            if self.action is not HanAction.ADD:
                raise ModelError("install_code: only an add carries an install code")
            check_bytes(self.install_code, "install_code", 6, 16)
            if len(self.install_code) not in INSTALL_CODE_LENGTHS:
                raise ModelError(
                    f"install_code: must be 6, 8, 12 or 16 bytes, got {len(self.install_code)}"
                )


@dataclass(frozen=True)
class HanLogEntry:
    device: EUI64
    device_type: DeviceType

    def __post_init__(self) -> None:
        check_instance(self.device, EUI64, "device")
        _check_joinable(self.device_type, "device_type")


@dataclass(frozen=True)
class UpdateHanDeviceLogResponse(ResponseBody):
    """The CHF device log after the change."""

    srv: ClassVar[SRV] = SRV.UPDATE_HAN_DEVICE_LOG

    entries: tuple[HanLogEntry, ...]

    def __post_init__(self) -> None:
        check_tuple(self.entries, "entries", HanLogEntry, 0, MAX_HAN_LOG_ENTRIES)
        check_unique(tuple(entry.device for entry in self.entries), "entries")

    def devices_of(self, device_type: DeviceType) -> tuple[EUI64, ...]:
        return tuple(e.device for e in self.entries if e.device_type is device_type)
