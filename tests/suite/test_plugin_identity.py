"""Declared against observed: a device that is not the DMVES's Device Model ends in ERROR."""

from __future__ import annotations

from tests.suite.adapters import fake_adapter
from tests.suite.conftest import verdicts_of

pytest_plugins = ["pytester"]

TEST = """
import pytest
from s1sr.models import ReadFirmwareVersionRequest

@pytest.mark.clause("18.64(a)", "18.65(c)")
def test_any(case):
    case.exchange(ReadFirmwareVersionRequest())
"""


def test_a_wrong_firmware_version_errors_every_test_of_the_model_naming_both(pytester, run_suite):
    pytester.makepyfile(adapter_fw=fake_adapter(firmware="02030200"))
    pytester.makepyfile(TEST)
    result = run_suite("--device-model", "EX-PPMID-1", "--dut", "python:adapter_fw:factory")
    assert result.ret == 1
    assert set(verdicts_of(pytester.path).values()) == {"ERROR"}
    text = result.stdout.str()
    assert "declares firmware 2.3.1 (11.2 reports it as 02030100)" in text
    assert "the device reports 02030200" in text


def test_a_wrong_device_type_errors_naming_both(pytester, run_suite):
    pytester.makepyfile(adapter_type=fake_adapter(type="IHD"))
    pytester.makepyfile(TEST)
    result = run_suite("--device-model", "EX-PPMID-1", "--dut", "python:adapter_type:factory")
    assert verdicts_of(pytester.path) == {
        "18.64(a)-EX-PPMID-1": "ERROR",
        "18.65(c)-EX-PPMID-1": "ERROR",
    }
    assert "declares device type PPMID, the DUT reports IHD" in result.stdout.str()


def test_the_emulator_reports_what_the_dmves_declares_for_every_model(pytester, run_suite):
    pytester.makepyfile(
        """
import pytest

@pytest.mark.clause("18.65(d)", "18.62(f)", "scope:ppmid-swap-out")
def test_identity_only(case):
    pass
"""
    )
    result = run_suite()
    assert result.ret == 0
    verdicts = verdicts_of(pytester.path)
    assert "ERROR" not in verdicts.values()
    applicable = {k for k, v in verdicts.items() if v != "NOT_APPLICABLE"}
    models = {key.split("-", 1)[1] for key in applicable}
    assert {"EX-ESME-1", "EX-GSME-3", "EX-CHF-2", "EX-PPMID-4"} <= models
