"""The server survives hostile and broken clients, and one client's failure touches no other.

Every test keeps a bystander connection open from the start and checks, at the end, that
it and a newcomer are still served. Everything runs on 127.0.0.1 with short timeouts and
bounded loops.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest

from s1sr.codecs.wire import MAX_FRAME_BYTES, encode_message
from s1sr.codecs.wire.checksum import crc32
from s1sr.emulator.server import CloseReason, Limits
from s1sr.models import (
    EUI64,
    AdvanceClock,
    ChangeOfModeBillingLogRequest,
    ControlOutcome,
    ProfileDataRequest,
    ReadClock,
    ReadFirmwareVersionRequest,
    Request,
    Response,
    ResponseCode,
    utc,
)
from tests.emulator.installation.helpers import top_up
from tests.emulator.server.wire_client import WireClient

SLOW_FRAMES = Limits(idle_timeout=30.0, frame_timeout=0.6)
IDLE = Limits(idle_timeout=0.6, frame_timeout=30.0)


def _read_firmware(han1, request_id: int) -> Request:
    return Request(request_id, han1.user, han1.esme, ReadFirmwareVersionRequest())


def _served(server, connect, han1, *clients: WireClient) -> None:
    """Each given client, and a new one, still get their answers."""
    for number, client in enumerate([*clients, connect(server)], start=1):
        [response] = client.exchange(_read_firmware(han1, 10_000 + number))
        assert isinstance(response, Response) and response.code is ResponseCode.I0


def _closed_with(server, reason: CloseReason, within: float = 5.0) -> bool:
    """Whether the server has counted a connection closed for ``reason`` (bounded wait)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if server.call(lambda: server.server.closed[str(reason)]) >= 1:
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def strict(start_server):
    """A frame must arrive within 0.6 s of its first byte."""
    return start_server(limits=SLOW_FRAMES)


@pytest.fixture
def impatient(start_server):
    """A connection that awaits nothing is closed after 0.6 s of silence."""
    return start_server(limits=IDLE)


def test_garbage_closes_only_the_connection_that_sent_it(server, connect, han1) -> None:
    bystander, vandal = connect(server), connect(server)
    vandal.send_bytes(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(range(256)))
    assert vandal.closed_by_server()
    assert _closed_with(server, CloseReason.BAD_FRAMING)
    _served(server, connect, han1, bystander)


def test_a_malformed_body_gets_an_addressed_e12_and_the_connection_goes_on(
    server, connect, han1
) -> None:
    client = connect(server)
    frame = encode_message(Request(21, han1.user, han1.esme, top_up(1, 10)))
    payload = frame[28:-4][:-3]  # the UTRN cut short
    body = frame[:24] + len(payload).to_bytes(4, "big") + payload
    client.send_bytes(body + crc32(body).to_bytes(4, "big"))
    [refusal] = client.receive()
    assert refusal == Response(21, han1.esme, top_up(1, 10).srv, ResponseCode.E12)
    _served(server, connect, han1, client)


def test_a_frame_failing_its_checksum_closes_that_connection(server, connect, han1) -> None:
    bystander, client = connect(server), connect(server)
    frame = bytearray(encode_message(_read_firmware(han1, 22)))
    frame[30] ^= 0x01
    client.send_bytes(bytes(frame))
    assert client.closed_by_server()
    _served(server, connect, han1, bystander)


def test_an_oversized_frame_is_refused_from_its_header(server, connect, han1) -> None:
    bystander, client = connect(server), connect(server)
    header = bytearray(encode_message(_read_firmware(han1, 23))[:28])
    header[24:28] = (MAX_FRAME_BYTES - 31).to_bytes(4, "big")  # a byte over the limit
    client.send_bytes(bytes(header))  # the header alone: no payload is ever sent
    assert client.closed_by_server()
    assert _closed_with(server, CloseReason.OVERSIZED)
    _served(server, connect, han1, bystander)


