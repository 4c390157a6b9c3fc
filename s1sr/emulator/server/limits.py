"""The bounds one server puts on each connection, so no client can starve the others."""

from __future__ import annotations

from dataclasses import dataclass

from s1sr.codecs.wire import HEADER_SIZE, MAX_FRAME_BYTES


@dataclass(frozen=True)
class Limits:
    """Per-connection limits; every one has a default a test can shrink.

    ``max_frame_bytes`` is the wire format's own maximum: a larger frame is refused from its
    header alone. ``idle_timeout`` closes a connection that sent nothing for that long while
    it waits for no answer (a half-open peer, or a client that forgot to close), or in the
    middle of a frame; a client with a request still pending is never idle.
    ``frame_timeout`` is how long the bytes of one frame may take to arrive once its first
    byte has, however steadily they trickle, which ends byte-at-a-time writers (30 s: the
    largest frame at about 140 kB/s). ``max_connections`` are served at once; a newcomer
    past it sheds the connection idle longest that has nothing in flight, or is refused
    when every connection has (``Connection.idle_since``, ``Connection.in_flight``).
    Past ``output_high_water`` unsent bytes the server stops reading that client's frames
    until it reads its answers; past ``output_limit`` (alerts for a client that reads
    nothing) it closes the connection. ``send_buffer`` sets each socket's kernel send buffer
    (None: the system's default), the one buffer of a connection outside the server's own
    count. ``max_awaiting`` bounds the requests one connection may leave pending.
    """

    max_frame_bytes: int = MAX_FRAME_BYTES
    idle_timeout: float = 600.0
    frame_timeout: float = 30.0
    output_high_water: int = 1 << 20
    output_limit: int = 16 << 20
    max_connections: int = 256
    max_awaiting: int = 1024
    send_buffer: int | None = None

    def __post_init__(self) -> None:
        if not HEADER_SIZE < self.max_frame_bytes <= MAX_FRAME_BYTES:
            raise ValueError(f"max_frame_bytes must be in {HEADER_SIZE + 1}..{MAX_FRAME_BYTES}")
        for name in ("idle_timeout", "frame_timeout"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be positive")
        if not 0 < self.output_high_water <= self.output_limit:
            raise ValueError("need 0 < output_high_water <= output_limit")
        if self.send_buffer is not None and self.send_buffer < 1024:
            raise ValueError("send_buffer must be at least 1024 bytes")
        for name in ("max_connections", "max_awaiting"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
