"""Fixtures for the DMVES tests: the shipped files and a writer for hand-made DMVES files."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from s1sr.catalogue import Catalogue, load_catalogue
from s1sr.dmves import Dmves, load_dmves

WriteDmves = Callable[[Sequence[Mapping[str, Any]]], Path]


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def shipped() -> Dmves:
    return load_dmves()


def valid_model(**changes: Any) -> dict[str, Any]:
    """A valid FOC ESME entry; ``changes`` override fields, a value of ``...`` removes one."""
    entry: dict[str, Any] = {
        "id": "T-ESME",
        "manufacturer": "Test Meters (invented)",
        "model": "TM-1",
        "firmware_version": "1.0.0",
        "device_type": "ESME",
        "cohort": "FOC",
        "group_id": "EA",
        "bilingual": False,
        "example": True,
        "clauses": ["18.1(v)"],
    }
    for key, value in changes.items():
        if value is ...:
            entry.pop(key, None)
        else:
            entry[key] = value
    return entry


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(value)  # strings and lists of strings are valid TOML this way


def toml_document(models: Sequence[Mapping[str, Any]], head: str = "schema = 1\n") -> str:
    parts = [head]
    for entry in models:
        parts.append("\n[[model]]\n")
        parts.extend(f"{key} = {toml_value(value)}\n" for key, value in entry.items())
    return "".join(parts)


@pytest.fixture
def write_dmves(tmp_path: Path) -> WriteDmves:
    def write(models: Sequence[Mapping[str, Any]]) -> Path:
        path = tmp_path / "dmves.toml"
        path.write_text(toml_document(models), encoding="utf-8")
        return path

    return write
