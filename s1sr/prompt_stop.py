"""A socketserver whose ``shutdown`` returns at once.

The standard library's ``serve_forever`` looks for a shutdown request once per
``poll_interval`` (0.5 s by default), so every stop of a threaded HTTP server waited that out:
the DUIS emulator's server, the DUIS DUT's callback listener, and each test that starts
one. Here the serving loop also waits on a socket pair that ``shutdown`` writes to: it wakes
on a connection or on the stop, never on a timer.
"""

from __future__ import annotations

import selectors
import socket
import socketserver
import threading
from typing import Any


class PromptStop(socketserver.BaseServer):
    """Mix in before the server class: ``class S(PromptStop, ThreadingHTTPServer)``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._wake_read, self._wake_write = socket.socketpair()
        self._wake_read.setblocking(False)
        self._stop_asked = threading.Event()
        self._stopped = threading.Event()
        try:
            super().__init__(*args, **kwargs)
        except BaseException:
            self._wake_read.close()
            self._wake_write.close()
            raise

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        """Serve until ``shutdown``; ``poll_interval`` only paces ``service_actions``."""
        self._stopped.clear()
        try:
            with selectors.DefaultSelector() as selector:
                selector.register(self, selectors.EVENT_READ)
                selector.register(self._wake_read, selectors.EVENT_READ)
                while not self._stop_asked.is_set():
                    ready = {key.fileobj for key, _ in selector.select(poll_interval)}
                    if self._wake_read in ready:
                        self._drain_wake()
                    if self._stop_asked.is_set():
                        break
                    if self in ready:
                        self._handle_request_noblock()
                    self.service_actions()
        finally:
            self._stop_asked.clear()
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop ``serve_forever`` (running on another thread) and wait until it has."""
        self._stop_asked.set()
        try:
            self._wake_write.send(b"\0")
        except OSError:
            pass
        self._stopped.wait()

    def server_close(self) -> None:
        super().server_close()
        self._wake_read.close()
        self._wake_write.close()

    def _drain_wake(self) -> None:
        try:
            while self._wake_read.recv(64):
                pass
        except (BlockingIOError, OSError):
            pass


class ShutsServedConnections(socketserver.ThreadingMixIn):
    """Mix in before a threading server: ``server_close`` also shuts the connections its
    threads still serve, so a client keeping one open (HTTP/1.1 keep-alive) is served
    nothing after the stop. Both DUIS servers (the emulator's, the DUT's callback listener)
    use it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._served: set[socket.socket] = set()
        self._served_guard = threading.Lock()
        super().__init__(*args, **kwargs)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        with self._served_guard:
            self._served.add(request)
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._served_guard:
                self._served.discard(request)

    def server_close(self) -> None:
        super().server_close()
        with self._served_guard:
            kept = list(self._served)
        for connection in kept:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
