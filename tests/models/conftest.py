"""Fixtures for the model tests: the hand-written samples and the public UTRN vectors."""

from __future__ import annotations

import pytest

from tests.models import samples


@pytest.fixture
def tariff():
    return samples.TARIFF


@pytest.fixture
def ndc():
    return samples.NDC


@pytest.fixture
def firmware_image() -> bytes:
    return samples.FIRMWARE_IMAGE


@pytest.fixture
def snapshot():
    return samples.SNAPSHOT


# domain-notes section 5: (digits, counter, value class, value, tag)
UTRN_VECTORS = (
    ("73943333457189043313", 1, "pounds", 100, 0xD51CA60B),
    ("73947252416745201637", 4, "pennies", 1234, 0x3855D663),
)


@pytest.fixture(params=UTRN_VECTORS, ids=lambda v: v[0])
def utrn_vector(request):
    return request.param
