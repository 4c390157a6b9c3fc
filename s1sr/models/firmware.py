"""SRVs 11.1 Update Firmware, 11.2 Read Firmware Version and 11.3 Activate Firmware.

An image is a ZigBee OTA upgrade file: it starts with the OTA header (magic 0x0BEEF11E,
little-endian on the wire), whose file version is the version the device runs once
the image is activated. 11.3 names the image by its SHA-256 hash, as DUIS's
FirmwareHash does. 18.63-18.65 (PPMID upgrades, bilingual devices, a second upgrade
on the same HAN stopping the first) are device behaviour; the 11.1 response's
``outcome`` is where that behaviour shows.
"""

from __future__ import annotations

import hashlib
import re
import struct
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import ClassVar

from s1sr.models.checks import (
    check_bytes,
    check_enum,
    check_instance,
    check_int,
    check_optional_timestamp,
    check_timestamp,
)
from s1sr.models.envelope import RequestBody, ResponseBody
from s1sr.models.errors import ModelError
from s1sr.models.srv import SRV

OTA_MAGIC = 0x0BEEF11E
OTA_HEADER_MIN = 56  # the mandatory OTA header fields
MAX_IMAGE_BYTES = 1 << 22  # 4 MiB: a bound for the model, far above SMETS1 images
HASH_BYTES = 32
_HEADER = struct.Struct("<IHHHHHIH32sI")
_HEX8 = re.compile(r"[0-9A-Fa-f]{8}")


@dataclass(frozen=True, order=True)
class FirmwareVersion:
    """A 32-bit firmware version, written as DUIS writes it: 8 hex digits."""

    value: int

    def __post_init__(self) -> None:
        check_int(self.value, "value", 0, (1 << 32) - 1)

    @classmethod
    def parse(cls, text: str) -> FirmwareVersion:
        if not isinstance(text, str) or not _HEX8.fullmatch(text):
            raise ModelError(f"version: needs 8 hex digits, got {text!r}")
        return cls(int(text, 16))

    def __str__(self) -> str:
        return f"{self.value:08X}"


@dataclass(frozen=True)
class OtaHeader:
    """The fixed part of a ZigBee OTA header, read from an image."""

    header_version: int
    header_length: int
    field_control: int
    manufacturer_code: int
    image_type: int
    file_version: FirmwareVersion
    stack_version: int
    header_string: bytes
    total_image_size: int

    def __post_init__(self) -> None:
        for name in ("header_version", "header_length", "field_control", "stack_version"):
            check_int(getattr(self, name), name, 0, 0xFFFF)
        check_int(self.manufacturer_code, "manufacturer_code", 0, 0xFFFF)
        check_int(self.image_type, "image_type", 0, 0xFFFF)
        check_instance(self.file_version, FirmwareVersion, "file_version")
        check_bytes(self.header_string, "header_string", 32, 32)
        check_int(self.total_image_size, "total_image_size", 0, (1 << 32) - 1)

    @classmethod
    def read(cls, image: bytes) -> OtaHeader:
        if len(image) < OTA_HEADER_MIN:
            raise ModelError(f"image: {len(image)} bytes is shorter than an OTA header")
        fields = _HEADER.unpack_from(image)
        if fields[0] != OTA_MAGIC:
            raise ModelError(f"image: OTA magic 0x{OTA_MAGIC:08X} missing, got 0x{fields[0]:08X}")
        return cls(*fields[1:5], fields[5], FirmwareVersion(fields[6]), *fields[7:])


def ota_image(
    version: FirmwareVersion,
    payload: bytes = b"",
    *,
    manufacturer_code: int = 0,
    image_type: int = 0,
    header_string: bytes = b"s1sr test image",
) -> bytes:
    """Build a well-formed OTA image: for tests, the emulator and examples."""
    total = OTA_HEADER_MIN + len(payload)
    header = _HEADER.pack(
        OTA_MAGIC,
        0x0100,
        OTA_HEADER_MIN,
        0,
        manufacturer_code,
        image_type,
        version.value,
        0x0002,
        header_string.ljust(32, b"\0")[:32],
        total,
    )
    return header + payload


class OtaImage:
    """An OTA image a request carries (11.1, and 11.4 for a PPMID): its checks, once for
    both, and what it names (its header, the version it brings, the hash 11.3 uses)."""

    image: bytes

    def __post_init__(self) -> None:
        check_bytes(self.image, "image", OTA_HEADER_MIN, MAX_IMAGE_BYTES)
        header = OtaHeader.read(self.image)
        if not OTA_HEADER_MIN <= header.header_length <= len(self.image):
            raise ModelError(f"image: header length {header.header_length} is impossible")
        if header.total_image_size != len(self.image):
            raise ModelError(
                f"image: header says {header.total_image_size} bytes, image has {len(self.image)}"
            )

    @property
    def header(self) -> OtaHeader:
        return OtaHeader.read(self.image)

    @property
    def version(self) -> FirmwareVersion:
        return self.header.file_version

    @property
    def image_hash(self) -> bytes:
        """What a matching 11.3 request names the image by."""
        return hashlib.sha256(self.image).digest()


@dataclass(frozen=True)
class UpdateFirmwareRequest(OtaImage, RequestBody):
    srv: ClassVar[SRV] = SRV.UPDATE_FIRMWARE

    image: bytes


class FirmwareOutcome(StrEnum):
    ACCEPTED = "accepted"  # received and verified; runs once activated (11.3)
    FAILED = "failed"  # e.g. stopped by a second upgrade on the same HAN (18.65(d))


@dataclass(frozen=True)
class UpdateFirmwareResponse(ResponseBody):
    srv: ClassVar[SRV] = SRV.UPDATE_FIRMWARE

    version: FirmwareVersion  # the version of the image this answers for
    outcome: FirmwareOutcome

    def __post_init__(self) -> None:
        check_instance(self.version, FirmwareVersion, "version")
        check_enum(self.outcome, FirmwareOutcome, "outcome")


@dataclass(frozen=True)
class ReadFirmwareVersionRequest(RequestBody):
    srv: ClassVar[SRV] = SRV.READ_FIRMWARE_VERSION


@dataclass(frozen=True)
class ReadFirmwareVersionResponse(ResponseBody):
    srv: ClassVar[SRV] = SRV.READ_FIRMWARE_VERSION

    version: FirmwareVersion

    def __post_init__(self) -> None:
        check_instance(self.version, FirmwareVersion, "version")


@dataclass(frozen=True)
class ActivateFirmwareRequest(RequestBody):
    srv: ClassVar[SRV] = SRV.ACTIVATE_FIRMWARE

    firmware_hash: bytes  # SHA-256 of the image sent with 11.1
    execute_at: datetime | None = None  # None: immediately

    def __post_init__(self) -> None:
        check_bytes(self.firmware_hash, "firmware_hash", HASH_BYTES, HASH_BYTES)
        check_optional_timestamp(self.execute_at, "execute_at")


@dataclass(frozen=True)
class ActivateFirmwareResponse(ResponseBody):
    """The version running after activation, and when it became active."""

    srv: ClassVar[SRV] = SRV.ACTIVATE_FIRMWARE

    version: FirmwareVersion
    activated_at: datetime

    def __post_init__(self) -> None:
        check_instance(self.version, FirmwareVersion, "version")
        check_timestamp(self.activated_at, "activated_at")
