"""pytest-xdist scheduling: a group's tests on one worker, every test handed out once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from s1sr.pytest_plugin.groups import read_groups
from s1sr.pytest_plugin.scheduling import CHUNK, ModelScheduling

pytest_plugins = ["pytester"]

GROUPED = """
import os
import pytest

@pytest.fixture(scope="module")
def built():
    with open({log!r}, "a") as log:
        log.write(os.environ["PYTEST_XDIST_WORKER"] + "\\n")

pytestmark = pytest.mark.xdist_group("expensive")

@pytest.mark.parametrize("i", range(12))
def test_grouped(built, i):
    pass
"""

LOOSE = """
import pytest

@pytest.mark.parametrize("i", range(24))
def test_loose(i):
    pass
"""


def test_a_groups_module_fixture_is_built_by_one_worker(pytester: pytest.Pytester) -> None:
    """pytest 9 ignores the ``@group`` suffix pytest-xdist gives node ids: without the
    plugin's own channel both workers took grouped tests and built the fixture."""
    log = pytester.path / "built.log"
    pytester.makepyfile(test_grouped=GROUPED.format(log=str(log)), test_loose=LOOSE)
    result = pytester.runpytest("-p", "no:cacheprovider", "-n", "2", "--dist", "loadgroup")
    result.assert_outcomes(passed=36)
    assert len(log.read_text().split()) == 1


