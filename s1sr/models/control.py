"""Test-hook control messages: read, set and advance the emulator's clock, reset an installation.

Two actions change nothing and are honoured without ``--test-hooks``: ``ReadClock`` and
``ReadInventory`` (which devices the installation holds, their types, Device Models,
running firmware and suppliers, the DCC Users, and the S1SP timeout), so the suite can
check what a device under test declares against what it observes.

A conformance run never sleeps: S1CE20 timeouts, BST changes and billing dates are
reached by moving the emulator's virtual clock. Over TCP that takes messages of their
own, kept apart from SRV traffic: they are not DUIS, and the server honours them only
when started with ``--test-hooks`` (otherwise it answers ``REFUSED``). The codec just
carries them. ``target`` names a device of the installation the hook applies to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from s1sr.models.checks import (
    check_bool,
    check_enum,
    check_instance,
    check_int,
    check_optional,
    check_text,
    check_timestamp,
    check_tuple,
    check_unique,
)
from s1sr.models.device_id import EUI64
from s1sr.models.device_type import DeviceType
from s1sr.models.envelope import MAX_REQUEST_ID
from s1sr.models.errors import ModelError
from s1sr.models.firmware import FirmwareVersion

# The instants every wire encoding of s1sr can carry (uint32 seconds since 2000).
CLOCK_MIN = datetime(2000, 1, 1, tzinfo=UTC)
CLOCK_MAX = datetime(2136, 2, 7, 6, 28, 14, tzinfo=UTC)
MAX_ADVANCE_SECONDS = (1 << 32) - 1
MAX_REASON = 255
MAX_INVENTORY_DEVICES = 64
MAX_INVENTORY_USERS = 16
MAX_MODEL_ID = 64
MAX_S1SP_TIMEOUT = (1 << 32) - 1
_SUPPLIED = frozenset({DeviceType.ESME, DeviceType.GSME})


def _check_instant(value: datetime, field: str) -> datetime:
    check_timestamp(value, field)
    if not CLOCK_MIN <= value <= CLOCK_MAX:
        raise ModelError(f"{field}: {value.isoformat()} is outside {CLOCK_MIN} .. {CLOCK_MAX}")
    return value


@dataclass(frozen=True)
class ReadClock:
    """Ask for the clock's instant; changes nothing."""


@dataclass(frozen=True)
class SetClock:
    """Jump the clock to ``instant`` (forwards or backwards)."""

    instant: datetime

    def __post_init__(self) -> None:
        _check_instant(self.instant, "instant")


@dataclass(frozen=True)
class AdvanceClock:
    """Move the clock forwards by ``seconds``, firing every timer that falls due on the way."""

    seconds: int

    def __post_init__(self) -> None:
        check_int(self.seconds, "seconds", 0, MAX_ADVANCE_SECONDS)


@dataclass(frozen=True)
class ResetInstallation:
    """Return the installation to its commissioned state (the clock keeps its instant)."""


@dataclass(frozen=True)
class ReadInventory:
    """Ask what the installation holds; changes nothing, so it needs no test hooks."""


ControlAction = ReadClock | SetClock | AdvanceClock | ResetInstallation | ReadInventory
_ACTIONS = (ReadClock, SetClock, AdvanceClock, ResetInstallation, ReadInventory)


class ControlOutcome(StrEnum):
    OK = "ok"
    REFUSED = "refused"  # e.g. a server started without --test-hooks


def _check_request_id(value: int) -> None:
    check_int(value, "request_id", 0, MAX_REQUEST_ID)


@dataclass(frozen=True)
class ControlRequest:
    request_id: int
    target: EUI64
    action: ControlAction

    def __post_init__(self) -> None:
        _check_request_id(self.request_id)
        check_instance(self.target, EUI64, "target")
        check_instance(self.action, _ACTIONS, "action")


@dataclass(frozen=True)
class InventoryDevice:
    """One device as the installation reports it: what the suite compares with the DMVES."""

    device: EUI64
    device_type: DeviceType
    model_id: str | None  # the DMVES Device Model id, when the installation knows it
    firmware_version: FirmwareVersion  # the version running now (as 11.2 would read it)
    supplier: EUI64 | None  # the DCC User supplying it: meters only
    on_han: bool  # False: known to the S1SP but not on the HAN (a spare PPMID to swap in)

    def __post_init__(self) -> None:
        check_instance(self.device, EUI64, "device")
        check_enum(self.device_type, DeviceType, "device_type")
        if self.model_id is not None:
            check_text(self.model_id, "model_id", MAX_MODEL_ID)
            if not self.model_id:
                raise ModelError("model_id: must not be empty (None when unknown)")
        check_instance(self.firmware_version, FirmwareVersion, "firmware_version")
        check_optional(self.supplier, EUI64, "supplier")
        if self.supplier is not None and self.device_type not in _SUPPLIED:
            raise ModelError(f"supplier: only a meter has a supplier, not a {self.device_type}")
        check_bool(self.on_han, "on_han")


@dataclass(frozen=True)
class InstallationInventory:
    """The answer to ``ReadInventory``.

    ``users`` are the DCC Users the installation knows (each meter's supplier among them);
    ``s1sp_timeout`` is how long, in seconds, the S1SP waits for a device before S1CE20,
    so a client with clock control knows how far to advance.
    """

    devices: tuple[InventoryDevice, ...]
    users: tuple[EUI64, ...]
    s1sp_timeout: int

    def __post_init__(self) -> None:
        check_tuple(self.devices, "devices", InventoryDevice, 1, MAX_INVENTORY_DEVICES)
        check_unique(tuple(d.device for d in self.devices), "devices")
        check_tuple(self.users, "users", EUI64, 1, MAX_INVENTORY_USERS)
        check_unique(self.users, "users")
        check_int(self.s1sp_timeout, "s1sp_timeout", 1, MAX_S1SP_TIMEOUT)


@dataclass(frozen=True)
class ControlResponse:
    """The outcome, and the clock's instant after the action (or unchanged, when refused)."""

    request_id: int
    target: EUI64
    outcome: ControlOutcome
    clock: datetime
    reason: str = ""  # why it was refused: printable ASCII

    def __post_init__(self) -> None:
        _check_request_id(self.request_id)
        check_instance(self.target, EUI64, "target")
        check_enum(self.outcome, ControlOutcome, "outcome")
        _check_instant(self.clock, "clock")
        check_text(self.reason, "reason", MAX_REASON)


@dataclass(frozen=True)
class InventoryResponse:
    """The answer to ``ReadInventory``: the inventory, and the clock's instant.

    A message kind of its own rather than a field of ``ControlResponse``, so every control
    response keeps its one encoding and a truncated inventory can never pass for a whole
    control response. A server that does not report inventories answers ``ReadInventory``
    with a refused ``ControlResponse`` instead.
    """

    request_id: int
    target: EUI64
    clock: datetime
    inventory: InstallationInventory

    def __post_init__(self) -> None:
        _check_request_id(self.request_id)
        check_instance(self.target, EUI64, "target")
        _check_instant(self.clock, "clock")
        check_instance(self.inventory, InstallationInventory, "inventory")


ControlMessage = ControlRequest | ControlResponse | InventoryResponse
