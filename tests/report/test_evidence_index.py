"""The evidence index: lines by id, and the firmware each identity check read."""

from __future__ import annotations

from s1sr.evidence import EvidenceLog
from s1sr.report.evidence_index import firmware_reads, index_evidence
from tests.report.builders import firmware_response, frame


def _identity(model, direction, request_id, decoded=None, line_id="gw0-1"):
    line = frame(
        direction, purpose=f"identity check of {model}", request_id=request_id, decoded=decoded
    )
    line.update(id=line_id, kind="frame")
    return line


def test_the_firmware_a_device_reported_is_read_from_its_identity_check():
    lines = [
        _identity("EX-ESME-1", "out", 1, line_id="main-1"),
        _identity("EX-ESME-1", "in", 1, firmware_response(0x04020B00), line_id="main-2"),
    ]
    assert firmware_reads(lines) == {"EX-ESME-1": ("04020B00",)}


def test_a_refused_or_unanswered_identity_check_says_so():
    lines = [
        _identity("EX-PPMID-4", "out", 1, line_id="main-1"),
        _identity("EX-PPMID-4", "in", 1, firmware_response(None, code="E11"), line_id="main-2"),
        _identity("EX-CHF-9", "out", 7, line_id="main-3"),
    ]
    assert firmware_reads(lines) == {
        "EX-PPMID-4": ("not readable (response E11)",),
        "EX-CHF-9": ("not readable (no response)",),
    }


def test_each_worker_checks_again_and_different_answers_are_all_kept():
    lines = [
        _identity("EX-ESME-1", "in", 1, firmware_response(0x01), line_id="gw0-2"),
        _identity("EX-ESME-1", "in", 1, firmware_response(0x01), line_id="gw1-2"),
        _identity("EX-ESME-1", "in", 1, firmware_response(0x02), line_id="gw2-2"),
    ]
    assert firmware_reads(lines) == {"EX-ESME-1": ("00000001", "00000002")}


def test_frames_of_tests_are_not_identity_checks():
    line = frame("in", decoded=firmware_response(0x05))
    line.update(id="main-1", kind="frame")
    assert firmware_reads([line]) == {}


def test_index_keeps_lines_by_id_and_skips_a_cut_short_last_line(tmp_path):
    path = tmp_path / "evidence.jsonl"
    with EvidenceLog(path, source="main") as log:
        log.append("check", {"passed": True})
    with open(path, "a", encoding="utf-8") as handle:
        handle.write('{"id": "main-2", "kind": "fr')
    index = index_evidence(path)
    assert list(index.lines) == ["main-1"] and index.problem is None


def test_a_corrupt_line_is_a_problem_the_report_states_not_a_crash(tmp_path):
    path = tmp_path / "evidence.jsonl"
    path.write_text('{"id": "main-1", "kind": "check"}\nnot json\n{"id": "main-3", "kind": "x"}\n')
    index = index_evidence(path)
    assert "main-1" in index.lines
    assert index.problem is not None and "evidence.jsonl:2: not JSON" in index.problem


def test_a_missing_log_is_a_problem_too(tmp_path):
    assert index_evidence(tmp_path / "evidence.jsonl").problem == "evidence.jsonl is missing"
