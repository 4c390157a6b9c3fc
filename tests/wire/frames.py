"""Byte surgery on frames, for the malformed-input tests.

Most corruptions are caught by the CRC-32 before anything else is read; to reach the
payload decoder, a test rewrites a field and then ``reseal``s the frame (recomputes
its checksum), as a buggy or hostile peer would send it.
"""

from __future__ import annotations

import struct
import zlib

HEADER_SIZE = 28
LENGTH_OFFSET = 24


def reseal(frame: bytes | bytearray) -> bytes:
    """The frame with its last 4 bytes replaced by the CRC-32 of the rest."""
    body = bytes(frame[:-4])
    return body + struct.pack(">I", zlib.crc32(body))


def with_byte(frame: bytes, offset: int, value: int) -> bytes:
    changed = bytearray(frame)
    changed[offset] = value
    return bytes(changed)


def with_payload_length(frame: bytes, length: int) -> bytes:
    """The header's declared payload length rewritten (the payload itself unchanged)."""
    changed = bytearray(frame)
    struct.pack_into(">I", changed, LENGTH_OFFSET, length)
    return bytes(changed)


def payload_of(frame: bytes) -> bytes:
    return frame[HEADER_SIZE:-4]


def with_payload(frame: bytes, payload: bytes) -> bytes:
    """A resealed frame carrying ``payload`` under the same header (length updated)."""
    head = bytearray(frame[:HEADER_SIZE])
    struct.pack_into(">I", head, LENGTH_OFFSET, len(payload))
    return reseal(bytes(head) + payload + b"\0\0\0\0")
