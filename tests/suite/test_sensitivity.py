"""The sensitivity runner: a fault is killed by a FAIL on a model its clause applies to."""

from __future__ import annotations

import gc
import os
import re

import pytest

from s1sr.sensitivity import run_sensitivity
from tests.suite.conftest import DMVES_FILE, REPO

# The ``teeth`` run is a module fixture: one xdist worker (tox: --dist loadgroup) makes it.
pytestmark = [pytest.mark.xdist_group("suite-sensitivity"), pytest.mark.heavy]

WITH_TEETH = """
import pytest
from s1sr.models import TopUpDeviceRequest, Utrn, ValueClass

@pytest.mark.clause("18.6(b)")
def test_pennies_{name}(case):
    utrn = Utrn(counter=1, value_class=ValueClass.PENNIES, value=150, tag=1)
    ex = case.exchange(TopUpDeviceRequest(utrn))
    if case.mapped:
        case.expect(ex.alert_codes & case.alert_codes, expected="an S1SP alert",
                    observed=ex.summary())
"""

TOOTHLESS = """
import pytest

@pytest.mark.clause("18.6(b)")
def test_nothing_{name}(case):
    pass
"""


@pytest.fixture
def suite(tmp_path):
    def write(source: str, name: str):
        folder = tmp_path / f"suite_{name}"
        folder.mkdir()
        (folder / f"test_utrn_{name}.py").write_text(source.format(name=name), encoding="utf-8")
        return folder

    return write


@pytest.fixture(scope="module")
def teeth(tmp_path_factory):
    """The suite with teeth against one fault, no variant named: one run for the tests
    that check different things about it."""
    root = tmp_path_factory.mktemp("teeth")
    folder = root / "suite_teeth"
    folder.mkdir()
    (folder / "test_utrn_teeth.py").write_text(WITH_TEETH.format(name="teeth"), encoding="utf-8")
    return run_sensitivity(
        root / "reports",
        suite=folder,
        dmves_path=DMVES_FILE,
        allow_missing_clauses=True,
        faults=["accepts-fractional-pounds"],
    )


def test_a_suite_with_teeth_kills_the_fault_and_passes_clean(teeth):
    report = teeth
    assert report.baseline_clean
    (result,) = report.faults
    assert result.killed and "EX-ESME-1" in result.killed_on
    assert set(result.killed_on) <= set(result.carriers)
    assert report.kill_rate == 1.0 and report.passed


def test_a_fault_runs_only_on_the_models_its_clause_applies_to(teeth):
    """The only verdicts a kill counts: the other models' pairs are not run for it."""
    (result,) = teeth.faults
    assert {r.model_id for r in result.run.records} == set(result.carriers)
    assert {r.clause_id for r in result.run.records} == {result.fault.clause}
    assert len(teeth.baseline.records) > len(result.run.records)  # the fault-free: every model


def test_a_toothless_suite_lets_the_fault_survive(tmp_path, suite):
    report = run_sensitivity(
        tmp_path / "reports",
        suite=suite(TOOTHLESS, "toothless"),
        dmves_path=DMVES_FILE,
        allow_missing_clauses=True,
        faults=["accepts-fractional-pounds"],
    )
    assert report.baseline_clean
    assert not report.faults[0].killed
    assert report.kill_rate == 0.0 and not report.passed


def test_an_unknown_fault_is_refused(tmp_path, suite):
    with pytest.raises(ValueError, match="no-such-fault"):
        run_sensitivity(
            tmp_path / "reports",
            suite=suite(TOOTHLESS, "unknown"),
            dmves_path=DMVES_FILE,
            allow_missing_clauses=True,
            faults=["no-such-fault"],
        )


CODE_PINNED = """
import pytest
from s1sr.models import TopUpDeviceRequest, Utrn, ValueClass

@pytest.mark.clause("18.6(b)")
def test_pennies_{name}(case):
    utrn = Utrn(counter=1, value_class=ValueClass.PENNIES, value=150, tag=1)
    ex = case.exchange(TopUpDeviceRequest(utrn))
    if case.mapped:
        case.expect("S1PX01" in ex.alert_codes, expected="alert S1PX01", observed=ex.summary())
"""


def with_own_alert_codes(tmp_path, folder):
    """The fault-free run, one fault's and the ``s1sp-own-alert-codes`` variant's, of a
    one-clause suite (its coverage gap allowed)."""
    return run_sensitivity(
        tmp_path / "reports",
        suite=folder,
        dmves_path=DMVES_FILE,
        allow_missing_clauses=True,
        faults=["accepts-fractional-pounds"],
        variants=["s1sp-own-alert-codes"],
    )


def test_a_suite_that_pins_a_free_alert_code_wrongly_fails_a_correct_variant(tmp_path, suite):
    report = with_own_alert_codes(tmp_path, suite(CODE_PINNED, "pinned"))
    assert report.baseline_clean and report.faults[0].killed
    (outcome,) = report.variants
    assert not outcome.tolerated
    assert {r.model_id for r in outcome.failed_on} >= {"EX-ESME-1"}
    assert not report.passed


def test_a_suite_that_judges_behaviour_tolerates_the_same_variant(tmp_path, suite):
    report = with_own_alert_codes(
        tmp_path, suite(WITH_TEETH.replace("& case.alert_codes", ""), "behaviour")
    )
    (outcome,) = report.variants
    assert outcome.tolerated and outcome.run.records
    assert report.passed


def test_naming_a_fault_runs_no_variant_unless_asked(teeth):
    assert teeth.variants == ()


