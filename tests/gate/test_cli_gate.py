"""``s1sr gate``: exit 0 pass, 1 fail, 2 cannot decide; the manifest is verified first."""

from __future__ import annotations

import json

import pytest
from freezegun import freeze_time

from s1sr.report import RESULTS_FILE
from tests.report.builders import record, write_folder

WAIVER = """
[[waiver]]
clause = "18.6(b)"
model = "EX-ESME-1"
reason = "SUP-1"
expires = 2026-12-31
"""


@pytest.fixture
def failing(tmp_path):
    return write_folder(tmp_path / "failing").folder


@pytest.fixture
def waivers(tmp_path):
    path = tmp_path / "waivers.toml"
    path.write_text(WAIVER)
    return path


def test_a_failing_run_fails_the_gate_naming_the_pair(s1sr, failing):
    code, out, _ = s1sr("gate", failing, "--today", "2026-11-23")
    assert code == 1
    assert out.splitlines()[0] == "s1sr gate: FAILED"
    assert "FAIL           EX-ESME-1  18.6(b)  expected S1PX01; observed I0" in out
    assert "manifest verified, 5 files" in out


def test_a_waiver_lets_it_pass_until_it_expires(s1sr, failing, waivers):
    code, out, _ = s1sr("gate", failing, "--waivers", waivers, "--today", "2026-12-31")
    assert code == 0 and out.startswith("s1sr gate: PASSED")
    assert "waived until 2026-12-31: SUP-1" in out
    code, out, _ = s1sr("gate", failing, "--waivers", waivers, "--today", "2027-01-01")
    assert code == 1 and "EXPIRED_WAIVER" in out


def test_without_today_the_gate_reads_the_date_in_utc(s1sr, failing, waivers):
    with freeze_time("2026-12-31T23:30:00Z"):
        assert s1sr("gate", failing, "--waivers", waivers)[0] == 0
    with freeze_time("2027-01-01T00:30:00Z"):
        assert s1sr("gate", failing, "--waivers", waivers)[0] == 1


def test_inconclusive_fails_only_with_strict(s1sr, tmp_path):
    folder = write_folder(
        tmp_path / "run", [record("EX-PPMID-1", "18.63(c)", "INCONCLUSIVE", "uncertain")]
    ).folder
    code, out, _ = s1sr("gate", folder)
    assert code == 0 and "inconclusive (1; blocking only with --strict)" in out
    code, out, _ = s1sr("gate", folder, "--strict")
    assert code == 1 and "INCONCLUSIVE   EX-PPMID-1  18.63(c)  uncertain" in out


def test_a_baseline_makes_a_lost_pass_fail(s1sr, tmp_path):
    baseline = write_folder(tmp_path / "base", [record("EX-ESME-1", "18.6(b)")]).folder
    current = write_folder(
        tmp_path / "now", [record("EX-ESME-1", "18.6(b)", "NOT_APPLICABLE", expectation="n/a")]
    ).folder
    assert s1sr("gate", current)[0] == 0
    code, out, _ = s1sr("gate", current, "--baseline", baseline)
    assert code == 1 and "REGRESSION     EX-ESME-1  18.6(b)  PASS in the baseline" in out


def test_json_output(s1sr, failing, waivers):
    code, out, _ = s1sr(
        "gate", failing, "--waivers", waivers, "--today", "2026-11-23", "--format", "json"
    )
    data = json.loads(out)
    assert code == 0 and data["passed"] is True and data["today"] == "2026-11-23"
    assert data["waived"][0]["model"] == "EX-ESME-1" and data["blocking"] == []


def test_a_folder_that_does_not_match_its_manifest_cannot_be_gated(s1sr, failing):
    (failing / "extra.txt").write_text("added after the run")
    code, out, err = s1sr("gate", failing)
    assert code == 2 and out == ""
    assert "does not match its manifest: added: extra.txt" in err


def test_a_baseline_that_does_not_match_its_manifest_cannot_be_used(s1sr, failing, tmp_path):
    baseline = write_folder(tmp_path / "base", [record("EX-ESME-1", "18.6(b)")]).folder
    (baseline / RESULTS_FILE).unlink()
    code, _, err = s1sr("gate", failing, "--baseline", baseline)
    assert code == 2 and "missing: results.json" in err


def test_invalid_waivers_cannot_be_used_and_the_error_names_file_entry_field(
    s1sr, failing, tmp_path
):
    path = tmp_path / "bad.toml"
    path.write_text(WAIVER.replace('"EX-ESME-1"', '"EX-ESME-99"'))
    code, _, err = s1sr("gate", failing, "--waivers", path)
    assert code == 2
    assert f"{path}: waiver 1: model: 'EX-ESME-99' is not a Device Model of the DMVES" in err


def test_not_a_report_folder(s1sr, tmp_path):
    code, _, err = s1sr("gate", tmp_path)
    assert code == 2 and "manifest.sha256: missing" in err


def test_a_bad_date_is_a_usage_error(s1sr, failing):
    with pytest.raises(SystemExit) as caught:
        s1sr("gate", failing, "--today", "31/12/2026")
    assert caught.value.code == 2
