"""``s1sr run`` (the conformance suite, wherever it is installed), ``s1sr run-tcp`` (the suite
over TCP against ``s1sr emulate`` servers it starts and stops) and ``s1sr sensitivity``."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

from s1sr.cli.output import fail


def register(subparsers: argparse._SubParsersAction) -> None:
    # Every argument belongs to pytest: no option of its own ("+" never starts one), so
    # `--dut ...` reaches pytest untouched; only a first `-h` / `--help` is ours.
    run = subparsers.add_parser(
        "run",
        help="run the conformance suite (pytest); any pytest or suite option follows",
        description="Run the conformance suite shipped with s1sr. Every argument is passed "
        "to pytest: e.g. `s1sr run --dut python:my_adapter:factory --dmves my.toml -n 2`.",
        epilog="The suite's own options are in `pytest --help`, group s1sr.",
        prefix_chars="+",
        add_help=False,
    )
    run.add_argument("pytest_args", nargs=argparse.REMAINDER, metavar="ARGS", action=_PytestArgs)
    run.set_defaults(handler=_run)

    tcp = subparsers.add_parser(
        "run-tcp",
        help="start s1sr emulate servers, run the suite against them over TCP, stop them",
        description="One s1sr emulate server (with test hooks) per Device Model; the suite "
        "runs once per model against its server, all into one run folder. Arguments after "
        "`--` go to pytest.",
    )
    tcp.add_argument(
        "--dmves",
        type=Path,
        default=None,
        metavar="FILE",
        help="the DMVES (default: $S1SR_DMVES, else the one shipped with s1sr)",
    )
    tcp.add_argument(
        "--device-model",
        action="append",
        default=[],
        metavar="ID",
        help="only this Device Model (repeatable; default: every model of the DMVES)",
    )
    tcp.add_argument("--jobs", type=int, default=2, metavar="N", help="models run at once")
    tcp.add_argument(
        "--report-dir",
        type=Path,
        default=Path("reports"),
        metavar="DIR",
        help="where the run folder goes (default: reports)",
    )
    tcp.add_argument(
        "--suite",
        type=Path,
        default=None,
        metavar="DIR",
        help="the conformance suite folder (default: $S1SR_SUITE, else the one shipped)",
    )
    tcp.add_argument("pytest_args", nargs=argparse.REMAINDER, metavar="-- ARGS")
    tcp.set_defaults(handler=_run_tcp, transport="tcp")

    duis = subparsers.add_parser(
        "run-duis",
        help="start s1sr emulate --duis servers, run the suite against them as a DCC User "
        "over DUIS and HTTP, stop them",
        description="A throwaway test PKI (s1sr duis keygen) for both sides; one s1sr emulate "
        "--duis --test-hooks per Device Model, calling back the suite's own endpoint; the "
        "suite runs once per model against its server, all into one run folder. Arguments "
        "after `--` go to pytest.",
    )
    for action in tcp._actions:  # the same options as run-tcp
        if action.dest in ("help", "pytest_args"):
            continue
        duis._add_action(action)
    duis.add_argument(
        "--counter-file",
        type=Path,
        default=None,
        metavar="PATH",
        help="the originator counters' file (default: a fresh one for the run)",
    )
    duis.add_argument("pytest_args", nargs=argparse.REMAINDER, metavar="-- ARGS")
    duis.set_defaults(handler=_run_tcp, transport="duis")

    sensitivity = subparsers.add_parser(
        "sensitivity",
        help="run the suite on the emulator with each catalogued fault; print the kill rate",
        description="Run the whole suite on the emulator once without faults (the "
        "conformance job: it must be clean, every testable clause with a test, exit 0), "
        "against every catalogued fault (each must FAIL its own clause: a kill; the faults "
        "run in batches, one per clause in each, each fault in its own clause's tests only) "
        "and once per allowed variant (a correct device: no FAIL, no ERROR). Exit 0 when "
        "every fault is killed, every variant tolerated and the fault-free run clean.",
        epilog="`s1sr faults` and `s1sr variants` list the names.",
    )
    sensitivity.add_argument(
        "--report-dir",
        type=Path,
        default=Path("reports") / "sensitivity",
        metavar="DIR",
        help="where each run's report folder goes (default: reports/sensitivity)",
    )
    sensitivity.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="NAME",
        help="only this catalogued fault (repeatable; default: every fault, then every "
        "variant); `s1sr faults` lists them",
    )
    sensitivity.add_argument(
        "--variant",
        action="append",
        default=None,
        metavar="NAME",
        help="also run this allowed variant of a correct device; it must get no FAIL or ERROR "
        "(repeatable; default: every variant unless --fault is given); `s1sr variants` lists "
        "them",
    )
    sensitivity.add_argument(
        "--no-variants", action="store_true", help="run no variant, only the faults"
    )
    sensitivity.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="runs at once, each in its own worker process (the fault-free run, the variants' "
        "and the faults' runs, longest first): a number, or auto for one per CPU (default 1)",
    )
    sensitivity.add_argument(
        "--dmves",
        type=Path,
        default=None,
        metavar="FILE",
        help="the DMVES the runs use (default: $S1SR_DMVES, else the one shipped with s1sr)",
    )
    sensitivity.add_argument(
        "--suite",
        type=Path,
        default=None,
        metavar="DIR",
        help="the conformance suite folder (default: $S1SR_SUITE, else the one shipped)",
    )
    sensitivity.add_argument(
        "--allow-missing-clauses",
        action="store_true",
        help="a testable clause without a test does not make the fault-free run unclean "
        "(a partial --suite)",
    )
    sensitivity.set_defaults(handler=_sensitivity)


class _PytestArgs(argparse.Action):
    """Everything for pytest, except a leading help flag: that prints this command's help."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        if isinstance(values, list) and values[:1] in (["-h"], ["--help"]):
            parser.print_help()
            parser.exit()
        setattr(namespace, self.dest, values)


