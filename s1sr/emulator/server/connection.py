"""``Connection``: one client's byte stream as a state machine: bytes in, frames out. No I/O.

The socket loop feeds it what arrived (``receive_data``, ``receive_eof``), passes it
messages other connections caused (``send``), takes the bytes to write (``data_to_send``)
and closes the socket once ``closing`` is set, after writing what is left. Time is the
loop's monotonic clock, passed in; ``deadline`` says when ``expire`` must next be called.

Ordering: everything one frame causes for its own connection is queued before the next
frame of that connection is read. A client can therefore send a request followed by a
``ReadClock`` and know that every message the request caused arrived before the control
response (the barrier a TCP client uses to tell "answered" from "pending").

Robustness: the ``FrameReader`` refuses an oversized or misframed header before buffering
a payload; a whole frame that does not decode gets an addressed refusal where one can be
addressed (``refusal``), else the connection closes; a partial frame has ``frame_timeout``
from its first byte to complete, however steadily its bytes trickle in; a connection that
waits for nothing and sends nothing for ``idle_timeout`` is closed, in the middle of a
frame too; ``pause``/``resume`` stop reading frames while the client is not reading answers.

Shedding: at the connection limit the server may close the connection idle longest to
admit a newcomer. ``idle_since`` and ``in_flight`` are what it decides on (see there).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from enum import StrEnum

from s1sr.codecs.errors import CodecError
from s1sr.codecs.wire import FrameReader, WireMessage, decode_message, encode_message
from s1sr.emulator.server.host import ConnectionId, Delivery, InstallationHost, ProtocolError
from s1sr.emulator.server.limits import Limits
from s1sr.emulator.server.refusal import refusal_for

log = logging.getLogger(__name__)


class CloseReason(StrEnum):
    CLIENT_CLOSED = "client closed"
    MID_FRAME = "client closed mid-frame"
    OVERSIZED = "frame over the size limit"
    BAD_FRAMING = "stream lost its framing"
    UNADDRESSABLE = "malformed frame with no one to answer"
    PROTOCOL = "protocol error"
    IDLE = "idle timeout"
    SLOW_FRAME = "frame took too long to arrive"
    NOT_READING = "client does not read its answers"
    SHED = "shed for a newcomer at the connection limit"
    INTERNAL = "internal error"
    SHUTDOWN = "server shutting down"


class Connection:
    def __init__(
        self, ident: ConnectionId, host: InstallationHost, limits: Limits, now: float
    ) -> None:
        self.ident = ident
        self._host = host
        self._limits = limits
        self._reader = FrameReader(limits.max_frame_bytes)
        self._out = bytearray()
        self._last_heard = now
        self._idle_since = now
        self._frame_started: float | None = None
        self._paused = False
        self.close_reason: CloseReason | None = None
        self.close_detail = ""
        self.frames_in = 0
        self.frames_out = 0
        self.refusals = 0

    @property
    def closing(self) -> bool:
        return self.close_reason is not None

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def idle_since(self) -> float:
        """When this connection last did something useful: it was accepted, a whole frame
        of it was read, or a message was queued for it. Bytes of an unfinished frame do not
        count, so a connection trickling a frame is as idle as a silent one."""
        return self._idle_since

    @property
    def in_flight(self) -> bool:
        """Whether closing it now could lose something: a request of it awaits its answer
        (an S1CE20 or a late response), answers are queued and not yet taken, or its
        frames are held unread while it is paused. A partial frame is not in flight: the
        server has taken nothing from it, so the client may send it again elsewhere."""
        return self._paused or bool(self._out) or self._host.awaiting(self.ident) > 0

    # --- events from the socket loop --------------------------------------------------

    def receive_data(self, data: bytes, now: float) -> list[Delivery]:
        """Bytes that arrived; the deliveries this connection's frames caused for *others*."""
        if self.closing or not data:
            return []
        self._last_heard = now
        try:
            self._reader.feed(data)
        except CodecError as exc:
            self._refuse_stream(exc)
            return []
        return self._process(now)

    def receive_eof(self) -> None:
        """The client will send nothing more: close once the answers are written."""
        if self.closing:
            return
        if self._reader.at_frame_boundary:
            self.close(CloseReason.CLIENT_CLOSED)
        else:
            self.close(CloseReason.MID_FRAME, f"{self._reader.buffered} byte(s) discarded")

    def send(self, messages: Iterable[WireMessage], now: float | None = None) -> None:
        """Queue messages caused elsewhere (an S1CE20 another client's clock move raised)."""
        for message in messages:
            if not self.closing:
                self._queue(message)
                if now is not None:
                    self._idle_since = now

    def data_to_send(self) -> bytes:
        data = bytes(self._out)
        self._out.clear()
        return data

    def pause(self) -> None:
        """The client is not reading: stop taking its frames (the loop stops reading too)."""
        self._paused = True

    def resume(self, now: float) -> list[Delivery]:
        """The client caught up: handle the frames already buffered."""
        self._paused = False
        if self.closing:
            return []
        return self._process(now)

    def close(self, reason: CloseReason, detail: str = "") -> None:
        if self.closing:
            return
        self.close_reason = reason
        self.close_detail = detail
        self._frame_started = None
        log.debug("connection %d closing: %s %s", self.ident, reason, detail)

    # --- time -------------------------------------------------------------------------

    def deadline(self) -> float | None:
        """The monotonic instant by which ``expire`` must be called, or None."""
        if self.closing or self._paused:
            return None
        silent = self._last_heard + self._limits.idle_timeout
        if self._frame_started is not None:  # silence ends a half frame as well
            return min(self._frame_started + self._limits.frame_timeout, silent)
        if self._host.awaiting(self.ident):
            return None  # waiting for an S1CE20 is not idleness
        return silent

    def expire(self, now: float) -> bool:
        """Close the connection if a timeout has passed; True if it did."""
        deadline = self.deadline()
        if deadline is None or now < deadline:
            return False
        if self._frame_started is None:
            self.close(CloseReason.IDLE)
        elif now >= self._frame_started + self._limits.frame_timeout:
            self.close(CloseReason.SLOW_FRAME, f"{self._reader.buffered} byte(s) of a frame")
        else:
            self.close(CloseReason.IDLE, f"silent after {self._reader.buffered} byte(s) of a frame")
        return True

    # --- internals --------------------------------------------------------------------

    def _process(self, now: float) -> list[Delivery]:
        others: list[Delivery] = []
        whole = 0
        while not self.closing and not self._paused:
            try:
                frame = self._reader.next_frame()
            except CodecError as exc:
                self._refuse_stream(exc)
                break
            if frame is None:
                break
            self.frames_in += 1
            whole += 1
            others += self._handle(frame)
        if whole:
            self._idle_since = now
        if self.closing or self._reader.at_frame_boundary:
            self._frame_started = None
        elif (self._frame_started is None or whole) and not self._paused:
            self._frame_started = now  # the bytes held begin a frame that started now
        return others

    def _handle(self, frame: bytes) -> list[Delivery]:
        try:
            message = decode_message(frame)
        except CodecError as exc:
            answer = refusal_for(frame, exc, self._host.now())
            if answer is None:
                self.close(CloseReason.UNADDRESSABLE, str(exc))
            else:
                self.refusals += 1
                self._queue(answer)
            return []
        try:
            deliveries = self._host.receive(self.ident, message)
        except ProtocolError as exc:
            self.close(CloseReason.PROTOCOL, str(exc))
            return []
        except Exception as exc:  # an emulator fault must not take the server down
            log.exception("connection %d: handling %r failed", self.ident, message)
            self.close(CloseReason.INTERNAL, f"{type(exc).__name__}: {exc}")
            return []
        others = []
        for delivery in deliveries:
            if delivery.connection == self.ident:
                self._queue(delivery.message)
            else:
                others.append(delivery)
        return others

    def _queue(self, message: WireMessage) -> None:
        try:
            self._out += encode_message(message)
        except Exception as exc:  # a message the wire cannot carry is an emulator fault
            log.exception("connection %d: cannot encode %r", self.ident, message)
            self.close(CloseReason.INTERNAL, f"cannot encode a {type(message).__name__}: {exc}")
            return
        self.frames_out += 1

    def _refuse_stream(self, error: CodecError) -> None:
        reason = (
            CloseReason.OVERSIZED
            if error.path == "header.payload_length"
            else CloseReason.BAD_FRAMING
        )
        self.close(reason, str(error))
