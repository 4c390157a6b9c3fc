"""Done means: any 1-byte change to a valid frame decodes to a different model or is refused.

As sent, every such change is caught by the CRC-32. Resealed (the checksum recomputed
after the change, as a buggy peer would), the change reaches the header and body
decoders, which must then refuse it or decode a model that differs from the original:
no two frames decode to the same model.

Resealed, every byte of every sample is changed every other way (255) outside the ``ci``
hypothesis profile; under it (the test command), every byte is still changed, each to the
values a loose decoder would let through (``likeliest_slips``: 8 bit flips, 0x00, 0xFF and
one either side), which is 22 CPU-seconds less; ``tox -e nightly`` and a plain ``pytest``
run the whole sweep.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s1sr.codecs.errors import CodecError
from s1sr.codecs.wire import decode_message, encode_message
from tests.profiles import exhaustive
from tests.wire.decoding import decode_or_none
from tests.wire.frames import (
    every_other_value,
    likeliest_slips,
    reseal,
    resealed_changes,
    with_byte,
)
from tests.wire.samples import TOP_UP
from tests.wire.strategies import wire_messages

# every byte of 15 frames, each changed 255 ways twice (as sent, resealed): about 25 CPU-seconds
# in all (ci: about 4)
pytestmark = pytest.mark.heavy

# what each byte is changed to once resealed (see the module's docstring)
VALUES = every_other_value if exhaustive() else likeliest_slips


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
    for offset, value, changed in resealed_changes(sample_frame, VALUES):
        decoded = decode_or_none(changed)
        if decoded is None:
            outcomes["refused"] += 1
        else:
            assert decoded != sample, f"byte {offset} = 0x{value:02X} decodes to the same model"
            outcomes["different"] += 1
    assert sum(outcomes.values()) == sum(len(VALUES(byte)) for byte in sample_frame[:-4])
    # The header's magic alone guarantees refusals; request ids and targets guarantee
    # different models: both outcomes must occur, or the test is not looking.
    assert outcomes["refused"] and outcomes["different"]


@pytest.mark.parametrize("values", [every_other_value, likeliest_slips], ids=lambda f: f.__name__)
def test_resealed_changes_are_each_byte_changed_and_resealed(values) -> None:
    frame = encode_message(TOP_UP)
    expected = [
        (offset, value, reseal(with_byte(frame, offset, value)))
        for offset in range(len(frame) - 4)
        for value in range(256)
        if value != frame[offset] and value in values(frame[offset])
    ]
    assert list(resealed_changes(frame, values)) == expected


def test_every_other_value_is_all_255():
    for byte in (0x00, 0x5A, 0xFF):
        others = every_other_value(byte)
        assert len(others) == 255 and set(others) == set(range(256)) - {byte}


def test_the_likeliest_slips_are_the_bit_flips_extremes_and_neighbours():
    assert likeliest_slips(0x01) == [0x00, 0x02, 0x03, 0x05, 0x09, 0x11, 0x21, 0x41, 0x81, 0xFF]
    assert likeliest_slips(0x00) == [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0xFF]
    # 0x5A + 1 is also its lowest bit flipped
    assert likeliest_slips(0x5A) == [
        0x00,
        0x1A,
        0x4A,
        0x52,
        0x58,
        0x59,
        0x5B,
        0x5E,
        0x7A,
        0xDA,
        0xFF,
    ]
    for byte in range(256):  # never the byte itself, ascending, at most 12
        slips = likeliest_slips(byte)
        assert byte not in slips and slips == sorted(set(slips)) and 9 <= len(slips) <= 12


@given(wire_messages(), st.data())
def test_a_one_byte_change_anywhere_is_refused_or_decodes_differently(message, data) -> None:
    frame = encode_message(message)
    offset = data.draw(st.integers(0, len(frame) - 1), label="offset")
    value = data.draw(st.integers(0, 255).filter(lambda v: v != frame[offset]), label="value")
    changed = with_byte(frame, offset, value)
    assert decode_or_none(changed) is None  # as sent: the CRC catches it
    if offset < len(frame) - 4:
        assert decode_or_none(reseal(changed)) != message
