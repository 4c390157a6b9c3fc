"""The end-of-run summary: counts per verdict, then one line per pair that needs a look."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from s1sr.evidence import EVIDENCE_FILE
from s1sr.pytest_plugin.verdicting import for_display
from s1sr.verdicts import Verdict, VerdictRecord

if TYPE_CHECKING:
    from s1sr.pytest_plugin.state import PluginState

ORDER = (Verdict.FAIL, Verdict.ERROR, Verdict.INCONCLUSIVE, Verdict.PASS, Verdict.NOT_APPLICABLE)
NEEDS_A_LOOK = (Verdict.FAIL, Verdict.ERROR, Verdict.INCONCLUSIVE)


def counts(records: list[VerdictRecord]) -> dict[Verdict, int]:
    result = dict.fromkeys(ORDER, 0)
    for record in records:
        result[record.verdict] += 1
    return result


def summary_lines(records: list[VerdictRecord]) -> list[str]:
    tally = counts(records)
    pairs = {r.pair for r in records}
    lines = [
        f"{len(records)} verdicts over {len(pairs)} (Device Model, clause) pairs: "
        + ", ".join(f"{tally[v]} {v.value}" for v in ORDER)
    ]
    flagged = sorted(
        (r for r in records if r.verdict in NEEDS_A_LOOK),
        key=lambda r: (ORDER.index(r.verdict), r.model_id, r.clause_id, r.node_id),
    )
    if flagged:
        width_model = max(len(r.model_id) for r in flagged)
        width_clause = max(len(r.clause_id) for r in flagged)
        for record in flagged:
            lines.append(
                f"{record.verdict.value:<12} {record.model_id:<{width_model}}  "
                f"{record.clause_id:<{width_clause}}  {for_display(record.reason)}"
            )
    return lines


def write_summary(reporter: Any, state: PluginState, records: list[VerdictRecord]) -> None:
    reporter.section("s1sr conformance verdicts", sep="=")
    if records:
        for line in summary_lines(records):
            reporter.write_line(line)
    for note in state.notes:
        reporter.write_line(f"note: {note}")
    if state.settings.strict:
        reporter.write_line("--strict: INCONCLUSIVE fails the run")
    evidence = state.run_dir / EVIDENCE_FILE
    if evidence.exists():
        reporter.write_line(f"evidence: {evidence}")
