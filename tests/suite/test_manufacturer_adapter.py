"""A manufacturer's adapter, exactly as docs/suite.md shows it, from a folder of its own.

The "bench" the adapter drives is the emulator, wrapped the way a test bench harness would
be (send a request model, get the messages back); the adapter itself is the documented one.
"""

from __future__ import annotations

import re
import sys

from tests.in_process import suite_modules_dropped
from tests.suite.conftest import DMVES_FILE, REPO, evidence_lines, verdicts_of

pytest_plugins = ["pytester"]

BENCH = '''
from s1sr.dmves import load_dmves
from s1sr.dut.emulator import EmulatorDut


class Bench:
    """Stands in for a manufacturer's bench: a device per DMVES model, on an S1SP."""

    def __init__(self, model_id):
        dmves = load_dmves()
        self._dut = EmulatorDut(dmves, dmves.model(model_id))
        inventory = self._dut.inventory()
        self.devices = [
            (d.id, d.device_type, d.model_id, d.supplier, d.on_han) for d in inventory.devices
        ]
        self.users = inventory.users

    def send(self, request):
        return self._dut.exchange(request).messages
'''

TEST = """
import pytest
from s1sr.models import ReadFirmwareVersionRequest, ResponseCode

@pytest.mark.clause("18.64(a)")
def test_read_firmware(case):
    ex = case.exchange(ReadFirmwareVersionRequest())
    if case.mapped:
        case.expect(ex.response_code is ResponseCode.I0, expected="response I0",
                    observed=ex.summary())
"""


def documented_adapter() -> str:
    text = (REPO / "docs" / "suite.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(# my_adapter\.py.*?)```", text, re.S)
    assert len(blocks) == 1, "docs/suite.md shows the adapter once"
    return blocks[0]


def code_of(block: str) -> list[str]:
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_the_readme_shows_the_same_adapter():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(# my_adapter\.py.*?)```", readme, re.S)
    assert [code_of(b) for b in blocks] == [code_of(documented_adapter())]


def test_the_documented_adapter_is_about_ten_lines():
    code = [
        line
        for line in documented_adapter().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert len(code) <= 12


def test_pytest_with_the_documented_adapter_from_a_separate_folder(pytester, monkeypatch):
    monkeypatch.setenv("S1SR_DMVES", str(DMVES_FILE))
    pytester.makepyfile(my_adapter=documented_adapter(), bench=BENCH, test_firmware=TEST)
    pytester.syspathinsert()  # the adapter's folder, as for `python -m pytest` run there
    result = pytester.runpytest(
        "-p",
        "s1sr.pytest_plugin",
        "-p",
        "no:cacheprovider",
        "--dut=python:my_adapter:factory",
        "--allow-missing-clauses",
        f"--report-dir={pytester.path / 'reports'}",
    )
    assert result.ret == 0, result.stdout.str()
    verdicts = verdicts_of(pytester.path)
    assert verdicts["18.64(a)-EX-PPMID-1"] == "PASS"
    assert verdicts["18.64(a)-EX-ESME-1"] == "NOT_APPLICABLE"
    session = next(line for line in evidence_lines(pytester.path) if line["kind"] == "session")
    assert session["dut"] == "python:my_adapter:factory"


def test_s1sr_run_runs_the_suite_with_the_adapter(pytester, monkeypatch, capsys):
    """``s1sr run`` in this process, from the adapter's folder (on sys.path, as for
    ``python -m``); the adapter's and the suite's modules are not left behind."""
    from s1sr.cli import main

    monkeypatch.setenv("S1SR_DMVES", str(DMVES_FILE))
    monkeypatch.setenv("S1SR_SUITE", str(REPO / "conformance"))  # a wheel does not ship it yet
    pytester.makepyfile(my_adapter=documented_adapter(), bench=BENCH)
    pytester.syspathinsert()
    try:
        with suite_modules_dropped():
            main(
                [
                    "run",
                    "--dut=python:my_adapter:factory",
                    "--device-model=EX-ESME-1",
                    "--clause=18.6(b)",
                    f"--report-dir={pytester.path / 'reports'}",
                    "-p",
                    "no:cacheprovider",
                ]
            )
    finally:
        for name in ("my_adapter", "bench"):
            sys.modules.pop(name, None)
    out = capsys.readouterr().out
    verdicts = verdicts_of(pytester.path)
    assert set(verdicts) == {"18.6(b)-EX-ESME-1"}, out
    assert verdicts["18.6(b)-EX-ESME-1"] in {"PASS", "INCONCLUSIVE"}, out
