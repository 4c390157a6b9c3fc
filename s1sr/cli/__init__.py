"""The ``s1sr`` command: one sub-command module per concern.

Each module named in ``COMMAND_MODULES`` exposes ``register(subparsers)``, which adds
its parser(s) and sets ``handler`` (a callable taking the parsed args and returning an
exit code) as the parser default.
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="s1sr",
        description="Conformance suite for SMETS1 behaviour under S1SR Section 18 (FOC Uplift 2.1).",
    )
    parser.add_argument("--version", action="version", version=f"s1sr {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"s1sr.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(handler(args) or 0)
    except BrokenPipeError:
        # The reader went away (``s1sr clauses | head``): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
