"""Run the conformance suite several times in ONE process: ``python -m tests.report.shard_runs
JSON`` where JSON is a list of argument lists, each given to ``pytest.main``.

The shard/merge equality test needs 21 runs of a few clauses; most of a separate process's
time would be starting Python and importing s1sr (about 3 s each). Each run still has its
own pytest session, plugin state, DUTs, run folder and freshly imported suite, as a CI job
would.
"""

from __future__ import annotations

import json
import sys

import pytest


def main(argv: list[str]) -> int:
    codes = []
    for args in json.loads(argv[0]):
        # The suite's modules start afresh, as in a new process: its conftest keeps state
        # over a run (the UTRN counters each model has used) that must not leak into the next.
        for name in [n for n in sys.modules if n == "conformance" or n.startswith("conformance.")]:
            del sys.modules[name]
        codes.append(int(pytest.main(list(args))))
    print(json.dumps(codes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
