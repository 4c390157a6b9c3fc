"""Shared output helpers so every listing supports ``--format text|json`` the same way."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO


def add_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def print_json(data: Any, stream: TextIO | None = None) -> None:
    json.dump(data, stream or sys.stdout, indent=2, ensure_ascii=False, default=str)
    (stream or sys.stdout).write("\n")


def print_table(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str], stream: TextIO | None = None
) -> None:
    """Plain aligned columns: readable in a terminal, greppable in a log."""
    out = stream or sys.stdout
    materialised = [[_cell(row.get(col)) for col in columns] for row in rows]
    widths = [max([len(col)] + [len(r[i]) for r in materialised]) for i, col in enumerate(columns)]
    out.write(
        "  ".join(col.upper().ljust(w) for col, w in zip(columns, widths, strict=True)).rstrip()
    )
    out.write("\n")
    for r in materialised:
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")


def fail(message: str, code: int = 1) -> int:
    """Print an error for a human on stderr and return the exit code to use."""
    sys.stderr.write(f"s1sr: error: {message}\n")
    return code


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list | tuple | set | frozenset):
        return ",".join(str(v) for v in value)
    return str(value)
