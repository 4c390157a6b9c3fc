"""The PPMID and the IHD: HAN devices whose only SRVs are firmware ones.

Their firmware lives in the HAN's ``FirmwareSlot`` (the HAN coordinates upgrades), so the
device objects hold identity and the one PPMID knob that is not about firmware: whether a
PPMID swapped in as a replacement joins the HAN (scope:ppmid-swap-out on the incoming
PPMID's Device Model). The CHF's device log records the add either way (18.62(f) is the
CHF's); a PPMID that does not join is in the log but cannot be reached.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from s1sr.dmves import DeviceModel
from s1sr.emulator.device import Device, Outcome
from s1sr.emulator.han import codes
from s1sr.emulator.han.knobs import set_by
from s1sr.emulator.han.replies import refused
from s1sr.models import EUI64, DeviceType, Request

SWAP_OUT = "scope:ppmid-swap-out"


@dataclass(frozen=True)
class PpmidBehaviour:
    ppmid_joins_as_replacement: bool = field(metadata=set_by(SWAP_OUT))

    @classmethod
    def from_model(cls, model: DeviceModel) -> PpmidBehaviour:
        return cls(ppmid_joins_as_replacement=model.applies(SWAP_OUT))


class HanDisplayDevice(Device):
    """A PPMID or an IHD. Firmware SRVs reach the HAN's coordinator, never ``handle``."""

    def __init__(self, device_id: EUI64, device_type: DeviceType, model: DeviceModel) -> None:
        if device_type not in (DeviceType.PPMID, DeviceType.IHD):
            raise ValueError(f"a {device_type} is not a display device")
        self.device_id = device_id
        self.device_type = device_type
        self.model = model

    def handle(self, request: Request, now: datetime) -> Outcome:
        return refused(request, codes.NOT_SUPPORTED)
