"""Devices the gas-log families must not FAIL: allowed variants (a fast, narrow check beside
the whole-suite run ``s1sr sensitivity`` makes of every variant), and missing evidence,
which ends INCONCLUSIVE."""

from __future__ import annotations

from tests.prewarmed import runpytest_subprocess
from tests.suite.conftest import DMVES_FILE, REPO, verdicts_of

pytest_plugins = ["pytester"]


def run_family(pytester, module: str, variant: str, *models: str) -> dict[str, str]:
    result = runpytest_subprocess(
        pytester,
        str(REPO / "conformance" / module),
        "-p",
        "no:cacheprovider",
        f"--rootdir={REPO}",
        f"--dmves={DMVES_FILE}",
        f"--variant={variant}",
        *(f"--device-model={model}" for model in models),
        f"--report-dir={pytester.path / 'reports'}",
    )
    verdicts = verdicts_of(pytester.path)
    assert verdicts, result.stdout.str()
    return verdicts


def test_gas_profile_data_in_kwh_does_not_fail_the_snapshot_clauses(pytester):
    """Nothing says a gas meter reports 4.8.1 in m3: in kWh, the snapshot judge measures the
    part of a day it needs through the device's own conversion, never reads it as zero."""
    models = ("EX-GSME-1", "EX-GSME-2")
    verdicts = run_family(pytester, "test_snapshot_reset.py", "gas-profile-in-kwh", *models)
    judged = {pair: v for pair, v in verdicts.items() if v != "NOT_APPLICABLE"}
    assert set(judged) == {f"{c}-{m}" for c in ("18.18(f)", "18.21(e)") for m in models}
    assert set(judged.values()) <= {"PASS", "INCONCLUSIVE"}, judged


ADAPTER = """
from s1sr.dmves import load_dmves
from s1sr.dut.emulator import EmulatorDut


def factory(model):
    dmves = load_dmves()
    return EmulatorDut(dmves, dmves.model(model.id), overrides={overrides!r})
"""


def test_without_profile_data_the_bst_snapshots_end_inconclusive_not_pass(pytester, monkeypatch):
    """In BST only the profile tells 23 hours of use from 24: with 4.8.1 refused, the
    snapshot clauses cannot be judged there and must say so (never a PASS on a bound)."""
    monkeypatch.setenv("S1SR_DMVES", str(DMVES_FILE))
    pytester.makepyfile(no_profile=ADAPTER.format(overrides={"profile_access": "refused"}))
    result = runpytest_subprocess(
        pytester,
        str(REPO / "conformance" / "test_snapshot_reset.py"),
        "-p",
        "no:cacheprovider",
        f"--rootdir={REPO}",
        "--dut=python:no_profile:factory",
        "--device-model=EX-GSME-2",
        f"--report-dir={pytester.path / 'reports'}",
    )
    verdicts = verdicts_of(pytester.path)
    assert verdicts["18.21(e)-EX-GSME-2"] == "INCONCLUSIVE", result.stdout.str()
    assert verdicts["18.18(f)-EX-GSME-2"] == "INCONCLUSIVE", result.stdout.str()


def test_an_i99_acknowledgement_is_not_the_failure_18_65d_asks_for(pytester):
    """An S1SP that acknowledges every request with I99 still has its firmware faults found:
    the acknowledgement is not an answer, so it can neither pass nor fail a check."""
    result = runpytest_subprocess(
        pytester,
        str(REPO / "conformance" / "test_firmware.py"),
        "-p",
        "no:cacheprovider",
        f"--rootdir={REPO}",
        f"--dmves={DMVES_FILE}",
        "--variant=acknowledges-with-i99",
        "--fault=first-upgrade-stopped-silently",
        "--clause=18.65(d)",
        "--device-model=EX-ESME-1",
        f"--report-dir={pytester.path / 'reports'}",
    )
    assert verdicts_of(pytester.path) == {"18.65(d)-EX-ESME-1": "FAIL"}, result.stdout.str()
