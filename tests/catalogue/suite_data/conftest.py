"""Fixtures of the checks of the data the suite is driven by: the catalogue and the DMVES."""

from __future__ import annotations

import pytest

from s1sr.catalogue import Catalogue, load_catalogue
from s1sr.dmves import Dmves, load_dmves


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def dmves(catalogue: Catalogue) -> Dmves:
    return load_dmves(catalogue=catalogue)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrise by clause or Device Model id, so a failure names what is wrong."""
    catalogue = load_catalogue()
    if "clause_id" in metafunc.fixturenames:
        metafunc.parametrize("clause_id", catalogue.clause_ids)
    if "testable_id" in metafunc.fixturenames:
        metafunc.parametrize("testable_id", [c.id for c in catalogue.testable])
    if "model_id" in metafunc.fixturenames:
        metafunc.parametrize("model_id", [m.id for m in load_dmves(catalogue=catalogue).models])
