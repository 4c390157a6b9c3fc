"""The DMVES firmware text as 11.2 reports it: one rule for the suite and the emulator."""

from __future__ import annotations

import pytest

from s1sr.dmves.firmware import declared_firmware
from s1sr.models import FirmwareVersion


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2.3.1", "02030100"),
        ("04.02.0011", "04020B00"),
        ("7.0", "07000000"),
        ("1.2.3.4", "01020304"),
        ("0A0B0C0D", "0A0B0C0D"),
    ],
    ids=["three-parts", "four-digit-part", "two-parts", "four-parts", "hex"],
)
def test_declared_versions_read_as_duis_writes_them(text, expected):
    assert str(declared_firmware(text)) == expected


@pytest.mark.parametrize("text", ["1.256", "v2", "1.2.3.4.5", "12345.1"])
def test_other_text_becomes_its_crc32(text):
    import zlib

    assert declared_firmware(text) == FirmwareVersion(zlib.crc32(text.encode()))
