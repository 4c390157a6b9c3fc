"""The whole path with the real plugin and the emulator: a run with one fault writes a
report whose matrix shows that cell failed with its evidence; the gate fails naming it and
passes with a waiver for it; one byte changed in results.json fails verify and the gate.

Each run is ``pytest conformance --fault ... --device-model ... --report-dir`` from the
checkout, in this process (``pytest.main``, its terminal output captured, without S1SR_*
variables or PYTEST_ADDOPTS, leaving no suite module behind): what is checked is the run's
exit status, output and folder, not its process; the fault-free run is on two pytest-xdist
workers, which are processes of their own.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from s1sr.report import JUNIT_FILE, MATRIX_FILE, RESULTS_FILE, load_run
from tests.in_process import process_heap_frozen, suite_modules_dropped
from tests.report.builders import REPO

# Both suite runs are module fixtures: one xdist worker (tox: --dist loadgroup) makes them.
pytestmark = [pytest.mark.xdist_group("report-end-to-end"), pytest.mark.heavy]

MODEL = "EX-ESME-1"
CLAUSE = "18.6(b)"
FAULT = "accepts-fractional-pounds"


def run_suite(report_dir, *args):
    argv = ["conformance", "-p", "no:cacheprovider", "--device-model", MODEL]
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, suite_modules_dropped(), process_heap_frozen():
        for name in [n for n in os.environ if n.startswith(("S1SR_", "PYTEST_ADDOPTS"))]:
            patch.delenv(name)
        patch.chdir(REPO)
        with contextlib.redirect_stdout(out):
            code = int(pytest.main([*argv, "--report-dir", str(report_dir), *args]))
    done = subprocess.CompletedProcess(argv, code, out.getvalue(), "")
    folders = sorted(report_dir.iterdir())
    assert len(folders) == 1, done.stdout[-3000:]
    return done, folders[0]


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    return run_suite(tmp_path_factory.mktemp("faulty"), "--fault", FAULT)


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """Fault-free, on two pytest-xdist workers."""
    return run_suite(tmp_path_factory.mktemp("clean"), "-n", "2")


def test_the_run_fails_and_its_summary_names_the_pair_and_the_report_folder(faulty):
    done, folder = faulty
    assert done.returncode == 1
    out = done.stdout
    assert re.search(r"\d+ verdicts over \d+ \(Device Model, clause\) pairs: 1 FAIL, 0 ERROR", out)
    assert re.search(rf"FAIL\s+{MODEL}\s+{re.escape(CLAUSE)}\s+expected .*S1SP alert", out)
    assert f"report: {folder} (open matrix.html" in out


def test_results_hold_the_failed_pair_its_evidence_and_the_run_metadata(faulty):
    _, folder = faulty
    results = load_run(folder).results
    pair = results.pair(MODEL, CLAUSE)
    assert pair.verdict.value == "FAIL" and "rejected by an S1SP alert" in pair.reason
    assert [p for p in results.pairs if p.verdict.value == "FAIL"] == [pair]
    meta = results.metadata
    assert meta.options.faults == (FAULT,) and meta.options.device_models == (MODEL,)
    assert meta.dut == "emulator" and len(meta.dmves_sha256) == 64 and meta.exit_status == 1
    assert results.model(MODEL).firmware_read == ("04020B00",)  # what 11.2 said
    evidence = {
        json.loads(line)["id"]: json.loads(line)
        for line in (folder / "evidence.jsonl").read_text().splitlines()
    }
    lines = [evidence[i] for i in pair.tests[0].evidence]
    assert {line["kind"] for line in lines} >= {"frame", "check"}
    assert all(line["clause"] == CLAUSE and line["model"] == MODEL for line in lines)


def test_the_matrix_shows_that_cell_failed_with_its_evidence(faulty):
    _, folder = faulty
    page = (folder / MATRIX_FILE).read_text()
    cell = re.search(
        rf'<td class="cell[^"]*" data-model="{MODEL}" data-clause="{re.escape(CLAUSE)}" '
        r'data-verdict="(\w+)"><button[^>]*>(\w)</button>',
        page,
    )
    assert cell and cell.groups() == ("FAIL", "F")
    assert page.count('data-verdict="FAIL"') == 1
    blob = re.search(r'<script type="application/json" id="s1sr-data">(.*?)</script>', page, re.S)
    data = json.loads(blob.group(1))
    (test,) = data["pairs"][MODEL][CLAUSE]["tests"]
    frames = [
        data["evidence"][i] for i in test["evidence"] if data["evidence"][i]["kind"] == "frame"
    ]
    assert frames and all(re.fullmatch(r"[0-9A-F]+", f["hex"]) for f in frames)
    assert frames[0]["decoded"]["body"]["type"] == "TopUpDeviceRequest"
    checks = [
        data["evidence"][i] for i in test["evidence"] if data["evidence"][i]["kind"] == "check"
    ]
    assert any(not c["passed"] and "S1SP alert" in c["expected"] for c in checks)


def test_junit_has_the_clause_and_model_as_properties(faulty):
    _, folder = faulty
    root = ET.parse(folder / JUNIT_FILE).getroot()
    failed = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert len(failed) == 1
    props = {p.get("name"): p.get("value") for p in failed[0].iter("property")}
    assert (props["clause"], props["model"], props["verdict"]) == (CLAUSE, MODEL, "FAIL")


def test_the_gate_fails_naming_the_pair(faulty, s1sr):
    _, folder = faulty
    code, out, _ = s1sr("gate", folder)
    assert code == 1
    assert "s1sr gate: FAILED" in out
    assert re.search(rf"FAIL\s+{MODEL}\s+{re.escape(CLAUSE)}\s+expected", out)


def test_with_a_waiver_for_it_the_gate_passes(faulty, s1sr, tmp_path):
    _, folder = faulty
    waivers = tmp_path / "waivers.toml"
    waivers.write_text(
        f'[[waiver]]\nclause = "{CLAUSE}"\nmodel = "{MODEL}"\n'
        'reason = "SUP-1: fixed in 04.03"\nexpires = 2099-12-31\n'
    )
    code, out, _ = s1sr("gate", folder, "--waivers", waivers)
    assert code == 0, out
    assert "s1sr gate: PASSED" in out and "waived until 2099-12-31: SUP-1" in out


def test_one_byte_changed_in_results_fails_verify_and_the_gate(faulty, s1sr, tmp_path):
    _, original = faulty
    folder = tmp_path / original.name
    folder.mkdir()
    for path in original.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    assert s1sr("report", "verify", folder)[0] == 0
    data = bytearray((folder / RESULTS_FILE).read_bytes())
    at = data.index(b'"FAIL"') + 2
    data[at] = ord("P")  # "FAIL" -> "PAIL": one byte
    (folder / RESULTS_FILE).write_bytes(bytes(data))
    code, out, _ = s1sr("report", "verify", folder)
    assert code == 1 and "altered: results.json" in out
    code, _, err = s1sr("gate", folder)
    assert code == 2 and "altered: results.json" in err


def test_against_a_fault_free_baseline_the_pair_is_a_regression(faulty, clean, s1sr):
    _, folder = faulty
    done, baseline = clean
    assert done.returncode == 0, done.stdout[-2000:]
    code, out, _ = s1sr("gate", folder, "--baseline", baseline)
    assert code == 1
    assert re.search(rf"FAIL\s+{MODEL}\s+{re.escape(CLAUSE)}\s+PASS in the baseline, FAIL now", out)
    code, out, _ = s1sr("report", "diff", baseline, folder)
    assert code == 1
    assert f"{MODEL}  {CLAUSE}  PASS -> FAIL [regression]" in out
    assert f"options.faults: - -> {FAULT}" in out
    code, out, _ = s1sr("gate", baseline)
    assert code == 0, out


def test_in_parallel_one_report_holds_every_workers_verdicts(clean, faulty):
    done, folder = clean
    parallel = load_run(folder).results
    serial = load_run(faulty[1]).results
    differ = {p.key for p in parallel.pairs if serial.pair(*p.key).verdict is not p.verdict}
    assert {p.key for p in parallel.pairs} == {p.key for p in serial.pairs}
    assert differ == {(MODEL, CLAUSE)}  # the fault's pair only
    assert parallel.metadata.options.workers == 2
    assert parallel.model(MODEL).firmware_read == ("04020B00",)
    assert done.stdout.count("report: ") == 1
