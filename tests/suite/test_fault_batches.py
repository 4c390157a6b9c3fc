"""Faults judged in batches: one run holds several faults, each in its own clause's DUTs.

``--fault-in-clause`` builds a fault into the DUTs of its clause's tests and no others, so a
run can judge the faults of different clauses apart; the sensitivity runner batches the
catalogue that way (one fault per clause in each batch) and counts a kill only on the
fault's own clause.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from s1sr.catalogue import load_catalogue
from s1sr.dmves import load_dmves
from s1sr.dut import DutSpec
from s1sr.emulator import Fault, load_faults
from s1sr.pytest_plugin.sessions import ModelSessions
from s1sr.report import load_run
from s1sr.sensitivity.runner import (
    FaultResult,
    RunResult,
    fault_batches,
    run_suite,
    target_for,
)
from s1sr.verdicts import Verdict, VerdictRecord
from tests.suite.conftest import DMVES_FILE, REPO, verdicts_of

pytest_plugins = ["pytester"]

FAULT = "accepts-fractional-pounds"  # 18.6(b): the S1SP passes a pennies UTRN on

# One body, two clauses: a correct device refuses a pennies UTRN with an alert (the S1SP's),
# whichever clause asks; with the fault it is answered I0 instead.
PENNIES = """
import pytest
from s1sr.models import TopUpDeviceRequest, Utrn, ValueClass

@pytest.mark.clause("18.6(b)", "18.1(v)")
def test_a_pennies_utrn_is_refused(case):
    utrn = Utrn(counter=1, value_class=ValueClass.PENNIES, value=150, tag=1)
    ex = case.exchange(TopUpDeviceRequest(utrn))
    case.expect(ex.alert_codes, expected="an alert", observed=ex.summary())
