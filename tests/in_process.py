"""What an in-process run of the conformance suite (``pytest.main`` inside a test) needs to
behave and cost as a process of its own would.

pytest imports the suite's conftest as it starts, even when the run then stops on a usage
error, and the conftest keeps state over a run (the UTRN counters each model has used): each
run must import the suite afresh. And pytest collects garbage at each session's end: in a
test process holding a whole session's objects, that would scan them all, once per run.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager


def _is_suite(name: str) -> bool:
    return name == "conformance" or name.startswith("conformance.")


@contextmanager
def suite_modules_dropped() -> Iterator[None]:
    """Inside the block no ``conformance`` module is imported yet; when it ends, those it
    imported are dropped and any imported before are put back."""
    saved = {name: sys.modules.pop(name) for name in list(sys.modules) if _is_suite(name)}
    try:
        yield
    finally:
        for name in [name for name in sys.modules if _is_suite(name)]:
            del sys.modules[name]
        sys.modules.update(saved)


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
