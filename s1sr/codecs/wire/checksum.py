"""The frame checksum: CRC-32 as in IEEE 802.3, zlib and PNG.

Width 32, polynomial 0x04C11DB7 (reflected 0xEDB88320), initial value 0xFFFFFFFF,
input and output reflected, final XOR 0xFFFFFFFF; check value of ASCII "123456789" is
0xCBF43926. Any C library's ``crc32()`` computes it. Being a 32-bit CRC, it detects
every error burst of up to 32 bits, so any change confined to one byte is caught.
"""

from __future__ import annotations

import zlib

CHECK_INPUT = b"123456789"
CHECK_VALUE = 0xCBF43926


def crc32(data: bytes | bytearray | memoryview) -> int:
    return zlib.crc32(data) & 0xFFFFFFFF
