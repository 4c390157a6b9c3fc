"""pytest-xdist scheduling by Device Model: one DUT per model per worker.

pytest-xdist's own ``loadgroup`` reads the group from an ``@group`` suffix its workers add
to node ids, which pytest 9 no longer lets them change; so the scope of a conformance test
is read from its id instead (``...[<clause>-<model id>]``, the model ids known from the
DMVES), and the ``xdist_group`` marks of other tests reach the controller in a file each
worker writes when its collection ends (the controller sees node ids only). Any other test
is its own scope, as under ``load``. With a DUT outside the process, a model's scope is its
installation (``scopes``): the models of one ``han_id`` are one device behind it, with one
clock and one state, which tests on two workers would move at once.

Units are handed out several at a time (up to ``CHUNK`` tests, fewer as the queue runs out),
not one per message: a worker then runs neighbouring tests (a module's fixtures are built
once, not once per test a worker gets of it), and a test costs one message, not a round trip
each (a millisecond of CPU per test, 5,000 of them in the library's own tests).

The bookkeeping is kept linear. xdist's load-scope scheduler keeps every unit it ever
assigned, counts a worker's pending tests over all of them after each test, and finds each
test's index by searching the collection: quadratic in the number of tests (5,000 of them,
the library's own, cost its controller 15 CPU-s). Here a finished unit leaves its worker's
workload (a crashed worker's unfinished units are all that is ever put back) and indexes
come from a table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
from xdist.scheduler import LoadGroupScheduling

from s1sr.pytest_plugin.groups import read_groups

CHUNK = 16  # tests handed to a worker at once, at most: small, so the run ends balanced


class ModelScheduling(LoadGroupScheduling):
    def __init__(
        self,
        config: pytest.Config,
        log: Any = None,
        *,
        models: Iterable[str],
        groups_files: Iterable[Path] = (),
        scopes: Mapping[str, str] | None = None,
    ) -> None:
        """``scopes``: a model's scope when it is not the model itself (the installation,
        when the DUT is outside the process: its models share one device's clock)."""
        super().__init__(config, log)
        self._suffixes = sorted((f"-{m}]" for m in models), key=len, reverse=True)
        self._scopes = dict(scopes or {})
        self._groups_files = tuple(groups_files)
        self._groups: dict[str, str] | None = None
        self._indexes: dict[Any, dict[str, int]] = {}
        self._queued: int | None = None  # tests in the work queue, counted when first needed

    def schedule(self) -> None:
        if self._groups is None:  # every initial worker has collected: their files are written
            self._groups = read_groups(self._groups_files)
        super().schedule()

    def _split_scope(self, nodeid: str) -> str:
        group = (self._groups or {}).get(nodeid)
        if group is not None:
            return group
        scope = super()._split_scope(nodeid)
        if scope != nodeid:
            return scope  # an "@group" suffix, where xdist could still add one
        for suffix in self._suffixes:
            if nodeid.endswith(suffix):
                model = suffix[1:-1]
                return self._scopes.get(model, model)
        return nodeid

    def mark_test_complete(self, node: Any, item_index: int, duration: float = 0) -> None:
        nodeid = self.registered_collections[node][item_index]
        workload = self.assigned_work[node]
        scope = self._split_scope(nodeid)
        unit = workload[scope]
        unit[nodeid] = True
        if all(unit.values()):
            del workload[scope]
        self._reschedule(node)

    def remove_node(self, node: Any) -> str | None:
        crashed = super().remove_node(node)  # a crashed worker's units go back in the queue
        self._queued = None
        return crashed

    def _reschedule(self, node: Any) -> None:
        """Tops the worker's pending tests up to a chunk once two or fewer are left."""
        if node.shutting_down:
            return
        if not self.workqueue:
            node.shutdown()
            return
        pending = self._pending_of(self.assigned_work[node])
        if pending > 2:
            return
        target = max(3, min(CHUNK, self._queue_length() // (max(self.numnodes, 1) * 4)))
        indexes: list[int] = []
        while self.workqueue and pending + len(indexes) < target:
            indexes += self._take_unit(node)
        node.send_runtest_some(indexes)

    def _assign_work_unit(self, node: Any) -> None:
        node.send_runtest_some(self._take_unit(node))

    def _queue_length(self) -> int:
        if self._queued is None:
            self._queued = sum(len(unit) for unit in self.workqueue.values())
        return self._queued

    def _take_unit(self, node: Any) -> list[int]:
        """The next unit, now the worker's: its pending tests' indexes in its collection."""
        queued = self._queue_length()
        scope, unit = self.workqueue.popitem(last=False)
        self.assigned_work.setdefault(node, {})[scope] = unit
        self._queued = queued - len(unit)
        indexes = self._indexes.get(node)
        if indexes is None:
            collection = self.registered_collections[node]
            indexes = self._indexes[node] = {nodeid: i for i, nodeid in enumerate(collection)}
        return [indexes[nodeid] for nodeid, done in unit.items() if not done]
