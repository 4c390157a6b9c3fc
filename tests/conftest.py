"""Shared test configuration: hypothesis profiles.

``ci`` is fast and derandomised (chosen when CI is set), ``dev`` is the default,
``nightly`` searches far longer. ``HYPOTHESIS_PROFILE`` overrides the choice.

``ci`` runs every property on 20 examples, the same 20 on every run: each property is still
checked on each commit, and the search for rare inputs is the nightly profile's job (5000).
From 60 to 20 took 75 of 466 CPU-seconds off the tests (``pytest tests -n 2``, junit times).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from tests.cold_start import import_ahead

settings.register_profile(
    "ci",
    max_examples=20,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=150, deadline=None)
settings.register_profile(
    "nightly",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


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
