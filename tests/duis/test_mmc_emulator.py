"""The emulator's read-log answers, as the S1SP would send them over DUIS, are valid MMC.

Issue 12's DUIS server sends what ``smets1_answer`` builds from the emulator's responses:
here every read log of a meter that has run for some days (tariff with blocks, billing
calendar, prepayment, a recovered debt) builds schema-valid and decodes to the same
``Response``. A gas meter without the kWh clauses logs block counters in m3, which MMC
cannot carry (docs/duis.md): that is refused, never written as kWh.
"""

from __future__ import annotations

import pytest
from lxml import etree

from s1sr.codecs.duis import CodecError
from s1sr.codecs.duis.response import decode_response
from s1sr.models import (
    BillingCalendar,
    BillingCalendarBillingLogRequest,
    BillingPeriodicity,
    ChangeOfModeBillingLogRequest,
    DailyReadLogRequest,
    DebtPaymentsBillingLogRequest,
    DeviceType,
    Money,
    PaymentMode,
    ProfileDataRequest,
    Response,
    ResponseCode,
    TopUpDeviceRequest,
    UpdateBillingCalendarRequest,
    UpdateDebtRequest,
    UpdatePaymentModeRequest,
    utc,
)
from tests.duis.mmc_documents import built_answer
from tests.emulator.meter.builders import METER_ID, block_tariff, drive, flat_gas, kilowatt, utrn

START = utc(2024, 1, 1)
KWH_CLAUSES = ["18.14(a)", "18.17(b)", "18.18(a)", "18.22(b)"]  # 18.22(b): profile data
READS = [
    ChangeOfModeBillingLogRequest(utc(2000, 1, 1), utc(2100, 1, 1)),
    BillingCalendarBillingLogRequest(utc(2000, 1, 1), utc(2100, 1, 1)),
    DebtPaymentsBillingLogRequest(utc(2000, 1, 1), utc(2100, 1, 1)),
    DailyReadLogRequest(utc(2024, 1, 20), utc(2024, 2, 5)),
    ProfileDataRequest(utc(2024, 2, 4), utc(2024, 2, 5)),
]


def _run(device_type: DeviceType, clauses: list[str]):
    load = flat_gas() if device_type is DeviceType.GSME else kilowatt()
    driver = drive(device_type, clauses, start=START, load_profile=load)
    driver.ok(UpdateBillingCalendarRequest(BillingCalendar(START, BillingPeriodicity.WEEKLY)))
    driver.advance(days=2).ok(block_tariff())
    driver.advance(days=3).ok(UpdatePaymentModeRequest(PaymentMode.PREPAYMENT))
    driver.ok(TopUpDeviceRequest(utrn(1, 50)))
    driver.ok(UpdateDebtRequest(payment_debt=Money(300), recovery_per_payment=1000))
    driver.advance(days=20).ok(TopUpDeviceRequest(utrn(2, 20)))
    driver.advance(days=10)
    return driver


def _answers(driver):
    for body in READS:
        yield Response(41, METER_ID, body.srv, ResponseCode.I0, driver.ok(body))


@pytest.mark.parametrize("device_type", [DeviceType.ESME, DeviceType.GSME], ids=str)
def test_the_emulators_read_logs_are_schema_valid_mmc(schema, device_type):
    driver = _run(device_type, KWH_CLAUSES)
    seen = set()
    for response in _answers(driver):
        data = built_answer(response)
        schema.check(etree.fromstring(data))
        assert decode_response(data, schema).to_model() == response
        if response.body.entries:
            seen.add(str(response.srv))
    assert seen == {str(body.srv) for body in READS}  # every log held entries


def test_a_gas_meter_logging_block_counters_in_m3_has_no_mmc_answer():
    driver = _run(DeviceType.GSME, [])
    change_log = next(_answers(driver))
    assert any(c.unit == "m3" for e in change_log.body.entries for c in e.block_counters)
    with pytest.raises(CodecError, match="kWh"):
        built_answer(change_log)
