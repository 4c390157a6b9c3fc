"""Fixtures for the meter tests: the shipped catalogue, DMVES and meter faults."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

import pytest

from s1sr.catalogue import Catalogue, load_catalogue
from s1sr.dmves import Dmves, load_dmves


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def dmves() -> Dmves:
    return load_dmves()


@pytest.fixture(scope="session")
def meter_faults() -> list[dict[str, Any]]:
    """The entries of faults_meter.toml, as the file holds them."""
    text = resources.files("s1sr.emulator").joinpath("data/faults_meter.toml").read_text("utf-8")
    return tomllib.loads(text)["fault"]
