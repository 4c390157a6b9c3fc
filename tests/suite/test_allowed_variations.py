"""Allowed variants must not FAIL the family their latitude concerns (a fast, narrow check
beside the whole-suite run ``s1sr sensitivity`` makes of every variant)."""

from __future__ import annotations

from tests.suite.conftest import DMVES_FILE, REPO, verdicts_of

pytest_plugins = ["pytester"]


def run_family(pytester, module: str, variant: str, *models: str) -> dict[str, str]:
    result = pytester.runpytest_subprocess(
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
