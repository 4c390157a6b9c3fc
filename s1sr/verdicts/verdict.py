"""The verdicts a conformance test can give.

Kept free of any other s1sr import: the clause catalogue refers to it, and the verdict
records that a later part adds to this package import the catalogue.
"""

from enum import StrEnum


class Verdict(StrEnum):
    PASS = "PASS"
    FAIL = "FAIL"
    INCONCLUSIVE = "INCONCLUSIVE"  # evidence recorded, no pass/fail claim (e.g. uncertain clauses)
    NOT_APPLICABLE = "NOT_APPLICABLE"  # the clause does not apply to the Device Model
    ERROR = "ERROR"  # the test itself could not run to a verdict
