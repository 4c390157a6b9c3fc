"""The SRVs no clause gives a meter behaviour for get the meter's "not supported" refusal.

Neither the catalogue nor the domain notes say what a SMETS1 meter does with 6.15.1, 6.21,
6.23, 8.5 or 8.6 (split supply is the S1SP's per-meter supplier check, opt in/out is profile
data): the emulator answers E11 and nothing about the meter changes.
"""

from __future__ import annotations

import pytest

from s1sr.models import DeviceType, ProfileDataRequest, ResponseCode, utc
from s1sr.models.examples import REQUEST_EXAMPLES
from tests.emulator.meter.builders import drive

START = utc(2030, 1, 10)
UNSUPPORTED = [
    e for e in REQUEST_EXAMPLES if str(e.srv) in {"6.15.1", "6.21", "6.23", "8.5", "8.6"}
]


@pytest.mark.parametrize("device_type", [DeviceType.ESME, DeviceType.GSME])
@pytest.mark.parametrize("body", UNSUPPORTED, ids=lambda body: str(body.srv))
def test_refused_not_supported_and_nothing_changes(device_type, body):
    driver = drive(device_type, ["18.22(b)"], start=START)
    balance = driver.meter.balance
    outcome = driver.send(body)
    assert outcome.response.code is ResponseCode.E11
    assert outcome.response.body is None
    assert driver.meter.balance == balance
    assert driver.ok(ProfileDataRequest(START, START)) is not None  # still answers the rest
