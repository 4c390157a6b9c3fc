"""The plugin's report seam: written at the end of a run, path printed last, failures of
tests that give no verdict recorded, a report that cannot be written said loudly."""

from __future__ import annotations

import pytest

from s1sr.report import MANIFEST_FILE, load_run
from tests.report.builders import DMVES_FILE

pytest_plugins = ["pytester"]

TEST = """
import pytest
from s1sr.models import ReadFirmwareVersionRequest

@pytest.mark.clause("18.64(a)")
def test_read(case):
    case.exchange(ReadFirmwareVersionRequest())

def test_plain_helper_that_breaks():
    assert {broken}
"""


@pytest.fixture
def run(pytester):
    def go(*args, broken="True"):
        pytester.makepyfile(TEST.format(broken=broken))
        return pytester.runpytest(
            "-p",
            "s1sr.pytest_plugin",
            "-p",
            "no:cacheprovider",
            f"--dmves={DMVES_FILE}",
            f"--report-dir={pytester.path / 'reports'}",
            "--allow-missing-clauses",
            *args,
        )

    return go


def folders(pytester):
    return sorted((pytester.path / "reports").glob("*/"))


def test_a_run_writes_its_report_and_prints_the_folder_last(pytester, run):
    result = run("--device-model", "EX-PPMID-1")
    (folder,) = folders(pytester)
    assert (folder / MANIFEST_FILE).exists()
    section = result.stdout.str().split("s1sr conformance verdicts", 1)[1]
    lines = [line for line in section.splitlines() if line.strip()]
    report_line = next(i for i, line in enumerate(lines) if line.startswith("report: "))
    assert lines[report_line].startswith(f"report: {folder}")
    assert lines[report_line - 1].startswith("evidence: ")
    results = load_run(folder).results
    assert [(p.model, p.clause, p.verdict.value) for p in results.pairs] == [
        ("EX-PPMID-1", "18.64(a)", "PASS")
    ]
    assert results.metadata.exit_status == 0 and results.metadata.options.device_models == (
        "EX-PPMID-1",
    )
    assert results.pairs[0].tests[0].duration_s > 0


def test_a_test_that_fails_without_a_verdict_is_recorded(pytester, run):
    result = run("--device-model", "EX-PPMID-1", broken="False")
    assert result.ret == 1
    (folder,) = folders(pytester)
    meta = load_run(folder).results.metadata
    assert meta.other_failures == (
        "test_a_test_that_fails_without_a_verdict_is_recorded.py::test_plain_helper_that_breaks",
    )


def test_no_conformance_test_no_folder(pytester):
    pytester.makepyfile("def test_plain():\n    assert True\n")
    result = pytester.runpytest(
        "-p",
        "s1sr.pytest_plugin",
        "-p",
        "no:cacheprovider",
        f"--report-dir={pytester.path / 'reports'}",
    )
    assert result.ret == 0
    assert not (pytester.path / "reports").exists()
    assert "report: " not in result.stdout.str()


def test_a_report_that_cannot_be_written_is_said_loudly(pytester, run, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("s1sr.pytest_plugin.reporting.write_run", refuse)
    result = run("--device-model", "EX-PPMID-1")
    assert result.ret == 0  # the verdicts stand
    result.stdout.fnmatch_lines(["report NOT written to *: OSError: disk full"])
