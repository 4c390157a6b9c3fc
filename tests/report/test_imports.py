"""Reports and the gate read data only: they never reach a DUT, the emulator, pytest or
the CLI (docs/architecture.md), so a report can be read anywhere s1sr is installed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "s1sr"
FORBIDDEN = (
    "s1sr.emulator",
    "s1sr.dut",
    "s1sr.pytest_plugin",
    "s1sr.cli",
    "s1sr.sensitivity",
    "pytest",
    "s1sr.codecs",
)


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("part", ["report", "gate"])
def test_reports_and_the_gate_import_only_data_parts(part):
    files = sorted((PACKAGE / part).glob("*.py"))
    assert files
    bad = [
        f"{path.name} imports {name}"
        for path in files
        for name in imported(path)
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
    ]
    assert bad == []
