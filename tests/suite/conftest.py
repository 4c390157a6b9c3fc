"""Helpers of the plugin's tests: run generated conformance tests with pytester, read verdicts."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
DMVES_FILE = REPO / "device_models" / "dmves.toml"
PLUGIN = ("-p", "s1sr.pytest_plugin")


def evidence_lines(root: Path) -> list[dict[str, Any]]:
    files = sorted(root.glob("reports/*/evidence.jsonl"))
    lines: list[dict[str, Any]] = []
    for path in files:
        lines += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return lines


def verdicts_of(root: Path) -> dict[str, str]:
    """``<clause>-<model>`` (the test id) -> verdict, from the run's evidence log."""
    return {
        f"{line['clause']}-{line['model']}": line["verdict"]
        for line in evidence_lines(root)
        if line["kind"] == "verdict"
    }


@pytest.fixture
def run_suite(pytester: pytest.Pytester) -> Callable[..., pytest.RunResult]:
    """Run pytest on pytester's folder with the plugin and the example DMVES."""

    def run(*args: str, subprocess: bool = False, coverage: bool = False) -> pytest.RunResult:
        # One token per option: pytest would take a separate value for a path to find
        # its rootdir by (and this repository's configuration with it).
        base = [*PLUGIN, "-p", "no:cacheprovider", f"--dmves={DMVES_FILE}"]
        base.append(f"--report-dir={pytester.path / 'reports'}")
        if not coverage:
            base.append("--allow-missing-clauses")
        if subprocess:
            return pytester.runpytest_subprocess(*base, *args)
        return pytester.runpytest(*base, *args)

    return run
