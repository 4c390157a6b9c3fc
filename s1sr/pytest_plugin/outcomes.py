"""The exceptions that end a conformance test with a verdict other than PASS.

``ConformanceFailure`` is an AssertionError, so a plain ``assert`` in a test is a FAIL too.
``Inconclusive`` ends it INCONCLUSIVE (a missing capability, an uncertain clause).
``IdentityMismatch`` is raised while setting a test up when the DUT's device is not the
Device Model the DMVES declares: ERROR, naming both values.
"""

from __future__ import annotations


class ConformanceFailure(AssertionError):
    """The device did not do what the clause (or its baseline) says."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason  # one line, for the summary


class Inconclusive(Exception):
    """No PASS/FAIL claim can be made; what the device did is in the evidence."""

    def __init__(self, reason: str, observed: str = "") -> None:
        super().__init__(reason if not observed else f"{reason} (observed: {observed})")
        self.reason = reason
        self.observed = observed


class IdentityMismatch(Exception):
    """The DUT's device type or firmware version is not what the DMVES declares."""
