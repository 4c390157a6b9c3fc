"""Which devices a DUT holds, and which DCC Users may command them.

The suite needs the EUI-64 of the Device Model under test, the devices around it on the
same HAN (the CHF for 8.11, the PPMID), PPMIDs known to the S1SP but off the HAN (to swap
in), and the DCC Users: the supplier of a meter, and one that does not supply it (split
supply). The device type here is the one the DUT reports, checked against the DMVES.
"""

from __future__ import annotations

from dataclasses import dataclass

from s1sr.models import EUI64, DeviceType, InstallationInventory, ModelError


@dataclass(frozen=True)
class DeviceEntry:
    id: EUI64
    device_type: DeviceType
    model_id: str | None = None  # the DMVES Device Model, when the DUT knows it
    supplier: EUI64 | None = None  # the DCC User that supplies this meter (meters only)
    on_han: bool = True  # False: known to the S1SP, not (yet) on the HAN (a spare PPMID)

    def __post_init__(self) -> None:
        if not isinstance(self.id, EUI64):
            raise ModelError(f"id must be an EUI64, got {type(self.id).__name__}")
        if not isinstance(self.device_type, DeviceType):
            raise ModelError(f"device_type must be a DeviceType, got {self.device_type!r}")
        if self.supplier is not None and not isinstance(self.supplier, EUI64):
            raise ModelError("supplier must be an EUI64 or None")


@dataclass(frozen=True)
class Inventory:
    devices: tuple[DeviceEntry, ...]
    users: tuple[EUI64, ...]  # DCC Users the installation knows, the first one by default

    def __post_init__(self) -> None:
        ids = [d.id for d in self.devices]
        if len(set(ids)) != len(ids):
            raise ModelError("a device appears twice in the inventory")
        if not self.users:
            raise ModelError("an inventory names at least one DCC User")
        if not all(isinstance(u, EUI64) for u in self.users):
            raise ModelError("users must be EUI64s")

    def of_model(self, model_id: str) -> DeviceEntry | None:
        return next((d for d in self.devices if d.model_id == model_id), None)

    def device(self, device_id: EUI64) -> DeviceEntry | None:
        return next((d for d in self.devices if d.id == device_id), None)

    def on_han(self, device_type: DeviceType) -> tuple[DeviceEntry, ...]:
        return tuple(d for d in self.devices if d.on_han and d.device_type is device_type)

    def spares(self, device_type: DeviceType) -> tuple[DeviceEntry, ...]:
        return tuple(d for d in self.devices if not d.on_han and d.device_type is device_type)

    def user_for(self, device_id: EUI64) -> EUI64:
        """A DCC User allowed to command the device: a meter's supplier, else the first."""
        entry = self.device(device_id)
        if entry is not None and entry.supplier is not None:
            return entry.supplier
        return self.users[0]

    def other_user(self, device_id: EUI64) -> EUI64 | None:
        """A DCC User of the installation that does not supply the device, if any."""
        own = self.user_for(device_id)
        return next((u for u in self.users if u != own), None)


def reported_inventory(reported: InstallationInventory) -> Inventory:
    """The inventory a DUT's test hooks report (over TCP or DUIS), as the suite holds it."""
    devices = tuple(
        DeviceEntry(d.device, d.device_type, d.model_id, d.supplier, d.on_han)
        for d in reported.devices
    )
    return Inventory(devices, reported.users)
