"""A-XDR Data: each type's octets, compact arrays, canonical decoding, refusals."""

from __future__ import annotations

import pytest

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs import (
    AxdrDate,
    AxdrDateTime,
    AxdrTime,
    BitString,
    CompactArray,
    DlmsData,
    DlmsType,
    TypeDescription,
    decode_dlms_data,
    encode_dlms_data,
)
from s1sr.codecs.gbcs.dlms_data import MAX_DEPTH
from s1sr.models import ModelError

T = DlmsType

CASES = [
    (DlmsData.null(), "00"),
    (DlmsData(T.BOOLEAN, True), "03FF"),
    (DlmsData(T.BOOLEAN, False), "0300"),
    (DlmsData(T.BIT_STRING, BitString(10, b"\xa5\xc0")), "040AA5C0"),
    (DlmsData(T.DOUBLE_LONG, -2), "05FFFFFFFE"),
    (DlmsData(T.DOUBLE_LONG_UNSIGNED, 86400), "0600015180"),
    (DlmsData.octet_string(b"\x01\x02"), "09020102"),
    (DlmsData(T.VISIBLE_STRING, "GBP"), "0A03474250"),
    (DlmsData(T.UTF8_STRING, "£"), "0C02C2A3"),
    (DlmsData(T.BCD, 9), "0D09"),
    (DlmsData(T.INTEGER, -1), "0FFF"),
    (DlmsData(T.LONG, -300), "10FED4"),
    (DlmsData(T.UNSIGNED, 200), "11C8"),
    (DlmsData(T.LONG_UNSIGNED, 0x8F66), "128F66"),
    (DlmsData(T.LONG64, -1), "14FFFFFFFFFFFFFFFF"),
    (DlmsData(T.LONG64_UNSIGNED, 1 << 63), "158000000000000000"),
    (DlmsData(T.ENUM, 22), "1616"),
    (DlmsData(T.FLOAT32, 1.5), "173FC00000"),
    (DlmsData(T.FLOAT64, -0.25), "18BFD0000000000000"),
    (
        DlmsData(T.DATE_TIME, AxdrDateTime.from_bytes(bytes.fromhex("07DF0101FF000000008000FF"))),
        "1907DF0101FF000000008000FF",
    ),
    (DlmsData(T.DATE, AxdrDate(0xFFFF, 0xFE, 0xFD, 7)), "1AFFFFFEFD07"),
    (DlmsData(T.TIME, AxdrTime(23, 0)), "1B17000000"),
    (DlmsData(T.DONT_CARE), "FF"),
    (DlmsData.array(DlmsData(T.UNSIGNED, 1)), "01011101"),
    (
        DlmsData.structure(DlmsData(T.ENUM, 2), DlmsData.octet_string(b"")),
        "02021602" + "0900",
    ),
]


@pytest.mark.parametrize(
    ("value", "hexa"), CASES, ids=[f"{v.type.name.lower()}-{i}" for i, (v, _) in enumerate(CASES)]
)
def test_each_type_encodes_to_its_octets_and_back(value, hexa):
    assert encode_dlms_data(value).hex().upper() == hexa
    assert decode_dlms_data(bytes.fromhex(hexa)) == value


def test_a_compact_array_of_structures_round_trips():
    desc = TypeDescription(
        T.STRUCTURE, (TypeDescription(T.DOUBLE_LONG_UNSIGNED), TypeDescription(T.OCTET_STRING))
    )
    rows = tuple(
        DlmsData.structure(DlmsData(T.DOUBLE_LONG_UNSIGNED, n), DlmsData.octet_string(bytes([n])))
        for n in range(3)
    )
    value = DlmsData(T.COMPACT_ARRAY, CompactArray(desc, rows))
    raw = encode_dlms_data(value)
    assert raw[:5] == bytes([0x13, 0x02, 0x02, 0x06, 0x09])
    assert raw[5] == 3 * (4 + 2)  # contents length, then untagged elements
    assert decode_dlms_data(raw) == value
    assert value.items == rows


def test_a_compact_array_of_fixed_arrays_round_trips():
    desc = TypeDescription(T.ARRAY, (TypeDescription(T.UNSIGNED),), 2)
    rows = (DlmsData.array(DlmsData(T.UNSIGNED, 1), DlmsData(T.UNSIGNED, 2)),)
    value = DlmsData(T.COMPACT_ARRAY, CompactArray(desc, rows))
    assert encode_dlms_data(value).hex() == "1301000211020102"
    assert decode_dlms_data(encode_dlms_data(value)) == value


def test_compact_array_elements_must_match_the_description():
    desc = TypeDescription(T.UNSIGNED)
    with pytest.raises(ModelError):
        CompactArray(desc, (DlmsData(T.LONG_UNSIGNED, 1),))


@pytest.mark.parametrize(
    "hexa",
    ["0301", "0700", "0902AA", "187FF8000000000000"],
    ids=["boolean-0x01", "unknown-tag", "short-octet-string", "nan-float"],
)
def test_malformed_data_is_refused(hexa):
    with pytest.raises(CodecError):
        decode_dlms_data(bytes.fromhex(hexa))


def test_nesting_deeper_than_the_limit_is_refused():
    deep = bytes.fromhex("0201") * (MAX_DEPTH + 2) + b"\x00"
    with pytest.raises(CodecError) as caught:
        decode_dlms_data(deep)
    assert "deeper" in caught.value.reason


def test_a_zero_size_compact_array_element_is_refused():
    with pytest.raises(CodecError):
        decode_dlms_data(bytes.fromhex("130001AA"))


@pytest.mark.parametrize(
    ("type_", "value"),
    [
        (T.UNSIGNED, 256),
        (T.LONG, 1 << 15),
        (T.BOOLEAN, 1),
        (T.OCTET_STRING, "text"),
        (T.STRUCTURE, [DlmsData.null()]),
        (T.FLOAT32, float("nan")),
        (T.NULL_DATA, 0),
    ],
    ids=lambda v: getattr(v, "name", type(v).__name__),
)
def test_values_outside_their_type_are_refused(type_, value):
    with pytest.raises(ModelError):
        DlmsData(type_, value)


def test_bit_string_needs_the_right_number_of_octets():
    with pytest.raises(ModelError):
        BitString(9, b"\x00")
    assert BitString(10, b"\xa5\xc0").bits() == "1010010111"
