"""A folder a killed run left: evidence recorded as it went, but no manifest (never finished).

Told apart from a folder that is not a report at all, so that a CI log says what happened
("incomplete run: 12 verdicts recorded, no manifest") rather than a bare "missing".
"""

from __future__ import annotations

from pathlib import Path

from s1sr.evidence import EVIDENCE_FILE
from s1sr.report.errors import ReportError
from s1sr.report.layout import MANIFEST_FILE
from s1sr.report.recorded import recorded_verdicts


class IncompleteRun(ReportError):
    """The run never wrote its manifest: its verdicts cannot be vouched for, only counted."""

    def __init__(self, folder: Path, verdicts: int | None, problem: str | None = None) -> None:
        counted = "verdicts unreadable" if verdicts is None else _verdicts(verdicts)
        detail = f" ({problem})" if problem else ""
        super().__init__(f"incomplete run: {counted}{detail}, no manifest", str(folder))
        self.verdicts = verdicts


def check_complete(folder: Path) -> None:
    """Raise IncompleteRun for a folder with an evidence log and no manifest."""
    if (folder / MANIFEST_FILE).exists() or not (folder / EVIDENCE_FILE).is_file():
        return
    try:
        count: int | None = len(recorded_verdicts(folder))
        problem = None
    except ReportError as exc:
        count, problem = None, str(exc)
    raise IncompleteRun(folder, count, problem)


def _verdicts(n: int) -> str:
    return f"{n} verdict{'' if n == 1 else 's'} recorded"
