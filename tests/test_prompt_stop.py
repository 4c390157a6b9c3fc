"""``PromptStop``: a threaded HTTP server that serves, and stops on ``shutdown`` without
waiting for a poll (here the poll is an hour: only the wake-up can end the loop)."""

from __future__ import annotations

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from s1sr.prompt_stop import PromptStop

HOUR = 3600.0


class _Server(PromptStop, ThreadingHTTPServer):
    daemon_threads = True


class _Hello(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "5")
        self.end_headers()
        self.wfile.write(b"hello")

    def log_message(self, *args: object) -> None:
        pass


def _get(server: _Server) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    try:
        connection.request("GET", "/")
        return connection.getresponse().read()
    finally:
        connection.close()


def _serve(server: _Server) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, args=(HOUR,), daemon=True)
    thread.start()
    return thread


def _stopped(server: _Server, thread: threading.Thread) -> bool:
    stopper = threading.Thread(target=server.shutdown, daemon=True)
    stopper.start()
    stopper.join(30)
    thread.join(30)
    return not stopper.is_alive() and not thread.is_alive()


def test_it_serves_and_stops_without_waiting_for_its_poll():
    server = _Server(("127.0.0.1", 0), _Hello)
    try:
        thread = _serve(server)
        assert _get(server) == b"hello"
        assert _stopped(server, thread)
    finally:
        server.server_close()


def test_it_serves_again_after_a_stop():
    server = _Server(("127.0.0.1", 0), _Hello)
    try:
        assert _stopped(server, _serve(server))
        thread = _serve(server)
        assert _get(server) == b"hello"
        assert _stopped(server, thread)
    finally:
        server.server_close()
