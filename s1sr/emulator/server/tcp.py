"""``EmulatorServer``: the asyncio socket loop around ``Connection`` and ``InstallationHost``.

Why asyncio, not threads or a hand-written selector loop: the installation is one
sans-I/O state machine that every connection mutates, so its calls must be serialised.
One event loop does that without a lock, keeps hundreds of idle connections at the cost
of a few objects each (no thread per client), and gives the timers this server needs
(idle and frame timeouts, the S1SP's timeouts on the host's clock) and flow control
(``pause_writing``) without reinventing them. All protocol decisions live in
``Connection`` and ``InstallationHost``; this module only moves bytes and time.

At ``max_connections`` a newcomer is not simply refused, or any ``max_connections`` peers
that connect and stall would lock every client out: the server sheds the connection idle
longest (earliest ``Connection.idle_since``) among those with nothing in flight (not
``Connection.in_flight``, no bytes left in its socket's write buffer), and refuses the
newcomer only when every connection is being served. Each shed and refusal is one warning
line naming the peer and the reason.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import socket
from collections import Counter
from datetime import UTC, datetime

from s1sr.emulator.server.connection import CloseReason, Connection
from s1sr.emulator.server.host import Delivery, InstallationHost
from s1sr.emulator.server.limits import Limits

log = logging.getLogger(__name__)


class EmulatorServer:
    def __init__(
        self,
        host: InstallationHost,
        *,
        address: str = "127.0.0.1",
        port: int = 0,
        limits: Limits | None = None,
    ) -> None:
        self.host = host
        self.address = address
        self.requested_port = port
        self.limits = limits or Limits()
        self._server: asyncio.Server | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._links: dict[int, _Link] = {}
        self._ids = itertools.count(1)
        self._due: asyncio.TimerHandle | None = None
        self.accepted = 0
        self.refused = 0  # over max_connections, every connection in flight
        self.shed = 0  # closed at max_connections to admit a newcomer
        self.pauses = 0  # times a client's unread answers made the server stop reading it
        self.closed: Counter[str] = Counter()  # close reasons

    @property
    def port(self) -> int:
        """The port bound (the one picked by the system when asked for 0)."""
        if self._server is None or not self._server.sockets:
            raise RuntimeError("the server is not listening")
        return int(self._server.sockets[0].getsockname()[1])

    @property
    def connections(self) -> int:
        return len(self._links)

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._server = await self._loop.create_server(
            lambda: _Link(self), self.address, self.requested_port, reuse_address=True
        )
        self._schedule_due()

    async def serve_forever(self) -> None:
        if self._server is None:
            await self.start()
        assert self._server is not None
        await self._server.serve_forever()

    async def close(self) -> None:
        """Stop listening, close every connection (flushing what is queued), cancel timers."""
        if self._server is not None:
            self._server.close()
        for link in list(self._links.values()):
            link.shut(CloseReason.SHUTDOWN)
        if self._due is not None:
            self._due.cancel()
            self._due = None
        if self._server is not None:
            await self._server.wait_closed()
        for _ in range(100):  # let transports finish closing (bounded)
            if not self._links:
                break
            await asyncio.sleep(0.01)
        for link in list(self._links.values()):
            link.abort()

    # --- used by links ------------------------------------------------------------------

    def _admit(self, link: _Link) -> int | None:
        if len(self._links) >= self.limits.max_connections and not self._shed_for(link):
            self.refused += 1
            log.warning(
                "refused %s: at the limit of %d connections, each with a request in flight",
                link.peer,
                self.limits.max_connections,
            )
            return None
        ident = next(self._ids)
        self._links[ident] = link
        self.accepted += 1
        return ident

    def _shed_for(self, newcomer: _Link) -> bool:
        """Close the connection idle longest with nothing in flight; False if there is none."""
        now = self._loop.time() if self._loop is not None else 0.0
        victim = min(
            (link for link in self._links.values() if link.sheddable),
            key=lambda link: link.idle_since,
            default=None,
        )
        if victim is None:
            return False
        self.shed += 1
        log.warning(
            "shed connection %s from %s for %s: at the limit of %d connections, it was the "
            "longest idle (%.1f s, nothing in flight)",
            victim.ident,
            victim.peer,
            newcomer.peer,
            self.limits.max_connections,
            now - victim.idle_since,
        )
        victim.shut(CloseReason.SHED)
        self._forget(victim)  # its slot is the newcomer's now, not once the close completes
        return True

    def _forget(self, link: _Link) -> None:
        if link.ident is not None and self._links.pop(link.ident, None) is not None:
            self.host.disconnected(link.ident)
            reason = link.connection.close_reason if link.connection else None
            self.closed[str(reason or "connection lost")] += 1

    def _dispatch(self, deliveries: list[Delivery]) -> None:
        by_link: dict[int, list[Delivery]] = {}
        for delivery in deliveries:
            by_link.setdefault(delivery.connection, []).append(delivery)
        for ident, batch in by_link.items():
            link = self._links.get(ident)
            if link is None:
                self.host.stats.alerts_dropped += len(batch)
                continue
            link.push([d.message for d in batch])
        self._schedule_due()

    def _schedule_due(self) -> None:
        """Fire the S1SP's next timeout at its instant (host clock); nothing on virtual time."""
        if self._loop is None:
            return
        if self._due is not None:
            self._due.cancel()
            self._due = None
        due = self.host.next_due()
        if due is None:
            return
        delay = (due - datetime.now(UTC)).total_seconds()
        self._due = self._loop.call_later(max(delay, 0.0) + 0.001, self._fire_due)

    def _fire_due(self) -> None:
        self._due = None
        self._dispatch(self.host.fire_due())


