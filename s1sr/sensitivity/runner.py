"""Run the suite once fault-free, once per allowed variant (the whole matrix) and against
every fault, each restricted to its clause and the Device Models the clause applies to.

The faults run in batches (``fault_batches``): one run judges several faults, no two of
one clause, each built into the DUTs of its own clause's tests only (the plugin's
``--fault-in-clause``), so each clause's verdicts are those of its fault alone, as in a run
of its own; a batch starts and ends one pytest session (plugins, collection, report) where
a run per fault started one each: a third of the faults' CPU time.

The fault-free run is the conformance job: the whole suite on the emulator, with its check
that every testable clause has a test (unless ``allow_missing_clauses``), and it is clean
only when it exits 0 with verdicts and no FAIL or ERROR among them. So ``tox`` runs the
whole matrix fault-free once, here, not a second time as the ``conformance`` environment.

Runs are in process (``pytest.main``), one after another, each writing its own run folder
under the report directory and importing the suite afresh (``fresh``: no run starts from
the state an earlier one left in the suite's modules); with ``jobs`` > 1 they are shared
out to that many worker processes, each running one run at a time (the longest,
whole-matrix runs, first). Verdicts are read back from each run's evidence log, so what is
judged is exactly what a report would show. A fault counts as killed when some Device
Model mapped to its clause gets FAIL on that clause: an ERROR is not a detection, it is a
suite that could not judge. A variant is a correct device that reads the clauses another allowed way: it
counts as tolerated only when its whole-matrix run has verdicts and no FAIL or ERROR, since
a suite that fails a correct device is as wrong as one that passes a faulty one.
"""

from __future__ import annotations

import contextlib
import gc
import io
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from s1sr.dmves import Dmves, load_dmves
from s1sr.emulator import Fault, load_faults
from s1sr.emulator.variants import Variant, load_variants
from s1sr.evidence import EVIDENCE_FILE, read_evidence
from s1sr.models.text import no_such
from s1sr.pytest_plugin.locate import family_module, find_suite
from s1sr.sensitivity.fresh import suite_imported_afresh
from s1sr.verdicts import Verdict, VerdictRecord

Progress = Callable[[str], None]


@dataclass(frozen=True)
class RunResult:
    exit_code: int
    records: tuple[VerdictRecord, ...]
    output: str
    process: int = 0  # the id of the process that ran it
    folders: tuple[Path, ...] = ()  # the run folders it wrote (its reports)

    def with_verdict(self, verdict: Verdict) -> tuple[VerdictRecord, ...]:
        return tuple(r for r in self.records if r.verdict is verdict)


@dataclass(frozen=True)
class FaultResult:
    fault: Fault
    carriers: tuple[str, ...]  # Device Models the fault's clause applies to
    run: RunResult

    @property
    def killed_on(self) -> tuple[str, ...]:
        """The carriers failed on the fault's clause: the only verdicts its batch's run
        gave with the fault in the DUT."""
        clause = self.fault.clause
        fails = {r.model_id for r in self.run.with_verdict(Verdict.FAIL) if r.clause_id == clause}
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
        """Exit 0 (no coverage gap, no collection error) with verdicts, none FAIL or ERROR."""
        return _clean(self.baseline)

    @property
    def passed(self) -> bool:
        return (
            self.baseline_clean
            and all(f.killed for f in self.faults)
            and all(v.tolerated for v in self.variants)
        )


def _clean(run: RunResult) -> bool:
    bad = run.with_verdict(Verdict.FAIL) + run.with_verdict(Verdict.ERROR)
    return run.exit_code == 0 and bool(run.records) and not bad


def run_suite(args: Sequence[str], report_dir: Path, suite: Path) -> RunResult:
    """One in-process pytest run of the suite; its verdicts, from its evidence log.

    ``suite`` (the folder): its modules are imported afresh for the run (``fresh``), so
    the run starts as the conformance job starts in a process of its own.
    """
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
        "--tb=line",  # the verdicts are in the evidence: no source-quoting traceback per FAIL
    ]
    buffer = io.StringIO()
    with suite_imported_afresh(suite), contextlib.redirect_stdout(buffer):
        code = int(pytest.main(argv))
    runs = sorted(set(report_dir.iterdir()) - before)
    records: dict[str, VerdictRecord] = {}
    for run in runs:
        evidence = run / EVIDENCE_FILE
        if evidence.is_file():
            for line in read_evidence(evidence, kind="verdict"):
                record = VerdictRecord.from_json(line)
                records[record.node_id] = record
    return RunResult(code, tuple(records.values()), buffer.getvalue(), os.getpid(), tuple(runs))


def _run_frozen(args: Sequence[str], report_dir: Path, suite: Path) -> RunResult:
    """``run_suite`` with what the process holds before it (imported modules, caches, earlier
    runs' survivors) left out of garbage collection: pytest collects garbage at the end of
    every session (twice), and tracing that again each time was a third of a fault's run."""
    gc.collect()
    gc.freeze()
    return run_suite(args, report_dir, suite)


