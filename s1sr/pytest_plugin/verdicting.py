"""From how a test ended to its verdict, and how pytest should show it.

PASS: the test ran to its end. FAIL: ``case.expect`` or an ``assert`` failed.
INCONCLUSIVE: ``case.inconclusive``, a missing capability, a request the DUT's transport
cannot carry (never sent, so nothing learnt), or a ``pytest.skip`` (never a silent skip). ERROR: anything else, including a DUT that could not be driven (transport,
timeout) and a Device Model whose identity does not match the DMVES. A verdict the clause's
kind cannot give (an uncertain clause that PASSes) becomes ERROR: the test is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from s1sr.catalogue import Clause
from s1sr.dut import CannotCarry, DutError, MissingCapability
from s1sr.pytest_plugin.outcomes import ConformanceFailure, IdentityMismatch, Inconclusive
from s1sr.verdicts import Verdict

# Reasons are kept whole (results.json, evidence, the matrix); only a terminal line is cut.
DISPLAY_REASON = 300


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    reason: str


def outcome_of(excinfo: pytest.ExceptionInfo[BaseException] | None, clause: Clause) -> Outcome:
    outcome = _raw(excinfo)
    if outcome.verdict is not Verdict.ERROR and outcome.verdict not in clause.verdicts:
        allowed = ", ".join(sorted(v.value for v in clause.verdicts))
        return Outcome(
            Verdict.ERROR,
            one_line(
                f"the test gave {outcome.verdict.value} but a {clause.kind.value} clause gives "
                f"only {allowed}" + (f" ({outcome.reason})" if outcome.reason else "")
            ),
        )
    return outcome


def _raw(excinfo: pytest.ExceptionInfo[BaseException] | None) -> Outcome:
    if excinfo is None:
        return Outcome(Verdict.PASS, "")
    error = excinfo.value
    if isinstance(error, Inconclusive):
        reason = error.reason + (f" (observed: {error.observed})" if error.observed else "")
        return Outcome(Verdict.INCONCLUSIVE, one_line(reason))
    if isinstance(error, MissingCapability | CannotCarry):
        return Outcome(Verdict.INCONCLUSIVE, one_line(str(error)))
    if isinstance(error, pytest.skip.Exception):
        return Outcome(Verdict.INCONCLUSIVE, one_line(f"skipped: {error.msg}"))
    if isinstance(error, ConformanceFailure):
        return Outcome(Verdict.FAIL, one_line(error.reason))
    if isinstance(error, AssertionError):
        text = str(error).strip() or "assertion failed"
        return Outcome(Verdict.FAIL, one_line(text))
    if isinstance(error, IdentityMismatch):
        return Outcome(Verdict.ERROR, one_line(f"identity: {error}"))
    if isinstance(error, DutError):
        return Outcome(Verdict.ERROR, one_line(f"DUT: {error}"))
    return Outcome(Verdict.ERROR, one_line(f"{type(error).__name__}: {error}"))


def one_line(text: str) -> str:
    """The whole reason on one line: the observed part of a long reason is never dropped."""
    return " ".join(str(text).split())


def for_display(reason: str, limit: int = DISPLAY_REASON) -> str:
    """A reason cut for a terminal line; the report keeps it whole."""
    if len(reason) <= limit:
        return reason
    return reason[: limit - 3] + "... (whole reason in results.json)"


def report_outcome(verdict: Verdict, *, strict: bool) -> str:
    """pytest's outcome for a verdict: only FAIL and ERROR fail a run (and INCONCLUSIVE
    with --strict)."""
    if verdict in (Verdict.FAIL, Verdict.ERROR):
        return "failed"
    if verdict is Verdict.INCONCLUSIVE and strict:
        return "failed"
    return "passed"


STATUS = {
    Verdict.PASS: ("passed", ".", "PASS"),
    Verdict.NOT_APPLICABLE: ("not applicable", "n", "N/A"),
    Verdict.INCONCLUSIVE: ("inconclusive", "I", "INCONCLUSIVE"),
    Verdict.FAIL: ("failed", "F", "FAIL"),
    Verdict.ERROR: ("error", "E", "ERROR"),
}
