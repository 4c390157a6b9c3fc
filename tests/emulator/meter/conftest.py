"""Fixtures for the meter tests: the shipped catalogue, DMVES and meter faults."""

from __future__ import annotations

import pytest

from s1sr.catalogue import Catalogue, load_catalogue
from s1sr.dmves import Dmves, load_dmves
from s1sr.emulator.faults import Fault, load_faults


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def dmves() -> Dmves:
    return load_dmves()


@pytest.fixture(scope="session")
def meter_faults() -> tuple[Fault, ...]:
    return tuple(fault for fault in load_faults() if fault.side == "meter")
