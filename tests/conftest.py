"""Shared test configuration: the hypothesis profile (see ``profiles``), the heavy
marker and its order, and the xdist workers' shared cold start."""

from __future__ import annotations

import pytest

from tests import profiles
from tests.cold_start import import_ahead

profiles.load()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "heavy: runs for seconds (a suite run, servers, a wheel): started first, so that no "
        "xdist worker is left alone with one at the end of the run",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Heavy tests first, each part in its collected order (the sort is stable): xdist hands
    tests out in this order, and a long test handed out last keeps one core busy alone."""
    items.sort(key=lambda item: item.get_closest_marker("heavy") is None)


@pytest.hookimpl(tryfirst=True)
def pytest_collection(session: pytest.Session) -> None:
    """A pytest-xdist worker imports the test modules in its own order first (see
    ``cold_start``): the workers share a cold start's rewriting and compiling."""
    workerinput = getattr(session.config, "workerinput", None)
    if workerinput is not None:
        worker = int(str(workerinput["workerid"]).removeprefix("gw"))
        import_ahead(worker, int(workerinput["workercount"]))
