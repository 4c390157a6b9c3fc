"""The struct-backed header construct agrees with a field-by-field construct schema, and the
codec's direct calls (``decode_header``, ``pack_header``) with the construct."""

from __future__ import annotations

import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.declarative_header import DeclarativeHeaderField
from s1sr.codecs.errors import CodecError
from s1sr.codecs.primitives import FieldError
from s1sr.codecs.strict import EncodeError, build_strict, field_path, parse_strict
from s1sr.codecs.wire import HEADER_SIZE, MAX_PAYLOAD_BYTES, FrameHeader, Kind, decode_header
from s1sr.codecs.wire.header import HeaderField, pack_header

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


def _header_outcome(call):
    try:
        return "header", call()
    except (CodecError, EncodeError) as exc:
        return type(exc).__name__, (exc.reason, exc.path)


@given(st.binary(min_size=HEADER_SIZE, max_size=HEADER_SIZE + 4))
def test_decode_header_reads_as_parse_strict_does(raw: bytes) -> None:
    raw = b"S1\x01" + raw[3:] if raw[0] & 1 else raw  # half of them get past the magic
    expected = _header_outcome(lambda: parse_strict(HeaderField, raw[:HEADER_SIZE], "header"))
    assert _header_outcome(lambda: decode_header(raw)) == expected


@given(headers, st.integers(0, 2 * MAX_PAYLOAD_BYTES), st.integers(-1, 1 << 65))
def test_pack_header_writes_as_build_strict_does(header, length, request_id) -> None:
    header = header._replace(payload_length=length, request_id=request_id)
    expected = _header_outcome(lambda: build_strict(HeaderField, header))
    built = _header_outcome(lambda: _pack_as_encode_message_does(header))
    assert built == expected


def _pack_as_encode_message_does(header: FrameHeader) -> bytes:
    try:
        return pack_header(header, "(building)")
    except FieldError as exc:
        raise EncodeError(exc.reason, field_path(exc.path)) from exc
