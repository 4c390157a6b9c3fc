"""``s1sr run-tcp`` finishes its run folder once, from every model's evidence: the folder
verifies, the gate judges every model (not the last process's alone), and ``--sign-key``
signs it once at the end. A small suite of its own keeps each run to seconds."""

from __future__ import annotations

import json

import pytest

from s1sr.cli import main
from s1sr.report.finish import whole_exit_status
from s1sr.report.layout import RESULTS_FILE, SIGNATURE_FILE
from s1sr.report.signing import generate_keys
from tests.dut.conftest import DMVES_FILE

# its servers and pytest runs: processes of their own, forked prewarmed
pytestmark = [pytest.mark.heavy, pytest.mark.usefixtures("prewarmed_launches")]

MODELS = ("EX-PPMID-1", "EX-PPMID-4")
CLAUSE = "18.64(a)"

SUITE_TEST = """
import pytest
from s1sr.models import ReadFirmwareVersionRequest

PLANTED = {planted!r}  # Device Models this suite fails on purpose

@pytest.mark.clause("18.64(a)")
def test_read(case):
    case.exchange(ReadFirmwareVersionRequest())
    case.expect(
        case.model.id not in PLANTED, expected="no planted failure", observed=case.model.id
    )
"""


@pytest.fixture
def s1sr(capsys, monkeypatch):
    for name in ("S1SR_RUN_DIR", "S1SR_EVIDENCE_SOURCE", "S1SR_RUN_PART", "S1SR_DMVES"):
        monkeypatch.delenv(name, raising=False)

    def run(*argv):
        code = main([str(a) for a in argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def run_tcp(s1sr, tmp_path, *pytest_args, planted=()):
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "test_launched.py").write_text(
        SUITE_TEST.format(planted=tuple(planted)), encoding="utf-8"
    )
    reports = tmp_path / "reports"
    models = [arg for m in MODELS for arg in ("--device-model", m)]
    code, out, err = s1sr(
        "run-tcp",
        "--suite",
        suite,
        "--dmves",
        DMVES_FILE,
        "--report-dir",
        reports,
        *models,
        "--",
        "--allow-missing-clauses",
        "--clause",
        CLAUSE,
        *pytest_args,
    )
    folders = list(reports.iterdir())
    assert len(folders) == 1, out + err
    return code, out, folders[0]


def pairs(folder):
    results = json.loads((folder / RESULTS_FILE).read_text(encoding="utf-8"))
    return results, {(p["model"], p["clause"]): p["verdict"] for p in results["results"]}


def test_two_models_one_clause_verify_and_gate_and_are_signed_once(s1sr, tmp_path):
    private, public = tmp_path / "lab.pem", tmp_path / "lab.pub.pem"
    generate_keys(private, public)
    code, out, folder = run_tcp(s1sr, tmp_path, "--sign-key", private)
    assert code == 0, out
    results, verdicts = pairs(folder)
    assert verdicts == {(m, CLAUSE): "PASS" for m in MODELS}
    meta = results["metadata"]
    assert meta["options"]["device_models"] == list(MODELS)
    assert meta["options"]["clauses"] == [CLAUSE]
    assert all(f"{m} tcp://127.0.0.1:" in meta["dut"] for m in MODELS)
    assert meta["exit_status"] == 0
    assert (folder / SIGNATURE_FILE).is_file() and "report signed: " in out
    code, out, err = s1sr("report", "verify", folder, "--public-key", public)
    assert code == 0, err
    assert "2 verdicts agree with evidence.jsonl" in out
    code, out, err = s1sr("gate", folder, "--trust", public)
    assert code == 0, err
    assert out.startswith("s1sr gate: PASSED") and "2 PASS" in out


def test_one_models_failure_is_in_the_folder_and_fails_the_gate(s1sr, tmp_path):
    code, out, folder = run_tcp(s1sr, tmp_path, planted=[MODELS[0]])
    assert code == 1, out
    results, verdicts = pairs(folder)
    assert verdicts == {(MODELS[0], CLAUSE): "FAIL", (MODELS[1], CLAUSE): "PASS"}
    assert results["metadata"]["exit_status"] == 1
    assert not (folder / SIGNATURE_FILE).exists()
    code, _, err = s1sr("report", "verify", folder)
    assert code == 0, err
    code, out, _ = s1sr("gate", folder)
    assert code == 1
    assert out.startswith("s1sr gate: FAILED") and "1 FAIL" in out and "1 PASS" in out
    blocking = out.split("blocking (1):", 1)[1].split()
    assert blocking[:3] == ["FAIL", MODELS[0], CLAUSE]


@pytest.mark.parametrize(
    ("codes", "status"),
    [
        ((0, 5), 0),  # a process with nothing to judge is no failure
        ((0, 1), 1),
        ((1, 4), 4),  # one process's usage error: the run is incomplete
        ((0, -9), 3),  # one killed: the run is incomplete
    ],
)
def test_the_whole_runs_exit_status_is_the_worst_of_its_processes(codes, status):
    assert whole_exit_status(codes) == status


def test_a_sign_key_that_cannot_be_used_stops_run_tcp_before_any_server(s1sr, tmp_path):
    bad = tmp_path / "bad.pem"
    bad.write_text("not a key", encoding="utf-8")
    reports = tmp_path / "reports"
    code, _, err = s1sr(
        "run-tcp", "--dmves", DMVES_FILE, "--report-dir", reports, "--", "--sign-key", bad
    )
    assert code == 1
    assert "--sign-key: " in err and "bad.pem: not a PEM private key" in err
    assert not reports.exists()
