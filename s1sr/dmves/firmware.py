"""A Device Model's declared firmware version as the 32 bits SRV 11.2 reports.

A DMVES writes versions as free text ("2.3.1", "04.02.0011"); 11.2 answers with 32 bits,
written as 8 hex digits. One correspondence, used by the suite to check declared against
observed and by the emulator to report: 8 hex digits are read as they are; one to four
dot-separated numbers (up to four digits, at most 255) become bytes, most significant
first, padded with zero bytes ("2.3.1" -> 02030100, "04.02.0011" -> 04020B00); any other
text becomes its CRC-32, so it still compares exactly.
"""

from __future__ import annotations

import re
import zlib

from s1sr.models import FirmwareVersion

_HEX8 = re.compile(r"[0-9A-Fa-f]{8}")
_DOTTED = re.compile(r"\d{1,4}(?:\.\d{1,4}){0,3}")


def declared_firmware(text: str) -> FirmwareVersion:
    """The FirmwareVersion a device whose DMVES firmware version is ``text`` reports."""
    if _HEX8.fullmatch(text):
        return FirmwareVersion.parse(text)
    if _DOTTED.fullmatch(text):
        parts = [int(p) for p in text.split(".")]
        if all(p <= 255 for p in parts):
            value = 0
            for part in [*parts, 0, 0, 0][:4]:
                value = value << 8 | part
            return FirmwareVersion(value)
    return FirmwareVersion(zlib.crc32(text.encode("utf-8")))
