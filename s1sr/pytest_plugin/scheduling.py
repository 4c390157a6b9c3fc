"""pytest-xdist scheduling by Device Model: one DUT per model per worker.

pytest-xdist's own ``loadgroup`` reads the group from an ``@group`` suffix its workers add
to node ids, which pytest 9 no longer lets them change; so the scope of a conformance test
is read from its id instead (``...[<clause>-<model id>]``, the model ids known from the
DMVES). Any other test is its own scope, as under ``load``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from xdist.scheduler import LoadGroupScheduling


class ModelScheduling(LoadGroupScheduling):
    def __init__(self, config: pytest.Config, log: Any = None, *, models: Iterable[str]) -> None:
        super().__init__(config, log)
        self._suffixes = sorted((f"-{m}]" for m in models), key=len, reverse=True)

    def _split_scope(self, nodeid: str) -> str:
        scope = super()._split_scope(nodeid)
        if scope != nodeid:
            return scope  # an "@group" suffix, where xdist could still add one
        for suffix in self._suffixes:
            if nodeid.endswith(suffix):
                return suffix[1:-1]
        return nodeid
