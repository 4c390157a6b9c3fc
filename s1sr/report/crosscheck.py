"""The cross-check: every verdict and count a run folder states agrees with ``evidence.jsonl``.

The manifest only shows that files are as they were when it was computed; anyone can
recompute it. The evidence log is the record written verdict by verdict as the run went,
and every other file is derived from the run at its end, so a FAIL edited into a PASS in
results.json (or junit.xml, summary.md, matrix.html), counts fixed and manifest recomputed,
still disagrees with the verdict lines of the log, and an edited verdict line disagrees
with every derived file. ``cross_check`` names the first (model, clause) that differs and
the two verdicts. It does not catch a forger who rewrites every file consistently: that
is what a signature is for (``s1sr.report.signing``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from s1sr.evidence import EVIDENCE_FILE
from s1sr.report.errors import ReportError
from s1sr.report.layout import REPORT_FILES, RESULTS_FILE
from s1sr.report.recorded import Pair, RecordedVerdicts, recorded_verdicts
from s1sr.report.stated import (
    Statements,
    junit_statements,
    matrix_statements,
    results_statements,
    summary_statements,
)


@dataclass(frozen=True)
class Disagreement:
    """The first thing a file states that the evidence log does not."""

    file: str
    subject: str  # "EX-ESME-1 18.6(b)", "EX-ESME-1 18.6(b) test <node id>", "counts.FAIL"
    recorded: str  # what evidence.jsonl gives
    stated: str  # what the file states
    pair: Pair | None = None

    def __str__(self) -> str:
        return (
            f"{self.file} disagrees with {EVIDENCE_FILE}: {self.subject}: "
            f"{EVIDENCE_FILE} {self.recorded}, {self.file.split(' ')[0]} {self.stated}"
        )


class CrossCheckError(ReportError):
    """A derived file disagrees with the evidence log: the folder is refused."""

    def __init__(self, folder: Path, disagreement: Disagreement) -> None:
        super().__init__(str(disagreement), str(folder))
        self.disagreement = disagreement


@dataclass(frozen=True)
class CrossCheck:
    verdicts: int  # test verdicts the evidence log recorded
    pairs: int  # (model, clause) pairs they judge
    files: tuple[str, ...]  # the files held to them


def cross_check(folder: Path) -> CrossCheck:
    """Hold every derived file of ``folder`` to its evidence log.

    CrossCheckError names the first disagreement; ReportError a file missing or unreadable.
    """
    recorded = recorded_verdicts(folder)
    for name in REPORT_FILES:
        if not (folder / name).is_file():
            raise ReportError(
                "missing: the cross-check needs every report file", str(folder / name)
            )
    disagreement = first_disagreement(_statements(folder, recorded), recorded)
    if disagreement is not None:
        raise CrossCheckError(folder, disagreement)
    return CrossCheck(len(recorded), len(recorded.pairs), REPORT_FILES)


def first_disagreement(
    statements: Iterable[Statements], recorded: RecordedVerdicts
) -> Disagreement | None:
    for stated in statements:
        found = (
            (_pairs(stated, recorded) if stated.checks_pairs else None)
            or (_tests(stated, recorded) if stated.checks_tests else None)
            or _counts(stated)
        )
        if found is not None:
            return found
    return None


def _statements(folder: Path, recorded: RecordedVerdicts) -> list[Statements]:
    results = results_statements(folder, recorded)
    strict = _strict(folder)
    return [
        results,
        junit_statements(folder, recorded, strict),
        summary_statements(folder, recorded),
        *matrix_statements(folder, recorded),
    ]


def _strict(folder: Path) -> bool:
    """Whether the run was strict (an INCONCLUSIVE test case is then a junit failure)."""
    data = json.loads((folder / RESULTS_FILE).read_bytes())  # already validated
    return bool(data["metadata"]["options"]["strict"])


def _where(stated: Statements) -> str:
    return f"{stated.file} ({stated.part})" if stated.part else stated.file


def _pairs(stated: Statements, recorded: RecordedVerdicts) -> Disagreement | None:
    covers = stated.covers
    expected = {
        pair: verdict.value
        for pair, verdict in recorded.pairs.items()
        if covers is None or verdict.value in covers
    }
    seen: set[Pair] = set()
    for pair, verdict in stated.pairs:
        if pair in seen:
            return _about(stated, pair, expected.get(pair, "-"), f"{verdict} (listed twice)")
        seen.add(pair)
        if expected.get(pair) != verdict:
            judged = recorded.pairs.get(pair)
            return _about(stated, pair, judged.value if judged else "not judged", verdict)
    for pair, verdict in expected.items():
        if pair not in seen:
            return _about(stated, pair, verdict, "not listed")
    return None


def _tests(stated: Statements, recorded: RecordedVerdicts) -> Disagreement | None:
    seen: set[str] = set()
    for node, pair, verdict in stated.tests:
        record = recorded.tests.get(node)
        if (
            node in seen
            or record is None
            or (record.pair, record.verdict.value)
            != (
                pair,
                verdict,
            )
        ):
            given = "no verdict" if record is None else record.verdict.value
            shown = f"{verdict} (listed twice)" if node in seen else verdict
            if record is not None and record.pair != pair:
                given = f"{given} for {' '.join(record.pair)}"
                shown = f"{verdict} for {' '.join(pair)}"
            return _about(stated, pair, given, shown, test=node)
        seen.add(node)
    for node, record in recorded.tests.items():
        if node not in seen:
            return _about(stated, record.pair, record.verdict.value, "not listed", test=node)
    return None


def _counts(stated: Statements) -> Disagreement | None:
    for label, given, expected in stated.counts:
        if given != expected:
            shown = "missing" if given is None else str(given)
            return Disagreement(_where(stated), label, str(expected), shown)
    return None


def _about(
    stated: Statements, pair: Pair, recorded: str, shown: str, test: str | None = None
) -> Disagreement:
    subject = " ".join(pair) + (f" test {test}" if test else "")
    return Disagreement(_where(stated), subject, recorded, shown, pair)
