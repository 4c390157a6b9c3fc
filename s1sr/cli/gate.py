"""``s1sr gate DIR [--baseline DIR] [--waivers FILE] [--strict]``: the release decision.

Exit codes: 0 the gate passes; 1 it fails (each reason listed); 2 it cannot decide: a
usage error, a folder that is not a report or does not match its manifest, unreadable or
invalid waivers.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TextIO

from s1sr.cli.output import add_format_option, fail, print_json
from s1sr.gate import (
    EXIT_UNUSABLE,
    Finding,
    GateDecision,
    WaiverError,
    decide,
    load_waivers,
)
from s1sr.report import LoadedRun, ReportError, load_run


def register(subparsers: argparse._SubParsersAction) -> None:
    gate = subparsers.add_parser(
        "gate",
        help="the release decision over a run's report folder (exit 0 pass, 1 fail, 2 unusable)",
        description="Fails on any FAIL or ERROR not waived, on any (model, clause) that passed "
        "in the baseline and does not now, on expired waivers, and on a run that did not "
        "complete; INCONCLUSIVE is listed and fails only with --strict. Every folder's "
        "manifest is verified first. Exit codes: 0 pass, 1 fail, 2 cannot decide.",
    )
    gate.add_argument("folder", type=Path, metavar="DIR", help="the run folder to judge")
    gate.add_argument("--baseline", type=Path, metavar="DIR", help="an earlier run folder")
    gate.add_argument("--waivers", type=Path, metavar="FILE", help="waivers (TOML)")
    gate.add_argument(
        "--strict", action="store_true", help="INCONCLUSIVE fails the gate (unless waived)"
    )
    gate.add_argument(
        "--today",
        type=_day,
        metavar="YYYY-MM-DD",
        help="the date waivers expire against (default: today, UTC)",
    )
    add_format_option(gate)
    gate.set_defaults(handler=_gate)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _gate(args: argparse.Namespace) -> int:
    try:
        run = load_run(args.folder)
        baseline = None if args.baseline is None else load_run(args.baseline)
    except ReportError as exc:
        return fail(str(exc), EXIT_UNUSABLE)
    waivers = ()
    if args.waivers is not None:
        try:
            waivers = load_waivers(
                args.waivers,
                clauses=[c.id for c in run.results.clauses],
                models=[m.id for m in run.results.models],
            )
        except WaiverError as exc:
            return fail(str(exc), EXIT_UNUSABLE)
    today = args.today or datetime.now(UTC).date()
    decision = decide(
        run.results,
        today=today,
        baseline=None if baseline is None else baseline.results,
        waivers=waivers,
        strict=args.strict,
    )
    if args.format == "json":
        print_json(
            {
                "folder": str(args.folder),
                "run": run.results.metadata.run,
                "baseline": None if baseline is None else str(args.baseline),
                "waivers": None if args.waivers is None else str(args.waivers),
                "today": today.isoformat(),
                **decision.to_json(),
            }
        )
    else:
        _write(decision, run, baseline, args, len(waivers), today)
    return decision.exit_code


def _write(
    decision: GateDecision,
    run: LoadedRun,
    baseline: LoadedRun | None,
    args: argparse.Namespace,
    waiver_count: int,
    today: date,
) -> None:
    out = sys.stdout
    verdict = "PASSED" if decision.passed else "FAILED"
    out.write(f"s1sr gate: {verdict}\n")
    out.write(
        f"  run: {args.folder} ({run.results.metadata.run}; manifest verified, "
        f"{run.manifest.checked} files)\n"
    )
    if baseline is not None:
        out.write(f"  baseline: {args.baseline} ({baseline.results.metadata.run}; verified)\n")
    if args.waivers is not None:
        out.write(f"  waivers: {args.waivers} ({waiver_count}; today is {today.isoformat()})\n")
    counts = run.results.counts()
    out.write("  verdicts: " + ", ".join(f"{n} {v.value}" for v, n in counts.items()) + "\n")
    _section(out, "blocking", decision.blocking)
    _section(out, "waived", decision.waived)
    if not decision.strict:  # with --strict they are among the blocking or the waived
        _section(out, "inconclusive", decision.inconclusive, "blocking only with --strict")
    for note in decision.notes:
        out.write(f"note: {note}\n")


def _section(out: TextIO, title: str, findings: tuple[Finding, ...], note: str = "") -> None:
    if not findings:
        return
    write = out.write
    write(f"{title} ({len(findings)}{'; ' + note if note else ''}):\n")
    for finding in findings:
        where = f"{finding.model}  {finding.clause}  " if finding.model else ""
        write(f"  {finding.kind.value:<14} {where}{finding.message}\n")
        if finding.waiver is not None:
            write(
                f"  {'':<14} waived until {finding.waiver.expires.isoformat()}: "
                f"{finding.waiver.reason}\n"
            )
