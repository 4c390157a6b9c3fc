"""Catch-up's fast lane (whole half hours walked inline) changes nothing a meter shows.

The same life lived twice, once as shipped and once with the lane switched off (every half
hour one ``_accrue`` and one ``_end_slot``), ends with the same registers, balance, debts and
logs: in credit and prepayment, with TOU and block rates, supply on and off, a billing
calendar's timed snapshots, a non-disablement window and time-based debt recovered by the
hour.
"""

from __future__ import annotations

from datetime import time
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from s1sr.emulator.meter.consumption import Timeline
from s1sr.models import (
    INDEFINITE,
    BillingCalendar,
    BillingCalendarBillingLogRequest,
    BillingPeriodicity,
    DailyReadLogRequest,
    DebtRecovery,
    DebtRecoveryCapPeriod,
    DebtRecoveryRateCap,
    DebtRecoveryRatePeriod,
    DeviceType,
    FineMoney,
    Money,
    NdcScript,
    PartialDate,
    PaymentMode,
    PrepaySettings,
    ProfileDataRequest,
    TopUpDeviceRequest,
    UpdateBillingCalendarRequest,
    UpdateDebtRequest,
    UpdatePaymentModeRequest,
    UpdatePrepayConfigurationRequest,
    utc,
)
from tests.emulator.meter.builders import block_tariff, drive, ndc, ndc_entry, utrn

START = utc(2024, 3, 28, 22, 47)  # the spring change three days on
EVER = (utc(2000, 1, 1), utc(2100, 1, 1))
CLAUSES = ["18.21(e)", "18.21(f)", "18.18(f)", "18.22(b)", "18.14(a)", "18.18(a)", "18.27(q)"]
CLAUSES += ["18.5(hh)"]
# supply kept on from 02:00 to 05:00 local whatever the balance
WINDOW = ndc(
    ndc_entry(PartialDate(2024, 3, 1), INDEFINITE, at=time(2)),
    ndc_entry(PartialDate(2024, 3, 1), INDEFINITE, script=NdcScript.STOP, at=time(5)),
)


def life(device_type, mode, block, steps):
    driver = drive(device_type, CLAUSES, start=START)
    if block:
        driver.ok(block_tariff(threshold_kwh=3))
    calendar = BillingCalendar(utc(2024, 3, 29, 5, 7), BillingPeriodicity.DAILY)
    driver.ok(UpdateBillingCalendarRequest(calendar))
    if mode != "credit":
        threshold = FineMoney(-(2**63)) if mode == "prepaid" else FineMoney(150_000)
        driver.ok(UpdatePaymentModeRequest(PaymentMode.PREPAYMENT, threshold))
        cap = DebtRecoveryRateCap(FineMoney(500_000), DebtRecoveryCapPeriod.HOURLY)
        calendar = WINDOW if mode == "threshold" else None
        settings = PrepaySettings(debt_recovery_rate_cap=cap, non_disablement_calendar=calendar)
        driver.ok(UpdatePrepayConfigurationRequest(settings))
        recovery = DebtRecovery(7, 0, DebtRecoveryRatePeriod.HOURLY)
        driver.ok(UpdateDebtRequest(Money(900), None, Money(0), 0, recovery))
    for counter, (seconds, pounds) in enumerate(steps, 1):
        driver.advance(seconds=seconds)
        if pounds and mode != "credit":
            driver.ok(TopUpDeviceRequest(utrn(counter, pounds)))
    meter = driver.meter
    return (
        driver.now,
        meter.import_register,
        meter.balance,
        meter.credit_totals,
        meter.debts,
        meter.supply_enabled,
        driver.ok(DailyReadLogRequest(*EVER)).entries,
        driver.ok(ProfileDataRequest(*EVER)).entries,
        driver.ok(BillingCalendarBillingLogRequest(*EVER)).entries,
    )


@given(
    device_type=st.sampled_from([DeviceType.ESME, DeviceType.GSME]),
    mode=st.sampled_from(["credit", "prepaid", "threshold"]),
    block=st.booleans(),
    steps=st.lists(
        st.tuples(st.integers(1, 3 * 86400), st.sampled_from([0, 0, 1, 3])),
        min_size=1,
        max_size=8,
    ),
)
def test_the_fast_lane_ends_where_the_slot_by_slot_walk_ends(device_type, mode, block, steps):
    fast = life(device_type, mode, block, steps)
    with mock.patch.object(Timeline, "_whole_slots", lambda self, now, timed: None):
        walked = life(device_type, mode, block, steps)
    assert fast == walked
