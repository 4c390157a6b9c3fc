"""``s1sr report merge OUT DIR...``: the N folders of a run split with ``--shard I/N`` as one.

Each shard is loaded as the gate loads a run (manifest, then whatever ``load`` checks
besides: the cross-check, a trusted signature), then the shards are held to each other:
same suite version, DMVES, catalogue, DUT and options (the worker count aside), shards
1..N of one N each exactly once, no Device Model in two shards, every model judged on the
same clauses. Any problem refuses the merge, one line each, and nothing is written.

The merged folder is what one run would have written: the evidence logs joined (each line
id prefixed ``shard<I>-`` so ids stay unique, the verdict lines' references with them),
then results.json, junit.xml, summary.md and matrix.html built from the joined pairs and
evidence exactly as at the end of a run, and the manifest last. It is built beside OUT
and renamed into place, so OUT is either absent or whole.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from s1sr.evidence import EVIDENCE_FILE, read_evidence
from s1sr.report.errors import ReportError
from s1sr.report.evidence_index import index_evidence
from s1sr.report.load import LoadedRun, load_run
from s1sr.report.metadata import RunMetadata, RunOptions, ShardInfo
from s1sr.report.results import PairResult, RunResults
from s1sr.report.write import WrittenReport, write_report

Loader = Callable[[Path], LoadedRun]
_SHOWN = 6  # pairs or models named in one line before "... (N in all)"


class MergeRefused(ReportError):
    """The shards cannot be merged; ``problems`` has one line per reason."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class Shard:
    folder: Path
    results: RunResults
    info: ShardInfo

    @property
    def name(self) -> str:
        return f"shard {self.info} ({self.folder})"

    @property
    def prefix(self) -> str:
        return f"shard{self.info.index}-"


def merge_runs(out: Path, folders: Sequence[Path], *, load: Loader = load_run) -> WrittenReport:
    """Merge the shard ``folders`` into the new run folder ``out``; MergeRefused if not."""
    if out.exists() and not (out.is_dir() and not any(out.iterdir())):
        raise MergeRefused([f"{out}: already exists (give a new folder for the merged run)"])
    shards = check_shards(folders, load)
    temporary = out.parent / f".{out.name}.merging-{secrets.token_hex(3)}"
    temporary.mkdir(parents=True)
    try:
        _write_evidence(temporary / EVIDENCE_FILE, shards, out.name)
        evidence = index_evidence(temporary / EVIDENCE_FILE)
        results = merged_results(shards, out.name, evidence.firmware)
        report = write_report(temporary, results, evidence)
        if out.exists():
            out.rmdir()  # the empty folder given
        os.rename(temporary, out)
    except BaseException:
        _remove(temporary)
        raise
    return WrittenReport(
        out, results, tuple(out / f.name for f in report.files), report.evidence_problem
    )


# --- checks ------------------------------------------------------------------------------


def check_shards(folders: Sequence[Path], load: Loader = load_run) -> list[Shard]:
    """The shards in index order, once every check passes; else MergeRefused (all reasons)."""
    if not folders:
        raise MergeRefused(["no shard folder given"])
    problems: list[str] = []
    shards: list[Shard] = []
    for folder in folders:
        try:
            run = load(folder)
        except ReportError as exc:
            text = str(exc)
            problems.append(text if text.startswith(str(folder)) else f"{folder}: {text}")
            continue
        meta = run.results.metadata
        if meta.shard is None:
            problems.append(f"{folder}: not a shard: run {meta.run} was made without --shard")
        elif meta.incomplete:
            problems.append(
                f"{folder}: incomplete run (pytest exit status {meta.exit_status}: "
                f"{meta.incomplete})"
            )
        else:
            shards.append(Shard(folder, run.results, meta.shard))
    if problems:
        raise MergeRefused(problems)
    shards.sort(key=lambda s: s.info.index)
    problems += _alike(shards)
    if not problems:
        problems += _coverage(shards)
    if problems:
        raise MergeRefused(problems)
    return shards


def _alike(shards: list[Shard]) -> list[str]:
    first = shards[0]
    meta = first.results.metadata
    problems = []
    for shard in shards[1:]:
        other = shard.results.metadata
        for label, a, b in (
            ("shard count", first.info.count, shard.info.count),
            ("suite version", meta.suite_version, other.suite_version),
            ("DMVES SHA-256", meta.dmves_sha256, other.dmves_sha256),
            ("DUT", meta.dut, other.dut),
            *_option_pairs(meta.options, other.options),
        ):
            if a != b:
                problems.append(
                    f"{shard.name}: {label} {_show(b)} differs from {first.name}'s {_show(a)}"
                )
        for label, a, b in (
            ("catalogue (clause", first.results.clauses, shard.results.clauses),
            ("DMVES (Device Model", _models(first.results), _models(shard.results)),
        ):
            if a != b:
                problems.append(
                    f"{shard.name}: {label} {_first_diff(a, b)}) differs from {first.name}'s"
                )
    return problems


