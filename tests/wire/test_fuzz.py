"""Random bytes, truncations, bit flips and length lies raise only ``CodecError``.

Where a mutated frame is resealed (its CRC recomputed) it reaches the body decoders;
whatever then decodes must re-encode to the same bytes (``decode_or_none`` checks).
"""

from __future__ import annotations

import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s1sr.codecs.wire import Kind, encode_message
from s1sr.codecs.wire.codes import CODE_OF_SRV
from s1sr.models import SRV
from tests.wire.decoding import decode_or_none
from tests.wire.frames import reseal, with_payload, with_payload_length
from tests.wire.strategies import wire_messages

# Flags each kind's header needs, so that random payloads reach the body decoders.
KIND_FLAGS = {
    Kind.REQUEST: 0x03,
    Kind.RESPONSE: 0x03,
    Kind.ALERT: 0x03,
    Kind.CONTROL_REQUEST: 0x01,
    Kind.CONTROL_RESPONSE: 0x01,
    Kind.INVENTORY: 0x01,
}


def _header(kind: Kind, srv: SRV | None, length: int) -> bytes:
    code = CODE_OF_SRV[srv] if srv is not None and KIND_FLAGS[kind] & 0x02 else 0
    return struct.pack(
        ">2sBBB3sQQI", b"S1", 1, kind, KIND_FLAGS[kind], code.to_bytes(3, "big"), 7, 9, length
    )


@given(st.binary(max_size=256))
def test_random_bytes_are_refused(data: bytes) -> None:
    assert decode_or_none(data) is None


@given(st.binary(max_size=64))
def test_random_bytes_after_a_valid_magic_are_refused(data: bytes) -> None:
    assert decode_or_none(b"S1\x01" + data) is None


@pytest.mark.parametrize("kind", list(Kind), ids=lambda k: k.name.lower())
@given(srv=st.sampled_from(SRV), payload=st.binary(max_size=200))
def test_random_payloads_under_a_valid_header_decode_canonically_or_are_refused(
    kind: Kind, srv: SRV, payload: bytes
) -> None:
    frame = reseal(_header(kind, srv, len(payload)) + payload + b"\0\0\0\0")
    decode_or_none(frame)


def test_every_truncation_of_every_sample_is_refused(sample_frame: bytes) -> None:
    for end in range(len(sample_frame)):
        assert decode_or_none(sample_frame[:end]) is None, f"truncated to {end} bytes"


def test_every_resealed_payload_truncation_is_refused(sample_frame: bytes) -> None:
    """The format is prefix-free: no shorter payload is complete, even with a matching length."""
    payload = sample_frame[28:-4]
    for end in range(len(payload)):
        assert decode_or_none(with_payload(sample_frame, payload[:end])) is None, end


@given(wire_messages(), st.data())
def test_truncated_frames_are_refused(message, data) -> None:
    frame = encode_message(message)
    end = data.draw(st.integers(0, len(frame) - 1))
    assert decode_or_none(frame[:end]) is None


@given(wire_messages(), st.data())
def test_bit_flips_are_refused_and_resealed_ones_decode_canonically(message, data) -> None:
    frame = bytearray(encode_message(message))
    flips = data.draw(st.lists(st.integers(0, 8 * len(frame) - 1), min_size=1, max_size=4))
    for bit in flips:
        frame[bit // 8] ^= 0x80 >> (bit % 8)
    if bytes(frame) == encode_message(message):  # an even number of flips of one bit
        return
    assert decode_or_none(bytes(frame)) is None
    decode_or_none(reseal(frame))


@given(wire_messages(), st.integers(0, (1 << 32) - 1))
def test_length_lies_are_refused(message, length: int) -> None:
    frame = encode_message(message)
    if length == len(frame) - 32:
        return
    lie = with_payload_length(frame, length)
    assert decode_or_none(lie) is None
    assert decode_or_none(reseal(lie)) is None


@given(wire_messages(), st.data())
def test_inserted_and_deleted_payload_bytes_decode_canonically_or_are_refused(
    message, data
) -> None:
    frame = encode_message(message)
    payload = frame[28:-4]
    at = data.draw(st.integers(0, len(payload)))
    if data.draw(st.booleans()) or not payload:
        changed = payload[:at] + data.draw(st.binary(min_size=1, max_size=4)) + payload[at:]
    else:
        changed = payload[:at] + payload[at + 1 :]
    decode_or_none(with_payload(frame, changed))
