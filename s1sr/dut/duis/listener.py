"""The DCC User's own endpoint: where the DCC POSTs results (after I99) and alerts.

Runs for the length of the run on ``--duis-listen HOST:PORT`` (path ``/smartdcc/duis``),
in a thread. Each POST is read within a size bound, its signature verified against the
key folder (a DCC key, not a DCC User's), validated when a schema is given, and decoded
as an ``sr:Response``: then answered ``204``, else ``400`` with the reason. Both kinds
are queued in arrival order for the DUT: a refused message is evidence, and the
exchange that meets it ends in ERROR.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from s1sr.codecs.duis import CodecError, DuisSchema, verify
from s1sr.codecs.duis.response import DuisResponse, response_from_element
from s1sr.dut.duis.keys import DuisKeys
from s1sr.dut.duis.paths import CALLBACK_PATH
from s1sr.prompt_stop import PromptStop, ShutsServedConnections

MAX_BODY = 16 * 1024 * 1024


@dataclass(frozen=True)
class Received:
    """One POST to the endpoint: its XML, and the response or why it was refused."""

    xml: bytes
    response: DuisResponse | None
    rejected: str | None = None
    signer: str = ""
    wall_time: datetime = field(default_factory=lambda: datetime.now(UTC))


def check_signed_response(
    data: bytes, keys: DuisKeys, schema: DuisSchema | None
) -> tuple[DuisResponse, str]:
    """The verified, decoded response and its signer; ``CodecError`` saying why not."""
    verified = verify(data, keys.store)
    if DuisKeys.is_user_key(verified.signer.name):
        raise CodecError(f"signed by a DCC User's key ({verified.signer.name}), not the DCC's", "/")
    if schema is not None:
        schema.check(verified.signed)
    return response_from_element(verified.signed), verified.signer.name


class Inbox:
    """What arrived, in order; ``wait`` blocks until something new or the deadline."""

    def __init__(self) -> None:
        self._items: list[Received] = []
        self._ready = threading.Condition()

    def put(self, item: Received) -> None:
        with self._ready:
            self._items.append(item)
            self._ready.notify_all()

    def take(self) -> list[Received]:
        with self._ready:
            items, self._items = self._items, []
        return items

    def wait(self, deadline: float) -> bool:
        """True when something is queued (waiting at most until ``deadline``)."""
        with self._ready:
            while not self._items:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._ready.wait(remaining)
            return True


class _Server(PromptStop, ShutsServedConnections, ThreadingHTTPServer):
    """A stopped endpoint takes nothing more, not even on a connection the DCC keeps."""

    daemon_threads = True


class CallbackListener:
    """The HTTP endpoint in a background thread; ``url`` is what the DCC is told."""

    def __init__(
        self,
        host: str,
        port: int,
        keys: DuisKeys,
        *,
        schema: DuisSchema | None = None,
        path: str = CALLBACK_PATH,
        max_body: int = MAX_BODY,
    ) -> None:
        self.inbox = Inbox()

        def check(data: bytes) -> tuple[DuisResponse, str]:
            return check_signed_response(data, keys, schema)

        self._server = _Server((host, port), _handler(self.inbox, check, path, max_body))
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="s1sr-duis-listener", daemon=True
        )
        self.path = path

    @property
    def address(self) -> tuple[str, int]:
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    @property
    def url(self) -> str:
        host, port = self.address
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}{self.path}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _handler(
    inbox: Inbox, check: Callable[[bytes], tuple[DuisResponse, str]], path: str, max_body: int
) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            # the DCC keeps its connection: a refusal's head and body go as two writes,
            # which Nagle would hold until the DCC's delayed ACK
            self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_POST(self) -> None:
            if self.path.split("?", 1)[0] != path:
                self._answer(404, "not the DUIS callback path")
                return
            try:
                length = int(self.headers.get("Content-Length", ""))
            except ValueError:
                self._answer(411, "Content-Length required")
                return
            if length < 0 or length > max_body:
                self._answer(413, f"over {max_body} bytes")
                self.close_connection = True
                return
            data = self.rfile.read(length)
            try:
                response, signer = check(data)
            except CodecError as exc:
                reason = str(exc)
                inbox.put(Received(data, None, rejected=reason))
                self._answer(400, reason)
                return
            inbox.put(Received(data, response, signer=signer))
            self._answer(204, "")

        def _answer(self, status: int, text: str) -> None:
            body = text.encode("utf-8", "replace")
            self.send_response(status)
            if status != 204:
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 204:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return  # the evidence holds every message; no stderr noise per POST

    return Handler
