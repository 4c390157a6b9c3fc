"""SRV 11.4 Update PPMID Firmware: an image distributed to a PPMID.

FOC Uplift 2.1 brings PPMID firmware updates into scope (18.63(b), the scope item). DUIS
addresses 11.4 to the DCC and lists the device in ``DeviceIDList``; the model's
``Request.target`` is that PPMID, as for 11.1. The image follows 11.1's rules (a ZigBee
OTA image, its header's total size the image's length); 11.3 activates it by the hash
``image_hash`` gives. The response says, as 11.1's does, which version it answers for and
whether the image was taken.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from s1sr.models.checks import check_enum, check_instance
from s1sr.models.envelope import RequestBody, ResponseBody
from s1sr.models.firmware import FirmwareOutcome, FirmwareVersion, OtaImage
from s1sr.models.srv import SRV


@dataclass(frozen=True)
class UpdatePpmidFirmwareRequest(OtaImage, RequestBody):
    srv: ClassVar[SRV] = SRV.UPDATE_PPMID_FIRMWARE

    image: bytes  # checked as 11.1's is (OtaImage)


@dataclass(frozen=True)
class UpdatePpmidFirmwareResponse(ResponseBody):
    srv: ClassVar[SRV] = SRV.UPDATE_PPMID_FIRMWARE

    version: FirmwareVersion  # the version of the image this answers for
    outcome: FirmwareOutcome

    def __post_init__(self) -> None:
        check_instance(self.version, FirmwareVersion, "version")
        check_enum(self.outcome, FirmwareOutcome, "outcome")
