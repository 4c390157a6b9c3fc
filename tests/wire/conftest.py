"""Fixtures for the wire-format tests: sample messages and their frames."""

from __future__ import annotations

import pytest

from s1sr.codecs.wire import encode_message
from tests.wire.samples import SAMPLES


@pytest.fixture(params=sorted(SAMPLES), ids=str)
def sample(request: pytest.FixtureRequest):
    """Each sample message, by its readable name."""
    return SAMPLES[request.param]


@pytest.fixture
def sample_frame(sample) -> bytes:
    return encode_message(sample)
