"""pytest plugin for mutation runs: each conformance run reports into a folder it then removes.

A mutation run starts the suite once per mutant, thousands of times; each run would leave a
report folder (megabytes of evidence) under reports/. Here ``--report-dir`` points at a fresh
temporary folder, removed when pytest unconfigures. The verdicts, and so the exit code that
decides a kill, are untouched: only where the report goes changes.
"""

from __future__ import annotations

import shutil
import tempfile

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    # tryfirst: the s1sr plugin reads --report-dir in its own pytest_configure.
    folder = tempfile.mkdtemp(prefix="s1sr-mutation-report-")
    config.option.s1sr_report_dir = folder
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
