"""``junit.xml`` written by the suite, not by pytest's ``--junitxml``: one test case per
conformance test, with the clause, Device Model, expectation, verdict and SRV as
properties, and FAIL / ERROR / INCONCLUSIVE / NOT_APPLICABLE in the elements CI tools read.

pytest's writer puts user properties on test cases too, but it would count a
NOT_APPLICABLE pair as a pass and an INCONCLUSIVE one as a pass or a failure; here N/A and
INCONCLUSIVE are ``skipped`` (``type`` says which), INCONCLUSIVE a ``failure`` under
``--strict``, exactly as the run was judged.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

from s1sr.report.evidence_index import EvidenceIndex
from s1sr.report.jsonread import iso
from s1sr.report.results import PairResult, RunResults, TestResult
from s1sr.verdicts import Verdict

# Characters XML 1.0 cannot carry (device data may hold them): shown as \\xNN instead.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
MAX_FRAMES = 40


def xml_text(value: object) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", str(value))


def split_node_id(node_id: str) -> tuple[str, str]:
    """``conformance/test_utrn.py::test_x[id]`` -> (``conformance.test_utrn``, ``test_x[id]``)."""
    parts = node_id.split("::")
    module = parts[0].removesuffix(".py").replace("/", ".").replace("\\", ".")
    return ".".join([module, *parts[1:-1]]), parts[-1]


def junit_tree(results: RunResults, evidence: EvidenceIndex) -> ET.ElementTree:
    meta = results.metadata
    cases = [(pair, test) for pair in results.pairs for test in pair.tests]
    strict = meta.options.strict
    failures = sum(1 for _, t in cases if case_kind(t.verdict, strict) == "failure")
    errors = sum(1 for _, t in cases if case_kind(t.verdict, strict) == "error")
    skipped = sum(1 for _, t in cases if case_kind(t.verdict, strict) == "skipped")
    total_time = f"{sum(t.duration_s for _, t in cases):.3f}"
    root = ET.Element(
        "testsuites",
        name="s1sr conformance",
        tests=str(len(cases)),
        failures=str(failures),
        errors=str(errors),
        skipped=str(skipped),
        time=total_time,
    )
    suite = ET.SubElement(
        root,
        "testsuite",
        name="s1sr-conformance",
        tests=str(len(cases)),
        failures=str(failures),
        errors=str(errors),
        skipped=str(skipped),
        time=total_time,
        timestamp=iso(meta.started),
    )
    props = ET.SubElement(suite, "properties")
    for name, value in (
        ("run", meta.run),
        ("suite_version", meta.suite_version),
        ("dut", meta.dut),
        ("dmves", meta.dmves_source),
        ("dmves_sha256", meta.dmves_sha256),
        ("strict", str(strict).lower()),
        ("faults", ",".join(meta.options.faults)),
        ("variants", ",".join(meta.options.variants)),
    ):
        ET.SubElement(props, "property", name=name, value=xml_text(value))
    for pair, test in cases:
        suite.append(_case(results, pair, test, evidence, strict))
    ET.indent(root)
    return ET.ElementTree(root)


def junit_bytes(results: RunResults, evidence: EvidenceIndex) -> bytes:
    buffer = io.BytesIO()
    junit_tree(results, evidence).write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue() + b"\n"


def case_kind(verdict: Verdict, strict: bool) -> str | None:
    """The element a test case of this verdict carries (None for PASS): what a CI reads."""
    if verdict is Verdict.FAIL:
        return "failure"
    if verdict is Verdict.ERROR:
        return "error"
    if verdict is Verdict.INCONCLUSIVE:
        return "failure" if strict else "skipped"
    if verdict is Verdict.NOT_APPLICABLE:
        return "skipped"
    return None


def _case(
    results: RunResults,
    pair: PairResult,
    test: TestResult,
    evidence: EvidenceIndex,
    strict: bool,
) -> ET.Element:
    classname, name = split_node_id(test.node_id)
    case = ET.Element(
        "testcase",
        classname=xml_text(classname),
        name=xml_text(name),
        file=xml_text(test.node_id.split("::")[0]),
        time=f"{test.duration_s:.3f}",
    )
    props = ET.SubElement(case, "properties")
    model = results.model(pair.model)
    for prop, value in (
        ("clause", pair.clause),
        ("model", pair.model),
        ("device_type", model.device_type if model else ""),
        ("expectation", pair.expectation),
        ("verdict", test.verdict.value),
        ("srv", pair.srv or ""),
    ):
        ET.SubElement(props, "property", name=prop, value=xml_text(value))
    kind = case_kind(test.verdict, strict)
    if kind is not None:
        element = ET.SubElement(
            case,
            kind,
            message=xml_text(
                f"{test.verdict.value}: {test.reason}" if test.reason else test.verdict.value
            ),
            type=_type(test.verdict),
        )
        if kind != "skipped":
            element.text = xml_text(_details(pair, test, evidence))
    return case


def _type(verdict: Verdict) -> str:
    return {
        Verdict.FAIL: "FAIL",
        Verdict.ERROR: "ERROR",
        Verdict.INCONCLUSIVE: "INCONCLUSIVE",
        Verdict.NOT_APPLICABLE: "NOT_APPLICABLE",
    }.get(verdict, verdict.value)


def _details(pair: PairResult, test: TestResult, evidence: EvidenceIndex) -> str:
    lines = [
        f"{pair.clause} on {pair.model} (SRV {pair.srv or '-'}, {pair.expectation})",
        f"reason: {test.reason}",
    ]
    frames = []
    for line_id in test.evidence:
        line = evidence.get(line_id)
        if line is None:
            continue
        if line.get("kind") == "check":
            mark = "ok" if line.get("passed") else "FAILED"
            lines.append(
                f"check {mark}: expected {line.get('expected')}; observed {line.get('observed')}"
            )
        elif line.get("kind") == "frame":
            arrow = ">" if line.get("direction") == "out" else "<"
            frames.append(f"  {arrow} {line.get('hex')}")
    if frames:
        lines.append("frames (> to the DUT, < from it):")
        lines.extend(frames[-MAX_FRAMES:])
    return "\n".join(lines)
