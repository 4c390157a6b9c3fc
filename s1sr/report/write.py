"""Write a run's report folder at the end of the run: the seam the pytest plugin calls.

The evidence log is already there (the plugin appended it as the run went); this adds
results.json, junit.xml, summary.md and matrix.html, then the manifest over all of them.
Each file is written to a temporary name and renamed, so a folder never holds half a file.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from s1sr.catalogue import Catalogue
from s1sr.dmves import Dmves
from s1sr.report.build import build_results
from s1sr.report.evidence_index import EvidenceIndex, index_evidence
from s1sr.report.junit import junit_bytes
from s1sr.report.layout import (
    EVIDENCE_FILE,
    JUNIT_FILE,
    MATRIX_FILE,
    RESULTS_FILE,
    SUMMARY_FILE,
)
from s1sr.report.manifest import write_manifest
from s1sr.report.matrix import matrix_html
from s1sr.report.metadata import RunMetadata
from s1sr.report.results import RunResults
from s1sr.report.summary_md import summary_markdown
from s1sr.verdicts import VerdictRecord


@dataclass(frozen=True)
class WrittenReport:
    folder: Path
    results: RunResults
    files: tuple[Path, ...]  # the manifest last
    evidence_problem: str | None = None


def write_run(
    run_dir: Path,
    records: Iterable[VerdictRecord],
    metadata: RunMetadata,
    *,
    catalogue: Catalogue,
    dmves: Dmves,
    durations: Mapping[str, float] | None = None,
) -> WrittenReport:
    """Write every report file into ``run_dir`` (created if needed) and return them."""
    run_dir.mkdir(parents=True, exist_ok=True)
    with _collector_paused():
        evidence = index_evidence(run_dir / EVIDENCE_FILE)
        results = build_results(
            records,
            metadata=metadata,
            catalogue=catalogue,
            dmves=dmves,
            evidence=evidence,
            durations=durations,
        )
        return write_report(run_dir, results, evidence)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the report is written, then as it was before.

    Reading the evidence log makes hundreds of thousands of dicts, lists and strings, none
    in a cycle; each few hundred of them would start a collection that walks them all again
    (and, at the end of a long pytest session, sometimes every object the session holds)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def write_report(run_dir: Path, results: RunResults, evidence: EvidenceIndex) -> WrittenReport:
    """The end-of-run files of ``results`` (its evidence log already in ``run_dir``), then
    the manifest: what ``write_run`` and ``s1sr report merge`` both write."""
    files = [
        _atomic(run_dir / RESULTS_FILE, results.dumps()),
        _atomic_bytes(run_dir / JUNIT_FILE, junit_bytes(results, evidence)),
        _atomic(run_dir / SUMMARY_FILE, summary_markdown(results, evidence.problem)),
        _atomic(run_dir / MATRIX_FILE, matrix_html(results, evidence)),
    ]
    files.append(write_manifest(run_dir))
    return WrittenReport(run_dir, results, tuple(files), evidence.problem)


def _atomic(path: Path, text: str) -> Path:
    return _atomic_bytes(path, text.encode("utf-8"))


def _atomic_bytes(path: Path, data: bytes) -> Path:
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    return path
