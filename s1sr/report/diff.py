"""What changed between two runs: verdicts per pair, pairs judged in one run only, and the
run's circumstances (suite version, DUT, DMVES hash, options, firmware read per device).

Start and end times always differ and are not listed as changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from s1sr.report.results import RunResults
from s1sr.verdicts import Verdict


@dataclass(frozen=True)
class VerdictChange:
    model: str
    clause: str
    before: Verdict
    after: Verdict
    reason: str  # the new verdict's

    @property
    def regression(self) -> bool:
        return self.before is Verdict.PASS and self.after is not Verdict.PASS

    @property
    def fixed(self) -> bool:
        return self.before is not Verdict.PASS and self.after is Verdict.PASS

    def to_json(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "clause": self.clause,
            "before": self.before.value,
            "after": self.after.value,
            "reason": self.reason,
            "regression": self.regression,
            "fixed": self.fixed,
        }


@dataclass(frozen=True)
class PairOnlyIn:
    model: str
    clause: str
    verdict: Verdict

    def to_json(self) -> dict[str, Any]:
        return {"model": self.model, "clause": self.clause, "verdict": self.verdict.value}


@dataclass(frozen=True)
class MetadataChange:
    field: str  # e.g. "dmves.sha256", "firmware_read[EX-ESME-1]"
    before: str
    after: str

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class RunDiff:
    before_run: str
    after_run: str
    verdicts: tuple[VerdictChange, ...]
    added: tuple[PairOnlyIn, ...]  # judged in the second run only
    removed: tuple[PairOnlyIn, ...]  # judged in the first run only
    metadata: tuple[MetadataChange, ...]
    unchanged: int  # pairs with the same verdict in both

    @property
    def changed(self) -> bool:
        return bool(self.verdicts or self.added or self.removed or self.metadata)

    def to_json(self) -> dict[str, Any]:
        return {
            "before": self.before_run,
            "after": self.after_run,
            "changed": self.changed,
            "verdict_changes": [c.to_json() for c in self.verdicts],
            "pairs_added": [p.to_json() for p in self.added],
            "pairs_removed": [p.to_json() for p in self.removed],
            "metadata_changes": [m.to_json() for m in self.metadata],
            "unchanged_pairs": self.unchanged,
        }


def diff_runs(before: RunResults, after: RunResults) -> RunDiff:
    old, new = before.by_key, after.by_key
    changes, unchanged = [], 0
    for key, pair in new.items():
        if key not in old:
            continue
        if old[key].verdict is pair.verdict:
            unchanged += 1
        else:
            changes.append(
                VerdictChange(key[0], key[1], old[key].verdict, pair.verdict, pair.reason)
            )
    return RunDiff(
        before_run=before.metadata.run,
        after_run=after.metadata.run,
        verdicts=tuple(changes),
        added=tuple(PairOnlyIn(*k, new[k].verdict) for k in new if k not in old),
        removed=tuple(PairOnlyIn(*k, old[k].verdict) for k in old if k not in new),
        metadata=tuple(_metadata_changes(before, after)),
        unchanged=unchanged,
    )


def _flat(results: RunResults) -> dict[str, str]:
    meta = results.metadata
    flat = {
        "suite_version": meta.suite_version,
        "dut": meta.dut,
        "dmves.source": meta.dmves_source,
        "dmves.sha256": meta.dmves_sha256,
        "exit_status": str(meta.exit_status),
        "other_failures": ", ".join(meta.other_failures),
        "python": meta.python,
        "platform": meta.platform,
    }
    for name, value in meta.options.to_json().items():
        flat[f"options.{name}"] = _text(value)
    for model in results.models:
        flat[f"firmware_declared[{model.id}]"] = model.firmware_declared
        flat[f"firmware_read[{model.id}]"] = ", ".join(model.firmware_read) or "not read"
    flat["catalogue.clauses"] = ", ".join(c.id for c in results.clauses)
    flat["dmves.models"] = ", ".join(m.id for m in results.models)
    return flat


def _metadata_changes(before: RunResults, after: RunResults) -> list[MetadataChange]:
    old, new = _flat(before), _flat(after)
    absent = "(absent)"
    return [
        MetadataChange(name, old.get(name, absent), new.get(name, absent))
        for name in dict.fromkeys([*old, *new])
        if old.get(name, absent) != new.get(name, absent)
    ]


def _text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "-"
    if value is None:
        return "-"
    return str(value).lower() if isinstance(value, bool) else str(value)
