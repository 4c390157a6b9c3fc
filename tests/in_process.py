"""What an in-process run of the conformance suite (``pytest.main`` inside a test) needs to
behave and cost as a process of its own would.

pytest imports the suite's conftest as it starts, even when the run then stops on a usage
error, and the conftest keeps state over a run (the UTRN counters each model has used): each
run must import the suite afresh. And pytest collects garbage at each session's end: in a
test process holding a whole session's objects, that would scan them all, once per run.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from s1sr.pytest_plugin.locate import find_suite
from s1sr.sensitivity.fresh import suite_imported_afresh

REPO = Path(__file__).resolve().parents[1]


@contextmanager
def suite_modules_dropped() -> Iterator[None]:
    """Inside the block no module of the suite is imported yet; when it ends, those it
    imported are dropped and any imported before are put back: the checkout's suite, and the
    one ``s1sr run`` finds (under tox, the installed package's ``s1sr.conformance``)."""
    with suite_imported_afresh(REPO / "conformance"), suite_imported_afresh(find_suite()):
        yield


@contextmanager
def process_heap_frozen() -> Iterator[None]:
    """The test process's objects are left out of garbage collections inside the block
    (``gc.freeze``), so the runs' collections scan what the runs made; they are put back
    after."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
