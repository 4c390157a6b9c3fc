"""The ``s1sr`` command: one sub-command module per concern.

Each module named in ``COMMAND_MODULES`` exposes ``register(subparsers)``, which adds
its parser(s) and sets ``handler`` (a callable taking the parsed args and returning an
exit code) as the parser default. ``COMMANDS`` says which module registers each command, so
that ``s1sr emulate ...`` imports the emulator's command alone: the servers ``run-tcp`` and
``run-duis`` start each took a second longer importing every other command's module.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from s1sr import __version__

COMMAND_MODULES: tuple[str, ...] = (
    "utrn",
    "catalogue",
    "dmves",
    "gbcs",
    "duis",
    "codec",
    "suite",
    "emulate",
    "faults",
    "adapter",
    "report",
    "gate",
)


# command -> the module that registers it (tests/cli/test_cli_lazy.py holds it to the parser)
COMMANDS: dict[str, str] = {
    "utrn": "utrn",
    "clauses": "catalogue",
    "srvs": "catalogue",
    "alerts": "catalogue",
    "models": "dmves",
    "dmves": "dmves",
    "gbcs": "gbcs",
    "duis": "duis",
    "decode": "codec",
    "encode": "codec",
    "run": "suite",
    "run-tcp": "suite",
    "run-duis": "suite",
    "sensitivity": "suite",
    "emulate": "emulate",
    "faults": "faults",
    "variants": "faults",
    "requirements": "faults",
    "adapter": "adapter",
    "report": "report",
    "gate": "gate",
}


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The parser of every command, or of the commands of ``modules`` only."""
    parser = argparse.ArgumentParser(
        prog="s1sr",
        description="Conformance suite for SMETS1 behaviour under S1SR Section 18 (FOC Uplift 2.1).",
    )
    parser.add_argument("--version", action="version", version=f"s1sr {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        importlib.import_module(f"s1sr.cli.{name}").register(subparsers)
    return parser


def _parser_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    """Only the named command's module when the first argument names a command; every
    module otherwise (help, ``--version``, a misspelt command: argparse lists them all)."""
    if argv and argv[0] in COMMANDS:
        return build_parser((COMMANDS[argv[0]],))
    return build_parser()


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _parser_for(argv)
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        build_parser().print_help(sys.stderr)
        return 2
    try:
        return int(handler(args) or 0)
    except BrokenPipeError:
        # The reader went away (``s1sr clauses | head``): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
