"""What each derived file of a run folder states: verdicts per pair and per test, and counts.

One reader per file (results.json, junit.xml, summary.md, matrix.html), each reading the
file as a reviewer or a tool would (junit's ``failure`` elements as a CI reads them, the
matrix's grid cells as well as its data block), so that the cross-check compares what
each reader of the folder would believe with what ``evidence.jsonl`` recorded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from lxml import etree

from s1sr.report.errors import ReportError
from s1sr.report.junit import case_kind, split_node_id
from s1sr.report.layout import JUNIT_FILE, MATRIX_FILE, RESULTS_FILE, SUMMARY_FILE
from s1sr.report.matrix import HIDDEN_BY_DEFAULT, LABELS, LETTERS, NOT_RUN
from s1sr.report.recorded import Pair, RecordedVerdicts
from s1sr.report.results import WORST_FIRST, RunResults
from s1sr.report.summary_md import NEEDS_A_LOOK, md_text
from s1sr.verdicts import Verdict

_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_OUTCOMES = ("failure", "error", "skipped")


@dataclass
class Statements:
    file: str
    part: str = ""  # where in the file, when it states the verdicts twice (matrix.html)
    pairs: list[tuple[Pair, str]] = field(default_factory=list)  # file order
    tests: list[tuple[str, Pair, str]] = field(default_factory=list)  # (node id, pair, verdict)
    counts: list[tuple[str, object, int]] = field(default_factory=list)  # label, stated, recorded
    covers: frozenset[str] | None = None  # the file lists only pairs with these verdicts
    checks_tests: bool = False  # the file states every test's verdict
    checks_pairs: bool = True  # the file states pair verdicts (junit.xml: only its tests')


def results_statements(folder: Path, recorded: RecordedVerdicts) -> Statements:
    data = _json(folder / RESULTS_FILE)
    results = RunResults.from_json(data, str(folder / RESULTS_FILE))
    out = Statements(RESULTS_FILE, checks_tests=True)
    for pair in results.pairs:
        out.pairs.append((pair.key, pair.verdict.value))
        out.tests += [(t.node_id, pair.key, t.verdict.value) for t in pair.tests]
    stated = data.get("counts") if isinstance(data, dict) else None
    stated = stated if isinstance(stated, dict) else {}
    for verdict, n in recorded.counts().items():
        out.counts.append((f"counts.{verdict.value}", stated.get(verdict.value), n))
    for extra in sorted(set(stated) - {v.value for v in WORST_FIRST}):
        out.counts.append((f"counts.{extra}", stated[extra], 0))
    return out


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        raise ReportError(f"cannot be read: {exc.strerror or exc}", str(path)) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportError(f"not JSON: {exc}", str(path)) from exc


def junit_statements(folder: Path, recorded: RecordedVerdicts, strict: bool) -> Statements:
    path = folder / JUNIT_FILE
    try:
        root = etree.fromstring(path.read_bytes(), _XML)
    except OSError as exc:
        raise ReportError(f"cannot be read: {exc.strerror or exc}", str(path)) from exc
    except etree.XMLSyntaxError as exc:
        raise ReportError(f"not XML: {exc}", str(path)) from exc
    nodes = {split_node_id(node): node for node in recorded.tests}
    out = Statements(JUNIT_FILE, checks_tests=True, checks_pairs=False)
    for case in root.iter("testcase"):
        key = (case.get("classname", ""), case.get("name", ""))
        props = {p.get("name"): p.get("value", "") for p in case.iter("property")}
        pair = (props.get("model", ""), props.get("clause", ""))
        out.tests.append((nodes.get(key, "::".join(key)), pair, _case_verdict(case, props, strict)))
    expected: dict[str, int] = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for record in recorded.tests.values():
        expected["tests"] += 1
        kind = case_kind(record.verdict, strict)
        if kind is not None:
            expected[{"failure": "failures", "error": "errors"}.get(kind, kind)] += 1
    for element in (root, *root.iter("testsuite")):
        for name, n in expected.items():
            out.counts.append((f"<{element.tag}> {name}", _int(element.get(name)), n))
    return out


def _case_verdict(case: Any, props: dict[str, str], strict: bool) -> str:
    """The verdict a CI reads from the outcome element, which the property must repeat."""
    outcomes = [child for child in case if child.tag in _OUTCOMES]
    if len(outcomes) > 1:
        return "several outcomes: " + ", ".join(o.tag for o in outcomes)
    read = Verdict.PASS.value
    if outcomes:
        tag, kind = outcomes[0].tag, outcomes[0].get("type", "")
        try:
            verdict = Verdict(kind)
        except ValueError:
            return f"<{tag} type={kind!r}>"
        if case_kind(verdict, strict) != tag:
            return f"<{tag} type={kind!r}>"
        read = verdict.value
    stated = props.get("verdict")
    if stated != read:
        return f"{read} (its verdict property says {stated})"
    return read


def summary_statements(folder: Path, recorded: RecordedVerdicts) -> Statements:
    path = folder / SUMMARY_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(f"cannot be read: {exc}", str(path)) from exc
    sections = _sections(text)
    out = Statements(SUMMARY_FILE, covers=frozenset(v.value for v in NEEDS_A_LOOK))
    rows = {cells[0]: cells[1] for cells in sections.get("Verdicts per (Device Model, clause)", [])}
    pairs = recorded.pairs
    for verdict, n in recorded.counts().items():
        out.counts.append((f"verdicts {verdict.value}", _int(rows.get(verdict.value)), n))
    out.counts.append(("verdicts total", _int(rows.get("total")), len(pairs)))
    rendered = {(md_text(m), md_text(c)): (m, c) for m, c in pairs}
    for cells in sections.get("Needs a look", []):
        if len(cells) >= 3 and cells[0] != "verdict":
            key = (cells[1], cells[2])
            out.pairs.append((rendered.get(key, key), cells[0]))
    tallies = {
        cells[0]: cells[-len(WORST_FIRST) :]
        for cells in sections.get("Device Models", [])
        if len(cells) > len(WORST_FIRST) and cells[0] != "Device Model"
    }
    for model in dict.fromkeys(m for m, _ in pairs):
        stated = tallies.get(md_text(model), [None] * len(WORST_FIRST))
        for verdict, cell in zip(WORST_FIRST, stated, strict=True):
            n = sum(1 for (m, _), v in pairs.items() if m == model and v is verdict)
            out.counts.append((f"Device Models {model} {verdict.value}", _int(cell), n))
    return out


def _sections(text: str) -> dict[str, list[list[str]]]:
    """Title of each ``## `` section -> its table rows as cells (still Markdown-escaped)."""
    sections: dict[str, list[list[str]]] = {}
    rows: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("## "):
            rows = sections.setdefault(line[3:].strip(), [])
        elif line.startswith("|") and not set(line) <= set("|-: "):
            rows.append(_cells(line))
    return sections


