"""The DMVES firmware text as 11.2 reports it: the rule the suite checks devices against."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s1sr.dut import declared_firmware
from s1sr.emulator.han.versions import version_of
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


def test_every_example_model_agrees_with_the_emulator(dmves):
    for model in dmves.models:
        assert declared_firmware(model.firmware_version) == version_of(model.firmware_version)


@given(
    st.one_of(
        st.text(max_size=20),
        st.lists(st.integers(0, 300).map(str), min_size=1, max_size=5).map(".".join),
    )
)
def test_the_suite_and_the_emulator_never_disagree(text):
    assert declared_firmware(text) == version_of(text)
