"""Open a run folder for the gate, ``s1sr report`` and merging: manifest first, then results,
then the cross-check against the evidence log, and the signature when keys are trusted.

An incomplete run (evidence, no manifest) is refused by ``verify_manifest`` with its
verdict count; a folder whose files disagree with ``evidence.jsonl`` by ``cross_check``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from s1sr.report.crosscheck import CrossCheck, cross_check
from s1sr.report.errors import ReportError
from s1sr.report.layout import RESULTS_FILE
from s1sr.report.manifest import ManifestCheck, verify_manifest
from s1sr.report.results import RunResults, read_results
from s1sr.report.signing import (
    SignatureCheck,
    SigningError,
    check_signature,
    require_signature,
    sign_manifest,
)


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
    crosscheck: CrossCheck | None = None
    signature: SignatureCheck | None = None  # checked against the trusted keys given


def load_run(folder: Path, *, trusted: Sequence[Ed25519PublicKey] | None = None) -> LoadedRun:
    """The run in ``folder``, only once its manifest verifies (else ManifestMismatch), its
    files agree with its evidence log (else CrossCheckError) and, when ``trusted`` is given,
    one of those keys signed its manifest (else SigningError)."""
    check = verify_manifest(folder)
    if not check.ok:
        raise ManifestMismatch(folder, check)
    if trusted is not None:
        signature: SignatureCheck | None = require_signature(folder, trusted)
    else:
        try:  # only reported: the signature file is not the manifest's to vouch for
            signature = check_signature(folder, ())
        except SigningError:
            signature = None
    results = read_results(folder / RESULTS_FILE)
    return LoadedRun(folder, results, check, cross_check(folder), signature)


def sign_run(folder: Path, key: Ed25519PrivateKey) -> Path:
    """Sign ``folder``'s manifest, only once the folder verifies and cross-checks: a key
    holder vouches for a run, never for files that disagree with its evidence."""
    load_run(folder)
    return sign_manifest(folder, key)
