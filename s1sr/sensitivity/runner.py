"""Run the suite once fault-free, once per fault (restricted to the fault's clause) and
once per allowed variant (the whole matrix).

Runs are in process (``pytest.main``), one after another, each writing its own run folder
under the report directory; verdicts are read back from each run's evidence log, so what
is judged is exactly what a report would show. A fault counts as killed when some Device
Model mapped to its clause gets FAIL: an ERROR is not a detection, it is a suite that could
not judge. A variant is a correct device that reads the clauses another allowed way: it
counts as tolerated only when its whole-matrix run has verdicts and no FAIL or ERROR, since
a suite that fails a correct device is as wrong as one that passes a faulty one.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from s1sr.dmves import Dmves, load_dmves
from s1sr.emulator import Fault, load_faults
from s1sr.emulator.variants import Variant, load_variants
from s1sr.evidence import EVIDENCE_FILE, read_evidence
from s1sr.models.text import no_such
from s1sr.pytest_plugin.locate import family_module, find_suite
from s1sr.verdicts import Verdict, VerdictRecord

Progress = Callable[[str], None]


@dataclass(frozen=True)
class RunResult:
    exit_code: int
    records: tuple[VerdictRecord, ...]
    output: str

    def with_verdict(self, verdict: Verdict) -> tuple[VerdictRecord, ...]:
        return tuple(r for r in self.records if r.verdict is verdict)


@dataclass(frozen=True)
class FaultResult:
    fault: Fault
    carriers: tuple[str, ...]  # Device Models the fault's clause applies to
    run: RunResult

    @property
    def killed_on(self) -> tuple[str, ...]:
        fails = {r.model_id for r in self.run.with_verdict(Verdict.FAIL)}
        return tuple(m for m in self.carriers if m in fails)

    @property
    def killed(self) -> bool:
        return bool(self.killed_on)


@dataclass(frozen=True)
class VariantResult:
    variant: Variant
    run: RunResult

    @property
    def failed_on(self) -> tuple[VerdictRecord, ...]:
        """The pairs this correct device was wrongly judged on (FAIL) or not judged (ERROR)."""
        return self.run.with_verdict(Verdict.FAIL) + self.run.with_verdict(Verdict.ERROR)

    @property
    def tolerated(self) -> bool:
        return bool(self.run.records) and not self.failed_on


@dataclass(frozen=True)
class SensitivityReport:
    baseline: RunResult
    faults: tuple[FaultResult, ...] = field(default_factory=tuple)
    variants: tuple[VariantResult, ...] = field(default_factory=tuple)

    @property
    def kill_rate(self) -> float:
        return sum(f.killed for f in self.faults) / len(self.faults) if self.faults else 0.0

    @property
    def baseline_clean(self) -> bool:
        bad = self.baseline.with_verdict(Verdict.FAIL) + self.baseline.with_verdict(Verdict.ERROR)
        return not bad and bool(self.baseline.records)

    @property
    def passed(self) -> bool:
        return (
            self.baseline_clean
            and all(f.killed for f in self.faults)
            and all(v.tolerated for v in self.variants)
        )


def run_suite(args: Sequence[str], report_dir: Path) -> RunResult:
    """One in-process pytest run of the suite; its verdicts, from its evidence log."""
    report_dir.mkdir(parents=True, exist_ok=True)
    before = set(report_dir.iterdir())
    argv = [
        *args,
        "-p",
        "s1sr.pytest_plugin",
        "-p",
        "no:cacheprovider",
        "-q",
        "--report-dir",
        str(report_dir),
    ]
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = int(pytest.main(argv))
    runs = sorted(set(report_dir.iterdir()) - before)
    records: dict[str, VerdictRecord] = {}
    for run in runs:
        evidence = run / EVIDENCE_FILE
        if evidence.is_file():
            for line in read_evidence(evidence):
                if line["kind"] == "verdict":
                    record = VerdictRecord.from_json(line)
                    records[record.node_id] = record
    return RunResult(code, tuple(records.values()), buffer.getvalue())


def run_sensitivity(
    report_dir: Path,
    *,
    suite: Path | None = None,
    dmves_path: Path | None = None,
    faults: Sequence[str] = (),
    variants: Sequence[str] | None = None,
    progress: Progress | None = None,
    jobs: int | str = 1,
) -> SensitivityReport:
    """``variants`` None: every variant when no fault is named, none when one is.

    ``jobs`` > 1 (or ``"auto"``) runs each whole-matrix run (fault-free, variants) on that
    many pytest-xdist workers; a fault's run is one module, quicker without.
    """
    suite = suite or find_suite()
    dmves: Dmves = load_dmves(dmves_path)
    common = [] if dmves_path is None else ["--dmves", str(dmves_path)]
    say = progress or (lambda _line: None)
    catalogue_faults = load_faults()
    chosen = [f for f in catalogue_faults if not faults or f.name in faults]
    unknown = sorted(set(faults) - {f.name for f in catalogue_faults})
    if unknown:
        known = [f.name for f in catalogue_faults]
        raise ValueError(no_such("fault", unknown, known, listing="s1sr faults"))
    catalogue_variants = load_variants()
    if variants is None:
        variants = () if faults else tuple(v.name for v in catalogue_variants)
    unknown = sorted(set(variants) - {v.name for v in catalogue_variants})
    if unknown:
        known = [v.name for v in catalogue_variants]
        raise ValueError(no_such("variant", unknown, known, listing="s1sr variants"))
    tolerated = [v for v in catalogue_variants if v.name in variants]
    parallel = [] if jobs in (1, "1", 0, "0") else ["-n", str(jobs)]
    say("fault-free run of the whole suite")
    baseline = run_suite(
        [str(suite), *common, *parallel, "--allow-missing-clauses"], report_dir / "fault-free"
    )
    results = []
    for index, item in enumerate(chosen, 1):
        carriers = tuple(m.id for m in dmves.models if m.applies(item.clause))
        clause = target_for(item, suite)
        args = [str(clause), *common, "--fault", item.name, "--clause", item.clause]
        args.append("--allow-missing-clauses")
        run = run_suite(args, report_dir / item.name) if carriers else RunResult(0, (), "")
        result = FaultResult(item, carriers, run)
        results.append(result)
        state = "killed" if result.killed else "SURVIVED"
        say(f"[{index}/{len(chosen)}] {item.name} ({item.clause}): {state}")
    outcomes = []
    for index, allowed in enumerate(tolerated, 1):
        args = [str(suite), *common, *parallel, "--variant", allowed.name]
        args.append("--allow-missing-clauses")
        outcome = VariantResult(allowed, run_suite(args, report_dir / f"variant-{allowed.name}"))
        outcomes.append(outcome)
        state = "tolerated" if outcome.tolerated else "WRONGLY FAILED"
        say(f"[variant {index}/{len(tolerated)}] {allowed.name}: {state}")
    return SensitivityReport(baseline, tuple(results), tuple(outcomes))


def target_for(item: Fault, suite: Path) -> Path:
    """The suite module of the fault's clause family, else the whole suite."""
    from s1sr.catalogue import load_catalogue

    family = load_catalogue().clause(item.clause).family
    return family_module(suite, family) or suite
