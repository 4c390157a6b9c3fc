"""The HAN side of an installation: the CHF and its device log, PPMID and IHD, and the
firmware upgrades coordinated per HAN (11.1, 11.2, 11.3 for every device on it)."""

from s1sr.emulator.han.chf import Chf, ChfBehaviour, DeviceRemoval, PpmidReplacement
from s1sr.emulator.han.firmware import FIRMWARE_SRVS, HanFirmware
from s1sr.emulator.han.firmware_behaviour import (
    BilingualRead,
    BilingualUpgrade,
    FirmwareActivate,
    FirmwareBehaviour,
    FirmwareRead,
    FirmwareUpdate,
    UpgradeConflict,
)
from s1sr.emulator.han.firmware_slot import FirmwareSlot, HeldImage
from s1sr.emulator.han.knobs import KnobError
from s1sr.emulator.han.network import Han, Member
from s1sr.emulator.han.ppmid import HanDisplayDevice, PpmidBehaviour

__all__ = [
    "FIRMWARE_SRVS",
    "BilingualRead",
    "BilingualUpgrade",
    "Chf",
    "ChfBehaviour",
    "DeviceRemoval",
    "FirmwareActivate",
    "FirmwareBehaviour",
    "FirmwareRead",
    "FirmwareSlot",
    "FirmwareUpdate",
    "Han",
    "HanDisplayDevice",
    "HanFirmware",
    "HeldImage",
    "KnobError",
    "Member",
    "PpmidBehaviour",
    "PpmidReplacement",
    "UpgradeConflict",
]
