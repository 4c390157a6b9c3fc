"""The shared read-deadline watchdog: a socket still watched at its deadline is shut, a
released one is left alone, and a later connection does not delay an earlier deadline."""

from __future__ import annotations

import socket

from s1sr.emulator.duis.deadlines import Deadlines


def _shut(sock: socket.socket, timeout: float) -> bool:
    """Whether ``sock``'s peer end was shut (EOF) within ``timeout`` seconds."""
    sock.settimeout(timeout)
    try:
        return sock.recv(1) == b""
    except TimeoutError:
        return False


def test_watched_sockets_are_shut_at_their_deadline_and_released_ones_are_not() -> None:
    deadlines = Deadlines()
    pairs = [socket.socketpair() for _ in range(3)]
    try:
        late = deadlines.watch(pairs[0][0], 60.0)  # first: the thread sleeps until then
        released = deadlines.watch(pairs[1][0], 0.1)
        deadlines.watch(pairs[2][0], 0.2)
        deadlines.release(released)
        assert _shut(pairs[2][1], 5.0)  # the earlier deadline woke the thread
        assert not _shut(pairs[1][1], 0.3)
        assert len(deadlines) == 1  # the 60 s one, still watched
        deadlines.release(late)
        assert len(deadlines) == 0
    finally:
        deadlines.close()
        for a, b in pairs:
            a.close()
            b.close()
