"""The cross-check: a FAIL forged into a PASS in any one report file, counts fixed and the
manifest recomputed (what ``sha256sum`` lets anyone do), is refused by ``s1sr report verify``
and ``s1sr gate`` (exit 2), naming the pair and the two verdicts."""

from __future__ import annotations

import json
import re

import pytest

from s1sr.evidence import EVIDENCE_FILE
from s1sr.report import (
    JUNIT_FILE,
    MATRIX_FILE,
    RESULTS_FILE,
    SUMMARY_FILE,
    verify_manifest,
    write_manifest,
)
from s1sr.report.crosscheck import CrossCheckError, cross_check
from tests.report.builders import write_folder

PAIR = "EX-ESME-1 18.6(b)"
NODE = "conformance/test_x.py::test_x[18.6(b)-EX-ESME-1]"


def forge_results(folder):
    data = json.loads((folder / RESULTS_FILE).read_text())
    pair = next(p for p in data["results"] if p["verdict"] == "FAIL")
    pair["verdict"] = pair["tests"][0]["verdict"] = "PASS"
    pair["reason"] = pair["tests"][0]["reason"] = ""
    data["counts"].update(FAIL=0, PASS=2)
    (folder / RESULTS_FILE).write_text(json.dumps(data, indent=2))


def forge_junit(folder):
    text = (folder / JUNIT_FILE).read_text()
    text = re.sub(r"\s*<failure .*?</failure>", "", text, flags=re.S)
    text = text.replace('name="verdict" value="FAIL"', 'name="verdict" value="PASS"')
    (folder / JUNIT_FILE).write_text(text.replace('failures="1"', 'failures="0"'))


def forge_summary(folder):
    text = (folder / SUMMARY_FILE).read_text()
    text = text.replace("| FAIL | 1 |", "| FAIL | 0 |").replace("| PASS | 1 |", "| PASS | 2 |")
    text = re.sub(r"\| FAIL \| EX-ESME-1 \| 18\.6\(b\) .*\n", "", text)
    text = text.replace("| not read | 1 | 0 | 0 | 1 | 0 |", "| not read | 0 | 0 | 0 | 2 | 0 |")
    (folder / SUMMARY_FILE).write_text(text)


def forge_matrix(folder):
    text = (folder / MATRIX_FILE).read_text()
    text = text.replace(
        'data-verdict="FAIL"><button type="button" class="c v-FAIL"',
        'data-verdict="PASS"><button type="button" class="c v-PASS"',
    )
    text = text.replace(">F</button>", ">P</button>")
    text = text.replace('"verdict":"FAIL"', '"verdict":"PASS"')
    text = text.replace(">FAIL: 1</li>", ">FAIL: 0</li>").replace(">PASS: 1</li>", ">PASS: 2</li>")
    (folder / MATRIX_FILE).write_text(text)


def forge_evidence(folder):
    lines = (folder / EVIDENCE_FILE).read_text().splitlines(keepends=True)
    edited = [line.replace('"verdict":"FAIL"', '"verdict":"PASS"') for line in lines]
    (folder / EVIDENCE_FILE).write_text("".join(edited))


FORGERIES = {
    RESULTS_FILE: (forge_results, f"{PAIR}: evidence.jsonl FAIL, results.json PASS"),
    JUNIT_FILE: (forge_junit, f"{PAIR} test {NODE}: evidence.jsonl FAIL, junit.xml PASS"),
    SUMMARY_FILE: (forge_summary, f"{PAIR}: evidence.jsonl FAIL, summary.md not listed"),
    MATRIX_FILE: (forge_matrix, f"{PAIR}: evidence.jsonl FAIL, matrix.html PASS"),
    EVIDENCE_FILE: (forge_evidence, f"{PAIR}: evidence.jsonl PASS, results.json FAIL"),
}


@pytest.fixture
def forged(tmp_path, request):
    forge, message = FORGERIES[request.param]
    folder = write_folder(tmp_path / "run").folder
    before = (folder / request.param).read_bytes()
    forge(folder)
    assert (folder / request.param).read_bytes() != before  # the edit took
    write_manifest(folder)  # as a forger would, with sha256sum
    assert verify_manifest(folder).ok
    return folder, request.param, message


