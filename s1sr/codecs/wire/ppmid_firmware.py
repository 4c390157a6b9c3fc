"""SRV 11.4 Update PPMID Firmware: laid out as 11.1."""

from __future__ import annotations

from construct import Int32ub

from s1sr.codecs.primitives import BoundedBytes
from s1sr.codecs.wire.fields import ModelAdapter, enum_field
from s1sr.codecs.wire.firmware import FirmwareVersionField
from s1sr.models.firmware import MAX_IMAGE_BYTES, FirmwareOutcome
from s1sr.models.ppmid_firmware import UpdatePpmidFirmwareRequest, UpdatePpmidFirmwareResponse

REQUEST = ModelAdapter(UpdatePpmidFirmwareRequest, "image" / BoundedBytes(Int32ub, MAX_IMAGE_BYTES))
RESPONSE = ModelAdapter(
    UpdatePpmidFirmwareResponse,
    "version" / FirmwareVersionField,
    "outcome" / enum_field(FirmwareOutcome),
)
