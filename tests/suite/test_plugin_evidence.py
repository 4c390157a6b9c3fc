"""Evidence: every frame and verdict as JSON lines, written as the run goes."""

from __future__ import annotations

import json

from s1sr.codecs.wire import decode_message
from s1sr.evidence import EvidenceLog, read_evidence
from s1sr.models import from_jsonable
from tests.suite.conftest import evidence_lines

pytest_plugins = ["pytester"]

TEST = """
import os, pytest
from s1sr.models import ReadFirmwareVersionRequest

@pytest.mark.clause("18.64(a)")
def test_read(case):
    case.exchange(ReadFirmwareVersionRequest())
    if case.model.id == "{crash_on}":
        os._exit(3)  # the process dies mid-run: nothing is flushed on the way out
"""


def test_frames_hold_the_hex_the_decoded_view_and_both_times(pytester, run_suite):
    pytester.makepyfile(TEST.format(crash_on="-"))
    run_suite("--device-model", "EX-PPMID-1")
    lines = evidence_lines(pytester.path)
    kinds = [line["kind"] for line in lines]
    assert kinds[0] == "session" and kinds[-1] == "verdict"
    frames = [line for line in lines if line["kind"] == "frame"]
    purposes = {line["purpose"] for line in frames}
    assert purposes == {"identity check of EX-PPMID-1", "exchange under test"}
    for line in frames:
        message = decode_message(bytes.fromhex(line["hex"]))
        assert from_jsonable(line["decoded"]) == message
        assert line["virtual_time"] == "2024-01-15T12:00:00Z"
        assert line["wall_time"].endswith("Z")
        assert line["model"] == "EX-PPMID-1" and line["clause"] == "18.64(a)"
    verdict = lines[-1]
    assert set(verdict["evidence"]) == {line["id"] for line in frames}


def test_a_crash_mid_run_loses_nothing_already_recorded(pytester, run_suite):
    pytester.makepyfile(TEST.format(crash_on="EX-PPMID-3"))
    result = run_suite("--clause", "18.64(a)", subprocess=True)
    assert result.ret == 3
    lines = evidence_lines(pytester.path)
    verdicts = {line["model"] for line in lines if line["kind"] == "verdict"}
    assert {"EX-PPMID-1", "EX-PPMID-2"} <= verdicts  # tests that ended before the crash
    frames = {line["model"] for line in lines if line["kind"] == "frame"}
    assert "EX-PPMID-3" in frames  # even the crashing test's frames are there


def test_a_cut_short_last_line_is_skipped_when_reading(tmp_path):
    path = tmp_path / "evidence.jsonl"
    with EvidenceLog(path, source="gw0", run="r") as log:
        first = log.append("frame", {"hex": "00"})
    with open(path, "a", encoding="utf-8") as handle:
        handle.write('{"id": "gw0-2", "kind": "fra')
    records = list(read_evidence(path))
    assert [r["id"] for r in records] == [first] == ["gw0-1"]
    assert json.loads(path.read_text().splitlines()[0])["run"] == "r"


def test_reading_one_kind_gives_exactly_the_lines_of_that_kind(tmp_path):
    path = tmp_path / "evidence.jsonl"
    with EvidenceLog(path, source="gw0", run="r") as log:
        log.append("session", {"note": "a session"})
        # A frame whose payload holds what a verdict line holds, one level down: not a verdict.
        log.append("frame", {"decoded": {"kind": "verdict"}, "text": '"kind":"verdict"'})
        log.append("verdict", {"verdict": "PASS", "reason": "ünïcode kept"})
        log.append("check", {"passed": True})
        log.append("verdict", {"verdict": "FAIL", "reason": ""})
    everything = list(read_evidence(path))
    verdicts = list(read_evidence(path, kind="verdict"))
    assert verdicts == [line for line in everything if line["kind"] == "verdict"]
    assert [line["id"] for line in verdicts] == ["gw0-3", "gw0-5"]


ROLES = """
from datetime import timedelta
import pytest
from s1sr.models import DailyReadLogRequest, ReadFirmwareVersionRequest

@pytest.mark.clause("18.64(a)")
def test_roles(case):
    now = case.now()
    case.exchange(DailyReadLogRequest(now - timedelta(days=1), now))  # not 11.2: a setup step
    case.exchange(ReadFirmwareVersionRequest())  # 11.2, the SRV 18.64(a) is about
    case.exchange(ReadFirmwareVersionRequest(), setup=True)  # said explicitly
"""


def test_each_frame_says_whether_it_is_a_setup_step_or_the_exchange_under_test(pytester, run_suite):
    from s1sr.pytest_plugin.case import SETUP_STEP, UNDER_TEST

    pytester.makepyfile(ROLES)
    run_suite("--device-model", "EX-PPMID-1")
    frames = [line for line in evidence_lines(pytester.path) if line["kind"] == "frame"]
    frames = [f for f in frames if f["node_id"] and not f["purpose"].startswith("identity")]
    by_request: dict[int, set[str]] = {}
    for f in frames:
        by_request.setdefault(f["request_id"], set()).add(f["purpose"])
    purposes = [by_request[r] for r in sorted(by_request)]
    assert purposes[-3:] == [{SETUP_STEP}, {UNDER_TEST}, {SETUP_STEP}]
