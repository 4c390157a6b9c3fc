"""Messages built with the project's encoder: layout, round trip, and refused models."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from s1sr.codecs.gbcs import (
    AccessKind,
    AccessRequestSpec,
    AxdrDate,
    AxdrDateTime,
    AxdrTime,
    CipheringEnvelope,
    CosemAttributeDescriptor,
    CraFlag,
    GbcsMessage,
    GbzComponent,
    GroupingHeader,
    Obis,
    OtherInfo,
    decode_gbcs,
    encode_gbcs,
    use_case_name,
)
from s1sr.models import EUI64, ModelError
from tests.gbcs import samples


def test_decode_inverts_encode(built_message, built_bytes):
    assert decode_gbcs(built_bytes) == built_message
    assert encode_gbcs(decode_gbcs(built_bytes)) == built_bytes


def test_gbz_top_up_command_layout():
    zcl = b"\x00\x14" + samples.UTRN
    component = b"\x01\x07\x05" + (3 + len(zcl)).to_bytes(2, "big") + b"\x01\x00\x04" + zcl
    gbz = b"\x01\x09\x01" + component
    signing = (
        b"\xdf"
        + b"\x09\x01"
        + (0x100).to_bytes(8, "big")
        + b"\x08"
        + samples.SUPPLIER.to_bytes()
        + b"\x08"
        + samples.GSME.to_bytes()
        + b"\x00"  # no date-time
        + b"\x02\x00\x97"  # other-information: CS01b
        + bytes([len(gbz)])
        + gbz
        + b"\x00"  # empty signature
    )
    expected = (
        b"\xdd"
        + bytes(6)
        + bytes([5 + len(signing) + 12])
        + b"\x11\x00\x00\x00\x00"
        + signing
        + samples.MAC
    )
    assert encode_gbcs(samples.gbz_top_up_command()) == expected


def test_signing_and_wrapping_a_precommand_gives_the_command():
    pre = samples.der_activate_firmware_precommand()
    pre_bytes = encode_gbcs(pre)
    assert pre_bytes[0] == 0xDF
    assert pre_bytes.endswith(pre.payload.to_bytes())
    command = replace(pre, signature=samples.SIGNATURE, ciphering=CipheringEnvelope(samples.MAC))
    wire = encode_gbcs(command)
    signed = pre_bytes + bytes([64]) + samples.SIGNATURE
    length = 5 + len(signed) + 12
    assert length > 0x7F  # so the long form: 0x81, then one octet
    expected = b"\xdd" + bytes(6) + bytes([0x81, length]) + b"\x11" + bytes(4)
    assert wire == expected + signed + samples.MAC


def test_long_content_uses_the_long_length_form():
    message = samples.dlms_top_up_command()
    request = message.payload.apdu
    big = replace(request, data=(request.data[0],) * 20)
    data = encode_gbcs(replace(message, payload=replace(message.payload, apdu=big)))
    assert data[7] == 0x82  # ciphered length > 255
    assert decode_gbcs(data).payload.apdu.data == big.data


def test_a_relayed_message_keeps_its_supplementary_remote_party_fields():
    info = OtherInfo(0x0129, EUI64.parse("00-11-22-33-44-55-66-0A"), 1001)
    header = GroupingHeader(CraFlag.COMMAND, 1, samples.SUPPLIER, samples.ESME, info)
    message = replace(samples.der_activate_firmware_precommand(), header=header)
    decoded = decode_gbcs(encode_gbcs(message))
    assert decoded.header.other_info == info
    assert len(info.to_bytes()) == 18


def test_other_info_with_an_originator_counter_or_a_certificate_round_trips():
    rp = EUI64.parse("00-11-22-33-44-55-66-0A")
    for info in (OtherInfo(0x0129, rp, 2, 3), OtherInfo(0x0129, rp, 2, None, b"\x30" * 40)):
        assert OtherInfo.from_bytes(info.to_bytes()) == info


@pytest.mark.parametrize(
    "kwargs",
    [
        {"remote_party_counter": 1},
        {"remote_party_id": EUI64(1), "originator_counter": 1},
        {"message_code": 0x1_0000},
    ],
    ids=["counter-without-id", "originator-counter-without-counter", "code-too-big"],
)
def test_other_info_refuses_inconsistent_fields(kwargs):
    with pytest.raises(ModelError):
        OtherInfo(**({"message_code": 1} | kwargs))


def test_only_a_bare_command_may_lack_a_signature_field():
    with pytest.raises(ModelError):
        replace(samples.dlms_response(), signature=None)
    with pytest.raises(ModelError):
        replace(samples.dlms_top_up_command(), signature=None)


def test_a_mac_must_be_twelve_octets():
    with pytest.raises(ModelError):
        CipheringEnvelope(b"\x00" * 8)


def test_gbz_component_flags_must_match_its_fields():
    with pytest.raises(ModelError):  # encrypted flag without encryption
        GbzComponent(0x02, 0x0705, 0x01, 0, 0x04)
    with pytest.raises(ModelError):  # from-date-time flag without a time
        GbzComponent(0x10, 0x0705, 0x01, 0, 0x04)
    with pytest.raises(ModelError):  # manufacturer-specific frame without a code
        GbzComponent(0x01, 0x0705, 0x05, 0, 0x04)


def test_gbz_from_date_time_round_trips_as_an_instant():
    when = datetime(2024, 3, 31, 1, tzinfo=UTC)
    component = GbzComponent(0x11, 0x0705, 0x01, 0, 0x0A, b"\x00" * 6, from_date_time=when)
    message = replace(
        samples.gbz_top_up_command(),
        payload=replace(samples.gbz_top_up_command().payload, components=(component,)),
    )
    assert decode_gbcs(encode_gbcs(message)).payload.components[0].from_date_time == when


def test_an_action_needs_a_method_descriptor():
    attribute = CosemAttributeDescriptor(115, Obis(0, 0, 19, 40, 0, 255), 1)
    with pytest.raises(ModelError):
        AccessRequestSpec(AccessKind.ACTION, attribute)


def test_obis_text_form():
    obis = Obis.parse("0-0:19.40.0.255")
    assert obis.to_bytes() == bytes([0, 0, 19, 40, 0, 255])
    assert str(obis) == "0-0:19.40.0.255"
    with pytest.raises(ModelError):
        Obis.parse("0-0:19.40.0")


def test_axdr_date_time_octets_and_meaning():
    when = datetime(2024, 10, 27, 1, 30, tzinfo=UTC)
    octets = AxdrDateTime.from_datetime(when)
    assert octets.to_bytes() == bytes.fromhex("07E80A1B07011E00008000FF")
    assert AxdrDateTime.from_bytes(octets.to_bytes()) == octets
    assert octets.to_datetime() == when
    assert octets.to_value().date.day == 27
    now = AxdrDateTime(AxdrDate(0, 0, 0, 0), AxdrTime(0, 0))
    never = AxdrDateTime.from_bytes(b"\xff" * 9 + b"\x80\x00\xff")
    assert now.is_now and not now.is_never
    assert never.is_never and never.to_datetime() is None


def test_an_impossible_date_keeps_its_octets_but_has_no_value():
    octets = AxdrDate(2023, 2, 29, 0xFF)
    assert AxdrDate.from_bytes(octets.to_bytes()) == octets
    with pytest.raises(ModelError):
        octets.to_value()


def test_message_codes_name_the_use_case():
    assert use_case_name(0x0007) == "CS01a"
    assert use_case_name(0x00CD).startswith("future-dated")
    assert use_case_name(0xFFFE) is None


def test_message_properties(built_message):
    assert isinstance(built_message, GbcsMessage)
    assert built_message.message_code == built_message.header.other_info.message_code
    assert (built_message.mac is None) is (built_message.ciphering is None)
