"""junit.xml: one test case per conformance test, clause and model as properties."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from s1sr.report import RunOptions
from s1sr.report.evidence_index import EvidenceIndex
from s1sr.report.junit import junit_bytes, split_node_id, xml_text
from tests.report.builders import metadata, record, results

EVIDENCE = EvidenceIndex(
    lines={
        "main-1": {"id": "main-1", "kind": "frame", "direction": "out", "hex": "AA01"},
        "main-2": {"id": "main-2", "kind": "frame", "direction": "in", "hex": "BB02"},
        "main-3": {
            "id": "main-3",
            "kind": "check",
            "passed": False,
            "expected": "S1PX01",
            "observed": "I0",
        },
    }
)
RECORDS = [
    record(
        "EX-ESME-1",
        "18.6(b)",
        "FAIL",
        "expected S1PX01; observed I0",
        evidence=("main-1", "main-2", "main-3"),
    ),
    record("EX-ESME-2", "18.6(b)", "ERROR", "DUT: connection refused"),
    record("EX-PPMID-1", "18.63(c)", "INCONCLUSIVE", "uncertain", srv="11.1"),
    record("EX-CHF-1", "18.6(b)", "NOT_APPLICABLE", "18.6(b) is for ESME, GSME", expectation="n/a"),
    record("EX-GSME-1", "18.6(b)", "PASS"),
]


def _tree(strict=False):
    run = results(RECORDS, metadata(options=RunOptions(strict=strict)))
    return ET.fromstring(junit_bytes(run, EVIDENCE))


def _case(root, model):
    for case in root.iter("testcase"):
        props = {p.get("name"): p.get("value") for p in case.iter("property")}
        if props["model"] == model:
            return case, props
    raise AssertionError(model)


def test_every_test_case_carries_clause_model_expectation_verdict_and_srv():
    root = _tree()
    assert len(list(root.iter("testcase"))) == 5
    case, props = _case(root, "EX-ESME-1")
    assert props == {
        "clause": "18.6(b)",
        "model": "EX-ESME-1",
        "device_type": "ESME",
        "expectation": "behaviour",
        "verdict": "FAIL",
        "srv": "2.2",
    }
    assert case.get("classname") == "conformance.test_x"
    assert case.get("name") == "test_x[18.6(b)-EX-ESME-1]"


def test_fail_is_a_failure_with_the_check_and_the_frames():
    case, _ = _case(_tree(), "EX-ESME-1")
    failure = case.find("failure")
    assert failure.get("type") == "FAIL"
    assert failure.get("message") == "FAIL: expected S1PX01; observed I0"
    assert "check FAILED: expected S1PX01; observed I0" in failure.text
    assert "> AA01" in failure.text and "< BB02" in failure.text


@pytest.mark.parametrize(
    ("model", "element", "kind"),
    [
        ("EX-ESME-2", "error", "ERROR"),
        ("EX-PPMID-1", "skipped", "INCONCLUSIVE"),
        ("EX-CHF-1", "skipped", "NOT_APPLICABLE"),
    ],
)
def test_other_verdicts_map_to_the_elements_ci_tools_read(model, element, kind):
    case, _ = _case(_tree(), model)
    assert case.find(element).get("type") == kind


def test_a_pass_has_no_child_but_its_properties():
    case, _ = _case(_tree(), "EX-GSME-1")
    assert [child.tag for child in case] == ["properties"]


def test_totals_and_strict_make_inconclusive_a_failure():
    root = _tree()
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == (
        "5",
        "1",
        "1",
        "2",
    )
    strict = _tree(strict=True)
    assert strict.get("failures") == "2" and strict.get("skipped") == "1"
    case, _ = _case(strict, "EX-PPMID-1")
    assert case.find("failure").get("type") == "INCONCLUSIVE"


def test_suite_properties_name_the_run_dut_and_dmves():
    suite = _tree().find("testsuite")
    props = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert props["dut"] == "emulator" and props["dmves_sha256"] == "ab" * 32
    assert suite.get("timestamp") == "2026-11-23T12:00:00Z"


def test_characters_xml_cannot_carry_are_shown_escaped_and_the_file_still_parses():
    bad = "device said \x00\x1b[31m <&>"
    run = results([record("EX-ESME-1", "18.6(b)", "FAIL", bad)])
    root = ET.fromstring(junit_bytes(run, EvidenceIndex()))
    message = root.find(".//failure").get("message")
    assert message == "FAIL: device said \\x00\\x1b[31m <&>"
    assert xml_text("ok\ttab") == "ok\ttab"


def test_node_ids_split_into_classname_and_name():
    assert split_node_id("conformance/test_utrn.py::test_u[18.6(b)-EX-ESME-1]") == (
        "conformance.test_utrn",
        "test_u[18.6(b)-EX-ESME-1]",
    )
    assert split_node_id("a/b.py::Cls::test_m") == ("a.b.Cls", "test_m")
