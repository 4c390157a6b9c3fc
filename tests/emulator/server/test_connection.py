"""``Connection`` without sockets: bytes in, frames out, and every way a stream can go wrong."""

from __future__ import annotations

from datetime import timedelta

import pytest

from s1sr.codecs.wire import MAX_FRAME_BYTES, decode_message, encode_message
from s1sr.codecs.wire.checksum import crc32
from s1sr.emulator.server import CloseReason, Connection, Limits
from s1sr.models import (
    AdvanceClock,
    ChangeOfModeBillingLogRequest,
    ControlOutcome,
    ControlRequest,
    ControlResponse,
    ReadClock,
    ReadFirmwareVersionRequest,
    Request,
    Response,
    ResponseCode,
    TopUpDeviceResponse,
)
from tests.emulator.installation.helpers import top_up

LIMITS = Limits(idle_timeout=10.0, frame_timeout=3.0)
T0 = 1000.0  # the loop's monotonic clock at the start of each test


@pytest.fixture
def host(make_host):
    return make_host()


@pytest.fixture
def conn(host) -> Connection:
    return Connection(1, host, LIMITS, T0)


def _answers(conn: Connection) -> list:
    data = conn.data_to_send()
    messages = []
    while data:
        length = int.from_bytes(data[24:28], "big") + 32
        messages.append(decode_message(data[:length]))
        data = data[length:]
    return messages


def _read_firmware(han1, request_id: int = 1) -> Request:
    return Request(request_id, han1.user, han1.esme, ReadFirmwareVersionRequest())


def _silent(han1, host, request_id: int = 9) -> Request:
    now = host.now()
    return Request(
        request_id, han1.user, han1.esme, ChangeOfModeBillingLogRequest(now - timedelta(1), now)
    )


def _resealed(frame: bytes, payload: bytes) -> bytes:
    """``frame`` with another payload, its length and CRC made right again."""
    body = frame[:24] + len(payload).to_bytes(4, "big") + payload
    return body + crc32(body).to_bytes(4, "big")


def test_a_request_fed_one_byte_at_a_time_is_answered_once_whole(conn, han1) -> None:
    frame = encode_message(_read_firmware(han1))
    for index, byte in enumerate(frame):
        conn.receive_data(bytes([byte]), T0 + index * 0.01)
        if index < len(frame) - 1:
            assert conn.data_to_send() == b""
    [response] = _answers(conn)
    assert response.code is ResponseCode.I0 and response.request_id == 1
    assert conn.deadline() == T0 + (len(frame) - 1) * 0.01 + LIMITS.idle_timeout


def test_frames_arriving_together_are_answered_in_order(conn, han1) -> None:
    requests = [_read_firmware(han1, n) for n in (5, 6, 7)]
    conn.receive_data(b"".join(encode_message(r) for r in requests), T0)
    assert [m.request_id for m in _answers(conn)] == [5, 6, 7]
    assert conn.frames_in == 3 and conn.frames_out == 3


def test_the_answers_of_a_request_come_before_the_barrier_after_it(conn, han1) -> None:
    barrier = ControlRequest(50, han1.esme, ReadClock())
    conn.receive_data(encode_message(_read_firmware(han1)) + encode_message(barrier), T0)
    assert [type(m) for m in _answers(conn)] == [Response, ControlResponse]


def test_an_oversized_frame_is_refused_from_its_header_alone(conn, han1) -> None:
    header = bytearray(encode_message(_read_firmware(han1))[:28])
    header[24:28] = (MAX_FRAME_BYTES - 31).to_bytes(4, "big")  # one byte over the maximum
    conn.receive_data(bytes(header), T0)
    assert conn.close_reason is CloseReason.OVERSIZED
    assert "payload_length" in conn.close_detail
    assert conn.receive_data(b"\0" * 1000, T0) == []  # nothing more is read


def test_a_stream_that_loses_its_framing_is_closed(conn) -> None:
    conn.receive_data(b"GET / HTTP/1.1\r\n\r\n", T0)
    assert conn.close_reason is CloseReason.BAD_FRAMING
    assert conn.data_to_send() == b""


def test_a_malformed_request_body_is_answered_e12_and_the_connection_lives(conn, han1) -> None:
    frame = encode_message(Request(77, han1.user, han1.esme, top_up(1, 10)))
    broken = _resealed(frame, frame[28:-4][:-1])  # the UTRN one byte short
    conn.receive_data(broken + encode_message(_read_firmware(han1, 78)), T0)
    refusal, answer = _answers(conn)
    assert refusal == Response(77, han1.esme, top_up(1, 10).srv, ResponseCode.E12)
    assert answer.request_id == 78 and answer.code is ResponseCode.I0
    assert not conn.closing and conn.refusals == 1


