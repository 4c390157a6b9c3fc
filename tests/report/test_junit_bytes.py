"""junit.xml is written as text: byte for byte what ElementTree writes for the same tree.

The oracle below builds the tree with ``xml.etree.ElementTree``, indents it and writes it,
as the writer once did; the file must not differ by one byte, whatever the device said.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from s1sr.report import RunOptions
from s1sr.report.evidence_index import EvidenceIndex
from s1sr.report.jsonread import iso
from s1sr.report.junit import _details, _type, case_kind, junit_bytes, split_node_id, xml_text
from tests.report.builders import metadata, record, results

TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
LINE = TEXT.map(lambda t: t.replace("\n", " "))  # a reason is one line


def _oracle(run, evidence) -> bytes:
    meta = run.metadata
    cases = [(pair, test) for pair in run.pairs for test in pair.tests]
    strict, batched = meta.options.strict, bool(meta.options.clause_faults)
    kinds = [case_kind(t.verdict, strict) for _, t in cases]
    counts = {
        "tests": str(len(cases)),
        "failures": str(kinds.count("failure")),
        "errors": str(kinds.count("error")),
        "skipped": str(kinds.count("skipped")),
        "time": f"{sum(t.duration_s for _, t in cases):.3f}",
    }
    root = ET.Element("testsuites", name="s1sr conformance", **counts)
    suite = ET.SubElement(
        root, "testsuite", name="s1sr-conformance", **counts, timestamp=iso(meta.started)
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
        *((("clause_faults", ",".join(meta.options.clause_faults)),) if batched else ()),
    ):
        ET.SubElement(props, "property", name=name, value=xml_text(value))
    for (pair, test), kind in zip(cases, kinds, strict=True):
        classname, name = split_node_id(test.node_id)
        case = ET.SubElement(
            suite,
            "testcase",
            classname=xml_text(classname),
            name=xml_text(name),
            file=xml_text(test.node_id.split("::")[0]),
            time=f"{test.duration_s:.3f}",
        )
        case_props = ET.SubElement(case, "properties")
        model = run.model(pair.model)
        for prop, value in (
            ("clause", pair.clause),
            ("model", pair.model),
            ("device_type", model.device_type if model else ""),
            ("expectation", pair.expectation),
            ("verdict", test.verdict.value),
            ("srv", pair.srv or ""),
        ):
            ET.SubElement(case_props, "property", name=prop, value=xml_text(value))
        if kind is not None:
            message = f"{test.verdict.value}: {test.reason}" if test.reason else test.verdict.value
            element = ET.SubElement(case, kind, message=xml_text(message), type=_type(test.verdict))
            if kind != "skipped":
                element.text = xml_text(_details(pair, test, evidence))
    ET.indent(root)
    buffer = io.BytesIO()
    ET.ElementTree(root).write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue() + b"\n"


def _run(reason, node, text, strict, batched=False):
    evidence = EvidenceIndex(
        lines={
            "main-1": {"id": "main-1", "kind": "frame", "direction": "out", "hex": text},
            "main-2": {"id": "main-2", "kind": "frame", "direction": "in", "hex": "BB02"},
            "main-3": {
                "id": "main-3",
                "kind": "check",
                "passed": False,
                "expected": text,
                "observed": reason,
            },
        }
    )
    ids = ("main-1", "main-2", "main-3", "main-9")
    records = [
        record("EX-ESME-1", "18.6(b)", "FAIL", reason, evidence=ids, node=f"c/t.py::{node}"),
        record("EX-ESME-2", "18.6(b)", "ERROR", reason, srv=None),
        record("EX-PPMID-1", "18.63(c)", "INCONCLUSIVE", reason, evidence=ids, srv="11.1"),
        record("EX-CHF-1", "18.6(b)", "NOT_APPLICABLE", reason, expectation="n/a"),
        record("EX-GSME-1", "18.6(b)", "PASS", node=f"{node}::C::test_y[{text}]"),
    ]
    meta = metadata(
        run=f"run {node}",
        dut=f"tcp:{text}",
        options=RunOptions(strict=strict, faults=(text,), clause_faults=(text, "x") * batched),
    )
    return results(records, meta), evidence


@given(
    reason=LINE, node=TEXT.filter(str.strip), text=TEXT, strict=st.booleans(), batched=st.booleans()
)
def test_junit_is_byte_for_byte_what_elementtree_writes(reason, node, text, strict, batched):
    run, evidence = _run(reason, node, text, strict, batched)
    assert junit_bytes(run, evidence) == _oracle(run, evidence)


def test_markup_control_characters_and_line_breaks_are_escaped_as_elementtree_does():
    text = "a & b < c > d \" e ' f \t g \r h \n i \x00 j \ud800 k \U0001f600"
    for strict in (False, True):
        run, evidence = _run(text.replace("\n", " "), "test_x[<&>]", text, strict)
        written = junit_bytes(run, evidence)
        assert written == _oracle(run, evidence)
        assert b"&#10;" in written and b"&#13;" in written and b"&#09;" in written
