"""Two pytest-xdist workers share the work of a cold start instead of each doing all of it.

On a fresh checkout (CI) no test module has its assertion-rewritten bytecode yet, and every
worker imports every test module while it collects, rewriting and compiling each (and the
s1sr modules they import) at the same moment as the other workers: eight seconds of a
two-core machine, twice. pytest writes what it rewrites to ``__pycache__``, so a worker that
imports a module another worker has already imported reads it instead. So worker k of n
imports the test modules before collecting, starting k/n of the way through them and
wrapping round, while gw0 collects in pytest's own order: each rewrites its own share and
reads the others'. Collection then finds the modules imported; what it collects, and in
which order, does not change (pytest-xdist checks that every worker collected the same).
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def module_names(root: Path = TESTS) -> list[str]:
    """The dotted names of the test modules under ``root`` that live in packages (a folder
    without ``__init__.py`` is left to pytest: its modules are named by pytest alone)."""
    names = []
    for path in sorted(root.rglob("test_*.py")):
        if "__pycache__" in path.parts:
            continue
        folders = path.relative_to(root.parent).parts[:-1]
        if all(
            (root.parent.joinpath(*folders[: i + 1]) / "__init__.py").is_file()
            for i in range(len(folders))
        ):
            names.append(".".join((*folders, path.stem)))
    return names


def share_of(names: list[str], worker: int, workers: int) -> list[str]:
    """``names`` in the order worker ``worker`` of ``workers`` imports them."""
    start = len(names) * worker // workers
    return names[start:] + names[:start]


def import_ahead(worker: int, workers: int) -> None:
    """Import the test modules in this worker's order; any failure is left for collection
    to meet and report as it always does."""
    if worker == 0 or workers < 2 or os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return  # nothing to share: gw0 collects in pytest's order, or nothing is written
    for name in share_of(module_names(), worker, workers):
        try:
            importlib.import_module(name)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:  # a skip or an error: collection meets it and reports it
            continue
