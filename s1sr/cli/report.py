"""``s1sr report verify DIR`` and ``s1sr report diff A B``: a run folder checked, two compared.

Exit codes: 0 intact / no change; 1 files altered, added or missing (verify) or something
changed (diff); 2 not a report folder, no or unreadable manifest or results, or (diff) a
folder that does not match its manifest.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from s1sr.cli.output import add_format_option, fail, print_json
from s1sr.report import ReportError, RunDiff, diff_runs, load_run, verify_manifest

EXIT_UNUSABLE = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    report = subparsers.add_parser(
        "report",
        help="check a run's report folder against its manifest, or compare two runs",
        description="Work with the report folders conformance runs write "
        "(<report-dir>/<UTC timestamp>-<id>/). See docs/reports.md.",
    )
    commands = report.add_subparsers(dest="report_command", metavar="COMMAND")
    commands.required = True
    verify = commands.add_parser(
        "verify",
        help="check every file against manifest.sha256; name any altered, added or missing",
        description="Exit 0 when the folder is exactly what the run wrote, 1 when a file was "
        "altered, added or removed, 2 when it is not a report folder.",
    )
    verify.add_argument("folder", type=Path, metavar="DIR")
    add_format_option(verify)
    verify.set_defaults(handler=_verify)
    diff = commands.add_parser(
        "diff",
        help="what changed between two runs: verdicts, pairs, DMVES, firmware, options",
        description="Both folders are verified first. Exit 0 when nothing changed, 1 when "
        "something did, 2 when a folder is unusable.",
    )
    diff.add_argument("before", type=Path, metavar="A")
    diff.add_argument("after", type=Path, metavar="B")
    add_format_option(diff)
    diff.set_defaults(handler=_diff)


def _verify(args: argparse.Namespace) -> int:
    try:
        check = verify_manifest(args.folder)
    except ReportError as exc:
        return fail(str(exc), EXIT_UNUSABLE)
    if args.format == "json":
        print_json(
            {
                "folder": str(args.folder),
                "ok": check.ok,
                "altered": list(check.altered),
                "added": list(check.added),
                "missing": list(check.missing),
                "intact": check.checked,
            }
        )
    elif check.ok:
        print(f"{args.folder}: intact ({check.checked} files match manifest.sha256)")
    else:
        print(f"{args.folder}: does NOT match manifest.sha256")
        for line in check.problems():
            print(f"  {line}")
    return 0 if check.ok else 1


def _diff(args: argparse.Namespace) -> int:
    try:
        before = load_run(args.before).results
        after = load_run(args.after).results
    except ReportError as exc:
        return fail(str(exc), EXIT_UNUSABLE)
    result = diff_runs(before, after)
    if args.format == "json":
        print_json(result.to_json())
    else:
        write_diff(result, args.before, args.after)
    return 1 if result.changed else 0


def write_diff(result: RunDiff, before: Path, after: Path) -> None:
    out = sys.stdout
    out.write(f"A: {before} (run {result.before_run})\nB: {after} (run {result.after_run})\n")
    if not result.changed:
        out.write(f"no change: {result.unchanged} pairs with the same verdict, same metadata\n")
        return
    if result.verdicts:
        out.write(f"verdict changes ({len(result.verdicts)}):\n")
        for change in result.verdicts:
            tag = " [regression]" if change.regression else " [fixed]" if change.fixed else ""
            reason = f": {change.reason}" if change.reason else ""
            out.write(
                f"  {change.model}  {change.clause}  {change.before.value} -> "
                f"{change.after.value}{tag}{reason}\n"
            )
    for title, pairs in (("only in B", result.added), ("only in A", result.removed)):
        if pairs:
            out.write(f"pairs {title} ({len(pairs)}):\n")
            for pair in pairs:
                out.write(f"  {pair.model}  {pair.clause}  {pair.verdict.value}\n")
    if result.metadata:
        out.write(f"metadata changes ({len(result.metadata)}):\n")
        for change in result.metadata:
            out.write(f"  {change.field}: {change.before} -> {change.after}\n")
    out.write(f"unchanged pairs: {result.unchanged}\n")
