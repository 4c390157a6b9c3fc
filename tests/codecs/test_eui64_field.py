"""EUI-64 device ids: 8 bytes, most significant first."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from primitive_support import as_message

from s1sr.codecs.errors import CodecError
from s1sr.codecs.primitives import Eui64Field
from s1sr.codecs.strict import EncodeError, build_strict, parse_strict
from s1sr.models import EUI64

SCHEMA = as_message(Eui64Field, "target")


def test_vector_matches_the_duis_text_form():
    device = EUI64.parse("00-DB-12-34-56-78-90-A0")
    assert build_strict(SCHEMA, {"target": device}).hex() == "00db1234567890a0"
    assert parse_strict(SCHEMA, bytes.fromhex("00db1234567890a0")).target == device


@pytest.mark.parametrize("length", [0, 7])
def test_truncated_id_names_the_field(length):
    with pytest.raises(CodecError, match="StreamError") as caught:
        parse_strict(SCHEMA, bytes(length))
    assert caught.value.path == "target"


def test_text_is_not_an_eui64():
    with pytest.raises(EncodeError, match="expected an EUI64"):
        build_strict(SCHEMA, {"target": "00-DB-12-34-56-78-90-A0"})


@given(st.binary(min_size=8, max_size=8))
def test_every_eight_bytes_round_trip(raw):
    device = parse_strict(SCHEMA, raw).target
    assert device.to_bytes() == raw
    assert build_strict(SCHEMA, {"target": device}) == raw