@pytest.mark.parametrize("forged", list(FORGERIES), indirect=True)
def test_a_forged_file_with_its_manifest_recomputed_is_refused_by_verify(s1sr, forged):
    folder, _, message = forged
    code, out, err = s1sr("report", "verify", folder)
    assert code == 2 and out == ""
    assert f"disagrees with evidence.jsonl: {message}" in err
    with pytest.raises(CrossCheckError) as caught:
        cross_check(folder)
    assert caught.value.disagreement.pair == ("EX-ESME-1", "18.6(b)")


@pytest.mark.parametrize("forged", list(FORGERIES), indirect=True)
def test_a_forged_file_with_its_manifest_recomputed_is_refused_by_the_gate(s1sr, forged):
    folder, _, message = forged
    code, out, err = s1sr("gate", folder, "--today", "2026-11-23")
    assert code == 2 and "PASSED" not in out
    assert message in err


def test_the_genuine_folder_cross_checks(tmp_path):
    folder = write_folder(tmp_path / "run").folder
    check = cross_check(folder)
    assert (check.verdicts, check.pairs) == (2, 2)


def test_counts_alone_must_agree(s1sr, tmp_path):
    folder = write_folder(tmp_path / "run").folder
    data = json.loads((folder / RESULTS_FILE).read_text())
    data["counts"].update(FAIL=0, PASS=2)  # the verdicts left alone
    (folder / RESULTS_FILE).write_text(json.dumps(data))
    write_manifest(folder)
    code, _, err = s1sr("report", "verify", folder)
    assert code == 2 and "counts.FAIL: evidence.jsonl 1, results.json 0" in err


def test_a_matrix_cell_showing_another_letter_than_its_verdict_is_refused(tmp_path):
    folder = write_folder(tmp_path / "run").folder
    text = (folder / MATRIX_FILE).read_text()
    (folder / MATRIX_FILE).write_text(text.replace(">F</button>", ">P</button>"))
    write_manifest(folder)
    with pytest.raises(CrossCheckError, match=r"matrix.html \(grid\) disagrees .*'P'"):
        cross_check(folder)


def test_a_junit_failure_element_removed_alone_is_refused(tmp_path):
    """A CI reads the element, not the property: dropping the element is the forgery."""
    folder = write_folder(tmp_path / "run").folder
    text = (folder / JUNIT_FILE).read_text()
    text = re.sub(r"\s*<failure .*?</failure>", "", text, flags=re.S)
    (folder / JUNIT_FILE).write_text(text.replace('failures="1"', 'failures="0"'))
    write_manifest(folder)
    with pytest.raises(CrossCheckError, match=r"evidence.jsonl FAIL, junit.xml PASS \(its verdict"):
        cross_check(folder)


def test_a_verdict_removed_from_the_evidence_is_refused(tmp_path):
    folder = write_folder(tmp_path / "run").folder
    lines = (folder / EVIDENCE_FILE).read_text().splitlines(keepends=True)
    kept = [line for line in lines if '"verdict":"FAIL"' not in line]
    (folder / EVIDENCE_FILE).write_text("".join(kept))
    write_manifest(folder)
    with pytest.raises(
        CrossCheckError, match=r"18.6\(b\): evidence.jsonl not judged, results.json FAIL"
    ):
        cross_check(folder)


def test_a_derived_file_deleted_with_the_manifest_recomputed_is_refused(s1sr, tmp_path):
    folder = write_folder(tmp_path / "run").folder
    (folder / SUMMARY_FILE).unlink()
    write_manifest(folder)
    code, _, err = s1sr("gate", folder)
    assert code == 2 and "summary.md: missing" in err


def test_diff_refuses_a_forged_folder(s1sr, tmp_path):
    a = write_folder(tmp_path / "a").folder
    b = write_folder(tmp_path / "b").folder
    forge_results(b)
    write_manifest(b)
    code, _, err = s1sr("report", "diff", a, b)
    assert code == 2 and "results.json disagrees with evidence.jsonl" in err
