"""No set of stalled or trickling connections locks a valid client out of the server.

Stalled clients hold every slot up to ``max_connections``; a newcomer must still be served
(1 s to connect and get its answer: a functional bound, the client times out rather than
hang), by shedding the connection idle longest that has nothing in flight. Half frames
end at the idle timeout, trickles at the frame deadline; each shed and refusal is logged.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

import pytest

from s1sr.codecs.wire import encode_message
from s1sr.emulator.server import CloseReason, Limits
from s1sr.models import (
    AdvanceClock,
    ChangeOfModeBillingLogRequest,
    ReadClock,
    ReadFirmwareVersionRequest,
    Request,
    ResponseCode,
)
from tests.emulator.server.wire_client import WireClient

ANSWER_WITHIN = 1.0  # seconds a valid client has to connect and be answered
SLOTS = 8
LONG = Limits(max_connections=SLOTS, idle_timeout=60.0, frame_timeout=60.0)
SHORT = Limits(max_connections=SLOTS, idle_timeout=0.5, frame_timeout=1.0)
TCP_LOG = "s1sr.emulator.server.tcp"


def _read_firmware(han1, request_id: int) -> Request:
    return Request(request_id, han1.user, han1.esme, ReadFirmwareVersionRequest())


def _served(client: WireClient, han1, request_id: int) -> bool:
    [response] = client.exchange(_read_firmware(han1, request_id))
    return response.request_id == request_id and response.code is ResponseCode.I0


def _wait_for(server, probe, within: float = 5.0) -> bool:
    """Whether ``probe(EmulatorServer)`` turns true on the server's thread (bounded wait)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if server.call(lambda: probe(server.server)):
            return True
        time.sleep(0.02)
    return False


def _peer(client: WireClient) -> str:
    host, port = client.sock.getsockname()[:2]
    return f"{host}:{port}"


@pytest.fixture
def trickle() -> Iterator:
    """``trickle(clients, frame)``: a thread sends each client the next byte of ``frame``
    every 0.1 s (well under any idle timeout here) until the test ends."""
    stop = threading.Event()
    threads: list[threading.Thread] = []

    def start(clients: list[WireClient], frame: bytes) -> None:
        def run() -> None:
            for index in range(len(frame) - 1):  # never the last byte: the frame stays open
                for client in clients:
                    try:
                        client.sock.send(frame[index : index + 1])
                    except OSError:
                        pass  # shed or closed: the others go on
                if stop.wait(0.1):
                    return

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        threads.append(thread)

    yield start
    stop.set()
    for thread in threads:
        thread.join(5)


@pytest.mark.parametrize("limits", [LONG, SHORT], ids=["long-timeouts", "short-timeouts"])
def test_max_connections_stalled_and_trickling_lock_no_valid_client_out(
    start_server, connect, trickle, han1, limits: Limits
) -> None:
    server = start_server(limits=limits)
    frame = encode_message(_read_firmware(han1, 1))
    stalled = [connect(server) for _ in range(SLOTS // 2)]
    for client in stalled:
        client.send_bytes(frame[:3])  # three header bytes, then nothing
    trickling = [connect(server) for _ in range(SLOTS - len(stalled))]
    trickle(trickling, frame)
    assert _wait_for(server, lambda s: s.accepted == SLOTS)  # all in, before any newcomer
    for number in range(3):  # each newcomer is answered in time, none is refused
        assert _served(connect(server, timeout=ANSWER_WITHIN), han1, 100 + number)
    assert server.call(lambda: server.server.refused) == 0
    if limits is LONG:  # no timeout can have freed a slot: shedding did
        assert server.call(lambda: server.server.shed) == 3
        assert stalled[0].closed_by_server()  # the first one in was the longest idle


def test_a_half_frame_then_silence_ends_at_the_idle_timeout(start_server, connect, han1) -> None:
    """The issue's lockout: three header bytes used to hold a slot for the frame timeout."""
    server = start_server(limits=Limits(idle_timeout=0.5, frame_timeout=60.0))
    client = connect(server)
    client.send_bytes(encode_message(_read_firmware(han1, 1))[:3])
    assert client.closed_by_server(within=5.0)
    assert _wait_for(server, lambda s: s.closed[str(CloseReason.IDLE)] == 1)
    assert _served(connect(server), han1, 2)


def test_a_trickle_under_the_idle_timeout_ends_at_the_frame_deadline(
    start_server, connect, trickle, han1
) -> None:
    server = start_server(limits=SHORT)
    loris = connect(server)
    trickle([loris], encode_message(_read_firmware(han1, 1)))  # a byte every 0.1 s < 0.5 s
    assert loris.closed_by_server(within=5.0)
    assert _wait_for(server, lambda s: s.closed[str(CloseReason.SLOW_FRAME)] == 1)
    assert server.call(lambda: server.server.closed[str(CloseReason.IDLE)]) == 0
    assert server.call(lambda: server.server.host.stats.requests) == 0


def test_the_newcomer_sheds_the_connection_idle_longest(
    start_server, connect, han1, caplog
) -> None:
    caplog.set_level(logging.WARNING, logger=TCP_LOG)
    server = start_server(limits=Limits(max_connections=3))
    first, second, third = (connect(server) for _ in range(3))
    for number, client in enumerate([first, second, third, first]):
        assert _served(client, han1, 10 + number)  # second is now the longest idle
    newcomer = connect(server)
    assert _served(newcomer, han1, 20)
    assert second.closed_by_server()
    assert _served(first, han1, 21) and _served(third, han1, 22)
    assert server.call(lambda: (server.server.shed, server.server.refused)) == (1, 0)
    [line] = [r.getMessage() for r in caplog.records if r.name == TCP_LOG]
    assert line.startswith(f"shed connection 2 from {_peer(second)} for {_peer(newcomer)}")
    assert "at the limit of 3 connections" in line and "longest idle" in line


def test_a_connection_awaiting_its_answer_is_never_shed(start_server, connect, han1) -> None:
    server = start_server(limits=Limits(max_connections=2))
    waiting, idle = connect(server), connect(server)
    [clock] = waiting.control(ReadClock(), han1.esme)
    silent = ChangeOfModeBillingLogRequest(clock.clock, clock.clock)
    assert waiting.exchange(Request(30, han1.user, han1.esme, silent)) == []
    assert _served(idle, han1, 31)  # idle is the newer, but waiting has a request in flight
    newcomer = connect(server)
    assert _served(newcomer, han1, 32)
    assert idle.closed_by_server()
    newcomer.control(AdvanceClock(1800), han1.esme)
    [alert] = waiting.receive()  # nothing lost: the S1CE20 reaches its client
    assert alert.request_id == 30


def test_a_refusal_is_logged_with_the_peer_and_the_reason(
    start_server, connect, han1, caplog
) -> None:
    caplog.set_level(logging.WARNING, logger=TCP_LOG)
    server = start_server(limits=Limits(max_connections=1))
    waiting = connect(server)
    [clock] = waiting.control(ReadClock(), han1.esme)
    silent = ChangeOfModeBillingLogRequest(clock.clock, clock.clock)
    assert waiting.exchange(Request(40, han1.user, han1.esme, silent)) == []
    refused = connect(server)
    assert refused.closed_by_server()
    [line] = [r.getMessage() for r in caplog.records if r.name == TCP_LOG]
    assert line == (
        f"refused {_peer(refused)}: at the limit of 1 connections, each with a request in flight"
    )
