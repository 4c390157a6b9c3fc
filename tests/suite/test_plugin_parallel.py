"""pytest-xdist: one run folder for all workers, verdicts summarised by the controller."""

from __future__ import annotations

import pytest

from tests.suite.conftest import evidence_lines, verdicts_of

pytest_plugins = ["pytester"]

TEST = """
import pytest
from s1sr.models import ReadFirmwareVersionRequest

@pytest.mark.clause("18.64(a)", "18.65(d)")
def test_read(case):
    case.exchange(ReadFirmwareVersionRequest())
"""


def test_two_workers_share_one_evidence_log_grouped_by_model(pytester, run_suite):
    pytester.makepyfile(TEST)
    result = run_suite("-n", "2")
    assert result.ret in (0, 1)  # some baselines refuse 11.2: verdicts decide, not the code
    lines = evidence_lines(pytester.path)
    assert len({line["id"] for line in lines}) == len(lines)
    sources = {line["id"].rsplit("-", 1)[0] for line in lines}
    assert sources == {"gw0", "gw1"}
    by_model: dict[str, set[str]] = {}
    for line in lines:
        if line["kind"] == "frame":
            by_model.setdefault(line["model"], set()).add(line["id"].rsplit("-", 1)[0])
    assert all(len(workers) == 1 for workers in by_model.values()), by_model  # one worker
    assert len(verdicts_of(pytester.path)) == 32
    assert "32 verdicts over 32 (Device Model, clause) pairs" in result.stdout.str()


@pytest.mark.parametrize(
    ("dist", "dut"),
    [
        ("load", "tcp://127.0.0.1:9"),
        ("loadfile", "python:tests.suite.adapters:factory"),
        ("worksteal", "tcp://127.0.0.1:9"),
    ],
)
def test_a_dist_that_splits_a_models_tests_is_refused_for_one_device(
    pytester, run_suite, dist, dut
):
    """Workers sharing one device per model would interleave two tests' requests on it (and
    send the same UTRN counters twice): a usage error before any worker starts."""
    pytester.makepyfile(TEST)
    result = run_suite("-n", "2", "--dist", dist, "--dut", dut)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [f"*--dist {dist} would send one Device Model's tests to several workers at once*"]
    )
    assert not (pytester.path / "reports").exists()


def test_more_than_one_worker_is_refused_over_duis(pytester, run_suite, tmp_path):
    """The DCC calls back one URL: a second worker could not receive its callbacks."""
    pytester.makepyfile(TEST)
    result = run_suite("-n", "2", "--dut", "duis+http://127.0.0.1:9", f"--duis-keys={tmp_path}")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*-n 2 with --dut duis+http://127.0.0.1:9: the DCC sends its*"])