def test_a_malformed_control_request_is_refused_with_the_field_at_fault(conn, han1) -> None:
    frame = encode_message(ControlRequest(88, han1.esme, AdvanceClock(60)))
    broken = _resealed(frame, b"\x09" + frame[29:-4])  # an undefined action code
    conn.receive_data(broken, T0)
    [refusal] = _answers(conn)
    assert refusal.request_id == 88 and refusal.outcome is ControlOutcome.REFUSED
    assert "payload.action" in refusal.reason
    assert not conn.closing


def test_a_frame_whose_checksum_fails_cannot_be_answered_and_closes(conn, han1) -> None:
    frame = bytearray(encode_message(_read_firmware(han1)))
    frame[-1] ^= 0xFF
    conn.receive_data(bytes(frame), T0)
    assert conn.close_reason is CloseReason.UNADDRESSABLE
    assert "checksum" in conn.close_detail
    assert conn.data_to_send() == b""


def test_a_client_sending_what_only_a_server_sends_is_closed(conn, han1) -> None:
    response = Response(1, han1.esme, ReadFirmwareVersionRequest.srv, ResponseCode.I0)
    conn.receive_data(encode_message(response), T0)
    assert conn.close_reason is CloseReason.PROTOCOL


def test_end_of_stream_between_frames_is_a_clean_close(conn, han1) -> None:
    conn.receive_data(encode_message(_read_firmware(han1)), T0)
    conn.receive_eof()
    assert conn.close_reason is CloseReason.CLIENT_CLOSED
    assert len(_answers(conn)) == 1  # what was answered is still written


def test_end_of_stream_inside_a_frame_applies_nothing(conn, host, han1) -> None:
    frame = encode_message(Request(3, han1.user, han1.esme, top_up(1, 10)))
    conn.receive_data(frame[:-5], T0)
    conn.receive_eof()
    assert conn.close_reason is CloseReason.MID_FRAME
    assert host.stats.requests == 0
    again = Connection(2, host, LIMITS, T0)
    again.receive_data(frame, T0)
    [response] = _answers(again)
    amount = top_up(1, 10).utrn.amount
    assert response.body == TopUpDeviceResponse(credit_applied=amount, meter_balance=amount)


def test_a_silent_connection_closes_at_its_idle_deadline(conn) -> None:
    assert conn.deadline() == T0 + LIMITS.idle_timeout
    assert not conn.expire(T0 + LIMITS.idle_timeout - 0.1)
    assert conn.expire(T0 + LIMITS.idle_timeout)
    assert conn.close_reason is CloseReason.IDLE


def test_a_connection_waiting_for_an_s1ce20_is_not_idle(conn, host, han1) -> None:
    conn.receive_data(encode_message(_silent(han1, host)), T0)
    assert _answers(conn) == []
    assert conn.deadline() is None
    assert not conn.expire(T0 + 10 * LIMITS.idle_timeout)


def test_a_frame_trickling_in_closes_at_its_frame_deadline(conn, han1) -> None:
    frame = encode_message(_read_firmware(han1))
    conn.receive_data(frame[:1], T0)
    for index in range(1, 20):  # bytes keep coming, so the connection is never idle
        conn.receive_data(frame[index : index + 1], T0 + index * 0.5)
        if conn.closing:
            break
        conn.expire(T0 + index * 0.5)
    assert conn.close_reason is CloseReason.SLOW_FRAME
    assert conn.data_to_send() == b""


def test_a_paused_connection_takes_no_frame_until_resumed(conn, han1) -> None:
    conn.pause()
    conn.receive_data(encode_message(_read_firmware(han1, 1)), T0)
    conn.receive_data(encode_message(_read_firmware(han1, 2)), T0)
    assert conn.data_to_send() == b""
    assert conn.deadline() is None  # a client we are not reading is not slow
    conn.resume(T0 + 1)
    assert [m.request_id for m in _answers(conn)] == [1, 2]


def test_a_fault_inside_the_emulator_closes_only_that_connection(
    conn, host, han1, monkeypatch
) -> None:
    def explode(request):
        raise RuntimeError("boom")

    monkeypatch.setattr(host.installation, "submit", explode)
    conn.receive_data(encode_message(_read_firmware(han1)), T0)
    assert conn.close_reason is CloseReason.INTERNAL
    assert "boom" in conn.close_detail
    monkeypatch.undo()
    other = Connection(2, host, LIMITS, T0)
    other.receive_data(encode_message(_read_firmware(han1, 2)), T0)
    assert [m.code for m in _answers(other)] == [ResponseCode.I0]


