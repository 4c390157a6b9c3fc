"""Open a run folder for the gate and ``s1sr report diff``: its manifest first, then results."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from s1sr.report.errors import ReportError
from s1sr.report.layout import RESULTS_FILE
from s1sr.report.manifest import ManifestCheck, verify_manifest
from s1sr.report.results import RunResults, read_results


class ManifestMismatch(ReportError):
    """The folder is not what the run wrote: files altered, added or missing."""

    def __init__(self, folder: Path, check: ManifestCheck) -> None:
        super().__init__("does not match its manifest: " + "; ".join(check.problems()), str(folder))
        self.check = check


@dataclass(frozen=True)
class LoadedRun:
    folder: Path
    results: RunResults
    manifest: ManifestCheck


def load_run(folder: Path) -> LoadedRun:
    """The run in ``folder``, only once its manifest verifies (else ManifestMismatch)."""
    check = verify_manifest(folder)
    if not check.ok:
        raise ManifestMismatch(folder, check)
    return LoadedRun(folder, read_results(folder / RESULTS_FILE), check)
