"""Byte surgery on frames, for the malformed-input tests.

Most corruptions are caught by the CRC-32 before anything else is read; to reach the
payload decoder, a test rewrites a field and then ``reseal``s the frame (recomputes
its checksum), as a buggy or hostile peer would send it.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterable

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


def every_other_value(original: int) -> list[int]:
    """All 255 values a byte can be changed to."""
    return [value for value in range(256) if value != original]


def likeliest_slips(original: int) -> list[int]:
    """The changes a decoder that reads a byte loosely would let through: each of its bits
    flipped (a bit ignored, a flag or an enum masked, any non-zero read as true), 0x00 and
    0xFF (a field's extremes) and one either side (an off-by-one bound), in ascending order."""
    near = {original ^ (1 << bit) for bit in range(8)}
    near |= {0x00, 0xFF, (original + 1) % 256, (original - 1) % 256}
    return sorted(near - {original})


def resealed_changes(frame: bytes, values: Callable[[int], Iterable[int]] = every_other_value):
    """``(offset, value, reseal(with_byte(frame, offset, value)))`` for every byte before
    the checksum and each of ``values(original byte)``, in that order; the CRC-32 of the
    bytes before the changed one is computed once per offset, not once per value."""
    body = frame[:-4]
    for offset, original in enumerate(body):
        head, tail = body[:offset], body[offset + 1 :]
        head_crc = zlib.crc32(head)
        for value in values(original):
            changed = bytes((value,)) + tail
            crc = zlib.crc32(changed, head_crc)
            yield offset, value, head + changed + struct.pack(">I", crc)


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
