"""Fixtures for the model-level tests: one named RTDS message, decoded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from s1sr.codecs.gbcs import GbcsMessage, decode_gbcs
from s1sr.codecs.gbcs.rtds import read_hex_file


@pytest.fixture
def rtds_message(rtds_dir: Path) -> Callable[[str], GbcsMessage]:
    """Load an RTDS message by file name (``_GBCS.HEX`` may be left off)."""

    def load(name: str) -> GbcsMessage:
        file_name = name if name.endswith(".HEX") else f"{name}_GBCS.HEX"
        matches = list(rtds_dir.rglob(file_name))
        assert len(matches) == 1, f"{file_name}: {len(matches)} files"
        return decode_gbcs(read_hex_file(matches[0]))

    return load