class _Link(asyncio.Protocol):
    """One accepted socket: its transport, its ``Connection``, and its timer."""

    def __init__(self, server: EmulatorServer) -> None:
        self.server = server
        self.ident: int | None = None
        self.connection: Connection | None = None
        self.transport: asyncio.Transport | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._loop = asyncio.get_running_loop()

    # --- asyncio.Protocol ---------------------------------------------------------------

    @property
    def peer(self) -> str:
        """The client's address as host:port (for the log)."""
        name = self.transport.get_extra_info("peername") if self.transport else None
        if isinstance(name, tuple) and len(name) >= 2:
            host = f"[{name[0]}]" if ":" in str(name[0]) else name[0]
            return f"{host}:{name[1]}"
        return str(name or "unknown peer")

    @property
    def idle_since(self) -> float:
        return self.connection.idle_since if self.connection else float("inf")

    @property
    def sheddable(self) -> bool:
        """Open, with nothing in flight: no request awaiting its answer, nothing unwritten."""
        connection, transport = self.connection, self.transport
        return (
            connection is not None
            and transport is not None
            and not connection.closing
            and not connection.in_flight
            and not transport.is_closing()
            and transport.get_write_buffer_size() == 0
        )

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        ident = self.server._admit(self)
        if ident is None:
            transport.abort()
            return
        self.ident = ident
        limits = self.server.limits
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if limits.send_buffer is not None:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, limits.send_buffer)
        transport.set_write_buffer_limits(high=limits.output_high_water)
        self.connection = Connection(ident, self.server.host, limits, self._loop.time())
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self.connection is None:
            return
        others = self.connection.receive_data(data, self._loop.time())
        self._flush()
        self.server._dispatch(others)

    def eof_received(self) -> bool:
        if self.connection is not None:
            self.connection.receive_eof()
            self._flush()
        return False  # the transport closes itself once our writes are flushed

    def connection_lost(self, exc: Exception | None) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self.connection is not None and not self.connection.closing:
            self.connection.close(CloseReason.CLIENT_CLOSED, str(exc or ""))
        self.server._forget(self)

    def pause_writing(self) -> None:
        if self.connection is not None and self.transport is not None:
            self.server.pauses += 1
            self.connection.pause()
            self.transport.pause_reading()

    def resume_writing(self) -> None:
        if self.connection is None or self.transport is None or self.transport.is_closing():
            return
        self.transport.resume_reading()
        others = self.connection.resume(self._loop.time())
        self._flush()
        self.server._dispatch(others)

    # --- used by the server --------------------------------------------------------------

    def push(self, messages: list) -> None:
        if self.connection is None:
            return
        self.connection.send(messages, self._loop.time())
        self._flush()

    def shut(self, reason: CloseReason) -> None:
        if self.connection is not None:
            self.connection.close(reason)
        self._flush()

    def abort(self) -> None:
        if self.transport is not None:
            self.transport.abort()

    # --- internals -----------------------------------------------------------------------

    def _flush(self) -> None:
        connection, transport = self.connection, self.transport
        if connection is None or transport is None or transport.is_closing():
            return
        data = connection.data_to_send()
        if data:
            transport.write(data)
        if not connection.closing and (
            transport.get_write_buffer_size() > self.server.limits.output_limit
        ):
            connection.close(CloseReason.NOT_READING)
            transport.abort()
            return
        if connection.closing:
            transport.close()
            return
        self._arm()

    def _arm(self) -> None:
        """(Re)schedule the connection's timer at its deadline."""
        if self.connection is None:
            return
        deadline = self.connection.deadline()
        if self._timer is not None:
            if deadline is not None and self._timer.when() <= deadline:
                return  # it fires first; _expire re-arms for the later deadline
            self._timer.cancel()
            self._timer = None
        if deadline is not None:
            self._timer = self._loop.call_at(deadline, self._expire)

    def _expire(self) -> None:
        self._timer = None
        if self.connection is None:
            return
        self.connection.expire(self._loop.time())
        self._flush()
        self._arm()
