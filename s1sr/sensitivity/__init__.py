"""Mutation testing of the suite against the emulator's fault catalogue.

Each catalogued fault breaks one clause the way real firmware might; the suite must FAIL
on at least one Device Model the clause applies to (the fault is "killed"), and must give
no FAIL with no fault. ``run_sensitivity`` does both and reports the kill rate.
"""

from s1sr.sensitivity.runner import FaultResult, SensitivityReport, run_sensitivity

__all__ = ["FaultResult", "SensitivityReport", "run_sensitivity"]
