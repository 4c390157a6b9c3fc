"""Robustness: a callback that is down then up, concurrent users, slow clients, kept
connections, no hooks."""

from __future__ import annotations

import http.client
import logging
import socket
import threading
import time
import urllib.error
import urllib.request

import pytest

from s1sr.codecs.duis.response import decode_response
from s1sr.emulator.duis import SERVICE_S, HttpLimits
from s1sr.emulator.duis.deadlines import Deadlines
from s1sr.models import ReadFirmwareVersionRequest
from tests.emulator.duis.conftest import Han1, Signer, post

READ = ReadFirmwareVersionRequest()
XML = {"Content-Type": "application/xml"}


def test_a_callback_down_then_up_gets_each_message_once_in_order(
    start_server, signer, receiver
) -> None:
    server = start_server()
    receiver.status = 503
    counters = []
    for _ in range(3):
        model = signer.model(Han1.esme, READ)
        counters.append(model.request_id)
        assert post(server, SERVICE_S, signer.sign(model))[0] == 200
    time.sleep(0.15)
    assert receiver.bodies == [] and receiver.attempts >= 1  # retried, none accepted
    receiver.status = 204
    got = [decode_response(body).header.request_id.counter for body in receiver.wait(3)]
    assert got == counters
    assert server.endpoint.sender.drain(5)
    assert len(receiver.bodies) == 3 and server.endpoint.sender.stats.dead == []


def test_ten_concurrent_users_all_answered(start_server, keystore, receiver) -> None:
    server = start_server()
    results: list[int] = []
    lock = threading.Lock()

    def user(index: int) -> None:
        own = Signer(keystore, Han1.user, start=10_000 * (index + 1))
        for _ in range(3):
            status, _ = post(server, SERVICE_S, own.sign(own.model(Han1.esme, READ)))
            with lock:
                results.append(status)

    threads = [threading.Thread(target=user, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    # one originator, twelve clients: each counter is new or a replay the DCC refuses
    assert len(results) == 36 and set(results) <= {200, 409} and 200 in results
    assert len(receiver.wait(results.count(200), 30)) == results.count(200)


@pytest.mark.parametrize("cut_by", ["the watchdog", "the read's own timeout"])
def test_a_slow_client_is_cut_at_the_read_deadline_and_others_are_served(
    start_server, signer, caplog, monkeypatch, cut_by
) -> None:
    """Cut, not answered: the socket's timeout is the read deadline as well, and when it
    ended the read before the watchdog shut the socket, the client got a 500 (and the log
    an internal error) for a request it never finished."""
    if cut_by != "the watchdog":
        monkeypatch.setattr(Deadlines, "watch", lambda self, sock, seconds, who=None: -1)
    server = start_server(limits=HttpLimits(read_deadline=0.5, max_connections=2))
    slow = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    slow.sendall(b"POST /api/v1/serviceS HTTP/1.1\r\nContent-Length: 100\r\n\r\n<a")
    assert post(server, SERVICE_S, signer.sign(signer.model(Han1.esme, READ)))[0] == 200
    start = time.monotonic()
    assert slow.recv(1024) == b""  # shut at the deadline (0.5 s): recv waits for it
    assert time.monotonic() - start < 3
    slow.close()
    assert post(server, SERVICE_S, signer.sign(signer.model(Han1.esme, READ)))[0] == 200
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


def test_a_client_trickling_its_request_is_cut_at_the_read_deadline(start_server) -> None:
    """Each byte within the socket timeout, the whole never: the deadline watchdog cuts it."""
    server = start_server(limits=HttpLimits(read_deadline=0.5, max_connections=2))
    trickle = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    trickle.sendall(b"POST /api/v1/serviceS HTTP/1.1\r\nContent-Length: 100\r\n\r\n")
    start = time.monotonic()
    with pytest.raises(OSError):  # the server shut it: a reset, or EOF then a broken pipe
        while time.monotonic() - start < 5:
            trickle.sendall(b"<")
            time.sleep(0.1)
            trickle.setblocking(False)
            try:
                if trickle.recv(1024) == b"":
                    raise ConnectionError("closed by the server")
            except BlockingIOError:
                pass
            trickle.setblocking(True)
    assert time.monotonic() - start < 2.5
    trickle.close()
    assert len(server.http.deadlines) == 0  # the cut connection is no longer watched


def test_a_kept_connection_carries_requests_in_turn_and_is_shut_when_idle(
    start_server, signer
) -> None:
    """Keep-alive within the bounds: the slot of an idle connection is freed at the deadline."""
    server = start_server(limits=HttpLimits(read_deadline=0.5, max_connections=1))
    kept = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    for _ in range(2):
        kept.request("POST", SERVICE_S, signer.sign(signer.model(Han1.esme, READ)), XML)
        answer = kept.getresponse()
        assert answer.status == 200 and answer.getheader("Connection") is None
        assert decode_response(answer.read()).header.code == "I99"
    sock = kept.sock
    assert sock is not None
    start = time.monotonic()
    assert sock.recv(1) == b""  # idle past the deadline: shut by the server
    assert time.monotonic() - start < 3
    kept.close()
    while server.http.active and time.monotonic() - start < 3:  # its thread is ending
        time.sleep(0.01)
    assert server.http.active == 0  # the slot is free again
    assert post(server, SERVICE_S, signer.sign(signer.model(Han1.esme, READ)))[0] == 200


def test_a_stopped_server_shuts_the_connections_clients_keep(start_server, signer) -> None:
    server = start_server()
    kept = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    kept.request("POST", SERVICE_S, signer.sign(signer.model(Han1.esme, READ)), XML)
    answer = kept.getresponse()
    assert answer.status == 200 and answer.getheader("Connection") is None
    answer.read()
    server.stop()
    assert kept.sock is not None and kept.sock.recv(1) == b""  # nothing more served on it
    kept.close()


def test_a_refused_body_or_a_client_saying_close_ends_the_connection(start_server) -> None:
    server = start_server(limits=HttpLimits(max_body=16))
    for headers, body, status in (
        ({"Content-Type": "application/xml"}, b"<x/>".ljust(64), 413),  # the body is not read
        ({"Connection": "close"}, None, 200),
    ):
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        method = "POST" if body is not None else "GET"
        path = SERVICE_S if body is not None else "/s1sr/test-hooks/now"
        connection.request(method, path, body, headers)
        answer = connection.getresponse()
        answer.read()
        assert answer.status == status and answer.getheader("Connection") == "close"
        assert connection.sock is None or connection.sock.recv(1) == b""
        connection.close()


@pytest.mark.parametrize("size", [4, 1 << 20], ids=["small body", "1 MiB body"])
def test_past_max_connections_a_newcomer_gets_503(start_server, signer, size) -> None:
    """Even one still sending its body when the 503 comes (the refusal lingers to read it)."""
    server = start_server(limits=HttpLimits(read_deadline=2.0, max_connections=1))
    hold = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    hold.sendall(b"POST /api/v1/serviceS HTTP/1.1\r\n")
    time.sleep(0.2)
    status, _ = post(server, SERVICE_S, b"<x/>".ljust(size))
    assert status == 503 and server.http.refused == 1
    hold.close()


def test_hooks_are_absent_without_test_hooks(start_server) -> None:
    server = start_server(test_hooks=False)
    for name in ("now", "inventory"):
        try:
            urllib.request.urlopen(f"{server.url}/s1sr/test-hooks/{name}", timeout=5)
        except urllib.error.HTTPError as exc:
            assert exc.code == 404
        else:
            raise AssertionError("a hook answered without --test-hooks")