def test_an_unknown_variant_is_refused(tmp_path, suite):
    with pytest.raises(ValueError, match="no-such-variant"):
        run_sensitivity(
            tmp_path / "reports",
            suite=suite(TOOTHLESS, "unknownvariant"),
            dmves_path=DMVES_FILE,
            allow_missing_clauses=True,
            variants=["no-such-variant"],
        )


def test_runs_on_the_workers_asked_for_judge_as_one_after_another(tmp_path, suite):
    """``--jobs``: the fault-free, variant and fault runs shared out to worker processes give
    the verdicts the same runs give one after another in this process."""
    folder = suite(WITH_TEETH, "parallel")
    common = {"suite": folder, "dmves_path": DMVES_FILE, "faults": ["accepts-fractional-pounds"]}
    common["allow_missing_clauses"] = True
    common["variants"] = ["s1sp-own-alert-codes"]
    serial = run_sensitivity(tmp_path / "serial", **common)
    parallel = run_sensitivity(tmp_path / "parallel", jobs=2, **common)

    def verdicts(run):
        return sorted((r.model_id, r.clause_id, r.verdict.value) for r in run.records)

    assert verdicts(parallel.baseline) == verdicts(serial.baseline) != []
    assert verdicts(parallel.variants[0].run) == verdicts(serial.variants[0].run)
    assert verdicts(parallel.faults[0].run) == verdicts(serial.faults[0].run) != []
    assert parallel.faults[0].killed and serial.faults[0].killed
    runs = (parallel.baseline, parallel.variants[0].run, parallel.faults[0].run)
    assert os.getpid() == serial.baseline.process not in {run.process for run in runs}


def test_the_test_command_runs_on_every_core_with_the_ci_profile():
    tox = (REPO / "tox.ini").read_text(encoding="utf-8")
    assert "pytest tests -n auto" in tox
    assert "pytest conformance -n auto" in tox
    assert "s1sr sensitivity --jobs auto" in tox
    assert "HYPOTHESIS_PROFILE = {env:HYPOTHESIS_PROFILE:ci}" in tox


def _fake_runs(monkeypatch, seen: list[int]) -> None:
    from s1sr.sensitivity import runner

    def fake(args, report_dir, suite):
        seen.append(gc.get_freeze_count())
        return runner.RunResult(0, (), "")

    monkeypatch.setattr(runner, "run_suite", fake)


def test_one_after_another_each_run_leaves_the_heap_before_it_out_of_collection(
    tmp_path, monkeypatch
):
    from s1sr.sensitivity.runner import _run_all

    seen: list[int] = []
    _fake_runs(monkeypatch, seen)
    runs = [(["a"], tmp_path / "a"), (["b"], tmp_path / "b")]
    assert gc.get_freeze_count() == 0
    try:
        assert len(_run_all(runs, 1, lambda index, result: None, tmp_path)) == 2
        assert len(seen) == 2 and all(count > 0 for count in seen)
        assert gc.get_freeze_count() == 0  # the process's garbage is collectable again
        gc.freeze()  # a caller that froze first (tests/in_process.py) unfreezes itself
        _run_all(runs, 1, lambda index, result: None, tmp_path)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_the_fault_free_run_is_the_conformance_job_with_its_clause_coverage_check(
    tmp_path, suite, capsys
):
    """A suite without a test for every testable clause: the fault-free run exits 1 on the
    gap and is not clean though no verdict it gave is a FAIL or ERROR, unless the gap is allowed;
    the command says so, with the run's report folder and its counts."""
    from s1sr.cli import main

    folder = suite(WITH_TEETH, "gap")
    argv = ["sensitivity", "--suite", str(folder), "--dmves", str(DMVES_FILE)]
    argv += ["--fault", "accepts-fractional-pounds"]
    assert main([*argv, "--report-dir", str(tmp_path / "strict")]) == 1
    out = capsys.readouterr().out
    assert "fault-free run NOT clean" in out and "exit code 1" in out
    assert "testable catalogue clause(s) have no conformance test" in out
    assert main([*argv, "--report-dir", str(tmp_path / "allowed"), "--allow-missing-clauses"]) == 0
    out = capsys.readouterr().out
    assert "fault-free run clean" in out and "exit code 0" in out
    (run_folder,) = (tmp_path / "allowed" / "fault-free").iterdir()
    assert f"report: {run_folder}" in out
    counts = re.search(r"fault-free run: (\d+) verdicts, (\d+) NOT_APPLICABLE, (\d+) PASS;", out)
    assert counts, out
    total, not_applicable, passed = map(int, counts.groups())
    assert total == not_applicable + passed == 16 and passed  # 18.6(b) on the 16 models


STATEFUL = """
import pytest

RAN = set()  # module state, as the real suite's UTRN counters: empty in a fresh process

@pytest.mark.clause("18.6(b)")
def test_once_{name}(case, request):
    first = request.node.nodeid not in RAN
    RAN.add(request.node.nodeid)
    case.expect(first, expected="a suite imported afresh for this run",
                observed="the suite's module as an earlier run in this process left it")
"""


def test_each_run_in_a_process_imports_the_suite_afresh(tmp_path, suite):
    """Three runs one after another in this process (fault-free, a variant, a fault): each
    starts from the suite's modules as a process of its own would, so none sees state an
    earlier run left (before, the variant run FAILed and the toothless suite 'killed' the
    fault)."""
    report = with_own_alert_codes(tmp_path, suite(STATEFUL, "stateful"))
    assert report.baseline_clean
    (outcome,) = report.variants
    assert outcome.tolerated, [r.reason for r in outcome.failed_on]
    assert not report.faults[0].killed  # the suite has no teeth: nothing else could fail it
