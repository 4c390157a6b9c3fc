"""Catch-up's fast lane changes nothing a meter shows.

The same life is lived three ways: as shipped (the lane takes whole runs of half hours at
once), with the lane walking half hour by half hour (``_slot_by_slot``, the lane before runs)
and with no lane at all (every half hour one ``_accrue`` and one ``_end_slot``). All three
end with the same registers, balance, debts, supply state and logs: in credit and
prepayment, with TOU and block rates changing within the day, prices that fall (negative),
supply on and off with and without a non-disablement window, a balance crossing the
threshold mid-run, a billing calendar's timed snapshots, time-based debt recovered by the
hour or the day, and profile data logged as kWh or (a fault) as the cumulative register;
with a UTC day (counters reset and a daily log record opened at 00:00 UTC, where the lane
stops) and without one (the lane walks over 00:00 UTC).
"""

from __future__ import annotations

from datetime import time
from unittest import mock

from hypothesis import example, given
from hypothesis import strategies as st

from s1sr.emulator.load_profile import DailyShapeProfile
from s1sr.emulator.meter.consumption import Timeline
from s1sr.models import (
    INDEFINITE,
    BillingCalendar,
    BillingCalendarBillingLogRequest,
    BillingPeriodicity,
    BlockTariff,
    DailyReadLogRequest,
    DayProfile,
    DebtRecovery,
    DebtRecoveryCapPeriod,
    DebtRecoveryRateCap,
    DebtRecoveryRatePeriod,
    DeviceType,
    Energy,
    FineMoney,
    Money,
    NdcScript,
    PartialDate,
    PaymentMode,
    PrepaySettings,
    ProfileDataRequest,
    RateKind,
    Season,
    SwitchTime,
    TopUpDeviceRequest,
    UpdateBillingCalendarRequest,
    UpdateDebtRequest,
    UpdateImportTariffRequest,
    UpdatePaymentModeRequest,
    UpdatePrepayConfigurationRequest,
    WeekProfile,
    utc,
)
from tests.emulator.meter.builders import block_tariff, drive, ndc, ndc_entry, utrn

START = utc(2024, 3, 28, 22, 47)  # the spring change three days on
EVER = (utc(2000, 1, 1), utc(2100, 1, 1))
UTC_DAY = ["18.21(e)", "18.21(f)", "18.18(f)"]  # what happens at 00:00 UTC
CLAUSES = ["18.22(b)", "18.14(a)", "18.18(a)", "18.27(q)", "18.5(hh)"]
# supply kept on from 02:00 to 04:30 local whatever the balance
WINDOW = ndc(
    ndc_entry(PartialDate(2024, 3, 1), INDEFINITE, at=time(2)),
    ndc_entry(PartialDate(2024, 3, 1), INDEFINITE, script=NdcScript.STOP, at=time(4, 30)),
)
MODES = ["credit", "prepaid", "threshold", "threshold-no-ndc", "recovering", "recovering-daily"]
PROFILE_LOGS = [{}, {"profile_cumulative": True}, {"profile_in_kwh": True}]
PROFILE_LOGS += [{"profile_in_kwh": True, "profile_cumulative": True}]
DAYS = [(3 * 86400, 0)] * 2
GAS, ELECTRICITY = DeviceType.GSME, DeviceType.ESME


def mixed_tariff(falling: bool) -> UpdateImportTariffRequest:
    """Rates changing within the day: TOU 1 at night, TOU 2 by day, block 1 in the evening
    (two bands, its limit met within days), TOU 1 again from 21:30; weekends all TOU 2.
    Falling, the night rate and the block's second band are negative: in the evening the
    balance falls, then rises again within one block stretch."""
    weekday = DayProfile(
        1,
        (
            SwitchTime(time(0), RateKind.TOU, 1),
            SwitchTime(time(7), RateKind.TOU, 2),
            SwitchTime(time(16), RateKind.BLOCK, 1),
            SwitchTime(time(21, 30), RateKind.TOU, 1),
        ),
    )
    weekend = DayProfile(2, (SwitchTime(time(0), RateKind.TOU, 2),))
    return UpdateImportTariffRequest(
        seasons=(Season("all", PartialDate.every_year(1, 1), 1),),
        week_profiles=(WeekProfile(1, (1, 1, 1, 1, 1, 2, 2)),),
        day_profiles=(weekday, weekend),
        special_days=(),
        tou_prices=(-7 if falling else 12, 31),
        blocks=(
            BlockTariff((Energy.kwh(1 if falling else 5),), (90, -90) if falling else (17, 9)),
        ),
        price_scale=0,
        standing_charge=41,
        standing_charge_scale=0,
    )