def _jobs(text: str) -> int | str:
    if text == "auto":
        return text
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a number or auto, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"at least 1, not {value}")
    return value


def _run(args: argparse.Namespace) -> int:
    import pytest

    from s1sr.pytest_plugin.locate import SuiteNotFound, find_suite

    try:
        suite = find_suite()
    except SuiteNotFound as exc:
        return fail(str(exc))
    extra = [] if os.access(suite, os.W_OK) else ["-p", "no:cacheprovider"]
    # s1sr is imported before pytest starts, so pytest cannot rewrite its asserts: not news.
    extra += ["-W", "ignore::pytest.PytestAssertRewriteWarning"]
    return int(pytest.main([str(suite), "-p", "s1sr.pytest_plugin", *extra, *args.pytest_args]))


def _run_tcp(args: argparse.Namespace) -> int:
    from s1sr.dmves import DataFileError, default_dmves_path, load_dmves
    from s1sr.dut.duis.launcher import run_over_duis
    from s1sr.dut.launcher import run_over_tcp
    from s1sr.pytest_plugin.locate import SuiteNotFound, find_suite
    from s1sr.pytest_plugin.run import new_run_name
    from s1sr.pytest_plugin.summary import summary_lines
    from s1sr.report import SIGNATURE_FILE, ReportError, fingerprint, load_private_key

    extra = list(args.pytest_args)
    if extra and extra[0] == "--":
        extra = extra[1:]
    if any(arg == "--shard" or arg.startswith("--shard=") for arg in extra):
        # Each model runs in a pytest process of its own, where --shard would split one model.
        return fail(
            f"--shard: not with run-{args.transport} (one pytest process per model); give "
            "each job its models with --device-model"
        )
    extra, sign_key_path = _take_sign_key(extra)
    try:
        # Loaded now, as `s1sr run` does: a key that cannot be used is a usage error before
        # any test; the launcher signs the folder once, when every model's run has ended.
        sign_key = None if sign_key_path is None else load_private_key(sign_key_path)
    except ReportError as exc:
        return fail(f"--sign-key: {exc}")
    try:
        suite = args.suite or find_suite()
        dmves_path = (args.dmves or default_dmves_path()).resolve()
        dmves = load_dmves(dmves_path)
    except (SuiteNotFound, DataFileError) as exc:
        return fail(str(exc))
    unknown = sorted(set(args.device_model) - {m.id for m in dmves.models})
    if unknown:
        return fail(f"--device-model: not in the DMVES: {', '.join(unknown)}")

    def say(line: str) -> None:
        print(line, flush=True)

    launch = run_over_tcp
    if args.transport == "duis":

        def launch(*positional, **named):  # noqa: ANN202
            return run_over_duis(*positional, counter_file=args.counter_file, **named)

    try:
        result = launch(
            dmves,
            dmves_path,
            suite=suite,
            report_dir=args.report_dir,
            run_name=new_run_name(),
            models=args.device_model,
            jobs=args.jobs,
            pytest_args=extra,
            sign_key=sign_key,
            say=say,
        )
    except ReportError as exc:
        return fail(f"report NOT finished: {exc}")
    except (RuntimeError, TimeoutError, OSError) as exc:
        return fail(str(exc))
    for run in result.runs:
        if run.exit_code not in (0, 5):
            print(f"--- {run.model_id} (exit code {run.exit_code}) ---")
            print(run.output[-6000:])
    for line in summary_lines(list(result.records)):
        print(line)
    print(f"evidence: {result.run_dir}")
    if result.report is not None:
        print(
            f"report: {result.report.folder} (check it with `s1sr report verify`, "
            "gate it with `s1sr gate`)"
        )
        if result.report.evidence_problem:
            print(f"evidence log problem: {result.report.evidence_problem}")
        if sign_key is not None:
            print(f"report signed: {SIGNATURE_FILE} by key {fingerprint(sign_key.public_key())}")
    return result.exit_code if result.records else 1


