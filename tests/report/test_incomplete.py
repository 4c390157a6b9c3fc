"""A folder a killed run left (evidence recorded as it went, no manifest) is called what it
is by ``verify``, ``gate`` and ``diff``: an incomplete run, with its verdict count (exit 2)."""

from __future__ import annotations

import pytest

from s1sr.evidence import EVIDENCE_FILE, EvidenceLog
from s1sr.report import load_run
from s1sr.report.incomplete import IncompleteRun
from tests.report.builders import record


@pytest.fixture
def killed(tmp_path):
    folder = tmp_path / "20261123T120000Z-abc123"
    with EvidenceLog(folder / EVIDENCE_FILE, source="gw0", run=folder.name) as log:
        log.append("session", {"s1sr_version": "0.1.0"})
        for clause in ("18.6(b)", "18.1(v)", "18.6(c)"):
            log.append("verdict", record("EX-ESME-1", clause).to_json())
    with open(folder / EVIDENCE_FILE, "a") as handle:
        handle.write('{"id":"gw0-5","kind":"fra')  # the line the kill cut short
    return folder


@pytest.mark.parametrize("command", [("report", "verify"), ("gate",)])
def test_verify_and_the_gate_say_incomplete_run_with_the_verdict_count(s1sr, killed, command):
    code, out, err = s1sr(*command, killed)
    assert code == 2 and out == ""
    assert err == f"s1sr: error: {killed}: incomplete run: 3 verdicts recorded, no manifest\n"


def test_diff_and_load_run_refuse_it_the_same_way(s1sr, killed, tmp_path):
    code, _, err = s1sr("report", "diff", killed, killed)
    assert code == 2 and "incomplete run: 3 verdicts recorded" in err
    with pytest.raises(IncompleteRun) as caught:
        load_run(killed)
    assert caught.value.verdicts == 3


def test_an_unreadable_evidence_log_is_still_an_incomplete_run(s1sr, tmp_path):
    folder = tmp_path / "run"
    folder.mkdir()
    (folder / EVIDENCE_FILE).write_text("not json\n")
    code, _, err = s1sr("gate", folder)
    assert code == 2 and "incomplete run: verdicts unreadable" in err and "not JSON" in err


def test_a_folder_without_evidence_is_still_not_a_report(s1sr, tmp_path):
    code, _, err = s1sr("gate", tmp_path)
    assert code == 2 and "manifest.sha256: missing" in err and "incomplete" not in err
