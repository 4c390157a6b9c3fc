"""DER TLV trees: round trip, accessors, and refusals."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs import DerNode, UniversalTag, decode_der, encode_der
from s1sr.models import ModelError


def test_a_sequence_round_trips_with_typed_accessors():
    node = DerNode.sequence(
        DerNode.integer(0x8F66),
        DerNode(UniversalTag.GENERALIZED_TIME, b"20300115090000Z"),
        DerNode.integer(-129),
        DerNode(UniversalTag.NULL, b""),
    )
    raw = encode_der(node)
    assert raw[:2] == b"\x30" + bytes([len(raw) - 2])
    assert raw[2:7] == bytes.fromhex("0203008F66")  # sign octet keeps it positive
    decoded = decode_der(raw)
    assert decoded == node
    assert decoded.children[0].as_int() == 0x8F66
    assert decoded.children[1].as_datetime() == datetime(2030, 1, 15, 9, tzinfo=UTC)
    assert decoded.children[2].as_int() == -129


@pytest.mark.parametrize(
    ("value", "octets"),
    [(0, 1), (127, 1), (128, 2), (255, 2), (256, 2), (-1, 1), (-128, 1), (-129, 2), (1 << 40, 6)],
)
def test_integers_use_the_fewest_octets(value, octets):
    node = DerNode.integer(value)
    assert node.as_int() == value
    assert len(node.value) == octets


def test_high_tag_numbers_round_trip():
    node = DerNode(0x9F2A, b"\x01")  # context-specific, primitive, tag 42
    assert encode_der(node) == bytes.fromhex("9F2A0101")
    assert decode_der(bytes.fromhex("9F2A0101")) == node


def test_long_lengths_round_trip():
    node = DerNode(UniversalTag.OCTET_STRING, bytes(300))
    raw = encode_der(node)
    assert raw[:4] == bytes.fromhex("0482012C")
    assert decode_der(raw) == node


@pytest.mark.parametrize(
    "hexa",
    ["3080", "040101FF", "0403AA", "30030401", "1F0000", "300204"],
    ids=[
        "indefinite-length",
        "trailing-octet",
        "short-content",
        "child-overruns-parent",
        "bad-high-tag",
        "truncated-child",
    ],
)
def test_malformed_der_is_refused(hexa):
    with pytest.raises(CodecError):
        decode_der(bytes.fromhex(hexa))


def test_constructed_and_primitive_values_are_not_mixed_up():
    with pytest.raises(ModelError):
        DerNode(UniversalTag.SEQUENCE, b"\x00")
    with pytest.raises(ModelError):
        DerNode(UniversalTag.INTEGER, (DerNode.integer(1),))
    with pytest.raises(TypeError):
        DerNode.sequence().as_int()