def _take_sign_key(args: list[str]) -> tuple[list[str], Path | None]:
    """The pytest arguments without ``--sign-key FILE`` (the last one given wins, as in
    pytest), and that file: each model's pytest process must not sign its part of the run."""
    rest: list[str] = []
    key: Path | None = None
    items = iter(args)
    for arg in items:
        if arg == "--sign-key":
            value = next(items, None)
            if value is None:
                rest.append(arg)  # pytest reports the missing value
                continue
            key = Path(value)
        elif arg.startswith("--sign-key="):
            key = Path(arg.split("=", 1)[1])
        else:
            rest.append(arg)
    return rest, key


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
            variants=() if args.no_variants else args.variant,
            progress=progress,
            jobs=args.jobs,
            allow_missing_clauses=args.allow_missing_clauses,
        )
    except (ValueError, LookupError) as exc:
        return fail(str(exc))
    baseline = report.baseline
    counts = Counter(record.verdict.value for record in baseline.records)
    print()
    print(
        f"fault-free run: {len(baseline.records)} verdicts"
        + "".join(f", {n} {verdict}" for verdict, n in sorted(counts.items()))
        + f"; exit code {baseline.exit_code}"
    )
    for folder in baseline.folders:
        print(f"  report: {folder}")
    for record in baseline.records:
        if record.verdict.value in ("FAIL", "ERROR"):
            print(f"  {record.verdict.value} {record.model_id} {record.clause_id}: {record.reason}")
    if not baseline.records:
        print("  no verdicts: the suite did not run")
    if not baseline.records or baseline.exit_code:  # a coverage gap, a collection error
        sys.stdout.write(baseline.output[-4000:])
    survivors = [f for f in report.faults if not f.killed]
    for result in report.faults:
        where = ", ".join(result.killed_on) or "-"
        state = "killed" if result.killed else "SURVIVED"
        print(f"{state:<9} {result.fault.name:<42} {result.fault.clause:<34} FAIL on: {where}")
    killed = len(report.faults) - len(survivors)
    for outcome in report.variants:
        state = "tolerated" if outcome.tolerated else "WRONGLY FAILED"
        print(f"{state:<9} variant {outcome.variant.name}")
        for record in outcome.failed_on:
            print(f"  {record.verdict.value} {record.model_id} {record.clause_id}: {record.reason}")
        if not outcome.run.records:
            print("  no verdicts: the suite did not run")
    tolerated = sum(v.tolerated for v in report.variants)
    print(
        f"kill rate: {killed}/{len(report.faults)} = {report.kill_rate:.0%}; "
        f"variants tolerated: {tolerated}/{len(report.variants)}; "
        f"fault-free run {'clean' if report.baseline_clean else 'NOT clean'}"
    )
    return 0 if report.passed else 1
