"""``results.json``: the verdict per (Device Model, clause) of one run, and what it ran on.

It is the one file the gate and ``s1sr report diff`` read: everything they judge is in it
(the catalogue's clause ids and the DMVES's Device Models too, so a waiver can be checked
against the run it waives, not against whatever DMVES is installed later).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from s1sr.models import ModelError
from s1sr.report.errors import ReportError
from s1sr.report.jsonread import Fields
from s1sr.report.jsontext import dumps_indented
from s1sr.report.metadata import RunMetadata
from s1sr.verdicts import EXPECTATIONS, Verdict

FORMAT = "s1sr-results/1"
# The verdict a pair shows when several tests judged it: the one that needs a look most.
WORST_FIRST = (
    Verdict.FAIL,
    Verdict.ERROR,
    Verdict.INCONCLUSIVE,
    Verdict.PASS,
    Verdict.NOT_APPLICABLE,
)


_RANK = {verdict: rank for rank, verdict in enumerate(WORST_FIRST)}


def worst(verdicts: Iterable[Verdict]) -> Verdict:
    return min(verdicts, key=_rank)


def _rank(verdict: Verdict) -> int:
    rank = _RANK.get(verdict)
    return WORST_FIRST.index(verdict) if rank is None else rank  # not a verdict: its error


@dataclass(frozen=True)
class ModelInfo:
    id: str
    manufacturer: str
    model: str
    device_type: str
    cohort: str
    group_id: str
    firmware_declared: str  # as the DMVES writes it
    firmware_read: tuple[str, ...] = ()  # what 11.2 gave at each identity check of the run

    def __post_init__(self) -> None:
        _texts(self, ("id", "manufacturer", "model", "device_type", "firmware_declared"))
        _texts(self, ("cohort", "group_id"), empty=True)
        _tuple_of_text(self.firmware_read, "firmware_read")

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "manufacturer": self.manufacturer,
            "model": self.model,
            "device_type": self.device_type,
            "cohort": self.cohort,
            "group_id": self.group_id,
            "firmware_declared": self.firmware_declared,
            "firmware_read": list(self.firmware_read),
        }

    @classmethod
    def from_fields(cls, data: Fields) -> ModelInfo:
        return _build(
            data,
            cls,
            id=data.required_text("id", empty=False),
            manufacturer=data.required_text("manufacturer"),
            model=data.required_text("model"),
            device_type=data.required_text("device_type"),
            cohort=data.required_text("cohort"),
            group_id=data.required_text("group_id"),
            firmware_declared=data.required_text("firmware_declared"),
            firmware_read=data.texts("firmware_read"),
        )


@dataclass(frozen=True)
class ClauseInfo:
    id: str
    title: str
    family: str
    family_title: str
    kind: str
    device_types: tuple[str, ...]
    srvs: tuple[str, ...]

    def __post_init__(self) -> None:
        _texts(self, ("id", "title", "family", "family_title", "kind"))
        _tuple_of_text(self.device_types, "device_types")
        _tuple_of_text(self.srvs, "srvs")

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "family": self.family,
            "family_title": self.family_title,
            "kind": self.kind,
            "device_types": list(self.device_types),
            "srvs": list(self.srvs),
        }

    @classmethod
    def from_fields(cls, data: Fields) -> ClauseInfo:
        return _build(
            data,
            cls,
            id=data.required_text("id", empty=False),
            title=data.required_text("title"),
            family=data.required_text("family"),
            family_title=data.required_text("family_title"),
            kind=data.required_text("kind"),
            device_types=data.texts("device_types"),
            srvs=data.texts("srvs"),
        )


@dataclass(frozen=True)
class TestResult:
    """One pytest test of a pair (normally a pair has exactly one)."""

    __test__ = False  # not a pytest test class

    node_id: str
    verdict: Verdict
    reason: str
    evidence: tuple[str, ...]  # evidence line ids (evidence.jsonl)
    duration_s: float = 0.0

    def __post_init__(self) -> None:
        _texts(self, ("node_id",))
        if not isinstance(self.verdict, Verdict):
            raise ModelError(f"verdict must be a Verdict, got {self.verdict!r}")
        if not isinstance(self.reason, str) or "\n" in self.reason:
            raise ModelError("reason must be one line of text")
        _tuple_of_text(self.evidence, "evidence")
        if not isinstance(self.duration_s, float) or self.duration_s < 0:
            raise ModelError("duration_s must be a non-negative float")

    def to_json(self) -> dict[str, Any]:
        return {
            "node_id": self.node_id,
            "verdict": self.verdict.value,
            "reason": self.reason,
            "evidence": list(self.evidence),
            "duration_s": round(self.duration_s, 6),
        }

    @classmethod
    def from_fields(cls, data: Fields) -> TestResult:
        return _build(
            data,
            cls,
            node_id=data.required_text("node_id", empty=False),
            verdict=_verdict(data),
            reason=data.required_text("reason"),
            evidence=data.texts("evidence"),
            duration_s=data.number("duration_s"),
        )


@dataclass(frozen=True)
class PairResult:
    model: str
    clause: str
    verdict: Verdict  # the worst of its tests' (WORST_FIRST)
    expectation: str  # "behaviour", "baseline" or "n/a"
    srv: str | None
    reason: str  # the reason of the test that gave the verdict
    tests: tuple[TestResult, ...]

    def __post_init__(self) -> None:
        _texts(self, ("model", "clause"))
        if not isinstance(self.verdict, Verdict):
            raise ModelError(f"verdict must be a Verdict, got {self.verdict!r}")
        if self.expectation not in EXPECTATIONS:
            raise ModelError(f"expectation must be one of {EXPECTATIONS}")
        if self.srv is not None and not isinstance(self.srv, str):
            raise ModelError("srv must be a string or None")
        if not isinstance(self.reason, str) or "\n" in self.reason:
            raise ModelError("reason must be one line of text")
        if not self.tests or not all(isinstance(t, TestResult) for t in self.tests):
            raise ModelError("tests must be a non-empty tuple of TestResult")
        if self.verdict is not worst(t.verdict for t in self.tests):
            raise ModelError(f"verdict {self.verdict} is not the worst of its tests' verdicts")

    @property
    def key(self) -> tuple[str, str]:
        return (self.model, self.clause)

    def to_json(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "clause": self.clause,
            "verdict": self.verdict.value,
            "expectation": self.expectation,
            "srv": self.srv,
            "reason": self.reason,
            "tests": [t.to_json() for t in self.tests],
        }

    @classmethod
    def from_fields(cls, data: Fields) -> PairResult:
        return _build(
            data,
            cls,
            model=data.required_text("model", empty=False),
            clause=data.required_text("clause", empty=False),
            verdict=_verdict(data),
            expectation=data.required_text("expectation"),
            srv=data.text("srv", optional=True),
            reason=data.required_text("reason"),
            tests=tuple(TestResult.from_fields(t) for t in data.objects("tests")),
        )


@dataclass(frozen=True)
class RunResults:
    metadata: RunMetadata
    models: tuple[ModelInfo, ...]  # every Device Model of the DMVES the run used
    clauses: tuple[ClauseInfo, ...]  # every clause and scope item of the catalogue
    pairs: tuple[PairResult, ...]  # those the run judged, in model then clause order

    def __post_init__(self) -> None:
        model_ids = {m.id for m in self.models}
        clause_ids = {c.id for c in self.clauses}
        for name, ids, items in (
            ("models", model_ids, self.models),
            ("clauses", clause_ids, self.clauses),
        ):
            if len(ids) != len(items):
                raise ModelError(f"{name}: an id appears twice")
        seen: set[tuple[str, str]] = set()
        for pair in self.pairs:
            if pair.model not in model_ids:
                raise ModelError(f"pair {pair.key}: Device Model {pair.model!r} is not listed")
            if pair.clause not in clause_ids:
                raise ModelError(f"pair {pair.key}: clause {pair.clause!r} is not listed")
            if pair.key in seen:
                raise ModelError(f"pair {pair.key} appears twice")
            seen.add(pair.key)

    @cached_property
    def by_key(self) -> dict[tuple[str, str], PairResult]:
        return {p.key: p for p in self.pairs}

    def pair(self, model: str, clause: str) -> PairResult | None:
        return self.by_key.get((model, clause))

    def model(self, model_id: str) -> ModelInfo | None:
        return next((m for m in self.models if m.id == model_id), None)

    def clause(self, clause_id: str) -> ClauseInfo | None:
        return next((c for c in self.clauses if c.id == clause_id), None)

    def counts(self) -> dict[Verdict, int]:
        tally = dict.fromkeys(WORST_FIRST, 0)
        for pair in self.pairs:
            tally[pair.verdict] += 1
        return tally

    def with_verdict(self, *verdicts: Verdict) -> tuple[PairResult, ...]:
        return tuple(p for p in self.pairs if p.verdict in verdicts)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "metadata": self.metadata.to_json(),
            "counts": {v.value: n for v, n in self.counts().items()},
            "models": [m.to_json() for m in self.models],
            "clauses": [c.to_json() for c in self.clauses],
            "results": [p.to_json() for p in self.pairs],
        }

    def dumps(self) -> str:
        return dumps_indented(self.to_json()) + "\n"  # json.dumps(indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, data: object, file: str = "results.json") -> RunResults:
        top = Fields(data, file, "")
        found = top.text("format", optional=True)
        if found != FORMAT:
            raise ReportError(f"expected {FORMAT!r}, found {found!r}", file, "format")
        return _build(
            top,
            cls,
            metadata=RunMetadata.from_fields(top.child("metadata")),
            models=tuple(ModelInfo.from_fields(m) for m in top.objects("models")),
            clauses=tuple(ClauseInfo.from_fields(c) for c in top.objects("clauses")),
            pairs=tuple(PairResult.from_fields(p) for p in top.objects("results")),
        )


def read_results(path: Path) -> RunResults:
    """``results.json`` at ``path``, validated; ReportError names the file and field."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReportError(f"cannot be read: {exc.strerror or exc}", str(path)) from exc
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportError(f"not JSON: {exc}", str(path)) from exc
    return RunResults.from_json(data, str(path))


def _verdict(data: Fields) -> Verdict:
    text = data.required_text("verdict")
    try:
        return Verdict(text)
    except ValueError:
        name = f"{data.path}.verdict" if data.path else "verdict"
        raise ReportError(f"not a verdict: {text!r}", data.file, name) from None


def _build(data: Fields, cls: type, **values: Any) -> Any:
    try:
        return cls(**values)
    except ModelError as exc:
        raise ReportError(str(exc), data.file, data.path or None) from exc


def _texts(obj: object, names: tuple[str, ...], *, empty: bool = False) -> None:
    for name in names:
        value = getattr(obj, name)
        if not isinstance(value, str) or (not empty and not value):
            raise ModelError(f"{name} must be a {'' if empty else 'non-empty '}string")


def _tuple_of_text(value: object, name: str) -> None:
    if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
        raise ModelError(f"{name} must be a tuple of strings")