def test_too_many_pending_requests_close_the_connection_unapplied(make_host, han1) -> None:
    host = make_host(max_awaiting=1)
    conn = Connection(1, host, LIMITS, T0)
    conn.receive_data(encode_message(_silent(han1, host, 1)), T0)
    conn.receive_data(encode_message(_silent(han1, host, 2)), T0)
    assert conn.close_reason is CloseReason.PROTOCOL
    assert len(host.installation.pending()) == 1


def test_messages_for_a_closing_connection_are_not_queued(conn, host, han1) -> None:
    conn.close(CloseReason.SHUTDOWN)
    conn.send([ControlResponse(1, han1.esme, ControlOutcome.OK, host.now())])
    assert conn.data_to_send() == b""


# --- slow and stalled clients, and what shedding decides on --------------------------

ISSUE_14 = Limits(idle_timeout=2.0, frame_timeout=5.0)  # --idle-timeout 2, a short frame limit


def test_a_half_frame_then_silence_closes_at_the_idle_deadline(host, han1) -> None:
    conn = Connection(1, host, ISSUE_14, T0)
    conn.receive_data(encode_message(_read_firmware(han1))[:3], T0)  # three header bytes
    assert conn.deadline() == T0 + ISSUE_14.idle_timeout  # not the later frame deadline
    assert not conn.expire(T0 + ISSUE_14.idle_timeout - 0.1)
    assert conn.expire(T0 + ISSUE_14.idle_timeout)
    assert conn.close_reason is CloseReason.IDLE
    assert "3 byte(s) of a frame" in conn.close_detail


def test_a_trickle_under_the_idle_timeout_closes_at_the_frame_deadline(host, han1) -> None:
    conn = Connection(1, host, ISSUE_14, T0)
    frame = encode_message(_read_firmware(han1))
    for second in range(len(frame) - 1):  # a byte a second: never silent for 2 s
        conn.expire(T0 + second)
        if conn.closing:
            break
        conn.receive_data(frame[second : second + 1], T0 + second)
    assert conn.close_reason is CloseReason.SLOW_FRAME
    assert second == ISSUE_14.frame_timeout  # closed at the deadline from its first byte
    assert host.stats.requests == 0


def test_frames_streamed_back_to_back_each_have_their_own_deadline(conn, han1) -> None:
    """Chunks that end inside the next frame start that frame's clock, not the first one's."""
    stream = b"".join(encode_message(_read_firmware(han1, n)) for n in range(1, 41))
    chunk = 37  # never on a frame boundary for long
    for index, start in enumerate(range(0, len(stream), chunk)):
        now = T0 + index * 0.5  # well past the 3 s frame limit in all
        conn.expire(now)
        conn.receive_data(stream[start : start + chunk], now)
    assert not conn.closing
    assert [m.request_id for m in _answers(conn)] == list(range(1, 41))


def test_idle_since_moves_with_whole_frames_and_answers_not_with_stray_bytes(
    conn, host, han1
) -> None:
    assert conn.idle_since == T0
    frame = encode_message(_read_firmware(han1))
    conn.receive_data(frame[:10], T0 + 1)
    assert conn.idle_since == T0  # part of a frame is no activity
    conn.receive_data(frame[10:], T0 + 2)
    assert conn.idle_since == T0 + 2
    conn.send([ControlResponse(1, han1.esme, ControlOutcome.OK, host.now())], T0 + 3)
    assert conn.idle_since == T0 + 3


def test_in_flight_while_a_request_awaits_its_answer_or_answers_are_untaken(
    conn, host, han1
) -> None:
    assert not conn.in_flight
    conn.receive_data(encode_message(_read_firmware(han1)), T0)
    assert conn.in_flight  # its answer is queued, not yet taken
    conn.data_to_send()
    assert not conn.in_flight
    conn.receive_data(encode_message(_read_firmware(han1, 2))[:5], T0)
    assert not conn.in_flight  # a partial frame: nothing taken from it yet
    other = Connection(2, host, LIMITS, T0)
    other.receive_data(encode_message(_silent(han1, host)), T0)
    assert other.data_to_send() == b"" and other.in_flight  # awaiting its S1CE20
    paused = Connection(3, host, LIMITS, T0)
    paused.pause()
    assert paused.in_flight
