"""In-process runs of the conformance suite leave none of its modules behind.

pytest imports the suite's conftest as it starts, even when the run then stops on a usage
error, and the conftest keeps state over a run (the UTRN counters each model has used): a
later run in the same process must import it afresh, as a process of its own would.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def suite_modules_dropped() -> Iterator[None]:
    """Drop the ``conformance`` modules first imported inside the block when it ends."""
    before = set(sys.modules)
    try:
        yield
    finally:
        for name in set(sys.modules) - before:
            if name == "conformance" or name.startswith("conformance."):
                del sys.modules[name]
