"""SRVs 11.1 Update Firmware, 11.2 Read Firmware Version and 11.3 Activate Firmware."""

from __future__ import annotations

from construct import Bytes, Int32ub

from s1sr.codecs.primitives import BoundedBytes, StrictAdapter
from s1sr.codecs.wire.fields import ModelAdapter, Presence, Timestamp, enum_field
from s1sr.models.firmware import (
    HASH_BYTES,
    MAX_IMAGE_BYTES,
    ActivateFirmwareRequest,
    ActivateFirmwareResponse,
    FirmwareOutcome,
    FirmwareVersion,
    ReadFirmwareVersionRequest,
    ReadFirmwareVersionResponse,
    UpdateFirmwareRequest,
    UpdateFirmwareResponse,
)


class FirmwareVersionAdapter(StrictAdapter):
    """uint32 BE <-> ``FirmwareVersion``."""

    def __init__(self) -> None:
        super().__init__(Int32ub)

    def decode(self, raw: int) -> FirmwareVersion:
        return FirmwareVersion(raw)

    def encode(self, value: FirmwareVersion) -> int:
        if not isinstance(value, FirmwareVersion):
            raise TypeError(f"expected a FirmwareVersion, got {type(value).__name__}")
        return value.value


FirmwareVersionField = FirmwareVersionAdapter()

UPDATE_REQUEST = ModelAdapter(
    UpdateFirmwareRequest, "image" / BoundedBytes(Int32ub, MAX_IMAGE_BYTES)
)
UPDATE_RESPONSE = ModelAdapter(
    UpdateFirmwareResponse,
    "version" / FirmwareVersionField,
    "outcome" / enum_field(FirmwareOutcome),
)
READ_VERSION_REQUEST = ModelAdapter(ReadFirmwareVersionRequest)
READ_VERSION_RESPONSE = ModelAdapter(ReadFirmwareVersionResponse, "version" / FirmwareVersionField)
ACTIVATE_REQUEST = ModelAdapter(
    ActivateFirmwareRequest,
    "firmware_hash" / Bytes(HASH_BYTES),
    "execute_at" / Presence(Timestamp),
)
ACTIVATE_RESPONSE = ModelAdapter(
    ActivateFirmwareResponse,
    "version" / FirmwareVersionField,
    "activated_at" / Timestamp,
)
