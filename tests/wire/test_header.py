"""The struct-backed header construct agrees with a field-by-field construct schema."""

from __future__ import annotations

import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.declarative_header import DeclarativeHeaderField
from s1sr.codecs.errors import CodecError
from s1sr.codecs.strict import EncodeError, build_strict, parse_strict
from s1sr.codecs.wire import HEADER_SIZE, MAX_PAYLOAD_BYTES, FrameHeader, Kind, decode_header
from s1sr.codecs.wire.header import HeaderField

headers = st.builds(
    FrameHeader,
    st.sampled_from(Kind),
    st.integers(0, 255),
    st.integers(0, (1 << 24) - 1),
    st.integers(0, (1 << 64) - 1),
    st.integers(0, (1 << 64) - 1),
    st.integers(0, MAX_PAYLOAD_BYTES),
)


@given(headers)
def test_both_header_schemas_write_the_same_bytes(header: FrameHeader) -> None:
    raw = build_strict(HeaderField, header)
    assert len(raw) == HEADER_SIZE
    assert raw == build_strict(DeclarativeHeaderField, header)
    assert parse_strict(HeaderField, raw) == header


@given(st.binary(min_size=HEADER_SIZE, max_size=HEADER_SIZE))
def test_both_header_schemas_accept_and_refuse_the_same_bytes(raw: bytes) -> None:
    raw = b"S1\x01" + raw[3:] if raw[0] & 1 else raw  # half of them get past the magic
    outcomes = []
    for schema in (HeaderField, DeclarativeHeaderField):
        try:
            outcomes.append(parse_strict(schema, raw))
        except CodecError as exc:
            outcomes.append(type(exc))
    assert outcomes[0] == outcomes[1]


def test_decode_header_reads_a_frame_prefix() -> None:
    raw = struct.pack(">2sBBB3sQQI", b"S1", 1, 3, 0, b"\0\0\0", 0, 0x00DB, 12)
    header = decode_header(raw + b"rest of the frame")
    assert header == FrameHeader(Kind.ALERT, 0, 0, 0, 0x00DB, 12)
    assert header.frame_length == HEADER_SIZE + 12 + 4


def test_a_header_cannot_declare_more_than_the_maximum() -> None:
    header = FrameHeader(Kind.REQUEST, 3, 0x020200, 1, 1, MAX_PAYLOAD_BYTES + 1)
    with pytest.raises(EncodeError):
        build_strict(HeaderField, header)
