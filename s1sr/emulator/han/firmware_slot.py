"""One HAN device's firmware: the version it runs, and the image 11.1 left for 11.3."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from s1sr.emulator.han.firmware_behaviour import BilingualUpgrade, FirmwareBehaviour
from s1sr.models import EUI64, SRV, DeviceType, FirmwareVersion

ENGLISH = "en"
WELSH = "cy"


@dataclass(frozen=True)
class HeldImage:
    """An image distributed by 11.1 (or 11.4) and not yet activated: the upgrade under way."""

    version: FirmwareVersion
    image_hash: bytes
    request_id: int  # the 11.1 that brought it: a stopped upgrade's alert answers it
    received_at: datetime
    activate_at: datetime | None = None  # set by a future-dated 11.3
    srv: SRV = SRV.UPDATE_FIRMWARE  # 11.1, or 11.4 for a PPMID: what that alert names


@dataclass
class FirmwareSlot:
    device: EUI64
    device_type: DeviceType
    behaviour: FirmwareBehaviour
    factory: FirmwareVersion  # what the Device Model shipped with
    running: FirmwareVersion
    previous: FirmwareVersion  # what ran before the last activation
    languages: tuple[str, ...]  # the display's languages: a bilingual device has two
    held: HeldImage | None = None
    activations: list[tuple[datetime, FirmwareVersion]] = field(default_factory=list)

    @classmethod
    def new(
        cls,
        device: EUI64,
        device_type: DeviceType,
        behaviour: FirmwareBehaviour,
        version: FirmwareVersion,
        *,
        bilingual: bool,
    ) -> FirmwareSlot:
        languages = (ENGLISH, WELSH) if bilingual else (ENGLISH,)
        return cls(device, device_type, behaviour, version, version, version, languages)

    @property
    def coordinated(self) -> bool:
        """Whether the HAN's upgrade rule covers it: the CHF runs the HAN, it is not on it."""
        return self.device_type is not DeviceType.CHF

    def switch(self, at: datetime) -> FirmwareVersion:
        """Run the held image from ``at`` on; the version now running."""
        if self.held is None:
            raise RuntimeError(f"{self.device}: no image to activate")
        self.previous, self.running = self.running, self.held.version
        self.held = None
        self.activations.append((at, self.running))
        if self.behaviour.bilingual_firmware_outcome is BilingualUpgrade.DISPLAY_ENGLISH_ONLY:
            self.languages = (ENGLISH,)
        return self.running
