"""Bounded byte strings and UTF-8 text: length checked before reading, bad UTF-8 named."""

from __future__ import annotations

import pytest
from construct import Int8ub, Int16ub
from hypothesis import given
from hypothesis import strategies as st
from primitive_support import as_message

from s1sr.codecs.errors import CodecError
from s1sr.codecs.primitives import BoundedBytes, BoundedText
from s1sr.codecs.strict import EncodeError, build_strict, parse_strict

DETAIL = as_message(BoundedText(Int16ub, 1024), "detail")
PAYLOAD = as_message(BoundedBytes(Int16ub, 16), "payload")


@pytest.mark.parametrize(
    ("text", "hex_bytes"),
    [
        pytest.param("", "0000", id="empty"),
        pytest.param("S1CE20", "0006533143453230", id="ascii"),
        pytest.param("£5", "0003c2a335", id="pound-sign"),
    ],
)
def test_text_vectors(text, hex_bytes):
    assert build_strict(DETAIL, {"detail": text}).hex() == hex_bytes
    assert parse_strict(DETAIL, bytes.fromhex(hex_bytes)).detail == text


def test_invalid_utf8_names_the_field():
    with pytest.raises(CodecError, match="utf-8") as caught:
        parse_strict(DETAIL, bytes.fromhex("0002c328"))
    assert caught.value.path == "detail"


def test_length_over_the_limit_is_refused_before_reading():
    with pytest.raises(CodecError, match=r"length 1025 is outside 0\.\.1024") as caught:
        parse_strict(DETAIL, bytes.fromhex("0401"))
    assert caught.value.path == "detail"


def test_lying_length_is_refused():
    with pytest.raises(CodecError, match="length 10 but only 2 bytes left") as caught:
        parse_strict(PAYLOAD, bytes.fromhex("000a4142"))
    assert caught.value.path == "payload"


def test_bytes_vector():
    assert build_strict(PAYLOAD, {"payload": b"\x01\x02"}).hex() == "00020102"
    assert parse_strict(PAYLOAD, bytes.fromhex("00020102")).payload == b"\x01\x02"


def test_unencodable_values_raise_encode_error():
    with pytest.raises(EncodeError, match=r"outside 0\.\.1024"):
        build_strict(DETAIL, {"detail": "x" * 1025})
    with pytest.raises(EncodeError, match="surrogate"):
        build_strict(DETAIL, {"detail": "\ud800"})
    with pytest.raises(EncodeError, match="expected str"):
        build_strict(DETAIL, {"detail": b"bytes"})
    with pytest.raises(EncodeError, match="expected bytes"):
        build_strict(PAYLOAD, {"payload": "text"})


def test_negative_limit_is_refused():
    with pytest.raises(ValueError, match="max_length"):
        BoundedBytes(Int8ub, -1)


@given(st.text(max_size=300))
def test_text_round_trip(text):
    encoded = build_strict(DETAIL, {"detail": text})
    assert parse_strict(DETAIL, encoded).detail == text


@given(st.binary(max_size=24))
def test_bytes_that_decode_re_encode_exactly(raw):
    for schema in (DETAIL, PAYLOAD):
        try:
            value = parse_strict(schema, raw)
        except CodecError:
            continue
        assert build_strict(schema, value) == raw
