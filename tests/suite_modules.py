"""In-process runs of the conformance suite import it afresh and leave none of it behind.

pytest imports the suite's conftest as it starts, even when the run then stops on a usage
error, and the conftest keeps state over a run (the UTRN counters each model has used): each
run in a process must import the suite afresh, as a process of its own would.
"""

from __future__ import annotations

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