def test_a_frame_at_the_limit_that_never_finishes_times_out(strict, connect, han1) -> None:
    bystander, client = connect(strict), connect(strict)
    header = bytearray(encode_message(_read_firmware(han1, 24))[:28])
    header[24:28] = (MAX_FRAME_BYTES - 32).to_bytes(4, "big")  # exactly the limit: accepted
    client.send_bytes(bytes(header) + b"\0" * 1000)
    assert client.closed_by_server()
    assert _closed_with(strict, CloseReason.SLOW_FRAME)
    _served(strict, connect, han1, bystander)


def test_an_abrupt_disconnect_mid_frame_applies_nothing(server, connect, han1) -> None:
    bystander, client = connect(server), connect(server)
    frame = encode_message(Request(25, han1.user, han1.esme, top_up(6, 10)))
    client.send_bytes(frame[: len(frame) // 2])
    client.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    client.close()  # linger 0: a reset, not a polite close
    newcomer = connect(server)
    [response] = newcomer.exchange(Request(25, han1.user, han1.esme, top_up(6, 10)))
    amount = top_up(6, 10).utrn.amount
    assert response.code is ResponseCode.I0 and response.body.credit_applied == amount
    assert response.body.meter_balance == amount  # the half frame credited nothing
    _served(server, connect, han1, bystander)


def test_a_slow_loris_is_cut_off_while_others_are_served(strict, connect, han1) -> None:
    bystander, loris = connect(strict), connect(strict)
    frame = encode_message(_read_firmware(han1, 26))
    for index, byte in enumerate(frame):  # 0.1 s a byte: 4 s for the frame; the limit is 0.6 s
        try:
            loris.send_bytes(bytes([byte]))
        except OSError:
            break
        if index == 2:
            _served(strict, connect, han1, bystander)  # served while the loris trickles
        if loris.closed_by_server(within=0.1):
            break
    assert index < len(frame) - 1  # cut off before the frame was complete
    assert _closed_with(strict, CloseReason.SLOW_FRAME)
    _served(strict, connect, han1, bystander)


def test_a_frame_written_a_byte_at_a_time_in_good_time_is_answered(server, connect, han1) -> None:
    client = connect(server)
    client.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    for byte in encode_message(_read_firmware(han1, 27)):
        client.send_bytes(bytes([byte]))
    [response] = client.receive()
    assert response.request_id == 27 and response.code is ResponseCode.I0


def test_an_idle_connection_is_closed_and_a_waiting_one_is_not(impatient, connect, han1) -> None:
    idle, waiting = connect(impatient), connect(impatient)
    [clock] = idle.control(ReadClock(), han1.esme)
    assert clock.outcome is ControlOutcome.OK
    now = clock.clock
    silent = Request(31, han1.user, han1.esme, ChangeOfModeBillingLogRequest(now, now))
    assert waiting.exchange(silent) == []  # pending until someone moves the clock
    assert idle.closed_by_server(within=5.0)
    assert _closed_with(impatient, CloseReason.IDLE)
    assert not waiting.closed_by_server(within=1.0)  # awaiting S1CE20 is not idleness
    mover = connect(impatient)
    mover.control(AdvanceClock(1800), han1.esme)
    [alert] = waiting.receive()
    assert alert.request_id == 31
    _served(impatient, connect, han1)


def test_a_client_that_half_closes_gets_its_answers_then_the_close(server, connect, han1) -> None:
    client = connect(server)
    client.send(_read_firmware(han1, 28), _read_firmware(han1, 29))
    client.sock.shutdown(socket.SHUT_WR)
    first, second = client.receive(2)
    assert (first.request_id, second.request_id) == (28, 29)
    assert client.closed_by_server()
    _served(server, connect, han1)


def test_a_client_that_sends_a_response_is_closed(server, connect, han1) -> None:
    bystander, client = connect(server), connect(server)
    client.send(Response(30, han1.esme, ReadFirmwareVersionRequest.srv, ResponseCode.I0))
    assert client.closed_by_server()
    assert _closed_with(server, CloseReason.PROTOCOL)
    _served(server, connect, han1, bystander)


def test_over_a_hundred_concurrent_connections_are_all_served(server, connect, han1) -> None:
    clients = [connect(server) for _ in range(120)]
    for number, client in enumerate(clients):
        client.send(_read_firmware(han1, 1000 + number))
    for number, client in enumerate(clients):
        [response] = client.receive()
        assert response.request_id == 1000 + number and response.code is ResponseCode.I0
    assert server.call(lambda: server.server.connections) == 120


def test_a_newcomer_is_refused_only_when_every_connection_awaits_an_answer(
    start_server, connect, han1
) -> None:
    server = start_server(limits=Limits(max_connections=3))
    kept = [connect(server) for _ in range(3)]
    [clock] = kept[0].control(ReadClock(), han1.esme)
    silent = ChangeOfModeBillingLogRequest(clock.clock, clock.clock)
    for number, client in enumerate(kept):
        assert client.exchange(Request(50 + number, han1.user, han1.esme, silent)) == []
    extra = connect(server)
    assert extra.closed_by_server()  # none may be shed: each would lose its S1CE20
    assert server.call(lambda: (server.server.refused, server.server.shed)) == (1, 0)
    first = kept[0].control(AdvanceClock(1800), han1.esme)
    alerts = [first[0], *(client.receive()[0] for client in kept[1:])]
    assert [alert.request_id for alert in alerts] == [50, 51, 52]
    for number, client in enumerate(kept):
        assert client.exchange(_read_firmware(han1, 60 + number))[0].code is ResponseCode.I0


def test_clients_hammering_from_threads_each_get_their_own_answers(server, connect, han1) -> None:
    clients = [connect(server) for _ in range(8)]
    failures: list[str] = []

    def hammer(index: int, client: WireClient) -> None:
        for step in range(25):
            request_id = index * 1000 + step
            [response] = client.exchange(_read_firmware(han1, request_id))
            if response.request_id != request_id:
                failures.append(f"client {index} got {response.request_id} for {request_id}")

    threads = [threading.Thread(target=hammer, args=pair) for pair in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not any(thread.is_alive() for thread in threads)
    assert failures == []


def test_a_client_that_does_not_read_is_paused_and_holds_up_no_one(
    start_server, connect, han1
) -> None:
    limits = Limits(output_high_water=8 * 1024, send_buffer=8 * 1024)
    server = start_server(limits=limits)
    hog = connect(server)
    hog.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 32 * 1024)
    [moved] = hog.control(AdvanceClock(7 * 86400), han1.esme)
    week = ProfileDataRequest(utc(2024, 1, 15, 12), moved.clock)  # about 4 kB an answer
    sent = 100
    hog.send(*[Request(40_000 + n, han1.user, han1.esme, week) for n in range(sent)])
    _served(server, connect, han1)  # others are served while the hog's answers pile up
    answers = hog.receive(sent)  # then it reads: nothing was lost or reordered
    assert [a.request_id for a in answers] == [40_000 + n for n in range(sent)]
    assert all(a.code is ResponseCode.I0 for a in answers)
    assert server.call(lambda: server.server.pauses) >= 1


def test_stopping_the_server_closes_its_connections(start_server, connect, han1) -> None:
    server = start_server()
    port = server.port
    client = connect(server)
    _served(server, connect, han1, client)
    server.stop()
    assert client.closed_by_server()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1.0)


def test_control_messages_are_answered_whatever_device_they_name(server, connect) -> None:
    client = connect(server)
    [clock] = client.control(ReadClock(), EUI64(0))  # one installation per server
    assert clock.outcome is ControlOutcome.OK
    assert clock.target == EUI64(0)
