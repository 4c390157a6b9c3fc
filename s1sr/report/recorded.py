"""The verdicts ``evidence.jsonl`` recorded as the run went: what every other file must agree with.

The evidence log is appended verdict by verdict while the run goes; the other files are
derived from the run at its end. Rebuilt here the way ``build_results`` builds the pairs
(the last verdict line of each test, the worst test verdict of each pair), it is the
reference the cross-check holds results.json, junit.xml, summary.md and matrix.html to,
and what an incomplete run's folder is counted by.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from s1sr.evidence import EVIDENCE_FILE, EvidenceError, read_evidence
from s1sr.report.errors import ReportError
from s1sr.report.results import WORST_FIRST, worst
from s1sr.verdicts import Verdict, VerdictRecord, VerdictRecordError

Pair = tuple[str, str]


@dataclass(frozen=True)
class RecordedVerdicts:
    tests: dict[str, VerdictRecord]  # node id -> its last verdict line (first-seen order)

    @property
    def pairs(self) -> dict[Pair, Verdict]:
        """(model, clause) -> the worst verdict of its tests, in the order first recorded."""
        grouped: dict[Pair, list[Verdict]] = {}
        for record in self.tests.values():
            grouped.setdefault(record.pair, []).append(record.verdict)
        return {pair: worst(verdicts) for pair, verdicts in grouped.items()}

    def tests_of(self, pair: Pair) -> dict[str, Verdict]:
        return {r.node_id: r.verdict for r in self.tests.values() if r.pair == pair}

    def counts(self) -> dict[Verdict, int]:
        tally = dict.fromkeys(WORST_FIRST, 0)
        for verdict in self.pairs.values():
            tally[verdict] += 1
        return tally

    def __len__(self) -> int:
        return len(self.tests)


def recorded_verdicts(folder: Path) -> RecordedVerdicts:
    """The verdicts of ``folder/evidence.jsonl``; ReportError when it is missing or malformed."""
    path = folder / EVIDENCE_FILE
    tests: dict[str, VerdictRecord] = {}
    try:
        for number, line in _verdict_lines(path):
            try:
                record = VerdictRecord.from_json(line)
            except VerdictRecordError as exc:
                raise ReportError(str(exc), str(path), f"line {number}") from None
            tests[record.node_id] = record  # a later line for the same test replaces it
    except FileNotFoundError:
        raise ReportError("missing: the run's record of its verdicts", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(f"cannot be read: {exc}", str(path)) from exc
    except EvidenceError as exc:
        raise ReportError(str(exc)) from exc
    return RecordedVerdicts(tests)


def _verdict_lines(path: Path) -> Iterator[tuple[int, dict]]:
    for number, line in enumerate(read_evidence(path), 1):
        if line.get("kind") == "verdict":
            yield number, line