def _cells(row: str) -> list[str]:
    cells, current, chars = [], [], iter(row.strip()[1:])
    for ch in chars:
        if ch == "\\":
            current += [ch, next(chars, "")]
        elif ch == "|":
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    return cells


def _int(text: object) -> object:
    return int(text) if isinstance(text, str) and text.isdigit() else text


def matrix_statements(folder: Path, recorded: RecordedVerdicts) -> tuple[Statements, Statements]:
    """The grid a reviewer sees, and the data block its evidence dialog reads."""
    path = folder / MATRIX_FILE
    try:
        page = _MatrixPage.read(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(f"cannot be read: {exc}", str(path)) from exc
    out = Statements(MATRIX_FILE, "grid")
    data_part = Statements(MATRIX_FILE, "data block", checks_tests=True)
    for cell in page.cells:
        pair = (cell.get("data-model", ""), cell.get("data-clause", ""))
        verdict = cell.get("data-verdict", "")
        shown = (cell.get("shown", ""), cell.get("letter", ""))
        if shown != (verdict, LETTERS.get(verdict)):
            verdict = f"{verdict} (the cell shows {shown[1]!r}, v-{shown[0]})"
        if verdict != NOT_RUN or pair in recorded.pairs:
            out.pairs.append((pair, "not run" if verdict == NOT_RUN else verdict))
    data = _page_data(page.data, path)
    for model, clauses in data.items():
        for clause, cell in (clauses if isinstance(clauses, dict) else {}).items():
            cell = cell if isinstance(cell, dict) else {}
            data_part.pairs.append(((model, clause), str(cell.get("verdict"))))
            tests = cell.get("tests")
            for test in tests if isinstance(tests, list) else []:
                test = test if isinstance(test, dict) else {}
                node = str(test.get("node_id"))
                data_part.tests.append((node, (model, clause), str(test.get("verdict"))))
    counts = recorded.counts()
    for verdict in WORST_FIRST:
        label = LABELS[verdict.value]
        out.counts.append((f"legend {label}", _int(page.legend.get(label)), counts[verdict]))
    for verdict in WORST_FIRST:
        if verdict.value in HIDDEN_BY_DEFAULT or verdict.value in page.hidden:
            stated = page.hidden.get(verdict.value)
            out.counts.append((f"filter {LABELS[verdict.value]} hidden", stated, counts[verdict]))
    return out, data_part


def _page_data(text: str, path: Path) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportError(f"its data block is not JSON: {exc}", str(path)) from exc
    pairs = data.get("pairs") if isinstance(data, dict) else None
    if not isinstance(pairs, dict):
        raise ReportError("its data block has no pairs", str(path))
    return pairs


class _MatrixPage(HTMLParser):
    """The grid's cells, the legend's counts, the hidden counts and the data block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[dict[str, str]] = []
        self.legend: dict[str, str] = {}
        self.hidden: dict[str, object] = {}
        self.data = ""
        self._cell: dict[str, str] | None = None
        self._in: str | None = None  # "cell", "legend", "filter", "data"
        self._text: list[str] = []
        self._filter = ""

    @classmethod
    def read(cls, html: str) -> _MatrixPage:
        page = cls()
        page.feed(html)
        page.close()
        return page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "td" and "cell" in classes:
            self._cell = {k: v for k, v in a.items() if k.startswith("data-")}
            self.cells.append(self._cell)
        elif self._cell is not None and "c" in classes:
            shown = [c[2:] for c in classes if c.startswith("v-")]
            self._cell["shown"] = shown[0] if shown else ""
            self._start("cell")
        elif tag == "li" and self._in is None:
            self._start("legend")
        elif tag == "input" and a.get("name") == "verdict":
            self._filter = a.get("value", "")
            self._start("filter")
        elif tag == "script" and a.get("id") == "s1sr-data":
            self._start("data")

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._in in ("legend", "filter"):
            self._text.append("\0")  # the swatch's letter ends here: the label follows
            return
        text = "".join(self._text)
        if self._in == "cell" and tag in ("button", "span") and self._cell is not None:
            self._cell["letter"] = text
            self._in, self._cell = None, None
        elif self._in == "legend" and tag == "li":
            label, _, n = text.rpartition("\0")[2].rpartition(": ")
            self.legend[label] = n
            self._in = None
        elif self._in == "filter" and tag == "label":
            label = text.rpartition("\0")[2]
            if label.endswith(" hidden)"):
                self.hidden[self._filter] = _int(label.rpartition("(")[2].split(" ")[0])
            self._in = None
        elif self._in == "data" and tag == "script":
            self.data = text
            self._in = None
        elif tag == "td":
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self._text.append(data)

    def _start(self, what: str) -> None:
        self._in, self._text = what, []
