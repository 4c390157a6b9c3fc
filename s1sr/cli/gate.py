"""``s1sr gate DIR [--baseline DIR] [--waivers FILE] [--strict] [--trust PUB]...``: the
release decision.

Exit codes: 0 the gate passes; 1 it fails (each reason listed); 2 it cannot decide: a
usage error, a folder that is not a report, an incomplete run, a folder that does not match
its manifest or whose files disagree with its evidence log, with ``--trust`` a folder not
signed by a trusted key, unreadable or invalid waivers.
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
from s1sr.report.signing import load_public_key


def register(subparsers: argparse._SubParsersAction) -> None:
    gate = subparsers.add_parser(
        "gate",
        help="the release decision over a run's report folder (exit 0 pass, 1 fail, 2 unusable)",
        description="Fails on any FAIL or ERROR not waived, on any (model, clause) that passed "
        "in the baseline and does not now, on expired waivers, and on a run that did not "
        "complete; INCONCLUSIVE is listed and fails only with --strict. Every folder's "
        "manifest is verified first and its files cross-checked against its evidence log; "
        "with --trust, its manifest must be signed by a trusted key. "
        "Exit codes: 0 pass, 1 fail, 2 cannot decide.",
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
    gate.add_argument(
        "--trust",
        type=Path,
        action="append",
        default=[],
        metavar="PUB",
        help="an Ed25519 public key (PEM) whose signature the run (and the baseline) must "
        "carry; repeatable: any one of them will do. Unsigned or otherwise signed: exit 2",
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
        trusted = [load_public_key(path) for path in args.trust] or None
        run = load_run(args.folder, trusted=trusted)
        baseline = None if args.baseline is None else load_run(args.baseline, trusted=trusted)
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
                "verdicts_cross_checked": run.crosscheck.verdicts if run.crosscheck else None,
                "signed_by": run.signature.key if run.signature else None,
                "signature_trusted": bool(run.signature and run.signature.trusted),
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
    if run.crosscheck is not None:
        out.write(
            f"  cross-checked: {run.crosscheck.verdicts} verdicts of evidence.jsonl agree "
            "with every report file\n"
        )
    if run.signature is not None and run.signature.trusted:
        out.write(f"  signed: by trusted key {run.signature.key}\n")
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
