"""Reports of a conformance run: results.json, junit.xml, summary.md, matrix.html and the
manifest over them; reading a run back (manifest first, then the cross-check of every file
against the evidence log, and the manifest's signature when keys are trusted), signing a
run, and comparing two runs.

The pytest plugin calls ``write_run`` (and ``sign_run``) at the end of a session; the gate
and the ``s1sr report`` commands call ``load_run``, ``verify_manifest``, ``cross_check``,
``require_signature`` and ``diff_runs``. See docs/reports.md.
"""

from s1sr.report.crosscheck import CrossCheck, CrossCheckError, Disagreement, cross_check
from s1sr.report.diff import MetadataChange, PairOnlyIn, RunDiff, VerdictChange, diff_runs
from s1sr.report.errors import ReportError
from s1sr.report.incomplete import IncompleteRun
from s1sr.report.layout import (
    EVIDENCE_FILE,
    JUNIT_FILE,
    MANIFEST_FILE,
    MATRIX_FILE,
    REPORT_FILES,
    RESULTS_FILE,
    SIGNATURE_FILE,
    SUMMARY_FILE,
)
from s1sr.report.load import LoadedRun, ManifestMismatch, load_run, sign_run
from s1sr.report.manifest import ManifestCheck, verify_manifest, write_manifest
from s1sr.report.metadata import RunMetadata, RunOptions, ShardInfo
from s1sr.report.results import (
    WORST_FIRST,
    ClauseInfo,
    ModelInfo,
    PairResult,
    RunResults,
    TestResult,
    read_results,
)
from s1sr.report.signing import (
    SignatureCheck,
    SigningError,
    check_signature,
    fingerprint,
    generate_keys,
    load_private_key,
    load_public_key,
    require_signature,
    sign_manifest,
)
from s1sr.report.write import WrittenReport, write_run

__all__ = [
    "EVIDENCE_FILE",
    "JUNIT_FILE",
    "MANIFEST_FILE",
    "MATRIX_FILE",
    "REPORT_FILES",
    "RESULTS_FILE",
    "SIGNATURE_FILE",
    "SUMMARY_FILE",
    "WORST_FIRST",
    "ClauseInfo",
    "CrossCheck",
    "CrossCheckError",
    "Disagreement",
    "IncompleteRun",
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
    "ShardInfo",
    "SignatureCheck",
    "SigningError",
    "TestResult",
    "VerdictChange",
    "WrittenReport",
    "check_signature",
    "cross_check",
    "diff_runs",
    "fingerprint",
    "generate_keys",
    "load_private_key",
    "load_public_key",
    "load_run",
    "read_results",
    "require_signature",
    "sign_manifest",
    "sign_run",
    "verify_manifest",
    "write_manifest",
    "write_run",
]
