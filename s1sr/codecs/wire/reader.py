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
        """Append bytes as they arrived; raises ``CodecError`` if they start a bad header."""
        self._raise_if_refused()
        self._buffer += data
        self._check_header()
        self._raise_if_refused()

    def next_frame(self) -> bytes | None:
        """The next complete frame, or ``None`` until more bytes are fed."""
        self._raise_if_refused()
        length = self._frame_length
        if length is None or len(self._buffer) < length:
            return None
        frame = bytes(self._buffer[:length])
        del self._buffer[:length]
        self._frame_length = None
        self._check_header()  # a refusal of what follows is raised by the next call
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

    def _raise_if_refused(self) -> None:
        if self._error is not None:
            raise self._error

    def _check_header(self) -> None:
        """Check the next frame's header as far as it has arrived; record a refusal."""
        if self._frame_length is not None or self._error is not None:
            return
        prefix = bytes(self._buffer[: len(MAGIC)])
        if prefix != MAGIC[: len(prefix)]:
            expected, got = MAGIC.hex().upper(), prefix.hex().upper()
            self._refuse(CodecError(f"expected {expected}, got {got}", "header.magic"))
            return
        if len(self._buffer) < HEADER_SIZE:
            return
        try:
            header = decode_header(bytes(self._buffer[:HEADER_SIZE]))
        except CodecError as exc:
            self._refuse(exc)
            return
        if header.frame_length > self.max_frame_bytes:
            reason = (
                f"frame of {header.frame_length} bytes is over this reader's "
                f"{self.max_frame_bytes}-byte maximum"
            )
            self._refuse(CodecError(reason, "header.payload_length"))
            return
        self._frame_length = header.frame_length

    def _refuse(self, error: CodecError) -> None:
        self._error = error
        self._buffer.clear()
