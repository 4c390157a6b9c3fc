"""Fixtures for the DMVES tests: the shipped files and a writer for hand-made DMVES files."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from s1sr.catalogue import Catalogue, load_catalogue
from s1sr.dmves import Dmves, load_dmves
from tests.dmves.builders import toml_document

WriteDmves = Callable[[Sequence[Mapping[str, Any]]], Path]


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def shipped() -> Dmves:
    return load_dmves()


@pytest.fixture
def write_dmves(tmp_path: Path) -> WriteDmves:
    def write(models: Sequence[Mapping[str, Any]]) -> Path:
        path = tmp_path / "dmves.toml"
        path.write_text(toml_document(models), encoding="utf-8")
        return path

    return write
