"""The files of a run folder, by name.

``evidence.jsonl`` is written as the run goes; the others at its end, the manifest last
(it covers every other file of the folder). A signed run also has the manifest's signature,
which the manifest cannot list (it is made after it).
"""

from __future__ import annotations

from s1sr.evidence import EVIDENCE_FILE

RESULTS_FILE = "results.json"
JUNIT_FILE = "junit.xml"
SUMMARY_FILE = "summary.md"
MATRIX_FILE = "matrix.html"
MANIFEST_FILE = "manifest.sha256"
SIGNATURE_FILE = "manifest.sha256.sig"

REPORT_FILES = (EVIDENCE_FILE, RESULTS_FILE, JUNIT_FILE, SUMMARY_FILE, MATRIX_FILE)

__all__ = [
    "EVIDENCE_FILE",
    "JUNIT_FILE",
    "MANIFEST_FILE",
    "MATRIX_FILE",
    "REPORT_FILES",
    "RESULTS_FILE",
    "SIGNATURE_FILE",
    "SUMMARY_FILE",
]
