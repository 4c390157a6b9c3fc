"""``FrameReader``: split a byte stream into whole frames, without doing any I/O.

A transport feeds it whatever arrived (``feed``) and takes out complete frames
(``next_frame`` or iteration), which ``decode_message`` then decodes. Frames may be
split at any byte boundary and several may arrive at once. The header is checked as
soon as its bytes are in: a frame declaring more than the maximum size is refused
before any of its payload is buffered, so a peer cannot make the server allocate by
lying about a length. After a refusal the stream has lost its framing; the reader
keeps raising the same ``CodecError`` and the caller closes the connection.
"""

from __future__ import annotations

from collections.abc import Iterator

from s1sr.codecs.errors import CodecError
from s1sr.codecs.wire.codec import decode_header
from s1sr.codecs.wire.constants import HEADER_SIZE, MAGIC, MAX_FRAME_BYTES


class FrameReader:
    def __init__(self, max_frame_bytes: int = MAX_FRAME_BYTES) -> None:
        if not HEADER_SIZE < max_frame_bytes <= MAX_FRAME_BYTES:
            raise ValueError(f"max_frame_bytes must be in {HEADER_SIZE + 1}..{MAX_FRAME_BYTES}")
        self.max_frame_bytes = max_frame_bytes
        self._buffer = bytearray()
        self._frame_length: int | None = None  # of the frame whose header is buffered
        self._error: CodecError | None = None

    def feed(self, data: bytes) -> None:
        """Append bytes as they arrived from the transport."""
        if self._error is not None:
            raise self._error
        self._buffer += data
        self._check_header()

    def next_frame(self) -> bytes | None:
        """The next complete frame, or ``None`` until more bytes are fed."""
        if self._error is not None:
            raise self._error
        self._check_header()
        length = self._frame_length
        if length is None or len(self._buffer) < length:
            return None
        frame = bytes(self._buffer[:length])
        del self._buffer[:length]
        self._frame_length = None
        self._check_header()
        return frame

    def __iter__(self) -> Iterator[bytes]:
        """Every complete frame buffered so far."""
        while (frame := self.next_frame()) is not None:
            yield frame

    @property
    def buffered(self) -> int:
        """Bytes held that are not yet part of a returned frame."""
        return len(self._buffer)

    @property
    def at_frame_boundary(self) -> bool:
        """True when no partial frame is held: an end of stream here is a clean close."""
        return not self._buffer

    def _check_header(self) -> None:
        if self._frame_length is not None or self._error is not None:
            return
        prefix = bytes(self._buffer[: len(MAGIC)])
        if prefix != MAGIC[: len(prefix)]:
            self._fail(
                CodecError(
                    f"expected {MAGIC.hex().upper()}, got {prefix.hex().upper()}", "header.magic"
                )
            )
        if len(self._buffer) < HEADER_SIZE:
            return
        try:
            header = decode_header(bytes(self._buffer[:HEADER_SIZE]))
        except CodecError as exc:
            self._fail(exc)
        if header.frame_length > self.max_frame_bytes:
            self._fail(
                CodecError(
                    f"frame of {header.frame_length} bytes is over this reader's "
                    f"{self.max_frame_bytes}-byte maximum",
                    "header.payload_length",
                )
            )
        self._frame_length = header.frame_length

    def _fail(self, error: CodecError) -> None:
        self._error = error
        self._buffer.clear()
        raise error
