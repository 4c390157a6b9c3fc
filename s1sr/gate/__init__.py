"""The release gate: one run's verdicts, a baseline and waivers -> pass or fail, and why.

See docs/reports.md; ``s1sr gate`` is the command.
"""

from s1sr.gate.decision import (
    EXIT_FAILED,
    EXIT_PASSED,
    EXIT_UNUSABLE,
    Finding,
    GateDecision,
    Kind,
    decide,
)
from s1sr.gate.waivers import Waiver, WaiverError, load_waivers, parse_waivers

__all__ = [
    "EXIT_FAILED",
    "EXIT_PASSED",
    "EXIT_UNUSABLE",
    "Finding",
    "GateDecision",
    "Kind",
    "Waiver",
    "WaiverError",
    "decide",
    "load_waivers",
    "parse_waivers",
]
