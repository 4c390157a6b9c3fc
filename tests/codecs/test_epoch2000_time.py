"""ZCL UTCTime (LE) and GBZ header time (BE): seconds since 2000-01-01T00:00Z."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st
from primitive_support import as_message, time_or_never, utc_seconds

from s1sr.codecs.errors import CodecError
from s1sr.codecs.primitives import (
    GbzTimeField,
    GbzTimestampField,
    ZclUtcTimeField,
    ZclUtcTimestampField,
)
from s1sr.codecs.strict import EncodeError, build_strict, parse_strict
from s1sr.models import INDEFINITE, utc

ZCL = as_message(ZclUtcTimeField)
GBZ = as_message(GbzTimeField)

ZCL_VECTORS = [
    pytest.param(utc(2000, 1, 1), "00000000", id="epoch"),
    pytest.param(utc(2000, 1, 1, 0, 0, 1), "01000000", id="one-second"),
    pytest.param(utc(2000, 1, 2), "80510100", id="one-day"),
    pytest.param(utc(2024, 1, 1), "00bd242d", id="2024-new-year"),
    pytest.param(utc(2136, 2, 7, 6, 28, 14), "feffffff", id="last-second"),
    pytest.param(INDEFINITE, "ffffffff", id="never"),
]


@pytest.mark.parametrize(("value", "hex_bytes"), ZCL_VECTORS)
def test_zcl_utc_time_vectors(value, hex_bytes):
    schema = as_message(ZclUtcTimeField)
    assert build_strict(schema, {"value": value}).hex() == hex_bytes
    assert parse_strict(schema, bytes.fromhex(hex_bytes)).value == value


@pytest.mark.parametrize(
    ("value", "hex_bytes"),
    [
        pytest.param(utc(2000, 1, 1, 0, 0, 1), "00000001", id="one-second"),
        pytest.param(utc(2024, 3, 31, 1), "2d9b7210", id="bst-start-2024"),
        pytest.param(INDEFINITE, "ffffffff", id="never"),
    ],
)
def test_gbz_time_is_big_endian(value, hex_bytes):
    schema = as_message(GbzTimeField)
    assert build_strict(schema, {"value": value}).hex() == hex_bytes
    assert parse_strict(schema, bytes.fromhex(hex_bytes)).value == value


def test_decoded_times_are_aware_utc():
    decoded = parse_strict(as_message(ZclUtcTimeField), bytes.fromhex("01000000")).value
    assert decoded.tzinfo is not None and decoded.utcoffset() == timedelta(0)


@pytest.mark.parametrize("field", [ZclUtcTimestampField, GbzTimestampField], ids=["zcl", "gbz"])
def test_timestamp_fields_refuse_never(field):
    with pytest.raises(CodecError, match="never") as caught:
        parse_strict(as_message(field, "raised_at"), b"\xff\xff\xff\xff")
    assert caught.value.path == "raised_at"
    with pytest.raises(EncodeError, match="never"):
        build_strict(as_message(field), {"value": INDEFINITE})


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        pytest.param(utc(3000, 12, 31), "pass INDEFINITE", id="duis-never-as-datetime"),
        pytest.param(utc(2136, 2, 7, 6, 28, 15), "after 2136", id="after-last-second"),
        pytest.param(utc(1999, 12, 31, 23, 59, 59), "before the 2000", id="before-epoch"),
        pytest.param(datetime(2024, 1, 1), "aware UTC", id="naive"),
        pytest.param(
            datetime(2024, 1, 1, tzinfo=timezone(timedelta(hours=1))), "aware UTC", id="not-utc"
        ),
        pytest.param(
            datetime(2024, 1, 1, 0, 0, 0, 500, tzinfo=UTC), "whole seconds", id="fraction"
        ),
        pytest.param("2024-01-01", "must be a datetime", id="string"),
    ],
)
def test_unencodable_times_raise_encode_error(value, reason):
    with pytest.raises(EncodeError, match=reason) as caught:
        build_strict(as_message(ZclUtcTimeField, "execute_at"), {"execute_at": value})
    assert caught.value.path == "execute_at"
    assert not isinstance(caught.value, CodecError)


@pytest.mark.parametrize("length", [0, 1, 3])
def test_truncated_time_names_the_field(length):
    with pytest.raises(CodecError, match="StreamError") as caught:
        parse_strict(as_message(ZclUtcTimeField, "execute_at"), bytes(length))
    assert caught.value.path == "execute_at"


@given(time_or_never)
def test_zcl_value_round_trip(value):
    schema = ZCL
    assert parse_strict(schema, build_strict(schema, {"value": value})).value == value


@given(utc_seconds)
def test_gbz_is_the_byte_reverse_of_zcl(value):
    zcl = build_strict(ZCL, {"value": value})
    assert build_strict(GBZ, {"value": value}) == zcl[::-1]


@given(st.binary(min_size=4, max_size=4))
def test_every_four_bytes_decode_and_re_encode_exactly(raw):
    for schema in (ZCL, GBZ):
        assert build_strict(schema, parse_strict(schema, raw)) == raw
