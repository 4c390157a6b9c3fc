"""The release decision over one run (and, optionally, a baseline run), DUST-style.

Blocking: a FAIL or ERROR not waived; a (model, clause) that passed in the baseline and does
not now (including one this run did not judge); an expired waiver, whatever it names; a
run that did not complete, judged nothing, or had tests fail without a verdict (e.g. a
clause with no test). INCONCLUSIVE is listed, and blocks only with ``strict``. A waiver
covers everything about its pair; an expired one covers nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from s1sr.gate.waivers import Waiver
from s1sr.report import PairResult, RunResults
from s1sr.verdicts import Verdict

EXIT_PASSED = 0
EXIT_FAILED = 1
EXIT_UNUSABLE = 2  # usage error, unreadable report or waivers, manifest mismatch


class Kind(StrEnum):
    FAIL = "FAIL"
    ERROR = "ERROR"
    INCONCLUSIVE = "INCONCLUSIVE"
    REGRESSION = "REGRESSION"  # passed in the baseline, not now (and not FAIL/ERROR)
    EXPIRED_WAIVER = "EXPIRED_WAIVER"
    INCOMPLETE_RUN = "INCOMPLETE_RUN"
    NO_VERDICTS = "NO_VERDICTS"
    NO_VERDICT_FAILURE = "NO_VERDICT_FAILURE"  # a test failed without giving a verdict


@dataclass(frozen=True)
class Finding:
    kind: Kind
    message: str  # one line
    model: str | None = None
    clause: str | None = None
    regression: bool = False  # the pair passed in the baseline
    waiver: Waiver | None = None  # the waiver that covers it, if any

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind.value,
            "model": self.model,
            "clause": self.clause,
            "message": self.message,
            "regression": self.regression,
        }
        if self.waiver is not None:
            data["waiver"] = {
                "reason": self.waiver.reason,
                "expires": self.waiver.expires.isoformat(),
            }
        return data


@dataclass(frozen=True)
class GateDecision:
    blocking: tuple[Finding, ...]
    waived: tuple[Finding, ...]
    inconclusive: tuple[Finding, ...]  # listed; blocking too when strict
    notes: tuple[str, ...] = field(default=())
    strict: bool = False

    @property
    def passed(self) -> bool:
        return not self.blocking

    @property
    def exit_code(self) -> int:
        return EXIT_PASSED if self.passed else EXIT_FAILED

    def to_json(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "exit_code": self.exit_code,
            "strict": self.strict,
            "blocking": [f.to_json() for f in self.blocking],
            "waived": [f.to_json() for f in self.waived],
            "inconclusive": [f.to_json() for f in self.inconclusive],
            "notes": list(self.notes),
        }


def decide(
    current: RunResults,
    *,
    today: date,
    baseline: RunResults | None = None,
    waivers: Sequence[Waiver] = (),
    strict: bool = False,
) -> GateDecision:
    blocking: list[Finding] = []
    waived: list[Finding] = []
    inconclusive: list[Finding] = []
    notes: list[str] = []
    meta = current.metadata

    if meta.incomplete:
        blocking.append(
            Finding(
                Kind.INCOMPLETE_RUN,
                f"the run did not complete (pytest exit status {meta.exit_status}: "
                f"{meta.incomplete})",
            )
        )
    for node_id in meta.other_failures:
        blocking.append(Finding(Kind.NO_VERDICT_FAILURE, f"failed without a verdict: {node_id}"))
    if not current.pairs:
        blocking.append(Finding(Kind.NO_VERDICTS, "the run judged no (model, clause) pair"))

    active: dict[tuple[str, str], Waiver] = {}
    for waiver in waivers:
        if waiver.expired(today):
            blocking.append(
                Finding(
                    Kind.EXPIRED_WAIVER,
                    f"{waiver.describe()} expired; renew or remove it ({waiver.reason})",
                    waiver.model,
                    waiver.clause,
                )
            )
        else:
            active[waiver.key] = waiver

    passed_before = _passed(baseline)
    used: set[tuple[str, str]] = set()
    for pair in current.pairs:
        finding = _finding(pair, regression=pair.key in passed_before)
        if finding is None:
            continue
        waiver = active.get(pair.key)
        if pair.verdict is Verdict.INCONCLUSIVE:
            inconclusive.append(finding)
        if not finding_blocks(finding, strict):
            continue
        if waiver is not None:
            used.add(pair.key)
            waived.append(_with_waiver(finding, waiver))
        else:
            blocking.append(finding)

    if baseline is not None:
        for key in sorted(passed_before - set(current.by_key)):
            finding = Finding(
                Kind.REGRESSION,
                f"PASS in baseline {baseline.metadata.run}; not judged in this run",
                key[0],
                key[1],
                regression=True,
            )
            waiver = active.get(key)
            if waiver is not None:
                used.add(key)
                waived.append(_with_waiver(finding, waiver))
            else:
                blocking.append(finding)
        notes += _comparability(baseline, current)

    for key, waiver in active.items():
        if key in used:
            continue
        pair = current.by_key.get(key)
        state = "not judged in this run" if pair is None else f"{pair.verdict.value} now"
        notes.append(f"{waiver.describe()} waives nothing: {state}")
    return GateDecision(
        tuple(blocking), tuple(waived), tuple(inconclusive), tuple(notes), strict=strict
    )


def finding_blocks(finding: Finding, strict: bool) -> bool:
    if finding.kind is Kind.INCONCLUSIVE:
        return strict or finding.regression
    return True


def _finding(pair: PairResult, *, regression: bool) -> Finding | None:
    if pair.verdict is Verdict.PASS:
        return None
    was = f"PASS in the baseline, {pair.verdict.value} now" if regression else ""
    message = "; ".join(part for part in (was, pair.reason) if part) or pair.verdict.value
    if pair.verdict in (Verdict.FAIL, Verdict.ERROR):
        kind = Kind(pair.verdict.value)
    elif pair.verdict is Verdict.INCONCLUSIVE:
        kind = Kind.INCONCLUSIVE
    elif regression:
        kind = Kind.REGRESSION
    else:
        return None  # NOT_APPLICABLE, and it was not a PASS before
    return Finding(kind, message, pair.model, pair.clause, regression=regression)


def _with_waiver(finding: Finding, waiver: Waiver) -> Finding:
    return Finding(
        finding.kind,
        finding.message,
        finding.model,
        finding.clause,
        regression=finding.regression,
        waiver=waiver,
    )


def _passed(baseline: RunResults | None) -> set[tuple[str, str]]:
    if baseline is None:
        return set()
    return {p.key for p in baseline.pairs if p.verdict is Verdict.PASS}


def _comparability(baseline: RunResults, current: RunResults) -> list[str]:
    old, new = baseline.metadata, current.metadata
    notes = []
    if old.dmves_sha256 != new.dmves_sha256:
        notes.append(
            f"the baseline ran on another DMVES (SHA-256 {old.dmves_sha256[:12]}..., now "
            f"{new.dmves_sha256[:12]}...)"
        )
    if old.suite_version != new.suite_version:
        notes.append(f"the baseline ran s1sr {old.suite_version}, this run {new.suite_version}")
    if old.dut != new.dut:
        notes.append(f"the baseline ran on DUT {old.dut}, this run on {new.dut}")
    return notes