class _Node:
    """What a scheduler sees of a pytest-xdist worker."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.gateway = type("Gateway", (), {"id": name})()
        self.queue: list[int] = []
        self.messages: list[list[int]] = []
        self.shutting_down = False

    def send_runtest_some(self, indexes: list[int]) -> None:
        self.messages.append(list(indexes))
        self.queue.extend(indexes)

    def shutdown(self) -> None:
        self.shutting_down = True


MODELS = ("EX-ESME-1", "EX-ESME-12")
COLLECTION = [
    *(f"conformance/test_a.py::test_x[18.6(b)-{m}]" for m in MODELS),
    *(f"conformance/test_b.py::test_y[18.{n}-{m}]" for n in range(5) for m in MODELS),
    *(f"tests/test_grouped.py::test_g[{n}]" for n in range(4)),
    *(f"tests/test_loose.py::test_l[{n}]" for n in range(9)),
]
GROUPS = {nodeid: "heavy" for nodeid in COLLECTION if "test_grouped" in nodeid}


def _run(sched: ModelScheduling, nodes: list[_Node], collection: list[str]) -> dict[str, str]:
    """Each worker in turn runs its next test; which worker ran each test."""
    for node in nodes:
        sched.add_node(node)
        sched.add_node_collection(node, collection)
    sched.schedule()
    ran: dict[str, str] = {}
    turn = 0
    while sched.has_pending:
        node = nodes[turn % len(nodes)]
        turn += 1
        if not node.queue:
            assert turn < 10 * len(collection), "a worker with pending tests got none"
            continue
        index = node.queue.pop(0)
        assert collection[index] not in ran, "a test handed out twice"
        ran[collection[index]] = node.name
        sched.mark_test_complete(node, index)
    return ran


def _scheduler(pytester: pytest.Pytester, tmp_path: Path) -> ModelScheduling:
    config = pytester.parseconfig("--tx", "2*popen")
    groups = tmp_path / "gw0.json"
    groups.write_text(json.dumps(GROUPS))
    return ModelScheduling(config, models=MODELS, groups_files=[tmp_path / "none", groups])


def _scope(nodeid: str) -> str:
    if nodeid in GROUPS:
        return "heavy"
    model = next((m for m in sorted(MODELS, key=len, reverse=True) if f"-{m}]" in nodeid), None)
    return model or nodeid


def test_every_test_runs_once_and_a_scope_stays_on_one_worker(
    pytester: pytest.Pytester, tmp_path: Path
) -> None:
    sched = _scheduler(pytester, tmp_path)
    nodes = [_Node("gw0"), _Node("gw1")]
    ran = _run(sched, nodes, COLLECTION)
    assert sorted(ran) == sorted(COLLECTION)
    assert sched.tests_finished
    assert all(node.shutting_down for node in nodes)
    workers_of: dict[str, set[str]] = {}
    for nodeid, worker in ran.items():
        workers_of.setdefault(_scope(nodeid), set()).add(worker)
    assert all(len(workers) == 1 for workers in workers_of.values()), workers_of
    assert len({w for ws in workers_of.values() for w in ws}) == 2  # both worked


def test_tests_go_out_in_chunks_that_shrink_as_the_queue_empties(
    pytester: pytest.Pytester, tmp_path: Path
) -> None:
    """Several tests per message (one each was a round trip per test), never more than a
    chunk, and single tests at the end so that no worker is left with a backlog."""
    loose = [f"tests/test_many.py::test_m[{n}]" for n in range(400)]
    nodes = [_Node("gw0"), _Node("gw1")]
    ran = _run(_scheduler(pytester, tmp_path), nodes, loose)
    assert sorted(ran) == sorted(loose)
    messages = [m for node in nodes for m in node.messages if m]
    assert len(messages) < len(loose) / 4
    assert CHUNK - 3 <= max(len(m) for m in messages) <= CHUNK
    assert all(len(m) <= 3 for node in nodes for m in node.messages[-2:])
    # neighbours stay together: a worker's tests come in runs of consecutive ones
    for node in nodes:
        first = node.messages[2]
        assert first == list(range(first[0], first[0] + len(first)))


def test_a_crashed_workers_unfinished_tests_go_to_another(
    pytester: pytest.Pytester, tmp_path: Path
) -> None:
    sched = _scheduler(pytester, tmp_path)
    first, second = _Node("gw0"), _Node("gw1")
    for node in (first, second):
        sched.add_node(node)
        sched.add_node_collection(node, COLLECTION)
    sched.schedule()
    done = first.queue.pop(0)
    sched.mark_test_complete(first, done)
    unfinished = [COLLECTION[i] for i in first.queue]
    assert unfinished
    crashed = sched.remove_node(first)
    assert crashed == unfinished[0]
    handed = {COLLECTION[i] for i in second.queue}
    while sched.has_pending and second.queue:
        index = second.queue.pop(0)
        sched.mark_test_complete(second, index)
        handed |= {COLLECTION[i] for i in second.queue}
    assert set(unfinished) <= handed
    assert COLLECTION[done] not in handed
    assert sched.tests_finished


def test_unreadable_group_files_leave_tests_ungrouped(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    good = tmp_path / "good.json"
    good.write_text('{"a::b": "g"}')
    assert read_groups([tmp_path / "missing.json", broken]) == {}
    assert read_groups([broken, good]) == {"a::b": "g"}


INSTALLED = ("EX-ESME-1", "EX-GSME-1", "EX-PPMID-1", "EX-ESME-2", "EX-GSME-2", "EX-ESME-D1")
SPREAD = [f"conformance/test_c.py::test_z[18.{n}-{m}]" for n in range(6) for m in INSTALLED]


def _workers_by_model(pytester: pytest.Pytester, *options: str) -> dict[str, set[str]]:
    """Which workers ran each model's tests, under the scheduler the plugin's hook makes."""
    from s1sr.pytest_plugin.hooks import pytest_xdist_make_scheduler

    config = pytester.parseconfigure(
        "-p", "no:cacheprovider", "--tx", "2*popen", "--dist", "loadgroup", *options
    )
    sched = pytest_xdist_make_scheduler(config, None)
    ran = _run(sched, [_Node("gw0"), _Node("gw1")], SPREAD)
    workers: dict[str, set[str]] = {}
    for nodeid, worker in ran.items():
        workers.setdefault(nodeid[nodeid.index("-EX-") + 1 : -1], set()).add(worker)
    return workers


def test_a_dut_outside_the_process_keeps_each_installation_on_one_worker(
    pytester: pytest.Pytester,
) -> None:
    """HAN-1's meters and PPMID are one installation behind a TCP DUT, with one clock: two
    workers would move it at once. The emulator builds one installation per model, so its
    models are spread."""
    outside = _workers_by_model(pytester, "--dut", "tcp://127.0.0.1:9")
    han1 = set().union(*(outside[m] for m in ("EX-ESME-1", "EX-GSME-1", "EX-PPMID-1")))
    han2 = set().union(*(outside[m] for m in ("EX-ESME-2", "EX-GSME-2")))
    assert len(han1) == 1 and len(han2) == 1 and han1 != han2
    emulated = _workers_by_model(pytester)
    assert all(len(workers) == 1 for workers in emulated.values())
    assert len(set().union(*emulated.values())) == 2
