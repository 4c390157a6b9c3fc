"""Done means: any 1-byte change to a valid frame decodes to a different model or is refused.

As sent, every such change is caught by the CRC-32. Resealed (the checksum recomputed
after the change, as a buggy peer would), the change reaches the header and body
decoders, which must then refuse it or decode a model that differs from the original:
no two frames decode to the same model.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s1sr.codecs.errors import CodecError
from s1sr.codecs.wire import decode_message, encode_message
from tests.wire.decoding import decode_or_none
from tests.wire.frames import reseal, resealed_changes, with_byte
from tests.wire.samples import TOP_UP
from tests.wire.strategies import wire_messages

# every byte of 31 frames, each changed 255 ways: about 30 CPU-seconds in all
pytestmark = pytest.mark.heavy


def test_every_one_byte_change_is_refused_by_the_checksum(sample, sample_frame: bytes) -> None:
    refused = 0
    for offset, original in enumerate(sample_frame):
        for value in range(256):
            if value == original:
                continue
            try:
                decode_message(with_byte(sample_frame, offset, value))
            except CodecError:
                refused += 1
    assert refused == len(sample_frame) * 255


def test_every_resealed_one_byte_change_is_refused_or_decodes_to_another_model(
    sample, sample_frame: bytes
) -> None:
    outcomes = {"refused": 0, "different": 0}
    for offset, value, changed in resealed_changes(sample_frame):
        decoded = decode_or_none(changed)
        if decoded is None:
            outcomes["refused"] += 1
        else:
            assert decoded != sample, f"byte {offset} = 0x{value:02X} decodes to the same model"
            outcomes["different"] += 1
    assert sum(outcomes.values()) == (len(sample_frame) - 4) * 255
    # The header's magic alone guarantees refusals; request ids and targets guarantee
    # different models: both outcomes must occur, or the test is not looking.
    assert outcomes["refused"] and outcomes["different"]


def test_resealed_changes_are_each_byte_changed_and_resealed() -> None:
    frame = encode_message(TOP_UP)
    expected = [
        (offset, value, reseal(with_byte(frame, offset, value)))
        for offset in range(len(frame) - 4)
        for value in range(256)
        if value != frame[offset]
    ]
    assert list(resealed_changes(frame)) == expected


@given(wire_messages(), st.data())
def test_a_one_byte_change_anywhere_is_refused_or_decodes_differently(message, data) -> None:
    frame = encode_message(message)
    offset = data.draw(st.integers(0, len(frame) - 1), label="offset")
    value = data.draw(st.integers(0, 255).filter(lambda v: v != frame[offset]), label="value")
    changed = with_byte(frame, offset, value)
    assert decode_or_none(changed) is None  # as sent: the CRC catches it
    if offset < len(frame) - 4:
        assert decode_or_none(reseal(changed)) != message
