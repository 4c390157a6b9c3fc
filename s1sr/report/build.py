"""From the verdict records of a run to ``RunResults``: one verdict per (model, clause)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from s1sr.catalogue import Catalogue
from s1sr.dmves import Dmves
from s1sr.report.evidence_index import EvidenceIndex
from s1sr.report.metadata import RunMetadata
from s1sr.report.results import (
    ClauseInfo,
    ModelInfo,
    PairResult,
    RunResults,
    TestResult,
    worst,
)
from s1sr.verdicts import VerdictRecord


def build_results(
    records: Iterable[VerdictRecord],
    *,
    metadata: RunMetadata,
    catalogue: Catalogue,
    dmves: Dmves,
    evidence: EvidenceIndex,
    durations: Mapping[str, float] | None = None,
) -> RunResults:
    durations = durations or {}
    families = {f.slug: f.title for f in catalogue.families}
    models = tuple(
        ModelInfo(
            id=m.id,
            manufacturer=m.manufacturer,
            model=m.model,
            device_type=m.device_type.value,
            cohort=str(m.cohort),
            group_id=str(m.group_id),
            firmware_declared=m.firmware_version,
            firmware_read=evidence.firmware.get(m.id, ()),
        )
        for m in dmves.models
    )
    clauses = tuple(
        ClauseInfo(
            id=c.id,
            title=c.title,
            family=c.family,
            family_title=families.get(c.family, c.family),
            kind=c.kind.value,
            device_types=tuple(sorted(t.value for t in c.device_types)),
            srvs=tuple(s.value for s in c.srvs),
        )
        for c in catalogue.clauses
    )
    grouped: dict[tuple[str, str], list[VerdictRecord]] = {}
    for record in records:
        grouped.setdefault(record.pair, []).append(record)
    model_order = {m.id: i for i, m in enumerate(models)}
    clause_order = {c.id: i for i, c in enumerate(clauses)}
    pairs = []
    for key in sorted(
        grouped, key=lambda k: (model_order.get(k[0], -1), clause_order.get(k[1], -1), k)
    ):
        ordered = sorted(grouped[key], key=_node_id)
        tests = tuple(
            TestResult(
                node_id=r.node_id,
                verdict=r.verdict,
                reason=r.reason,
                evidence=r.evidence,
                duration_s=float(durations.get(r.node_id, 0.0)),
            )
            for r in ordered
        )
        verdict = worst(t.verdict for t in tests)
        judged = next(r for r in ordered if r.verdict is verdict)
        pairs.append(
            PairResult(
                model=key[0],
                clause=key[1],
                verdict=verdict,
                expectation=judged.expectation,
                srv=judged.srv,
                reason=judged.reason,
                tests=tests,
            )
        )
    return RunResults(metadata=metadata, models=models, clauses=clauses, pairs=tuple(pairs))


def _node_id(record: VerdictRecord) -> str:
    return record.node_id
