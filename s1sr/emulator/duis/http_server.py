"""The HTTP server around ``DuisEndpoint``: stdlib ``ThreadingHTTPServer``, bounded.

Why threads here, where the TCP server uses asyncio: verifying and signing XML is CPU work
in lxml and cryptography that would stall an event loop, and a thread per connection
keeps one slow client from holding up the others while the installation itself stays
serialised by the endpoint's lock. The bounds: at most ``max_connections`` connections
are served at once (a newcomer past it gets 503 and is closed), every request must be
whole (request line, headers and body) within ``read_deadline`` seconds of the connection
opening or the socket is shut by the server's one watchdog thread (``Deadlines``; a slow
client holds one slot for that long at most), a body over ``max_body`` is refused with 413
from its Content-Length before it is read (and the connection closed), a connection the
client keeps (HTTP/1.1) carries its requests in turn, each whole within ``read_deadline``
of the previous answer (an idle one is shut then, its slot freed), and anything that is
not HTTP gets the standard library's 400 and a closed connection. The test hooks answer loopback peers only.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from s1sr.emulator.duis.deadlines import Deadlines, shut
from s1sr.emulator.duis.endpoint import DuisEndpoint, HttpAnswer, text_answer
from s1sr.emulator.duis.hooks import PREFIX, hook
from s1sr.emulator.duis.intake import DEFAULT_MAX_BODY
from s1sr.emulator.duis.routes import URLS
from s1sr.prompt_stop import PromptStop, ShutsServedConnections

log = logging.getLogger(__name__)

_XML_TYPES = ("application/xml", "text/xml")
_TOO_MANY = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
    b"Content-Length: 17\r\nConnection: close\r\n\r\ntoo many clients\n"
)
_MAX_LINGERING = 16
_LINGER_SECONDS = 0.5


@dataclass(frozen=True)
class HttpLimits:
    max_body: int = DEFAULT_MAX_BODY
    max_connections: int = 64
    read_deadline: float = 30.0

    def __post_init__(self) -> None:
        if self.max_body < 1 or self.max_connections < 1 or not self.read_deadline > 0:
            raise ValueError("max_body and max_connections >= 1, read_deadline > 0")


class DuisHttpServer(PromptStop, ShutsServedConnections, ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(
        self, address: tuple[str, int], endpoint: DuisEndpoint, limits: HttpLimits | None = None
    ) -> None:
        self.endpoint = endpoint
        self.limits = limits or HttpLimits()
        self.active = 0
        self.refused = 0
        self._lingering = 0
        self._count = threading.Lock()
        super().__init__(address, _Handler)
        self.deadlines = Deadlines()  # one watchdog for every connection's read deadline

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def process_request(self, request: socket.socket, client_address: object) -> None:
        with self._count:
            full = self.active >= self.limits.max_connections
            if not full:
                self.active += 1
        if full:
            self.refused += 1
            log.warning("%s refused: %d connections open", client_address, self.active)
            with self._count:
                linger = self._lingering < _MAX_LINGERING
                self._lingering += linger
            if linger:
                threading.Thread(target=self._refuse, args=(request,), daemon=True).start()
            else:
                self._refuse(request, linger=False)
            return
        super().process_request(request, client_address)

    def _refuse(self, request: socket.socket, *, linger: bool = True) -> None:
        """503, then (lingering) read and drop what the client still sends for a moment: a
        client that is sending its request when the 503 comes gets the 503, not a reset.
        Bounded: at most ``_MAX_LINGERING`` refusals linger at once, each about half a second."""
        try:
            request.settimeout(_LINGER_SECONDS)
            request.sendall(_TOO_MANY)
            if linger:
                request.shutdown(socket.SHUT_WR)
                deadline = time.monotonic() + _LINGER_SECONDS
                while time.monotonic() < deadline and request.recv(65536):
                    pass
        except OSError:
            pass
        finally:
            self.shutdown_request(request)
            if linger:
                with self._count:
                    self._lingering -= 1

    def process_request_thread(self, request: socket.socket, client_address: object) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._count:
                self.active -= 1

    def handle_error(self, request: object, client_address: object) -> None:
        log.exception("connection from %s failed", client_address)

    def server_close(self) -> None:
        """Stop listening and shut the connections clients keep (ShutsServedConnections):
        a closed server serves nothing more, not even on a connection opened before."""
        super().server_close()
        deadlines = getattr(self, "deadlines", None)
        if deadlines is not None:
            deadlines.close()


def _loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


class _RequestCut(Exception):
    """The request never came whole: the read timed out or the client left mid-body."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "s1sr-duis"
    sys_version = ""
    server: DuisHttpServer

    def setup(self) -> None:
        super().setup()
        # An answer goes as two writes (head, body): without this, on a kept connection
        # Nagle holds the body until the client's delayed ACK of the head, ~40 ms each.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        deadline = self.server.limits.read_deadline
        self.request.settimeout(deadline)
        self._watch = self.server.deadlines.watch(self.request, deadline, self.client_address)

    def handle(self) -> None:
        """Requests in turn while the client keeps the connection: each must be whole within
        the read deadline of the previous answer, as the first of the connection opening."""
        self.close_connection = True
        self.handle_one_request()
        while not self.close_connection:
            deadline = self.server.limits.read_deadline
            self._watch = self.server.deadlines.watch(self.request, deadline, self.client_address)
            self.handle_one_request()

    def finish(self) -> None:
        self._read_done()
        try:
            super().finish()
        except OSError:
            pass

    def _read_done(self) -> None:
        """The request is whole: the read deadline no longer applies."""
        self.server.deadlines.release(self._watch)

    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def _serve(self, method: str) -> None:
        parts = urlsplit(self.path)
        path = parts.path
        answer: HttpAnswer
        try:
            body = self._body(method)
        except _RequestCut as cut:
            # the client's failure, not the server's: cut as the deadline watchdog cuts
            log.info("%s: %s; closed", self.client_address, cut)
            self.close_connection = True
            self._read_done()
            shut(self.request)
            return
        try:
            if isinstance(body, HttpAnswer):
                answer = body
                self.close_connection = True  # its body, if any, was not read
            elif path.startswith(PREFIX):
                answer = self._hook(method, path, parts.query, body)
            elif path in URLS:
                answer = self._duis(method, path, body)
            else:
                answer = text_answer(404, f"nothing at {path[:80]}")
        except Exception as exc:  # one request's failure must not end the server
            log.exception("%s %s failed", method, path[:80])
            answer = text_answer(500, f"internal error: {type(exc).__name__}")
            self.close_connection = True
        self._read_done()
        try:
            self._write(answer)
        finally:
            if answer.gate is not None:
                answer.gate.set()

    def _body(self, method: str) -> bytes | HttpAnswer:
        if self.headers.get("Transfer-Encoding"):
            return text_answer(411, "send a Content-Length, not a Transfer-Encoding")
        length_text = self.headers.get("Content-Length")
        if length_text is None:
            if method == "POST":
                return text_answer(411, "a POST needs a Content-Length")
            return b""
        try:
            length = int(length_text)
        except ValueError:
            return text_answer(400, "Content-Length is not a number")
        if length < 0:
            return text_answer(400, "Content-Length is negative")
        if length > self.server.limits.max_body:
            return text_answer(413, f"body over {self.server.limits.max_body} bytes")
        chunks, left = [], length
        while left:
            # The socket's timeout is the read deadline too: whichever of it and the
            # watchdog ends the read first, the request is cut, never answered 500.
            try:
                chunk = self.rfile.read(min(left, 1 << 16))
            except OSError as exc:
                raise _RequestCut(f"body not whole ({type(exc).__name__})") from exc
            if not chunk:
                raise _RequestCut("the client closed, or was cut, before its body was whole")
            chunks.append(chunk)
            left -= len(chunk)
        self._read_done()
        return b"".join(chunks)

    def _hook(self, method: str, path: str, query: str, body: bytes) -> HttpAnswer:
        endpoint = self.server.endpoint
        if not endpoint.test_hooks:
            return text_answer(404, "test hooks are off (start with --test-hooks)")
        if not _loopback(self.client_address[0]):
            return text_answer(403, "test hooks answer loopback clients only")
        return hook(endpoint, method, path, query, body)

    def _duis(self, method: str, path: str, body: bytes) -> HttpAnswer:
        if method != "POST":
            return text_answer(405, f"{path} takes POST")
        kind = (self.headers.get("Content-Type") or "application/xml").split(";")[0].strip()
        if kind.lower() not in _XML_TYPES:
            return text_answer(415, f"Content-Type {kind[:40]!r}: send application/xml")
        return self.server.endpoint.request(path, body)

    def _write(self, answer: HttpAnswer) -> None:
        try:
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(answer.body)
            self.wfile.flush()
        except OSError as exc:
            log.info("%s: answer not written: %s", self.client_address, exc)
