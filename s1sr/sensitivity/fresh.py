"""Each in-process run of the suite imports the suite afresh, as a run in a process of its own.

pytest keeps what it imports in ``sys.modules``, so a second ``pytest.main`` in a process
reuses the suite's modules as the first left them, and the suite's conftest keeps state
over a run (the UTRN counters each Device Model has used: a later run would start its
counters where an earlier one stopped). A run's verdicts would then depend on the runs its
process made before it, which differ from one ``--jobs`` count to another.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _inside(folder: Path) -> tuple[str, ...]:
    """Prefixes of the files under ``folder``, as given and with symbolic links resolved."""
    return tuple(
        {os.path.join(os.path.abspath(folder), ""), os.path.join(os.path.realpath(folder), "")}
    )


def _modules_of(prefixes: tuple[str, ...]) -> list[str]:
    return [
        name
        for name, module in list(sys.modules.items())
        if isinstance(file := getattr(module, "__file__", None), str) and file.startswith(prefixes)
    ]


@contextmanager
def suite_imported_afresh(folder: Path) -> Iterator[None]:
    """Inside the block no module under ``folder`` (the suite) is imported; when it ends,
    those the block imported are dropped and any imported before are put back."""
    prefixes = _inside(folder)
    saved = {name: sys.modules.pop(name) for name in _modules_of(prefixes)}
    try:
        yield
    finally:
        for name in _modules_of(prefixes):
            del sys.modules[name]
        sys.modules.update(saved)
