"""BoundedTuple: count-prefixed sequences with a maximum, checked before any element is read."""

from __future__ import annotations

import pytest
from construct import Int8ub, Int16ub, Int32ub, PascalString, Struct
from hypothesis import given
from hypothesis import strategies as st
from primitive_support import as_message

from s1sr.codecs.errors import CodecError
from s1sr.codecs.primitives import BoundedTuple, MoneyInt32sbField, MoneyInt32ubField
from s1sr.codecs.strict import EncodeError, build_strict, parse_strict
from s1sr.models import Money

PRICE = Struct("tier" / Int8ub, "price" / MoneyInt32sbField)
PRICES = as_message(BoundedTuple(Int8ub, PRICE, 4), "prices")
AT_LEAST_ONE = as_message(BoundedTuple(Int8ub, Int8ub, 3, min_count=1), "seasons")


def _prices(*pence: int) -> list[dict]:
    return [{"tier": i, "price": Money(p)} for i, p in enumerate(pence)]


def test_vector_and_tuple_result():
    encoded = build_strict(PRICES, {"prices": _prices(100, -5)})
    assert encoded.hex() == "02" + "0000000064" + "01fffffffb"
    decoded = parse_strict(PRICES, encoded).prices
    assert isinstance(decoded, tuple)
    assert [item.price for item in decoded] == [Money(100), Money(-5)]


def test_empty_sequence():
    assert build_strict(PRICES, {"prices": []}) == b"\x00"
    assert parse_strict(PRICES, b"\x00").prices == ()


def test_count_above_maximum_is_refused_before_reading():
    with pytest.raises(CodecError, match=r"count 5 is outside 0\.\.4") as caught:
        parse_strict(PRICES, b"\x05" + bytes(25))
    assert caught.value.path == "prices"


def test_count_below_minimum_is_refused():
    with pytest.raises(CodecError, match=r"count 0 is outside 1\.\.3") as caught:
        parse_strict(AT_LEAST_ONE, b"\x00")
    assert caught.value.path == "seasons"


def test_lying_count_is_refused_by_the_bytes_left_before_any_element():
    huge = as_message(BoundedTuple(Int32ub, Int32ub, 2**32 - 1), "readings")
    with pytest.raises(CodecError, match="count 4294967295 needs 17179869180 bytes, 8 left"):
        parse_strict(huge, bytes.fromhex("ffffffff") + bytes(8))


def test_variable_size_elements_fail_at_the_first_missing_one():
    names = as_message(BoundedTuple(Int8ub, PascalString(Int8ub, "ascii"), 200), "names")
    with pytest.raises(CodecError, match="StreamError") as caught:
        parse_strict(names, bytes.fromhex("c8" + "02" + "6869"))
    assert caught.value.path == "names[1]"


def test_adapter_errors_inside_elements_name_the_element_and_field():
    unsigned = Struct("tier" / Int8ub, "price" / MoneyInt32ubField)
    schema = as_message(BoundedTuple(Int8ub, unsigned, 4), "prices")
    raw = bytes.fromhex("02" + "0000000001" + "0180000000")
    with pytest.raises(CodecError, match="outside the money range") as caught:
        parse_strict(schema, raw)
    assert caught.value.path == "prices[1].price"


def test_nested_tuples_carry_every_index():
    inner = Struct("blocks" / BoundedTuple(Int8ub, PRICE, 1))
    schema = as_message(BoundedTuple(Int16ub, inner, 2), "seasons")
    with pytest.raises(CodecError, match="count 2 is outside") as caught:
        parse_strict(schema, bytes.fromhex("0002" + "00" + "02"))
    assert caught.value.path == "seasons[1].blocks"


def test_too_many_items_is_an_encode_error():
    with pytest.raises(EncodeError, match=r"count 5 is outside 0\.\.4") as caught:
        build_strict(PRICES, {"prices": _prices(1, 2, 3, 4, 5)})
    assert caught.value.path == "prices"


def test_bad_item_is_an_encode_error_with_its_index():
    items = _prices(1, 2)
    items[1]["price"] = 2
    with pytest.raises(EncodeError, match="expected Money") as caught:
        build_strict(PRICES, {"prices": items})
    assert caught.value.path == "prices[1].price"


def test_non_sequence_is_an_encode_error():
    with pytest.raises(EncodeError, match="expected a sequence"):
        build_strict(AT_LEAST_ONE, {"seasons": b"\x01"})


def test_bounds_are_checked_when_the_schema_is_built():
    with pytest.raises(ValueError, match="min_count"):
        BoundedTuple(Int8ub, Int8ub, 2, min_count=3)


@given(st.lists(st.integers(-(2**31), 2**31 - 1), max_size=4))
def test_round_trip(pence):
    value = tuple(Money(p) for p in pence)
    schema = as_message(BoundedTuple(Int8ub, MoneyInt32sbField, 4))
    assert parse_strict(schema, build_strict(schema, {"value": value})).value == value


@given(st.binary(max_size=24))
def test_bytes_that_decode_re_encode_exactly(raw):
    try:
        value = parse_strict(PRICES, raw)
    except CodecError as exc:
        assert exc.path.startswith("prices") or "trailing" in exc.reason
        return
    assert build_strict(PRICES, value) == raw
