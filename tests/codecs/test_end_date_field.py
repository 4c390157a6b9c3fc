"""End dates: year uint16 BE, month, day; 31/12/3000 <-> INDEFINITE (18.5(hh), 18.27(r))."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from primitive_support import as_message

from s1sr.codecs.errors import CodecError
from s1sr.codecs.primitives import CalendarDateField, EndDateField, IndefiniteDateAdapter
from s1sr.codecs.strict import EncodeError, build_strict, parse_strict
from s1sr.models import INDEFINITE, end_date

SCHEMA = as_message(EndDateField, "end")


@pytest.mark.parametrize(
    ("value", "hex_bytes"),
    [
        pytest.param(INDEFINITE, "0bb80c1f", id="indefinite-3000-12-31"),
        pytest.param(date(2024, 2, 29), "07e8021d", id="leap-day"),
        pytest.param(date(3000, 12, 30), "0bb80c1e", id="day-before-indefinite"),
        pytest.param(date(1, 1, 1), "00010101", id="earliest"),
    ],
)
def test_vectors(value, hex_bytes):
    assert build_strict(SCHEMA, {"end": value}).hex() == hex_bytes
    assert parse_strict(SCHEMA, bytes.fromhex(hex_bytes)).end == value


def test_plain_calendar_field_keeps_3000_as_a_date():
    decoded = parse_strict(as_message(CalendarDateField), bytes.fromhex("0bb80c1f")).value
    assert decoded == date(3000, 12, 31)


def test_plain_3000_12_31_must_be_said_as_indefinite():
    with pytest.raises(EncodeError, match="pass INDEFINITE") as caught:
        build_strict(SCHEMA, {"end": date(3000, 12, 31)})
    assert caught.value.path == "end"
    # The model helper says it for you.
    assert build_strict(SCHEMA, {"end": end_date(date(3000, 12, 31))}).hex() == "0bb80c1f"


@pytest.mark.parametrize(
    "hex_bytes",
    [
        pytest.param("07e7021d", id="feb-29-2023"),
        pytest.param("00000101", id="year-0"),
        pytest.param("07e80d01", id="month-13"),
        pytest.param("07e80100", id="day-0"),
        pytest.param("270f0c20", id="day-32"),
    ],
)
def test_nonexistent_dates_name_the_field(hex_bytes):
    with pytest.raises(CodecError, match="is not a date") as caught:
        parse_strict(SCHEMA, bytes.fromhex(hex_bytes))
    assert caught.value.path == "end"


def test_datetime_is_not_a_date():
    with pytest.raises(EncodeError, match="expected a date"):
        build_strict(SCHEMA, {"end": datetime(2024, 1, 1)})


def test_indefinite_wrapper_composes_with_other_date_fields():
    wrapped = as_message(IndefiniteDateAdapter(CalendarDateField))
    assert parse_strict(wrapped, bytes.fromhex("0bb80c1f")).value is INDEFINITE


@given(st.dates().map(end_date))
def test_value_round_trip(value):
    assert parse_strict(SCHEMA, build_strict(SCHEMA, {"end": value})).end == value


@given(st.binary(min_size=4, max_size=4))
def test_bytes_that_decode_re_encode_exactly(raw):
    try:
        value = parse_strict(SCHEMA, raw)
    except CodecError as exc:
        assert exc.path == "end"
        return
    assert build_strict(SCHEMA, value) == raw
