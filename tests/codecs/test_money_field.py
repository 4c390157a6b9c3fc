"""Money: integer pence <-> Money, signed and unsigned, both byte orders."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from primitive_support import as_message

from s1sr.codecs.errors import CodecError
from s1sr.codecs.primitives import (
    MoneyAdapter,
    MoneyInt32sbField,
    MoneyInt32slField,
    MoneyInt32ubField,
    MoneyInt32ulField,
)
from s1sr.codecs.strict import EncodeError, build_strict, parse_strict
from s1sr.models import Money

SIGNED = as_message(MoneyInt32sbField, "balance")
UNSIGNED = as_message(MoneyInt32ubField, "price")


@pytest.mark.parametrize(
    ("field", "pence", "hex_bytes"),
    [
        pytest.param(MoneyInt32sbField, 1234, "000004d2", id="signed-be"),
        pytest.param(MoneyInt32sbField, -1, "ffffffff", id="signed-be-minus-one"),
        pytest.param(MoneyInt32sbField, -(2**31), "80000000", id="signed-be-min"),
        pytest.param(MoneyInt32slField, 1234, "d2040000", id="signed-le"),
        pytest.param(MoneyInt32ubField, 2**31 - 1, "7fffffff", id="unsigned-be-max"),
        pytest.param(MoneyInt32ulField, 10_000, "10270000", id="unsigned-le-100-pounds"),
        pytest.param(MoneyAdapter(2, signed=False), 500, "01f4", id="uint16"),
    ],
)
def test_vectors(field, pence, hex_bytes):
    schema = as_message(field)
    assert build_strict(schema, {"value": Money(pence)}).hex() == hex_bytes
    assert parse_strict(schema, bytes.fromhex(hex_bytes)).value == Money(pence)


def test_unsigned_value_beyond_money_range_is_a_codec_error():
    with pytest.raises(CodecError, match="outside the money range") as caught:
        parse_strict(UNSIGNED, bytes.fromhex("80000000"))
    assert caught.value.path == "price"


def test_negative_money_in_unsigned_field_is_an_encode_error():
    with pytest.raises(EncodeError, match="unsigned 32-bit") as caught:
        build_strict(UNSIGNED, {"price": Money(-1)})
    assert caught.value.path == "price"


def test_money_too_large_for_a_narrow_field_is_an_encode_error():
    with pytest.raises(EncodeError, match="signed 16-bit"):
        build_strict(as_message(MoneyAdapter(2)), {"value": Money(40_000)})


def test_plain_int_is_not_money():
    with pytest.raises(EncodeError, match="expected Money"):
        build_strict(SIGNED, {"balance": 100})


def test_truncated_money_names_the_field():
    with pytest.raises(CodecError) as caught:
        parse_strict(SIGNED, b"\x00\x01")
    assert caught.value.path == "balance"


@given(st.integers(-(2**31), 2**31 - 1))
def test_signed_round_trip(pence):
    encoded = build_strict(SIGNED, {"balance": Money(pence)})
    assert encoded == pence.to_bytes(4, "big", signed=True)
    assert parse_strict(SIGNED, encoded).balance == Money(pence)


@given(st.binary(min_size=4, max_size=4))
def test_unsigned_bytes_decode_iff_below_two_to_the_31(raw):
    try:
        value = parse_strict(UNSIGNED, raw)
    except CodecError:
        assert raw[0] >= 0x80
        return
    assert raw[0] < 0x80
    assert build_strict(UNSIGNED, value) == raw
