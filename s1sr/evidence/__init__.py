"""Evidence of a conformance run: every frame and verdict, as JSON lines, as they happen."""

from s1sr.evidence.log import (
    EVIDENCE_FILE,
    RUN_DIR_ENV,
    SOURCE_ENV,
    EvidenceError,
    EvidenceLog,
    read_evidence,
)

__all__ = [
    "EVIDENCE_FILE",
    "RUN_DIR_ENV",
    "SOURCE_ENV",
    "EvidenceError",
    "EvidenceLog",
    "read_evidence",
]
