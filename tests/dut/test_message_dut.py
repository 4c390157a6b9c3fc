"""``MessageDut``: a manufacturer's harness gets framing, evidence and answer checks for free."""

from __future__ import annotations

import pytest

from s1sr.dut import DeviceEntry, Direction, DutError, Inventory, MessageDut
from s1sr.models import (
    EUI64,
    DeviceType,
    FirmwareVersion,
    ReadFirmwareVersionRequest,
    ReadFirmwareVersionResponse,
    Request,
    Response,
    ResponseCode,
)

METER, USER = EUI64(0x0253310000000001), EUI64(0x0253550000000001)


class Harness(MessageDut):
    def __init__(self, answer=True):
        self.answer = answer
        self.seen = []

    def inventory(self):
        return Inventory((DeviceEntry(METER, DeviceType.ESME, "M", USER),), (USER,))

    def handle(self, request):
        self.seen.append(request)
        if not self.answer:
            return []
        body = ReadFirmwareVersionResponse(FirmwareVersion(0x01020300))
        return [Response(request.request_id, request.target, request.srv, ResponseCode.I0, body)]


def request(request_id=5):
    return Request(request_id, USER, METER, ReadFirmwareVersionRequest())


def test_the_harness_gets_the_decoded_request_and_its_answer_is_framed():
    harness = Harness()
    result = harness.exchange(request())
    assert harness.seen == [request()]
    assert [f.direction for f in result.frames] == [Direction.OUT, Direction.IN]
    assert result.frames[1].hex.startswith("5331")
    assert result.messages[0].body.version == FirmwareVersion(0x01020300)


def test_no_answer_is_a_dut_error_not_a_verdict():
    with pytest.raises(DutError, match="no response or alert"):
        Harness(answer=False).exchange(request())


def test_without_clock_control_frames_carry_no_virtual_time():
    assert Harness().exchange(request()).frames[0].virtual_time is None
