"""``carry``: an in-process adapter's frame is decoded once, and still checked.

``verify_frames`` trusts a frame ``carry`` made (it decoded the bytes and compared them
with the message then) and decodes every other frame itself, however it was made.
"""

from __future__ import annotations

import dataclasses

import pytest

import s1sr.dut.frames as frames_module
from s1sr.codecs.wire import decode_message, encode_message
from s1sr.dut import DutError
from s1sr.dut.frames import Direction, carry, frame, verify_frames
from s1sr.models.examples import ESME, USER
from tests.wire.samples import TOP_UP, TOP_UP_RESPONSE

REQUEST = TOP_UP
ANSWER = TOP_UP_RESPONSE


def test_carry_gives_the_frame_and_what_the_other_side_decodes() -> None:
    item, received = carry(Direction.OUT, REQUEST)
    assert item.data == encode_message(REQUEST)
    assert item.message is REQUEST
    assert received == REQUEST and received is not REQUEST  # decoded from the bytes


def test_carried_frames_are_not_decoded_again(monkeypatch: pytest.MonkeyPatch) -> None:
    sent, _ = carry(Direction.OUT, REQUEST)
    answer, _ = carry(Direction.IN, ANSWER)

    def refuse(data: bytes) -> None:
        raise AssertionError("decoded a second time")

    monkeypatch.setattr(frames_module, "decode_message", refuse)
    verify_frames(REQUEST, (ANSWER,), (sent, answer))


def test_a_frame_made_otherwise_is_decoded_and_compared() -> None:
    sent, _ = carry(Direction.OUT, REQUEST)
    answer, _ = carry(Direction.IN, ANSWER)
    other_bytes = dataclasses.replace(answer, data=sent.data)  # not carry's frame
    with pytest.raises(DutError, match="other bytes than its message"):
        verify_frames(REQUEST, (ANSWER,), (sent, other_bytes))
    plain = frame(Direction.IN, ANSWER, data=b"\x00")
    with pytest.raises(DutError, match="does not decode"):
        verify_frames(REQUEST, (ANSWER,), (sent, plain))


def test_a_carried_frame_that_decodes_to_another_message_is_checked_later(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = dataclasses.replace(REQUEST, user_id=ESME)
    assert other != REQUEST and USER != ESME
    monkeypatch.setattr(frames_module, "decode_message", lambda data: other)
    sent, received = carry(Direction.OUT, REQUEST)
    assert received == other
    with pytest.raises(DutError, match="other bytes than its message"):
        verify_frames(REQUEST, (), (sent,))
    monkeypatch.setattr(frames_module, "decode_message", decode_message)
    verify_frames(REQUEST, (), (sent,))  # decoded for real now: the bytes are the request
