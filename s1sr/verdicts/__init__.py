"""Verdicts of conformance tests."""

from s1sr.verdicts.verdict import Verdict

__all__ = ["Verdict"]