def _coverage(shards: list[Shard]) -> list[str]:
    problems = []
    count = shards[0].info.count
    owner: dict[int, Shard] = {}
    model_owner: dict[str, Shard] = {}
    for shard in shards:
        if shard.info.index in owner:
            problems.append(
                f"{shard.name}: shard {shard.info} given twice (also {owner[shard.info.index].folder})"
            )
            continue
        owner[shard.info.index] = shard
        for model in shard.info.models:
            if model in model_owner:
                problems.append(
                    f"overlapping pairs: Device Model {model} is in {model_owner[model].name} "
                    f"and {shard.name}"
                )
            else:
                model_owner[model] = shard
        foreign = sorted({p.model for p in shard.results.pairs} - set(shard.info.models))
        if foreign:
            problems.append(
                f"{shard.name}: judged Device Models its shard does not own: {_few(foreign)}"
            )
    results = shards[0].results
    expected = results.metadata.options.device_models or tuple(m.id for m in results.models)
    uncovered = [m for m in expected if m not in model_owner]
    for index in range(1, count + 1):
        if index not in owner:
            problems.append(f"missing shard {index}/{count}")
    if uncovered:
        problems.append(f"missing pairs: no shard judged Device Models {_few(uncovered)}")
    judged: dict[str, set[str]] = {}
    for shard in shards:
        for pair in shard.results.pairs:
            judged.setdefault(pair.model, set()).add(pair.clause)
    clauses = set().union(*judged.values()) if judged else set()
    order = {c.id: i for i, c in enumerate(results.clauses)}
    missing = [
        f"{model} {clause}"
        for model in sorted(model_owner)
        for clause in sorted(clauses - judged.get(model, set()), key=lambda c: order.get(c, -1))
    ]
    if missing:
        problems.append(
            f"missing pairs: judged for some Device Models, not for others: {_few(missing)}"
        )
    return problems


def _option_pairs(a: RunOptions, b: RunOptions) -> list[tuple[str, Any, Any]]:
    # The worker count is how a job used its machine, not what it judged.
    return [
        (f"option {f.name}", getattr(a, f.name), getattr(b, f.name))
        for f in fields(RunOptions)
        if f.name != "workers"
    ]


def _models(results: RunResults) -> tuple[Any, ...]:
    return tuple(replace(m, firmware_read=()) for m in results.models)


def _first_diff(a: tuple[Any, ...], b: tuple[Any, ...]) -> str:
    """The id of the first entry that differs, or how many entries each has."""
    for x, y in zip(a, b, strict=False):
        if x != y:
            return str(y.id)
    return f"{len(b)} entries, not {len(a)}"


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    return repr(value) if isinstance(value, str) else str(value)


def _few(items: Sequence[str]) -> str:
    shown = ", ".join(items[:_SHOWN])
    return shown if len(items) <= _SHOWN else f"{shown}, ... ({len(items)} in all)"


# --- the merged folder ---------------------------------------------------------------------


def _write_evidence(path: Path, shards: Iterable[Shard], run: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for shard in shards:
            for line in read_evidence(shard.folder / EVIDENCE_FILE):
                handle.write(_rewritten(line, shard, run))
        handle.flush()
        os.fsync(handle.fileno())


def _rewritten(line: dict[str, Any], shard: Shard, run: str) -> str:
    original = line.get("run")
    line["id"] = shard.prefix + str(line["id"])
    line["run"] = run
    if line.get("kind") == "verdict" and isinstance(line.get("evidence"), list):
        line["evidence"] = [shard.prefix + str(i) for i in line["evidence"]]
    if line.get("kind") == "session":
        line["shard_run"] = original
    return json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n"


def merged_results(
    shards: Sequence[Shard], run: str, firmware: dict[str, tuple[str, ...]]
) -> RunResults:
    first = shards[0].results
    models = tuple(replace(m, firmware_read=firmware.get(m.id, ())) for m in first.models)
    model_order = {m.id: i for i, m in enumerate(models)}
    clause_order = {c.id: i for i, c in enumerate(first.clauses)}
    pairs = [_prefixed(p, s.prefix) for s in shards for p in s.results.pairs]
    pairs.sort(key=lambda p: (model_order.get(p.model, -1), clause_order.get(p.clause, -1), p.key))
    return RunResults(
        metadata=merged_metadata(shards, run),
        models=models,
        clauses=first.clauses,
        pairs=tuple(pairs),
    )


def merged_metadata(shards: Sequence[Shard], run: str) -> RunMetadata:
    metas = [s.results.metadata for s in shards]
    first = metas[0]
    return RunMetadata(
        run=run,
        suite_version=first.suite_version,
        started=min(m.started for m in metas),
        finished=max(m.finished for m in metas),
        dut=first.dut,
        dmves_source=first.dmves_source,
        dmves_sha256=first.dmves_sha256,
        options=replace(first.options, workers=max(m.options.workers for m in metas)),
        exit_status=1 if any(m.exit_status == 1 for m in metas) else 0,
        other_failures=tuple(dict.fromkeys(f for m in metas for f in m.other_failures)),
        python=_joined(m.python for m in metas),
        platform=_joined(m.platform for m in metas),
        merged_from=tuple(f"{m.run} ({s.info})" for m, s in zip(metas, shards, strict=True)),
    )


def _prefixed(pair: PairResult, prefix: str) -> PairResult:
    tests = tuple(replace(t, evidence=tuple(prefix + e for e in t.evidence)) for t in pair.tests)
    return replace(pair, tests=tests)


def _joined(values: Iterable[str]) -> str:
    return "; ".join(dict.fromkeys(v for v in values if v))


def _remove(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_dir() and not path.is_symlink():
            path.rmdir()
        else:
            path.unlink()
    folder.rmdir()
