"""A minimal blocking client of the wire format, for driving the server over real sockets.

Every read has a timeout, so a test that waits for something that never comes fails in
seconds instead of hanging.
"""

from __future__ import annotations

import itertools
import socket
import time
from collections.abc import Callable

from s1sr.codecs.wire import FrameReader, WireMessage, decode_message, encode_message
from s1sr.models import (
    EUI64,
    ControlRequest,
    ControlResponse,
    InventoryResponse,
    Message,
    ReadClock,
    Request,
)

TIMEOUT = 5.0
_control_ids = itertools.count(1 << 40)


class ServerClosed(Exception):
    """The server closed the connection while the client was waiting."""


class WireClient:
    def __init__(self, address: tuple[str, int], timeout: float = TIMEOUT) -> None:
        self.sock = socket.create_connection(address, timeout=timeout)
        self.timeout = timeout
        self.reader = FrameReader()
        self.received: list[WireMessage] = []  # read, not yet returned

    # --- sending ----------------------------------------------------------------------

    def send(self, *messages: WireMessage) -> None:
        self.sock.sendall(b"".join(encode_message(m) for m in messages))

    def send_bytes(self, data: bytes) -> None:
        self.sock.sendall(data)

    # --- receiving --------------------------------------------------------------------

    def receive(self, count: int = 1) -> list[WireMessage]:
        """The next ``count`` messages."""
        while len(self.received) < count:
            self._read_more()
        taken, self.received = self.received[:count], self.received[count:]
        return taken

    def until(self, done: Callable[[WireMessage], bool]) -> list[WireMessage]:
        """Every message up to and including the first for which ``done`` is true."""
        taken: list[WireMessage] = []
        while True:
            while not self.received:
                self._read_more()
            message = self.received.pop(0)
            taken.append(message)
            if done(message):
                return taken

    def exchange(self, request: Request, target: EUI64 | None = None) -> list[Message]:
        """Send ``request`` and a ReadClock barrier; every message that came before the
        barrier's answer (the request's answers, or nothing while it is pending)."""
        barrier = ControlRequest(next(_control_ids), target or request.target, ReadClock())
        self.send(request, barrier)
        messages = self.until(lambda m: _answers(m, barrier))
        return messages[:-1]  # type: ignore[return-value]

    def control(self, action: object, target: EUI64) -> list[WireMessage]:
        """Send a control request; every message up to and including its answer."""
        request = ControlRequest(next(_control_ids), target, action)  # type: ignore[arg-type]
        self.send(request)
        return self.until(lambda m: _answers(m, request))

    def closed_by_server(self, within: float = TIMEOUT) -> bool:
        """True once the server has closed the connection (EOF or reset) within ``within``."""
        deadline = time.monotonic() + within
        self.sock.settimeout(0.05)
        try:
            while time.monotonic() < deadline:
                try:
                    data = self.sock.recv(65536)
                except TimeoutError:
                    continue
                except OSError:
                    return True
                if not data:
                    return True
            return False
        finally:
            self.sock.settimeout(self.timeout)

    def close(self) -> None:
        self.sock.close()

    def _read_more(self) -> None:
        data = self.sock.recv(65536)
        if not data:
            raise ServerClosed("the server closed the connection")
        self.reader.feed(data)
        self.received += [decode_message(frame) for frame in self.reader]


def _answers(message: WireMessage, control: ControlRequest) -> bool:
    return (
        isinstance(message, ControlResponse | InventoryResponse)
        and message.request_id == control.request_id
    )
