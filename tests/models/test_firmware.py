"""ZigBee OTA images for 11.1, and the versions 11.2/11.3 report."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest

from s1sr.models import (
    ActivateFirmwareRequest,
    FirmwareVersion,
    ModelError,
    OtaHeader,
    UpdateFirmwareRequest,
    ota_image,
)


def test_image_starts_with_the_ota_magic_little_endian(firmware_image):
    assert firmware_image[:4] == bytes.fromhex("1EF1EE0B")


def test_request_reads_the_version_from_the_header(firmware_image):
    request = UpdateFirmwareRequest(firmware_image)
    assert request.version == FirmwareVersion(0x01020304)
    assert request.header.total_image_size == len(firmware_image)
    assert request.header.header_length == 56


def test_image_hash_is_what_activate_names(firmware_image):
    request = UpdateFirmwareRequest(firmware_image)
    assert request.image_hash == hashlib.sha256(firmware_image).digest()
    assert ActivateFirmwareRequest(request.image_hash).firmware_hash == request.image_hash


def test_header_fields_survive_building():
    image = ota_image(FirmwareVersion(7), b"", manufacturer_code=0x121D, image_type=3)
    header = OtaHeader.read(image)
    assert (header.manufacturer_code, header.image_type, header.file_version.value) == (
        0x121D,
        3,
        7,
    )


def test_header_length_beyond_the_image_is_refused():
    image = bytearray(ota_image(FirmwareVersion(1)))
    image[6:8] = (200).to_bytes(2, "little")
    with pytest.raises(ModelError, match=r"^image: header length"):
        UpdateFirmwareRequest(bytes(image))


def test_firmware_version_text_is_eight_hex_digits():
    assert str(FirmwareVersion(0xACDCACDC)) == "ACDCACDC"
    assert FirmwareVersion.parse("00000000") == FirmwareVersion(0)
    with pytest.raises(ModelError, match="version"):
        FirmwareVersion.parse("1.2.3")


def test_firmware_versions_order_numerically():
    assert FirmwareVersion(2) > FirmwareVersion(1)


def test_ota_header_fields_are_range_checked(firmware_image):
    header = OtaHeader.read(firmware_image)
    with pytest.raises(ModelError, match=r"^header_string:"):
        dataclasses.replace(header, header_string=b"short")
    with pytest.raises(ModelError, match=r"^manufacturer_code:"):
        dataclasses.replace(header, manufacturer_code=0x10000)