def _run_all(
    runs: Sequence[tuple[Sequence[str], Path]],
    jobs: int,
    done: Callable[[int, RunResult], None],
    suite: Path,
) -> list[RunResult]:
    """Every run, in the order given (``done`` is told the index of each as it ends)."""
    if jobs <= 1:
        results = []
        frozen_before = gc.get_freeze_count()
        try:
            for index, (args, folder) in enumerate(runs):
                results.append(_run_frozen(args, folder, suite))
                done(index, results[-1])
        finally:
            if not frozen_before:  # else whoever froze first puts it back
                gc.unfreeze()  # this process goes on: its garbage is collectable again
        return results
    ordered: list[RunResult | None] = [None] * len(runs)
    context = multiprocessing.get_context("spawn")  # no fork of a process that has threads
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = {
            pool.submit(_run_frozen, list(args), folder, suite): index
            for index, (args, folder) in enumerate(runs)
        }
        for future in as_completed(futures):
            index = futures[future]
            ordered[index] = result = future.result()
            done(index, result)
    return [result for result in ordered if result is not None]


def run_sensitivity(
    report_dir: Path,
    *,
    suite: Path | None = None,
    dmves_path: Path | None = None,
    faults: Sequence[str] = (),
    variants: Sequence[str] | None = None,
    progress: Progress | None = None,
    jobs: int | str = 1,
    allow_missing_clauses: bool = False,
) -> SensitivityReport:
    """``variants`` None: every variant when no fault is named, none when one is.

    ``allow_missing_clauses``: the fault-free run does not fail on a testable clause
    without a test (a partial suite); the fault and variant runs never check it.

    ``jobs`` > 1 (or ``"auto"``, one per CPU): that many runs at once, each in a worker
    process (the verdicts are the same as one after another).
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
    workers = (os.cpu_count() or 1) if jobs == "auto" else int(jobs)
    # whole-matrix runs first: the longest, so that no worker is left with one at the end
    coverage = ["--allow-missing-clauses"] if allow_missing_clauses else []
    runs = [([str(suite), *common, *coverage], report_dir / "fault-free")]
    for allowed in tolerated:
        args = [str(suite), *common, "--variant", allowed.name, "--allow-missing-clauses"]
        runs.append((args, report_dir / f"variant-{allowed.name}"))
    carriers_of = {
        item.name: tuple(m.id for m in dmves.models if m.applies(item.clause)) for item in chosen
    }
    batches = fault_batches([item for item in chosen if carriers_of[item.name]])
    for number, batch in enumerate(batches, 1):
        # each fault's clause on the models it applies to: the only verdicts a kill counts
        targets = dict.fromkeys(str(target_for(item, suite)) for item in batch)
        args = [*(targets if str(suite) not in targets else [str(suite)]), *common]
        for item in batch:
            args += ["--fault-in-clause", item.name, "--clause", item.clause]
        # the pairs the DMVES maps: each clause on its carriers, no baseline or N/A pair
        args += ["--mapped-only", "--allow-missing-clauses"]
        runs.append((args, report_dir / f"faults-{number}"))
    names = ["fault-free run", *(f"variant {v.name}" for v in tolerated)]
    names += [f"faults batch {n} ({len(b)} faults)" for n, b in enumerate(batches, 1)]
    ended = [0]

    def judged(index: int, run: RunResult) -> None:
        ended[0] += 1
        if index == 0:
            state = "clean" if _clean(run) else "NOT CLEAN"
        elif index <= len(tolerated):
            tolerable = VariantResult(tolerated[index - 1], run).tolerated
            state = "tolerated" if tolerable else "WRONGLY FAILED"
        else:
            batch = batches[index - 1 - len(tolerated)]
            survived = [
                f.name for f in batch if not FaultResult(f, carriers_of[f.name], run).killed
            ]
            state = f"{len(batch) - len(survived)} killed"
            state += f", SURVIVED: {', '.join(survived)}" if survived else ""
        say(f"[{ended[0]}/{len(runs)}] {names[index]}: {state}")

    say(
        f"{len(runs)} runs: the whole suite fault-free and per variant, the faults in "
        f"{len(batches)} batches (each fault on its clause)"
    )
    results = _run_all(runs, workers, judged, suite)
    baseline, variant_runs = results[0], results[1 : 1 + len(tolerated)]
    fault_runs = {
        item.name: run
        for batch, run in zip(batches, results[1 + len(tolerated) :], strict=True)
        for item in batch
    }
    faults_judged = tuple(
        FaultResult(item, carriers_of[item.name], fault_runs.get(item.name, RunResult(0, (), "")))
        for item in chosen
    )
    outcomes = tuple(
        VariantResult(allowed, run) for allowed, run in zip(tolerated, variant_runs, strict=True)
    )
    return SensitivityReport(baseline, faults_judged, outcomes)


def fault_batches(faults: Sequence[Fault]) -> list[tuple[Fault, ...]]:
    """The faults in as few batches as one fault per clause allows: batch k holds the k-th
    fault of every clause that has k (catalogue order), so the first is the largest."""
    batches: list[list[Fault]] = []
    taken: dict[str, int] = {}
    for item in faults:
        k = taken[item.clause] = taken.get(item.clause, -1) + 1
        if k == len(batches):
            batches.append([])
        batches[k].append(item)
    return [tuple(batch) for batch in batches]


def target_for(item: Fault, suite: Path) -> Path:
    """The suite module of the fault's clause family, else the whole suite."""
    from s1sr.catalogue import load_catalogue

    family = load_catalogue().clause(item.clause).family
    return family_module(suite, family) or suite
