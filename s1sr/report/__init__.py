"""Reports of a conformance run: results.json, junit.xml, summary.md, matrix.html and the
manifest over them; reading a run back (manifest first), and comparing two runs.

The pytest plugin calls ``write_run`` at the end of a session; the gate and the
``s1sr report`` commands call ``load_run``, ``verify_manifest`` and ``diff_runs``.
See docs/reports.md.
"""

from s1sr.report.diff import MetadataChange, PairOnlyIn, RunDiff, VerdictChange, diff_runs
from s1sr.report.errors import ReportError
from s1sr.report.layout import (
    EVIDENCE_FILE,
    JUNIT_FILE,
    MANIFEST_FILE,
    MATRIX_FILE,
    REPORT_FILES,
    RESULTS_FILE,
    SUMMARY_FILE,
)
from s1sr.report.load import LoadedRun, ManifestMismatch, load_run
from s1sr.report.manifest import ManifestCheck, verify_manifest, write_manifest
from s1sr.report.metadata import RunMetadata, RunOptions
from s1sr.report.results import (
    WORST_FIRST,
    ClauseInfo,
    ModelInfo,
    PairResult,
    RunResults,
    TestResult,
    read_results,
)
from s1sr.report.write import WrittenReport, write_run

__all__ = [
    "EVIDENCE_FILE",
    "JUNIT_FILE",
    "MANIFEST_FILE",
    "MATRIX_FILE",
    "REPORT_FILES",
    "RESULTS_FILE",
    "SUMMARY_FILE",
    "WORST_FIRST",
    "ClauseInfo",
    "LoadedRun",
    "ManifestCheck",
    "ManifestMismatch",
    "MetadataChange",
    "ModelInfo",
    "PairOnlyIn",
    "PairResult",
    "ReportError",
    "RunDiff",
    "RunMetadata",
    "RunOptions",
    "RunResults",
    "TestResult",
    "VerdictChange",
    "WrittenReport",
    "diff_runs",
    "load_run",
    "read_results",
    "verify_manifest",
    "write_manifest",
    "write_run",
]
