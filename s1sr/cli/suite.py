"""``s1sr run`` (the conformance suite, wherever it is installed) and ``s1sr sensitivity``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from s1sr.cli.output import fail


def register(subparsers: argparse._SubParsersAction) -> None:
    run = subparsers.add_parser(
        "run",
        help="run the conformance suite (pytest); any pytest or suite option follows",
        description="Run the conformance suite shipped with s1sr. Every argument is passed "
        "to pytest: e.g. `s1sr run --dut python:my_adapter:factory --dmves my.toml -n 2`.",
    )
    run.add_argument("pytest_args", nargs=argparse.REMAINDER, metavar="ARGS")
    run.set_defaults(handler=_run)

    sensitivity = subparsers.add_parser(
        "sensitivity",
        help="run the suite on the emulator with each catalogued fault; print the kill rate",
    )
    sensitivity.add_argument("--report-dir", type=Path, default=Path("reports") / "sensitivity")
    sensitivity.add_argument("--fault", action="append", default=[], metavar="NAME")
    sensitivity.add_argument("--dmves", type=Path, default=None, metavar="FILE")
    sensitivity.add_argument("--suite", type=Path, default=None, metavar="DIR")
    sensitivity.set_defaults(handler=_sensitivity)


def _run(args: argparse.Namespace) -> int:
    import pytest

    from s1sr.pytest_plugin.locate import SuiteNotFound, find_suite

    try:
        suite = find_suite()
    except SuiteNotFound as exc:
        return fail(str(exc))
    extra = [] if os.access(suite, os.W_OK) else ["-p", "no:cacheprovider"]
    return int(pytest.main([str(suite), "-p", "s1sr.pytest_plugin", *extra, *args.pytest_args]))


def _sensitivity(args: argparse.Namespace) -> int:
    from s1sr.sensitivity import run_sensitivity

    def progress(line: str) -> None:
        print(line, flush=True)

    try:
        report = run_sensitivity(
            args.report_dir,
            suite=args.suite,
            dmves_path=args.dmves,
            faults=args.fault,
            progress=progress,
        )
    except (ValueError, LookupError) as exc:
        return fail(str(exc))
    baseline = report.baseline
    print()
    print(f"fault-free run: {len(baseline.records)} verdicts, exit code {baseline.exit_code}")
    for record in baseline.records:
        if record.verdict.value in ("FAIL", "ERROR"):
            print(f"  {record.verdict.value} {record.model_id} {record.clause_id}: {record.reason}")
    if not baseline.records:
        print("  no verdicts: the suite did not run")
        sys.stdout.write(baseline.output[-4000:])
    survivors = [f for f in report.faults if not f.killed]
    for result in report.faults:
        where = ", ".join(result.killed_on) or "-"
        state = "killed" if result.killed else "SURVIVED"
        print(f"{state:<9} {result.fault.name:<42} {result.fault.clause:<34} FAIL on: {where}")
    killed = len(report.faults) - len(survivors)
    print(
        f"kill rate: {killed}/{len(report.faults)} = {report.kill_rate:.0%}; "
        f"fault-free run {'clean' if report.baseline_clean else 'NOT clean'}"
    )
    return 0 if report.passed else 1
