"""Fixtures for the installation side: the shipped DMVES, a virtual clock, and a builder
that assembles installations around the test meter double (``doubles.fake_meter``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from s1sr.dmves import Dmves, load_dmves
from s1sr.emulator import Installation, VirtualClock, build_installation
from s1sr.models import utc
from tests.emulator.installation.doubles import fake_meter
from tests.emulator.installation.helpers import Requests

START = utc(2024, 1, 15, 12)

Build = Callable[..., Installation]


@pytest.fixture(scope="session")
def dmves() -> Dmves:
    return load_dmves()


@pytest.fixture
def vclock() -> VirtualClock:
    return VirtualClock(START)


@pytest.fixture
def build(dmves: Dmves, vclock: VirtualClock) -> Build:
    """``build(han_id=... | model_id=..., faults=..., dmves=...)`` on the virtual clock."""

    def _build(*, dmves: Dmves = dmves, **kwargs: object) -> Installation:
        kwargs.setdefault("meter_builder", fake_meter)
        return build_installation(dmves, clock=vclock, **kwargs)  # type: ignore[arg-type]

    return _build


@pytest.fixture
def req() -> Requests:
    return Requests()
