"""DLMS COSEM date (5), time (4) and date-time (12 octets) with wildcards and specials."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from primitive_support import as_message, dlms_date_times, dlms_dates, dlms_times

from s1sr.codecs.errors import CodecError
from s1sr.codecs.primitives import (
    ZERO_DATE,
    DaySpecial,
    DlmsDate,
    DlmsDateField,
    DlmsDateTime,
    DlmsDateTimeField,
    DlmsTime,
    DlmsTimeField,
    MonthSpecial,
)
from s1sr.codecs.primitives.calendar_rules import iso_weekday
from s1sr.codecs.strict import EncodeError, build_strict, parse_strict
from s1sr.models import ModelError, utc

DATE = as_message(DlmsDateField, "start")
TIME = as_message(DlmsTimeField, "switch_time")
DATE_TIME = as_message(DlmsDateTimeField, "execution")

DATE_VECTORS = [
    pytest.param("07de0a1bff", DlmsDate(2014, 10, 27, None), id="date-weekday-unspecified"),
    pytest.param("07de0a1b01", DlmsDate(2014, 10, 27, 1), id="date-monday"),
    pytest.param("ffff0c19ff", DlmsDate(None, 12, 25, None), id="every-christmas"),
    pytest.param("ffffff01ff", DlmsDate(None, None, 1, None), id="first-of-every-month"),
    pytest.param("fffffefeff", DlmsDate(None, MonthSpecial.DST_BEGIN, DaySpecial.LAST), id="dst"),
    pytest.param(
        "fffffdfdff", DlmsDate(None, MonthSpecial.DST_END, DaySpecial.SECOND_LAST), id="dst-end"
    ),
    pytest.param("ffff0afe07", DlmsDate(None, 10, DaySpecial.LAST, 7), id="last-sunday-oct"),
    pytest.param("ffffffffff", DlmsDate(None, None, None, None), id="all-unspecified"),
    pytest.param("0000000000", ZERO_DATE, id="gbcs-zero-immediate"),
    pytest.param("fffe0101ff", DlmsDate(0xFFFE, 1, 1, None), id="largest-year"),
]


@pytest.mark.parametrize(("hex_bytes", "value"), DATE_VECTORS)
def test_date_vectors(hex_bytes, value):
    assert parse_strict(DATE, bytes.fromhex(hex_bytes)).start == value
    assert build_strict(DATE, {"start": value}).hex() == hex_bytes


@pytest.mark.parametrize(
    ("hex_bytes", "value"),
    [
        pytest.param("17000000", DlmsTime(23, 0, 0, 0), id="23h"),
        pytest.param("02232800", DlmsTime(2, 35, 40, 0), id="02-35-40"),
        pytest.param("0c1e00ff", DlmsTime(12, 30, 0, None), id="hundredths-unspecified"),
        pytest.param("ffffffff", DlmsTime(None, None, None, None), id="all-unspecified"),
        pytest.param("173b3b63", DlmsTime(23, 59, 59, 99), id="last-hundredth"),
    ],
)
def test_time_vectors(hex_bytes, value):
    assert parse_strict(TIME, bytes.fromhex(hex_bytes)).switch_time == value
    assert build_strict(TIME, {"switch_time": value}).hex() == hex_bytes


@pytest.mark.parametrize(
    ("hex_bytes", "value"),
    [
        pytest.param(
            "07ee010fff090000008000ff",
            DlmsDateTime(DlmsDate(2030, 1, 15), DlmsTime(9, 0, 0, 0)),
            id="future-dated",
        ),
        pytest.param(
            "0000000000000000008000ff",
            DlmsDateTime(ZERO_DATE, DlmsTime(0, 0, 0, 0)),
            id="gbcs-immediate",
        ),
        pytest.param(
            "ffffffffffffffffff8000ff",
            DlmsDateTime(DlmsDate(None, None, None), DlmsTime(None, None, None)),
            id="cancellation",
        ),
        pytest.param(
            "07e80601060d000000ffc480",
            DlmsDateTime(DlmsDate(2024, 6, 1, 6), DlmsTime(13, 0, 0, 0), -60, 0x80),
            id="bst-dst-active",
        ),
        pytest.param(
            "07e80101010000000002d000",
            DlmsDateTime(DlmsDate(2024, 1, 1, 1), DlmsTime(0, 0, 0, 0), 720, 0),
            id="deviation-plus-720",
        ),
    ],
)
def test_date_time_vectors(hex_bytes, value):
    assert parse_strict(DATE_TIME, bytes.fromhex(hex_bytes)).execution == value
    assert build_strict(DATE_TIME, {"execution": value}).hex() == hex_bytes


@pytest.mark.parametrize(
    ("schema", "hex_bytes", "reason"),
    [
        pytest.param(DATE, "07e80001ff", "month 0", id="month-0"),
        pytest.param(DATE, "07e80d01ff", "month 13", id="month-13"),
        pytest.param(DATE, "07e8fc01ff", "month 252", id="month-reserved"),
        pytest.param(DATE, "07e80100ff", "day 0", id="day-0"),
        pytest.param(DATE, "07e80120ff", "day 32", id="day-32"),
        pytest.param(DATE, "07e801fcff", "day 252", id="day-reserved"),
        pytest.param(DATE, "07e7021dff", "does not exist", id="feb-29-2023"),
        pytest.param(DATE, "ffff041fff", "does not exist", id="april-31"),
        pytest.param(DATE, "07de0a1b02", "weekday 1, not 2", id="wrong-weekday"),
        pytest.param(DATE, "ffffffff00", "weekday 0", id="weekday-0"),
        pytest.param(DATE, "0000000001", "month 0", id="zero-date-with-weekday"),
        pytest.param(TIME, "18000000", "hour 24", id="hour-24"),
        pytest.param(TIME, "003c0000", "minute 60", id="minute-60"),
        pytest.param(TIME, "00003c00", "second 60", id="second-60"),
        pytest.param(TIME, "00000064", "hundredths 100", id="hundredths-100"),
        pytest.param(DATE_TIME, "ffffffffffffffffff02d1ff", "deviation 721", id="deviation-721"),
        pytest.param(DATE_TIME, "fffffffffffffffffffd2fff", "deviation -721", id="deviation-m721"),
        pytest.param(DATE_TIME, "ffff0d01ffffffffff8000ff", "month 13", id="bad-date-part"),
    ],
)
def test_invalid_octets_raise_codec_error_naming_the_field(schema, hex_bytes, reason):
    with pytest.raises(CodecError, match=reason) as caught:
        parse_strict(schema, bytes.fromhex(hex_bytes))
    assert caught.value.path == schema.subcons[0].name


def _accepted(schema, template: str, index: int) -> set[int]:
    ok = set()
    for octet in range(256):
        raw = bytearray.fromhex(template)
        raw[index] = octet
        try:
            parse_strict(schema, bytes(raw))
        except CodecError:
            continue
        ok.add(octet)
    return ok


def test_octets_accepted_one_at_a_time():
    assert _accepted(DATE, "ffff01ffff", 2) == set(range(1, 13)) | {0xFD, 0xFE, 0xFF}
    assert _accepted(DATE, "ffff01ffff", 3) == set(range(1, 32)) | {0xFD, 0xFE, 0xFF}
    assert _accepted(DATE, "ffffffffff", 4) == set(range(1, 8)) | {0xFF}
    assert _accepted(TIME, "ffffffff", 0) == set(range(24)) | {0xFF}
    assert _accepted(TIME, "ffffffff", 3) == set(range(100)) | {0xFF}
    assert _accepted(DATE_TIME, "ffffffffffffffffff8000ff", 11) == set(range(256))


def test_to_utc_applies_the_deviation():
    bst_evening = DlmsDateTime(DlmsDate(2024, 6, 1, 6), DlmsTime(13, 0, 0, 0), -60, 0x80)
    assert bst_evening.to_utc() == utc(2024, 6, 1, 12)
    assert bst_evening.dst_active is True
    no_hundredths = DlmsDateTime(DlmsDate(2024, 1, 1), DlmsTime(0, 0, 5, None), 0)
    assert no_hundredths.to_utc() == utc(2024, 1, 1, 0, 0, 5)


def test_from_utc_is_the_inverse_of_to_utc():
    value = DlmsDateTime.from_utc(utc(2024, 3, 31, 23, 30), deviation=-60)
    assert value.date == DlmsDate(2024, 4, 1, 1)
    assert value.time == DlmsTime(0, 30, 0, 0)
    assert value.to_utc() == utc(2024, 3, 31, 23, 30)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        pytest.param(
            DlmsDateTime(DlmsDate(2024, 1, 1), DlmsTime(0, 0, 0)), "no deviation", id="no-dev"
        ),
        pytest.param(
            DlmsDateTime(DlmsDate(None, 1, 1), DlmsTime(0, 0, 0), 0), "not one", id="wild-year"
        ),
        pytest.param(
            DlmsDateTime(DlmsDate(2024, 1, 1), DlmsTime(0, None, 0), 0), "unspecified", id="time"
        ),
        pytest.param(DlmsDateTime(ZERO_DATE, DlmsTime(0, 0, 0, 0), 0), "not one", id="zero-date"),
    ],
)
def test_to_utc_refuses_values_that_are_not_one_instant(value, reason):
    with pytest.raises(ValueError, match=reason):
        value.to_utc()


def test_date_and_time_conversions():
    assert DlmsDate.from_date(date(2024, 2, 29)) == DlmsDate(2024, 2, 29, 4)
    assert DlmsDate(2024, 2, 29).to_date() == date(2024, 2, 29)
    assert DlmsTime.from_time(time(1, 2, 3, 450_000)) == DlmsTime(1, 2, 3, 45)
    assert DlmsTime(1, 2, 3, 45).to_time() == time(1, 2, 3, 450_000)
    with pytest.raises(ValueError, match="hundredths"):
        DlmsTime.from_time(time(1, 2, 3, 1))


def test_models_refuse_wrong_types():
    with pytest.raises(ModelError, match="must be a DlmsDate"):
        DlmsDateTime(date(2024, 1, 1), DlmsTime(0, 0, 0))
    with pytest.raises(ModelError, match="must be an int"):
        DlmsTime(True, 0, 0)
    with pytest.raises(ModelError, match="clock status 255"):
        DlmsDateTime(DlmsDate(None, None, None), DlmsTime(0, 0, 0), 0, 0xFF)


def test_encoding_the_wrong_type_raises_encode_error():
    with pytest.raises(EncodeError, match="expected a DlmsDateTime") as caught:
        build_strict(DATE_TIME, {"execution": utc(2024, 1, 1)})
    assert caught.value.path == "execution"


@given(dlms_dates)
def test_date_value_round_trip(value):
    assert parse_strict(DATE, build_strict(DATE, {"start": value})).start == value


@given(dlms_times)
def test_time_value_round_trip(value):
    assert parse_strict(TIME, build_strict(TIME, {"switch_time": value})).switch_time == value


@given(dlms_date_times)
def test_date_time_value_round_trip(value):
    assert parse_strict(DATE_TIME, build_strict(DATE_TIME, {"execution": value})).execution == value


@pytest.mark.parametrize(("schema", "size"), [(DATE, 5), (TIME, 4), (DATE_TIME, 12)])
@given(data=st.data())
def test_bytes_that_decode_re_encode_exactly(schema, size, data):
    raw = data.draw(st.binary(min_size=size, max_size=size))
    try:
        value = parse_strict(schema, raw)
    except CodecError as exc:
        assert exc.path == schema.subcons[0].name
        return
    assert build_strict(schema, value) == raw


@given(st.dates())
def test_iso_weekday_agrees_with_datetime(value):
    assert iso_weekday(value.year, value.month, value.day) == value.isoweekday()


@given(
    st.datetimes(max_value=datetime(9999, 12, 31, 22, 59, 59), timezones=st.just(UTC)).map(
        lambda d: d.replace(microsecond=0)
    )
)
def test_from_utc_to_utc_round_trip(instant):
    value = DlmsDateTime.from_utc(instant, deviation=-60)
    assert value.time.hour == (instant.hour + 1) % 24
    assert value.to_utc() == instant
