"""``junit.xml`` written by the suite, not by pytest's ``--junitxml``: one test case per
conformance test, with the clause, Device Model, expectation, verdict and SRV as
properties, and FAIL / ERROR / INCONCLUSIVE / NOT_APPLICABLE in the elements CI tools read.

pytest's writer puts user properties on test cases too, but it would count a
NOT_APPLICABLE pair as a pass and an INCONCLUSIVE one as a pass or a failure; here N/A and
INCONCLUSIVE are ``skipped`` (``type`` says which), INCONCLUSIVE a ``failure`` under
``--strict``, exactly as the run was judged.
"""

from __future__ import annotations

import re
from collections.abc import Callable

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


def junit_bytes(results: RunResults, evidence: EvidenceIndex) -> bytes:
    """The file, byte for byte what ``xml.etree.ElementTree`` writes for this tree once
    ``ET.indent``-ed (UTF-8, declaration first, a newline after the root), written as text
    at once: a whole-matrix run has hundreds of test cases and thousands of attributes."""
    meta = results.metadata
    cases = [(pair, test) for pair in results.pairs for test in pair.tests]
    strict, clause_faults = meta.options.strict, meta.options.clause_faults
    kinds = [case_kind(t.verdict, strict) for _, t in cases]
    total_time = f"{sum(t.duration_s for _, t in cases):.3f}"
    counts = (
        f'tests="{len(cases)}" failures="{kinds.count("failure")}" '
        f'errors="{kinds.count("error")}" skipped="{kinds.count("skipped")}" time="{total_time}"'
    )
    out = [
        "<?xml version='1.0' encoding='utf-8'?>",
        f'<testsuites name="s1sr conformance" {counts}>',
        f'  <testsuite name="s1sr-conformance" {counts} timestamp="{_attr(iso(meta.started))}">',
        "    <properties>",
    ]
    for name, value in (
        ("run", meta.run),
        ("suite_version", meta.suite_version),
        ("dut", meta.dut),
        ("dmves", meta.dmves_source),
        ("dmves_sha256", meta.dmves_sha256),
        ("strict", str(strict).lower()),
        ("faults", ",".join(meta.options.faults)),
        ("variants", ",".join(meta.options.variants)),
        *((("clause_faults", ",".join(clause_faults)),) if clause_faults else ()),
    ):
        out.append(f'      <property name="{name}" value="{_attr(xml_text(value))}" />')
    out.append("    </properties>")
    device_types = {m.id: m.device_type for m in results.models}
    attr = _memo(lambda value: _attr(xml_text(value)))  # ids, verdicts, SRVs repeat
    for (pair, test), kind in zip(cases, kinds, strict=True):
        classname, name = split_node_id(test.node_id)
        out += [
            f'    <testcase classname="{_attr(xml_text(classname))}" '
            f'name="{_attr(xml_text(name))}" file="{attr(test.node_id.split("::")[0])}" '
            f'time="{test.duration_s:.3f}">',
            "      <properties>",
            f'        <property name="clause" value="{attr(pair.clause)}" />',
            f'        <property name="model" value="{attr(pair.model)}" />',
            f'        <property name="device_type" value="{attr(device_types.get(pair.model, ""))}" />',
            f'        <property name="expectation" value="{attr(pair.expectation)}" />',
            f'        <property name="verdict" value="{test.verdict.value}" />',
            f'        <property name="srv" value="{attr(pair.srv or "")}" />',
            "      </properties>",
        ]
        if kind is not None:
            verdict = test.verdict.value
            message = f"{verdict}: {test.reason}" if test.reason else verdict
            head = (
                f'      <{kind} message="{_attr(xml_text(message))}" type="{_type(test.verdict)}"'
            )
            text = "" if kind == "skipped" else _cdata(xml_text(_details(pair, test, evidence)))
            out.append(f"{head}>{text}</{kind}>" if text else f"{head} />")
        out.append("    </testcase>")
    out += ["  </testsuite>", "</testsuites>", ""]
    return "\n".join(out).encode("utf-8", "xmlcharrefreplace")


def _memo(function: Callable[[str], str]) -> Callable[[str], str]:
    done: dict[str, str] = {}

    def memoised(value: str) -> str:
        found = done.get(value)
        if found is None:
            found = done[value] = function(value)
        return found

    return memoised


_CDATA_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_ATTR_ESCAPES = (
    *_CDATA_ESCAPES,
    ('"', "&quot;"),
    ("\r", "&#13;"),
    ("\n", "&#10;"),
    ("\t", "&#09;"),
)


def _escaped(text: str, escapes: tuple[tuple[str, str], ...]) -> str:
    for char, entity in escapes:
        if char in text:
            text = text.replace(char, entity)
    return text


def _attr(text: str) -> str:
    """An attribute value as ElementTree escapes it (``_escape_attrib``)."""
    return _escaped(text, _ATTR_ESCAPES)


def _cdata(text: str) -> str:
    """Element text as ElementTree escapes it (``_escape_cdata``)."""
    return _escaped(text, _CDATA_ESCAPES)


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
