"""Fixtures for the catalogue tests: the packaged catalogue and editable copies of its data."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from s1sr.catalogue import Catalogue, load_catalogue
from s1sr.catalogue.loader import DATA_DIR


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the catalogue's data files, for building broken variants."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def edit_after(text: str, anchor: str, old: str, new: str) -> str:
    """Replace the first ``old`` that follows ``anchor`` (the entry being broken)."""
    start = text.index(anchor)
    at = text.index(old, start)
    return text[:at] + new + text[at + len(old) :]


@pytest.fixture
def break_file(data_copy: Path) -> Callable[[str, str, str, str], Path]:
    def apply(file: str, anchor: str, old: str, new: str) -> Path:
        path = data_copy / file
        path.write_text(edit_after(path.read_text(encoding="utf-8"), anchor, old, new))
        return path

    return apply
