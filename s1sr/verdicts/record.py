"""One verdict of the suite: a (Device Model, clause) pair, what was expected, what came out.

Plain strings and tuples so a record crosses process boundaries (pytest-xdist) and the
evidence log as JSON, and so this package needs nothing of the catalogue (which imports
``Verdict`` from here).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from s1sr.verdicts.verdict import Verdict

EXPECTATIONS = ("behaviour", "baseline", "n/a")


class VerdictRecordError(ValueError):
    pass


@dataclass(frozen=True)
class VerdictRecord:
    model_id: str
    clause_id: str
    expectation: str  # "behaviour" (mapped), "baseline" (same type, not mapped), "n/a"
    verdict: Verdict
    reason: str  # one line: why this verdict (empty for a plain PASS)
    srv: str | None  # the SRV the clause is about, e.g. "2.2"
    node_id: str  # the pytest node id of the test that gave it
    evidence: tuple[str, ...] = ()  # ids of the evidence lines of this test

    def __post_init__(self) -> None:
        for name in ("model_id", "clause_id", "node_id"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value:
                raise VerdictRecordError(f"{name} must be a non-empty string")
        if self.expectation not in EXPECTATIONS:
            raise VerdictRecordError(f"expectation must be one of {EXPECTATIONS}")
        if not isinstance(self.verdict, Verdict):
            raise VerdictRecordError(f"verdict must be a Verdict, got {self.verdict!r}")
        if not isinstance(self.reason, str) or "\n" in self.reason:
            raise VerdictRecordError("reason must be one line of text")
        if not isinstance(self.evidence, tuple) or not all(
            isinstance(e, str) for e in self.evidence
        ):
            raise VerdictRecordError("evidence must be a tuple of evidence ids")

    @property
    def pair(self) -> tuple[str, str]:
        return (self.model_id, self.clause_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "model": self.model_id,
            "clause": self.clause_id,
            "expectation": self.expectation,
            "verdict": self.verdict.value,
            "reason": self.reason,
            "srv": self.srv,
            "node_id": self.node_id,
            "evidence": list(self.evidence),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> VerdictRecord:
        try:
            return cls(
                model_id=data["model"],
                clause_id=data["clause"],
                expectation=data["expectation"],
                verdict=Verdict(data["verdict"]),
                reason=data["reason"],
                srv=data.get("srv"),
                node_id=data["node_id"],
                evidence=tuple(data.get("evidence", ())),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise VerdictRecordError(f"not a verdict record: {exc}") from exc
