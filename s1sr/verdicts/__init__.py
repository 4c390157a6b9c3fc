"""Verdicts of conformance tests, and the record of one per (Device Model, clause)."""

from s1sr.verdicts.record import EXPECTATIONS, VerdictRecord, VerdictRecordError
from s1sr.verdicts.verdict import Verdict

__all__ = ["EXPECTATIONS", "Verdict", "VerdictRecord", "VerdictRecordError"]
