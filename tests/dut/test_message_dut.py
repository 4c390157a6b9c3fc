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


def test_a_message_that_arrives_after_its_exchange_is_recorded_with_the_next():
    from datetime import UTC, datetime

    from s1sr.models import SRV, Alert

    harness = Harness()
    harness.exchange(request(5))
    late = Alert("S1ZZ09", METER, datetime(2024, 1, 15, 12, 5, tzinfo=UTC), 5, SRV("11.2"))
    harness.arrived(late)  # e.g. from the harness's own thread, between exchanges
    result = harness.exchange(request(6))
    assert result.messages[0] == late  # it came before request 6 was sent
    assert [f.direction for f in result.frames] == [Direction.IN, Direction.OUT, Direction.IN]
    assert result.frames[0].hex != result.frames[2].hex
    assert harness.exchange(request(7)).messages[0].request_id == 7  # handed over once


def test_a_message_handed_over_while_handle_runs_is_part_of_that_exchange():
    from datetime import UTC, datetime

    from s1sr.models import SRV, Alert

    class Pushing(Harness):
        def handle(self, request):
            answers = super().handle(request)
            self.arrived(Alert("S1ZZ09", METER, datetime(2024, 1, 15, tzinfo=UTC), 1, SRV("11.2")))
            return answers

    result = Pushing().exchange(request(5))
    assert [f.direction for f in result.frames] == [Direction.OUT, Direction.IN, Direction.IN]
    assert result.messages[-1].code == "S1ZZ09"


def test_only_messages_are_handed_over():
    with pytest.raises(DutError, match="not a message"):
        Harness().arrived("S1CE20")


def test_an_adapter_declares_its_s1sp_timeout():
    from datetime import timedelta

    from s1sr.dut import DeviceUnderTest

    assert DeviceUnderTest.s1sp_timeout is None  # not declared: judged against 24 h

    class Declared(Harness):
        s1sp_timeout = timedelta(minutes=30)

    assert Declared().s1sp_timeout == timedelta(minutes=30)


def test_frames_that_are_not_the_exchange_are_a_dut_error():
    from s1sr.dut import frame
    from s1sr.dut.frames import verify_frames

    result = Harness().exchange(request(5))
    verify_frames(result.request, result.messages, result.frames)  # MessageDut's own: fine
    out, answer = result.frames
    with pytest.raises(DutError, match="no frame sent request 5"):
        verify_frames(result.request, result.messages, (answer,))
    with pytest.raises(DutError, match="has no frame it was received in"):
        verify_frames(result.request, result.messages, (out,))
    forged = frame(Direction.IN, answer.message, data=out.data)  # bytes of another message
    with pytest.raises(DutError, match="other bytes than its message"):
        verify_frames(result.request, result.messages, (out, forged))
    with pytest.raises(DutError, match="does not decode"):
        verify_frames(
            result.request,
            result.messages,
            (out, frame(Direction.IN, answer.message, data=b"\x00")),
        )
