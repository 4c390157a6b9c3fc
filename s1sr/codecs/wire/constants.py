"""Fixed numbers of the s1sr wire format (docs/wire-format.md is their specification)."""

from __future__ import annotations

from enum import IntEnum

MAGIC = b"S1"
VERSION = 1
HEADER_SIZE = 28
CHECKSUM_SIZE = 4
FRAME_OVERHEAD = HEADER_SIZE + CHECKSUM_SIZE

MAX_FRAME_BYTES = 0x410000
"""4 MiB + 64 KiB: the largest firmware image a model allows, its envelope, and room to spare.

A reader refuses any frame whose header declares more, before reading its payload.
"""
MAX_PAYLOAD_BYTES = MAX_FRAME_BYTES - FRAME_OVERHEAD


class Kind(IntEnum):
    """Byte 3 of every frame. 1-3 are the GBCS CRA flag values (command, response, alert)."""

    REQUEST = 1
    RESPONSE = 2
    ALERT = 3
    CONTROL_REQUEST = 4
    CONTROL_RESPONSE = 5
    INVENTORY = 6  # the answer to a ReadInventory control request


class Flags(IntEnum):
    """Byte 4: which optional header fields are present (the other bits must be 0)."""

    REQUEST_ID = 0x01
    SRV = 0x02


ALL_FLAGS = Flags.REQUEST_ID | Flags.SRV

REQUIRED_FLAGS: dict[Kind, int | None] = {
    Kind.REQUEST: ALL_FLAGS,
    Kind.RESPONSE: ALL_FLAGS,
    Kind.ALERT: None,  # any combination: an alert may answer no request
    Kind.CONTROL_REQUEST: Flags.REQUEST_ID,
    Kind.CONTROL_RESPONSE: Flags.REQUEST_ID,
    Kind.INVENTORY: Flags.REQUEST_ID,
}
