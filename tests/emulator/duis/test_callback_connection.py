"""The callback sender keeps its connection to an HTTP/1.1 receiver, and a kept connection
the receiver dropped while idle is reopened without counting as a failed attempt."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from s1sr.emulator.duis import CallbackSender
from s1sr.prompt_stop import PromptStop
from tests.emulator.duis.conftest import FAST


class _Server(PromptStop, ThreadingHTTPServer):
    daemon_threads = True


class KeepAliveReceiver:
    """HTTP/1.1: keeps connections, but drops one silently after ``drop_after`` requests."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []
        self.connections = 0
        self.drop_after: int | None = None
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                with receiver.lock:
                    receiver.connections += 1
                self.served = 0

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                self.served += 1
                with receiver.lock:
                    receiver.bodies.append(body)
                    drop = receiver.drop_after is not None and self.served >= receiver.drop_after
                self.send_response(204)
                self.end_headers()
                if drop:
                    self.close_connection = True  # closed with no Connection: close said

            def log_message(self, *args: object) -> None:
                pass

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/smartdcc/duis"


@pytest.fixture
def keep_alive() -> Iterator[KeepAliveReceiver]:
    receiver = KeepAliveReceiver()
    thread = threading.Thread(target=receiver.server.serve_forever, daemon=True)
    thread.start()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


def test_messages_share_one_connection_and_a_dropped_one_is_reopened(keep_alive) -> None:
    sender = CallbackSender(keep_alive.url, FAST)
    try:
        for index in range(3):
            sender.send(b"<m%d/>" % index, f"m{index}")
        assert sender.drain(10)
        assert keep_alive.connections == 1, keep_alive.connections
        keep_alive.drop_after = 1  # the next message's connection closes after it
        sender.send(b"<m3/>", "m3")
        assert sender.drain(10)
        sender.send(b"<m4/>", "m4")  # goes on the dropped connection first, then a new one
        assert sender.drain(10)
    finally:
        sender.close()
    assert keep_alive.bodies == [b"<m%d/>" % i for i in range(5)]  # each once, in order
    assert sender.stats.delivered == 5 and sender.stats.retries == 0 and not sender.stats.dead
    assert keep_alive.connections == 2, (keep_alive.connections, sender.stats)
