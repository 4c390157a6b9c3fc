"""Enum code tables, the checksum and the size limits."""

from __future__ import annotations

from datetime import timedelta

import pytest

from s1sr.codecs.wire import MAX_FRAME_BYTES, crc32, decode_message, encode_message
from s1sr.codecs.wire.checksum import CHECK_INPUT, CHECK_VALUE
from s1sr.codecs.wire.codes import ENUM_TABLES, SRV_CODES, srv_code
from s1sr.models import (
    SRV,
    Energy,
    ProfileDataResponse,
    ProfileEntry,
    Request,
    Response,
    ResponseCode,
    UpdateFirmwareRequest,
    ota_image,
    utc,
)
from s1sr.models.firmware import MAX_IMAGE_BYTES, OTA_HEADER_MIN, FirmwareVersion
from s1sr.models.profile import MAX_PROFILE_ENTRIES
from tests.wire.samples import ESME, TOP_UP

TABLES = sorted(ENUM_TABLES.items(), key=lambda item: item[0].__name__)


@pytest.mark.parametrize(("enum", "table"), TABLES, ids=[e.__name__ for e, _ in TABLES])
def test_every_member_has_exactly_one_code_of_one_byte(enum, table) -> None:
    assert sorted(table.values(), key=list(enum).index) == list(enum)
    limit = 0xFFFFFF if enum is SRV else 0xFF
    assert all(0 <= code <= limit for code in table)


def test_srv_codes_are_the_parts_of_the_number() -> None:
    assert srv_code(SRV.UPDATE_IMPORT_TARIFF) == 0x010101
    assert srv_code(SRV.TOP_UP_DEVICE) == 0x020200
    assert srv_code(SRV.RETRIEVE_CHANGE_OF_MODE_TARIFF_BILLING_LOG) == 0x040402
    assert srv_code(SRV.ACTIVATE_FIRMWARE) == 0x0B0300
    assert len(SRV_CODES) == len(SRV)


def test_response_codes_follow_the_rule_i_is_n_e_is_0x80_plus_n() -> None:
    table = ENUM_TABLES[ResponseCode]
    for code, member in table.items():
        number = int(member.value[1:])
        assert code == (number if member.value[0] == "I" else 0x80 + number)


def test_crc32_check_value() -> None:
    assert crc32(CHECK_INPUT) == CHECK_VALUE == 0xCBF43926


def test_the_checksum_is_the_crc32_of_everything_before_it() -> None:
    frame = encode_message(TOP_UP)
    assert int.from_bytes(frame[-4:], "big") == crc32(frame[:-4])


def test_the_largest_firmware_image_fits_in_a_frame() -> None:
    image = ota_image(FirmwareVersion(0x01020304), bytes(MAX_IMAGE_BYTES - OTA_HEADER_MIN))
    message = Request(1, ESME, ESME, UpdateFirmwareRequest(image))
    frame = encode_message(message)
    assert len(frame) <= MAX_FRAME_BYTES
    assert decode_message(frame) == message


def test_the_largest_profile_response_fits_in_a_frame() -> None:
    energy = Energy.kwh("99999.999")
    start = utc(2024, 1, 1)
    entries = tuple(
        ProfileEntry(start + timedelta(minutes=30 * i), energy) for i in range(MAX_PROFILE_ENTRIES)
    )
    message = Response(
        1, ESME, SRV.READ_ACTIVE_IMPORT_PROFILE_DATA, ResponseCode.I0, ProfileDataResponse(entries)
    )
    assert len(encode_message(message)) <= MAX_FRAME_BYTES