def life(device_type, mode, tariff, profile_log, shape, steps, utc_day=True):
    gas = device_type is DeviceType.GSME
    load = None
    if shape is not None:
        unit = Energy.m3 if gas else Energy.kwh
        load = DailyShapeProfile(unit("3.7"), shape, weekend_daily=unit("5.3"))
    overrides = profile_log if gas or "profile_in_kwh" not in profile_log else {}
    clauses = CLAUSES + UTC_DAY if utc_day else CLAUSES
    driver = drive(device_type, clauses, start=START, overrides=overrides, load_profile=load)
    if tariff == "block":
        driver.ok(block_tariff(threshold_kwh=3))
    elif tariff != "flat":
        driver.ok(mixed_tariff(tariff == "falling"))
    calendar = BillingCalendar(utc(2024, 3, 29, 5, 7), BillingPeriodicity.DAILY)
    driver.ok(UpdateBillingCalendarRequest(calendar))
    if mode != "credit":
        threshold = FineMoney(-(2**63)) if mode == "prepaid" else FineMoney(150_000)
        driver.ok(UpdatePaymentModeRequest(PaymentMode.PREPAYMENT, threshold))
        daily = mode.endswith("daily")
        cap_period = DebtRecoveryCapPeriod.DAILY if daily else DebtRecoveryCapPeriod.HOURLY
        cap = DebtRecoveryRateCap(FineMoney(500_000), cap_period)
        calendar = WINDOW if mode in ("threshold", "recovering", "recovering-daily") else None
        settings = PrepaySettings(debt_recovery_rate_cap=cap, non_disablement_calendar=calendar)
        driver.ok(UpdatePrepayConfigurationRequest(settings))
        rate = 7 if mode.startswith("recovering") else 0
        period = DebtRecoveryRatePeriod.DAILY if daily else DebtRecoveryRatePeriod.HOURLY
        recovery = DebtRecovery(rate, 0, period)
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
        meter.timeline.slot_milli,
        meter.timeline.next_utc_midnight,
        driver.ok(DailyReadLogRequest(*EVER)).entries,
        driver.ok(ProfileDataRequest(*EVER)).entries,
        driver.ok(BillingCalendarBillingLogRequest(*EVER)).entries,
    )


@given(
    device_type=st.sampled_from([DeviceType.ESME, DeviceType.GSME]),
    mode=st.sampled_from(MODES),
    tariff=st.sampled_from(["flat", "block", "mixed", "falling"]),
    profile_log=st.sampled_from(PROFILE_LOGS),
    shape=st.none() | st.lists(st.integers(0, 9), min_size=48, max_size=48).filter(any),
    steps=st.lists(
        st.tuples(
            st.integers(1, 5400) | st.integers(1, 3 * 86400), st.sampled_from([0, 0, 1, 3, 20])
        ),
        min_size=1,
        max_size=12,
    ),
    utc_day=st.booleans(),
)
# each way the runs can go wrong, every time (the drawn examples may miss one)
@example(ELECTRICITY, "credit", "mixed", {}, None, DAYS, True)  # rates change within the day
@example(ELECTRICITY, "threshold", "mixed", {}, None, [(60, 3), *DAYS], True)  # crosses on TOU
@example(GAS, "threshold-no-ndc", "block", {}, None, [(60, 3), *DAYS], True)  # crosses in a block
@example(ELECTRICITY, "threshold", "flat", {}, None, DAYS, True)  # on for the window, then off
@example(ELECTRICITY, "threshold", "falling", {}, None, [(60, 3), *DAYS], True)  # dips, then rises
@example(ELECTRICITY, "threshold-no-ndc", "flat", {}, None, [(60, 3)] + [(2000, 0)] * 40, True)
@example(GAS, "recovering", "flat", {}, None, [(60, 20), *DAYS], True)  # debt recovered hourly
# debt recovered at 00:00 UTC
@example(ELECTRICITY, "recovering-daily", "mixed", {}, None, [(60, 20), *DAYS], True)
@example(GAS, "credit", "flat", PROFILE_LOGS[3], [0, 1, 5] * 16, DAYS, True)  # kWh of the register
# no UTC day: the lane walks over 00:00 UTC (an hour into the local day in BST), in runs,
# one by one, and stopping there anyway for time-based debt recovered by the day
@example(GAS, "credit", "mixed", {}, None, DAYS, False)
@example(ELECTRICITY, "threshold", "falling", {}, None, [(60, 3), *DAYS], False)
@example(GAS, "recovering", "flat", {}, None, [(60, 20), *DAYS], False)
@example(ELECTRICITY, "recovering-daily", "mixed", {}, None, [(60, 20), *DAYS], False)
@example(ELECTRICITY, "credit", "block", {}, None, [(3600, 0)] * 80, False)
def test_the_fast_lane_ends_where_the_slot_by_slot_walk_ends(
    device_type, mode, tariff, profile_log, shape, steps, utc_day
):
    lived = (device_type, mode, tariff, profile_log, shape, steps, utc_day)
    shipped = life(*lived)
    with mock.patch.object(Timeline, "_whole_slots", Timeline._slot_by_slot):
        by_slot = life(*lived)
    with mock.patch.object(Timeline, "_whole_slots", lambda self, now, timed: None):
        walked = life(*lived)
    assert shipped == walked
    assert by_slot == walked


def test_a_walk_into_the_spring_change_stops_at_its_first_acting_utc_midnight():
    """In GMT 00:00 UTC is local midnight, whose work the lane does; in the 23-hour day
    that starts BST, the next 00:00 UTC falls an hour into the following local day: a
    lane that set out in GMT (no billing calendar to cut it) must stop there for the UTC
    day's resets and record."""

    def walk():
        driver = drive(GAS, CLAUSES + UTC_DAY, start=utc(2024, 3, 30, 12, 10))
        driver.ok(block_tariff(threshold_kwh=3))
        driver.advance(days=3)
        return (
            driver.ok(DailyReadLogRequest(*EVER)).entries,
            driver.ok(ProfileDataRequest(*EVER)).entries,
            driver.meter.timeline.next_utc_midnight,
        )

    shipped = walk()
    with mock.patch.object(Timeline, "_whole_slots", lambda self, now, timed: None):
        assert walk() == shipped
