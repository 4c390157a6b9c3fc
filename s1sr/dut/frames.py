"""Frames as evidence: each message a DUT exchanged, its bytes in hex, its decoded view, when.

Every adapter carries messages in the wire format (even the in-process emulator encodes and
decodes them), so evidence always holds the exact bytes a test engineer can replay with
``s1sr decode``. Two times: the DUT's (virtual, under clock control) and the host's wall
clock.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from s1sr.codecs.errors import CodecError
from s1sr.codecs.wire import WireMessage, decode_message, encode_message
from s1sr.dut.errors import DutError
from s1sr.models import Message, to_jsonable


class Direction(StrEnum):
    OUT = "out"  # to the DUT
    IN = "in"  # from the DUT


@dataclass(frozen=True)
class Frame:
    direction: Direction
    data: bytes
    message: WireMessage
    virtual_time: datetime | None  # the DUT's clock, when it has one the suite can read
    wall_time: datetime
    # A DUIS DUT: the XML as carried over HTTP (``data`` is then the wire view of
    # ``message``, for ``s1sr decode``), what the frame says beyond it (e.g. a body filled
    # in from the test-hook readout), and why it was refused (a signature that does not
    # verify): a refused frame is evidence, and its exchange ends in ERROR.
    xml: str | None = None
    note: str = ""
    rejected: str | None = None

    @property
    def hex(self) -> str:
        return self.data.hex().upper()

    def decoded(self) -> dict[str, Any]:
        if self.message is None:  # a refused DUIS message: nothing trusted to decode
            return {"type": "Refused", "reason": self.rejected or ""}
        return to_jsonable(self.message)

    def to_json(self) -> dict[str, Any]:
        result = {
            "direction": self.direction.value,
            "hex": self.hex,
            "decoded": self.decoded(),
            "virtual_time": _iso(self.virtual_time),
            "wall_time": _iso(self.wall_time),
        }
        if self.xml is not None:
            result["xml"] = self.xml
        if self.note:
            result["note"] = self.note
        if self.rejected is not None:
            result["rejected"] = self.rejected
        return result


def frame(
    direction: Direction,
    message: WireMessage,
    *,
    data: bytes | None = None,
    virtual_time: datetime | None = None,
) -> Frame:
    """A frame of ``message``; ``data`` when the bytes were really carried, else encoded."""
    raw = encode_message(message) if data is None else bytes(data)
    return Frame(direction, raw, message, virtual_time, datetime.now(UTC))


def carry(
    direction: Direction, message: WireMessage, *, virtual_time: datetime | None = None
) -> tuple[Frame, WireMessage]:
    """``message`` through the wire codec as an in-process adapter carries it: its frame,
    and what the other side receives (the frame's bytes decoded; ``CodecError`` if not).

    The bytes are decoded here once; when they decode to ``message`` the frame is noted
    as holding its message, so ``verify_frames`` does not decode them a second time.
    """
    data = encode_message(message)
    item = frame(direction, message, data=data, virtual_time=virtual_time)
    received = decode_message(data)
    if received == message:
        _HOLDS_ITS_MESSAGE[id(item)] = item
    return item, received


# Frames ``carry`` decoded and found equal to their message, by id (a frame's own hash
# would hash its whole message); a frame made any other way is decoded by verify_frames.
_HOLDS_ITS_MESSAGE: weakref.WeakValueDictionary[int, Frame] = weakref.WeakValueDictionary()


def _holds_its_message(item: Frame) -> bool:
    return _HOLDS_ITS_MESSAGE.get(id(item)) is item


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def verify_frames(request: Message, messages: Sequence[Message], frames: Sequence[Frame]) -> None:
    """``DutError`` unless the frames are the evidence of the exchange they come with.

    An adapter that builds its own frames (a full ``DeviceUnderTest``) could record bytes
    that are not what was exchanged; the suite decodes every frame itself and requires the
    request among the frames sent and every answer among the frames received. Frames of
    other wire messages (test hooks, a clock barrier) may be there as well. A frame
    ``carry`` made was decoded and compared when it was made, by this module.
    """
    sent: list[WireMessage] = []
    received: list[WireMessage] = []
    for item in frames:
        if item.rejected is not None:
            raise DutError(
                f"a message received for request {_id(request)} was refused: {item.rejected}"
            )
        if _holds_its_message(item):  # decoded by carry() already
            decoded = item.message
        else:
            try:
                decoded = decode_message(item.data)
            except CodecError as exc:
                raise DutError(f"a frame of request {_id(request)} does not decode: {exc}") from exc
            if decoded != item.message:
                raise DutError(
                    f"a frame of request {_id(request)} holds other bytes than its message: "
                    f"{item.hex[:80]}"
                )
        (sent if item.direction is Direction.OUT else received).append(decoded)
    if request not in sent:
        raise DutError(f"no frame sent request {_id(request)} (the evidence would not show it)")
    for message in messages:
        if message not in received:
            raise DutError(
                f"the answer {type(message).__name__} to request {_id(request)} has no frame "
                "it was received in"
            )


def _id(message: Message) -> object:
    return getattr(message, "request_id", "?")
