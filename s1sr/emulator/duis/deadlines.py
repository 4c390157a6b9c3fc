"""One watchdog thread for every connection's read deadline, not a timer thread each.

A connection is ``watch``ed when it opens and ``release``d once its request is whole (or it
ends); one still watched at its deadline has its socket shut (``SHUT_RDWR``), which ends the
blocked read of the thread serving it. The thread sleeps until the earliest deadline it
knows of and is woken only when a connection brings an earlier one (with one fixed read
deadline, only when it was idle), so a connection costs a dict entry, not a thread start.
"""

from __future__ import annotations

import itertools
import logging
import socket
import threading
import time

log = logging.getLogger(__name__)


class Deadlines:
    def __init__(self, name: str = "s1sr-duis-deadlines") -> None:
        self._watched: dict[int, tuple[float, socket.socket, object]] = {}
        self._ids = itertools.count()
        self._cond = threading.Condition()
        self._wake_at: float | None = None  # when the thread wakes by itself; None: never
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def watch(self, sock: socket.socket, seconds: float, who: object = None) -> int:
        """Shut ``sock`` in ``seconds`` unless ``release``d before; the token to release."""
        deadline = time.monotonic() + seconds
        with self._cond:
            token = next(self._ids)
            self._watched[token] = (deadline, sock, who)
            if self._wake_at is None or deadline < self._wake_at:
                self._cond.notify()
        return token

    def release(self, token: int) -> None:
        with self._cond:
            self._watched.pop(token, None)

    def __len__(self) -> int:
        with self._cond:
            return len(self._watched)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify()
        self._thread.join(5)

    def _run(self) -> None:
        while True:
            with self._cond:
                if self._closed:
                    return
                now = time.monotonic()
                expired = [t for t, (d, _, _) in self._watched.items() if d <= now]
                late = [self._watched.pop(t) for t in expired]
                if not late:
                    self._wake_at = min((d for d, _, _ in self._watched.values()), default=None)
                    wait = None if self._wake_at is None else self._wake_at - now
                    self._cond.wait(wait)
                    continue
            for _, sock, who in late:
                log.info("%s: request not whole in time; closed", who)
                shut(sock)


def shut(sock: socket.socket) -> None:
    """End both directions of ``sock`` now: a read blocked on it returns, the peer sees EOF."""
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already shut, or gone
