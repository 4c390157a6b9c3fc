"""EnumAdapter: integer codes <-> Enum members; undefined codes refused with the raw value."""

from __future__ import annotations

from enum import Enum, IntEnum

import pytest
from construct import Int8ub, Int16ub
from hypothesis import given
from hypothesis import strategies as st
from primitive_support import as_message

from s1sr.codecs.errors import CodecError
from s1sr.codecs.primitives import EnumAdapter
from s1sr.codecs.strict import EncodeError, build_strict, parse_strict
from s1sr.models import ResponseCode


class PaymentMode(IntEnum):
    CREDIT = 0
    PREPAYMENT = 1


class ValueClass(Enum):
    PENNIES = "pennies"
    POUNDS = "pounds"


MODE = as_message(EnumAdapter(Int8ub, PaymentMode), "mode")
CODES = {0: ResponseCode.I0, 99: ResponseCode.I99, 0x101: ResponseCode.E1}
RESPONSE_CODE = as_message(EnumAdapter(Int16ub, ResponseCode, CODES), "code")


def test_int_enum_uses_its_own_values():
    assert parse_strict(MODE, b"\x01").mode is PaymentMode.PREPAYMENT
    assert build_strict(MODE, {"mode": PaymentMode.CREDIT}) == b"\x00"


def test_explicit_mapping_for_a_str_enum():
    assert parse_strict(RESPONSE_CODE, bytes.fromhex("0101")).code is ResponseCode.E1
    assert build_strict(RESPONSE_CODE, {"code": ResponseCode.I99}).hex() == "0063"


@pytest.mark.parametrize(
    ("schema", "hex_bytes", "reason"),
    [
        pytest.param(MODE, "02", r"undefined PaymentMode code 2 \(0x02\)", id="int-enum"),
        pytest.param(MODE, "ff", r"undefined PaymentMode code 255 \(0xFF\)", id="int-enum-ff"),
        pytest.param(
            RESPONSE_CODE, "0102", r"undefined ResponseCode code 258 \(0x102\)", id="mapping"
        ),
    ],
)
def test_undefined_codes_raise_codec_error_with_the_raw_value(schema, hex_bytes, reason):
    with pytest.raises(CodecError, match=reason) as caught:
        parse_strict(schema, bytes.fromhex(hex_bytes))
    assert caught.value.path == schema.subcons[0].name


def test_member_without_a_code_is_an_encode_error():
    with pytest.raises(EncodeError, match="has no wire code") as caught:
        build_strict(RESPONSE_CODE, {"code": ResponseCode.E65})
    assert caught.value.path == "code"


@pytest.mark.parametrize("value", [1, "I0", True], ids=["int", "str-equal-to-member", "bool"])
def test_non_members_are_refused_even_when_equal(value):
    schema = MODE if isinstance(value, int) else RESPONSE_CODE
    name = schema.subcons[0].name
    with pytest.raises(EncodeError, match="expected a"):
        build_strict(schema, {name: value})


def test_bad_mappings_are_refused_when_the_schema_is_built():
    with pytest.raises(TypeError, match="is not a PaymentMode"):
        EnumAdapter(Int8ub, PaymentMode, {0: ValueClass.POUNDS})
    with pytest.raises(ValueError, match="two wire codes"):
        EnumAdapter(Int8ub, PaymentMode, {0: PaymentMode.CREDIT, 1: PaymentMode.CREDIT})
    with pytest.raises(TypeError, match="must be an int"):
        EnumAdapter(Int8ub, ValueClass)  # str values need an explicit mapping


@given(st.integers(0, 255))
def test_every_byte_either_maps_to_a_member_or_is_refused(code):
    try:
        mode = parse_strict(MODE, bytes([code])).mode
    except CodecError:
        assert code not in {m.value for m in PaymentMode}
        return
    assert mode.value == code
    assert build_strict(MODE, {"mode": mode}) == bytes([code])
