"""Where the RTDS is, and per-file parametrisation for the tests that read it.

The RTDS folder is shared test data outside the repository (``<repo>/../shared/gbcs-rtds``
or ``$S1SR_GBCS_RTDS``). Tests that need it take the ``rtds_dir`` fixture (or a
per-file fixture built on it), which skips them with the reason when it is absent;
everything else here builds its messages with the project's own encoder and always runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from s1sr.codecs.gbcs import GbcsMessage, encode_gbcs
from s1sr.codecs.gbcs.rtds import RTDS_ENV, RtdsName, default_rtds_dir, read_hex_file, rtds_files
from tests.gbcs import samples

REPO_ROOT = Path(__file__).resolve().parents[2]
RTDS_DIR = default_rtds_dir(REPO_ROOT)
RTDS_FILES = rtds_files(RTDS_DIR) if RTDS_DIR.is_dir() else []
ABSENT = f"RTDS folder absent: {RTDS_DIR} has no *.HEX files (point {RTDS_ENV} at a copy)"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``rtds_file``: one test per RTDS file, named by the file."""
    if "rtds_file" in metafunc.fixturenames:
        if RTDS_FILES:
            metafunc.parametrize("rtds_file", RTDS_FILES, ids=[p.name for p in RTDS_FILES])
        else:
            metafunc.parametrize("rtds_file", [None], ids=["rtds-absent"])


@pytest.fixture(scope="module")
def rtds_dir() -> Path:
    if not RTDS_FILES:
        pytest.skip(ABSENT)
    return RTDS_DIR


@pytest.fixture
def rtds_bytes(rtds_dir: Path, rtds_file: Path) -> bytes:
    return read_hex_file(rtds_file)


@pytest.fixture
def rtds_name(rtds_dir: Path, rtds_file: Path) -> RtdsName:
    return RtdsName.parse(rtds_file.name)


@pytest.fixture(scope="module")
def rtds_corpus(rtds_dir: Path) -> dict[str, bytes]:
    """Every RTDS file's bytes, by file name."""
    return {path.name: read_hex_file(path) for path in rtds_files(rtds_dir)}


@pytest.fixture(params=sorted(samples.ALL), ids=sorted(samples.ALL))
def built_message(request: pytest.FixtureRequest) -> GbcsMessage:
    """Each sample message shape, built in code."""
    factory: Callable[[], GbcsMessage] = samples.ALL[request.param]
    return factory()


@pytest.fixture
def built_bytes(built_message: GbcsMessage) -> bytes:
    return encode_gbcs(built_message)
