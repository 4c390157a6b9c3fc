"""ZCL Date: year-1900, month, day, weekday; 0xFF = any."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from primitive_support import as_message, zcl_dates

from s1sr.codecs.errors import CodecError
from s1sr.codecs.primitives import ZclDate, ZclDateField
from s1sr.codecs.strict import EncodeError, build_strict, parse_strict
from s1sr.models import ModelError

SCHEMA = as_message(ZclDateField, "special_day")


@pytest.mark.parametrize(
    ("hex_bytes", "value"),
    [
        pytest.param("7c0c1903", ZclDate(2024, 12, 25, 3), id="christmas-2024-wednesday"),
        pytest.param("7c0c19ff", ZclDate(2024, 12, 25, None), id="weekday-any"),
        pytest.param("ff0c19ff", ZclDate(None, 12, 25, None), id="every-christmas"),
        pytest.param("ffffff01", ZclDate(None, None, None, 1), id="every-monday"),
        pytest.param("ff021dff", ZclDate(None, 2, 29, None), id="feb-29-any-year"),
        pytest.param("7c021d04", ZclDate(2024, 2, 29, 4), id="feb-29-leap-year"),
        pytest.param("00010101", ZclDate(1900, 1, 1, 1), id="earliest-year"),
        pytest.param("fe0101ff", ZclDate(2154, 1, 1, None), id="latest-year"),
        pytest.param("ffffffff", ZclDate(None, None, None, None), id="all-any"),
    ],
)
def test_vectors(hex_bytes, value):
    assert parse_strict(SCHEMA, bytes.fromhex(hex_bytes)).special_day == value
    assert build_strict(SCHEMA, {"special_day": value}).hex() == hex_bytes


@pytest.mark.parametrize(
    ("hex_bytes", "reason"),
    [
        pytest.param("7c0d01ff", "month 13", id="month-13"),
        pytest.param("7c0001ff", "month 0", id="month-0"),
        pytest.param("7c0100ff", "day 0", id="day-0"),
        pytest.param("7c0120ff", "day 32", id="day-32"),
        pytest.param("7c021eff", "does not exist", id="feb-30"),
        pytest.param("7b021dff", "does not exist", id="feb-29-non-leap"),
        pytest.param("ff041fff", "does not exist", id="april-31-any-year"),
        pytest.param("7c0c1901", "weekday 3, not 1", id="wrong-weekday"),
        pytest.param("ffffff08", "weekday 8", id="weekday-8"),
        pytest.param("ffffff00", "weekday 0", id="weekday-0"),
    ],
)
def test_invalid_dates_raise_codec_error_naming_the_field(hex_bytes, reason):
    with pytest.raises(CodecError, match=reason) as caught:
        parse_strict(SCHEMA, bytes.fromhex(hex_bytes))
    assert caught.value.path == "special_day"


def test_octets_accepted_one_at_a_time():
    def accepted(template: str, index: int) -> set[int]:
        ok = set()
        for octet in range(256):
            raw = bytearray.fromhex(template)
            raw[index] = octet
            try:
                parse_strict(SCHEMA, bytes(raw))
            except CodecError:
                continue
            ok.add(octet)
        return ok

    assert accepted("7c0101ff", 0) == set(range(256))  # every year 1900..2154, or any
    assert accepted("7c0101ff", 1) == set(range(1, 13)) | {0xFF}
    assert accepted("7c0101ff", 2) == set(range(1, 32)) | {0xFF}
    assert accepted("ffffffff", 3) == set(range(1, 8)) | {0xFF}


def test_model_refuses_bool_and_out_of_range_fields():
    with pytest.raises(ModelError, match="must be an int"):
        ZclDate(True, 1, 1)
    with pytest.raises(ModelError, match="year 2155"):
        ZclDate(2155, 1, 1)


def test_encoding_a_non_date_raises_encode_error():
    with pytest.raises(EncodeError, match="expected a ZclDate") as caught:
        build_strict(SCHEMA, {"special_day": date(2024, 12, 25)})
    assert caught.value.path == "special_day"


def test_calendar_helpers():
    christmas = ZclDate(None, 12, 25)
    assert christmas.matches(date(2031, 12, 25))
    assert not christmas.matches(date(2031, 12, 24))
    assert ZclDate.from_date(date(2024, 12, 25)) == ZclDate(2024, 12, 25, 3)
    assert ZclDate(2024, 12, 25).to_date() == date(2024, 12, 25)
    with pytest.raises(ValueError, match="wildcards"):
        christmas.to_date()


@given(zcl_dates())
def test_value_round_trip(value):
    assert parse_strict(SCHEMA, build_strict(SCHEMA, {"special_day": value})).special_day == value


@given(st.binary(min_size=4, max_size=4))
def test_bytes_that_decode_re_encode_exactly(raw):
    try:
        value = parse_strict(SCHEMA, raw)
    except CodecError as exc:
        assert exc.path == "special_day"
        return
    assert build_strict(SCHEMA, value) == raw


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2154, 12, 31)))
def test_every_real_date_is_representable(value):
    zcl = ZclDate.from_date(value)
    assert zcl.to_date() == value
    assert zcl.matches(value)