"""


def _fault(name: str, clause: str) -> Fault:
    return Fault(name, clause, "", "meter", (("knob", 1),))


def _record(model: str, clause: str, verdict: Verdict) -> VerdictRecord:
    return VerdictRecord(model, clause, "behaviour", verdict, "", None, f"t[{clause}-{model}]")


# --- batching -----------------------------------------------------------------------------


def test_each_batch_holds_one_fault_per_clause_and_every_fault_once():
    faults = load_faults()
    batches = fault_batches(faults)
    per_clause = Counter(f.clause for f in faults)
    assert len(batches) == max(per_clause.values())
    assert sorted(f.name for b in batches for f in b) == sorted(f.name for f in faults)
    for batch in batches:
        assert len({f.clause for f in batch}) == len(batch)
    assert [len(b) for b in batches] == sorted((len(b) for b in batches), reverse=True)
    assert len(batches[0]) == len(per_clause)  # every clause's first fault


def test_a_clauses_faults_go_to_successive_batches_in_catalogue_order():
    a1, a2, a3 = (_fault(f"a{k}", "18.6(b)") for k in (1, 2, 3))
    b1, b2 = (_fault(f"b{k}", "18.1(v)") for k in (1, 2))
    c1 = _fault("c1", "18.23")
    assert fault_batches([a1, b1, a2, c1, b2, a3]) == [(a1, b1, c1), (a2, b2), (a3,)]
    assert fault_batches([]) == []


def test_a_kill_counts_only_a_fail_on_the_faults_own_clause():
    fault = _fault("a1", "18.6(b)")
    records = (
        _record("EX-ESME-1", "18.1(v)", Verdict.FAIL),  # another clause's fault, same model
        _record("EX-ESME-2", "18.6(b)", Verdict.ERROR),  # not a detection
        _record("EX-ESME-3", "18.6(b)", Verdict.PASS),
    )
    batch = RunResult(1, records, "")
    result = FaultResult(fault, ("EX-ESME-1", "EX-ESME-2", "EX-ESME-3"), batch)
    assert result.killed_on == () and not result.killed
    caught = RunResult(1, (*records, _record("EX-ESME-3", "18.6(b)", Verdict.FAIL)), "")
    assert FaultResult(fault, result.carriers, caught).killed_on == ("EX-ESME-3",)


# --- the plugin's --fault-in-clause ------------------------------------------------------


def test_a_clause_fault_has_its_own_session_and_leaves_the_models_other_one_alone():
    dmves = load_dmves(DMVES_FILE)
    (model,) = [m for m in dmves.models if m.id == "EX-ESME-1"]
    sessions = ModelSessions(
        spec=DutSpec.parse("emulator"),
        dmves=dmves,
        catalogue=load_catalogue(),
        faults=(),
        s1sp_timeout=None,
        inventory_file=None,
        record=lambda exchange, purpose: None,
    )
    try:
        plain, faulty = sessions.get(model), sessions.get(model, FAULT)
        assert faulty is not plain and faulty.dut is not plain.dut
        assert sessions.get(model, FAULT) is faulty and sessions.get(model) is plain
        assert [f.name for f in faulty.dut.faults] == [FAULT]  # type: ignore[attr-defined]
        assert plain.dut.faults == ()  # type: ignore[attr-defined]
    finally:
        sessions.close()


def test_the_fault_reaches_its_clauses_tests_only(pytester, run_suite):
    pytester.makepyfile(test_pennies=PENNIES)
    model = "--device-model=EX-ESME-1"
    run_suite(model, f"--fault-in-clause={FAULT}")
    assert verdicts_of(pytester.path) == {"18.6(b)-EX-ESME-1": "FAIL", "18.1(v)-EX-ESME-1": "PASS"}
    (folder,) = (pytester.path / "reports").iterdir()
    options = load_run(folder).results.metadata.options
    assert options.clause_faults == (FAULT,) and options.faults == ()
    assert f"each in its own clause's tests only: {FAULT}" in options.faults_text()


def test_the_same_fault_for_the_whole_run_fails_both(pytester, run_suite):
    """The contrast: ``--fault`` builds it into every DUT of a model that carries it."""
    pytester.makepyfile(test_pennies=PENNIES)
    run_suite("--device-model=EX-ESME-1", f"--fault={FAULT}")
    assert verdicts_of(pytester.path) == {"18.6(b)-EX-ESME-1": "FAIL", "18.1(v)-EX-ESME-1": "FAIL"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [f"--fault-in-clause={FAULT}", "--fault-in-clause=zero-pennies-utrn-let-through"],
            f"--fault-in-clause: {FAULT}, zero-pennies-utrn-let-through all break 18.6(b)",
        ),
        (["--fault-in-clause=no-such-fault"], "--fault-in-clause: no such fault: 'no-such-fault'"),
        (
            ["--dut=tcp://127.0.0.1:9", f"--fault-in-clause={FAULT}"],
            "--fault-in-clause needs the emulator DUT, not tcp://127.0.0.1:9",
        ),
    ],
    ids=["two-of-one-clause", "unknown", "not-the-emulator"],
)
def test_a_clause_fault_the_run_cannot_judge_apart_is_a_usage_error(
    pytester, run_suite, args, message
):
    pytester.makepyfile(test_pennies=PENNIES)
    result = run_suite(*args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert message in result.stderr.str()


# --- a batch judges each fault as a run of its own ------------------------------------------


@pytest.mark.heavy
def test_a_batch_gives_each_fault_the_verdicts_of_its_own_run(tmp_path: Path):
    """Two batches of the real suite (two faults of 18.6(b), one of 18.23) against a run of
    each fault alone: the same verdict on every pair of the fault's clause."""
    suite = REPO / "conformance"
    by_name = {f.name: f for f in load_faults()}
    chosen = [by_name[n] for n in (FAULT, "zero-pennies-utrn-let-through", "profile-refused-18.23")]
    batches = fault_batches(chosen)
    assert [len(b) for b in batches] == [2, 1]
    common = ["--device-model=EX-ESME-1", "--allow-missing-clauses"]
    for number, batch in enumerate(batches):
        args = [*dict.fromkeys(str(target_for(item, suite)) for item in batch), *common]
        for item in batch:
            args += ["--fault-in-clause", item.name, "--clause", item.clause]
        together = run_suite(args, tmp_path / f"batch{number}", suite)
        for item in batch:
            alone = run_suite(
                [
                    str(target_for(item, suite)),
                    *common,
                    "--fault",
                    item.name,
                    "--clause",
                    item.clause,
                ],
                tmp_path / item.name,
                suite,
            )
            own = {
                (r.model_id, r.clause_id): r.verdict
                for r in together.records
                if r.clause_id == item.clause
            }
            assert own == {(r.model_id, r.clause_id): r.verdict for r in alone.records}
            assert Verdict.FAIL in own.values(), item.name  # each is caught, in either
