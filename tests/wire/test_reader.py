"""FrameReader: frames out of a byte stream, however it is split, and early refusals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s1sr.codecs.errors import CodecError
from s1sr.codecs.wire import MAX_FRAME_BYTES, FrameReader, decode_message, encode_message
from tests.wire.frames import with_payload_length
from tests.wire.samples import SAMPLES, TOP_UP
from tests.wire.strategies import wire_messages

FRAMES = [encode_message(message) for message in SAMPLES.values()]
STREAM = b"".join(FRAMES)


def test_frames_fed_whole_come_out_whole() -> None:
    reader = FrameReader()
    reader.feed(STREAM)
    assert list(reader) == FRAMES
    assert reader.at_frame_boundary
    assert reader.next_frame() is None


def test_one_byte_at_a_time() -> None:
    reader = FrameReader()
    out = []
    for index in range(len(STREAM)):
        reader.feed(STREAM[index : index + 1])
        out.extend(reader)
    assert out == FRAMES


@pytest.mark.parametrize("cut", range(1, len(FRAMES[0])), ids=lambda cut: f"cut-{cut}")
def test_a_frame_split_at_any_byte_boundary(cut: int) -> None:
    reader = FrameReader()
    reader.feed(FRAMES[0][:cut])
    assert reader.next_frame() is None
    assert reader.buffered == cut
    assert not reader.at_frame_boundary
    reader.feed(FRAMES[0][cut:])
    assert reader.next_frame() == FRAMES[0]
    assert reader.at_frame_boundary


@given(st.lists(wire_messages(), min_size=1, max_size=5), st.data())
def test_any_split_of_any_frames(messages, data) -> None:
    stream = b"".join(encode_message(m) for m in messages)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=8)))
    reader = FrameReader()
    frames = []
    for start, end in zip([0, *cuts], [*cuts, len(stream)], strict=True):
        reader.feed(stream[start:end])
        frames.extend(reader)
    assert [decode_message(frame) for frame in frames] == messages


def test_an_oversized_frame_is_refused_as_soon_as_its_header_arrives() -> None:
    header = with_payload_length(encode_message(TOP_UP), MAX_FRAME_BYTES)[:28]
    reader = FrameReader()
    reader.feed(header[:27])
    with pytest.raises(CodecError) as refused:
        reader.feed(header[27:])
    assert refused.value.path == "header.payload_length"
    assert reader.buffered == 0


def test_a_smaller_limit_of_the_reader_is_enforced() -> None:
    frame = encode_message(TOP_UP)
    reader = FrameReader(max_frame_bytes=len(frame) - 1)
    with pytest.raises(CodecError) as refused:
        reader.feed(frame[:28])
    assert refused.value.path == "header.payload_length"
    assert "this reader's" in refused.value.reason
    exact = FrameReader(max_frame_bytes=len(frame))
    exact.feed(frame)
    assert exact.next_frame() == frame


def test_a_bad_magic_is_refused_at_the_first_byte() -> None:
    reader = FrameReader()
    with pytest.raises(CodecError) as refused:
        reader.feed(b"G")
    assert refused.value.path == "header.magic"


@pytest.mark.parametrize(
    ("offset", "path"), [(2, "header.version"), (3, "header.kind")], ids=["version", "kind"]
)
def test_a_bad_header_field_is_refused_when_the_header_is_in(offset: int, path: str) -> None:
    header = bytearray(encode_message(TOP_UP)[:28])
    header[offset] = 0xEE
    reader = FrameReader()
    reader.feed(bytes(header[:27]))
    with pytest.raises(CodecError) as refused:
        reader.feed(bytes(header[27:]))
    assert refused.value.path == path


def test_after_a_refusal_the_reader_stays_refused() -> None:
    reader = FrameReader()
    with pytest.raises(CodecError) as first:
        reader.feed(b"XX")
    with pytest.raises(CodecError) as again:
        reader.next_frame()
    assert again.value is first.value
    with pytest.raises(CodecError):
        reader.feed(FRAMES[0])


def test_a_good_frame_is_returned_before_the_bad_bytes_after_it_are_refused() -> None:
    reader = FrameReader()
    reader.feed(FRAMES[0] + b"S2")
    assert reader.next_frame() == FRAMES[0]
    with pytest.raises(CodecError) as refused:
        reader.next_frame()
    assert refused.value.path == "header.magic"


def test_the_reader_does_not_check_checksums() -> None:
    # Splitting and decoding are separate: a corrupt frame is delimited, then refused.
    corrupt = FRAMES[0][:-1] + bytes([FRAMES[0][-1] ^ 1])
    reader = FrameReader()
    reader.feed(corrupt + FRAMES[1])
    assert list(reader) == [corrupt, FRAMES[1]]
    with pytest.raises(CodecError):
        decode_message(corrupt)


@pytest.mark.parametrize("limit", [0, 28, MAX_FRAME_BYTES + 1], ids=str)
def test_a_limit_outside_the_format_is_a_value_error(limit: int) -> None:
    with pytest.raises(ValueError):
        FrameReader(max_frame_bytes=limit)
