"""Conformance tests establish their own preconditions: they pass on a correct device that
starts in another state than the emulator's default.

Each case runs the real suite (``conformance/``) through a python adapter: the emulator,
with one thing about its starting state changed that no clause constrains.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.prewarmed import run_pytest
from tests.suite.adapters import fake_adapter
from tests.suite.conftest import REPO

RICH_START = """
from s1sr.dmves import load_dmves
from s1sr.dut.emulator import EmulatorDut
from s1sr.models import DeviceType

METERS = {DeviceType.ESME, DeviceType.GSME}


class RichStart(EmulatorDut):
    # Every meter starts with credit: a correct device, in another state.
    def _build(self, start):
        super()._build(start)
        installation = self.installation
        for model in installation.plan.models:
            if model.device_type in METERS:
                device = installation.device(installation.device_id(model.id))
                device.state.account.top_up(CREDIT)


def factory(model):
    return RichStart(load_dmves(), model)
"""


def run_conformance(folder: Path, adapter: str, *args: str) -> subprocess.CompletedProcess:
    (folder / "start_adapter.py").write_text(adapter, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("S1SR_", "PYTEST_"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(folder), env.get("PYTHONPATH"))))
    return run_pytest(
        str(REPO / "conformance"),
        "-p",
        "no:cacheprovider",
        "--dut=python:start_adapter:factory",
        f"--report-dir={folder / 'reports'}",
        *args,
        cwd=folder,
        env=env,
        timeout=600,
    )


def test_ndc_tests_pass_on_a_meter_that_starts_with_credit(tmp_path):
    """The disablement threshold is set above the balance the device reports, whatever it is."""
    adapter = RICH_START.replace("CREDIT", "4000")  # £40, above the old fixed £5 threshold
    done = run_conformance(
        tmp_path,
        adapter,
        "--clause=18.5(ee)",
        "--clause=18.5(gg)",
        "--clause=18.5(hh)",
        "--device-model=EX-ESME-1",
        "--device-model=EX-GSME-1",
        "--allow-missing-clauses",
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 FAIL, 0 ERROR, 0 INCONCLUSIVE, 6 PASS" in done.stdout, done.stdout[-3000:]


def test_a_log_answered_by_a_device_that_cannot_be_reset_is_inconclusive(tmp_path):
    """Without a reset the device may have met the precondition earlier: no FAIL on that."""
    adapter = fake_adapter(firmware="04020B00")  # answers I0 to everything; no reset
    done = run_conformance(
        tmp_path,
        adapter,
        "--clause=18.17(i)",
        "--clause=18.18(g)",
        "--clause=18.19(a)",
        "--device-model=EX-ESME-1",
        "--allow-missing-clauses",
    )
    assert "0 FAIL, 0 ERROR, 3 INCONCLUSIVE" in done.stdout, done.stdout[-3000:]
    assert done.stdout.count("the DUT cannot be reset") == 3, done.stdout[-3000:]
