"""``s1sr adapter check``: a short self-test of an adapter before a long run."""

from __future__ import annotations

import argparse
from datetime import timedelta
from pathlib import Path

from s1sr.cli.output import fail
from s1sr.models.text import no_such


def register(subparsers: argparse._SubParsersAction) -> None:
    adapter = subparsers.add_parser("adapter", help="check a device-under-test adapter")
    actions = adapter.add_subparsers(dest="adapter_command", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="a short self-test of an adapter: inventory, answers, frames, reset, clock",
        description="Open the DUT for each Device Model and check what every test relies "
        "on: the inventory matches the DMVES, a request gets a final answer whose frames "
        "decode, reset() works and the clock moves as declared. Prints each problem; exit "
        "1 if there is any.",
    )
    check.add_argument(
        "--dut",
        required=True,
        metavar="SPEC",
        help="the adapter, as for the suite: python:module:factory, tcp://HOST:PORT, emulator",
    )
    check.add_argument(
        "--device-model",
        action="append",
        default=[],
        metavar="ID",
        help="only this Device Model (repeatable; default: every model of the DMVES)",
    )
    check.add_argument(
        "--dmves",
        type=Path,
        metavar="FILE",
        help="the DMVES (default: $S1SR_DMVES, else the one shipped with s1sr)",
    )
    check.add_argument(
        "--dut-inventory",
        type=Path,
        metavar="FILE",
        help="the devices and DCC Users of a TCP DUT that does not report them",
    )
    check.add_argument(
        "--s1sp-timeout",
        type=float,
        metavar="SECONDS",
        help="the S1SP timeout, as for the suite",
    )
    check.set_defaults(handler=_check)


def _check(args: argparse.Namespace) -> int:
    from s1sr.catalogue import load_catalogue
    from s1sr.dmves import DataFileError, load_dmves
    from s1sr.dut.selfcheck import check_adapter
    from s1sr.dut.spec import DutSpec, DutSpecError

    try:
        spec = DutSpec.parse(args.dut)
        dmves = load_dmves(args.dmves)
    except DutSpecError as exc:
        return fail(f"--dut: {exc}", code=2)
    except DataFileError as exc:
        return fail(str(exc))
    known = [m.id for m in dmves.models]
    unknown = [m for m in args.device_model if m not in known]
    if unknown:
        return fail(no_such("Device Model", unknown, known, listing="s1sr models"), code=2)
    models = [m for m in dmves.models if not args.device_model or m.id in args.device_model]
    timeout = None if args.s1sp_timeout is None else timedelta(seconds=args.s1sp_timeout)
    problems = 0
    for model in models:
        found = list(
            check_adapter(
                spec,
                dmves,
                load_catalogue(),
                [model],
                s1sp_timeout=timeout,
                inventory_file=args.dut_inventory,
            )
        )
        problems += len(found)
        print(f"{model.id}: {'OK' if not found else f'{len(found)} problem(s)'}")
        for _model_id, problem in found:
            print(f"  - {problem}")
    print(f"{len(models)} Device Model(s) checked, {problems} problem(s)")
    return 1 if problems else 0
