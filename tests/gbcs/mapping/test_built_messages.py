"""Messages of the mapped use cases that are not in the RTDS folder: always run.

Each case builds a message from scratch with the project's encoder, checks its model,
then changes the model (values, entry counts, dates) and writes it back over the built
message with ``from_model``: the bytes must decode to exactly the changed model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import time

import pytest

from s1sr.codecs.gbcs import GbcsMessage, decode_gbcs, encode_gbcs
from s1sr.codecs.gbcs.mapping import from_model, to_model
from s1sr.codecs.gbcs.mapping.values import CANCEL
from s1sr.models import (
    INDEFINITE,
    NO_LIMIT,
    SRV,
    Alert,
    BillingCalendar,
    BillingPeriodicity,
    BlockTariff,
    DayProfile,
    DebtPayment,
    DebtRecovery,
    DebtRecoveryCapPeriod,
    DebtRecoveryRateCap,
    DebtRecoveryRatePeriod,
    Energy,
    FineMoney,
    FirmwareVersion,
    Money,
    NdcScheduleEntry,
    NdcScript,
    NonDisablementCalendar,
    PartialDate,
    PaymentMode,
    RateKind,
    Request,
    Response,
    ResponseCode,
    Season,
    SpecialDay,
    SwitchTime,
    Utrn,
    Weekday,
    utc,
)
from tests.gbcs.mapping import builders as b

UTRN_A = "73943333457189043313"  # public vectors (domain-notes section 5)
UTRN_B = "73947252416745201637"
T0, T1 = utc(2024, 11, 1), utc(2024, 11, 3, 12)


def round_trip(message: GbcsMessage) -> GbcsMessage:
    return decode_gbcs(encode_gbcs(message))


def comparable(model: Request | Response | Alert) -> Request | Response | Alert:
    """An alert's detail is derived text that ``from_model`` does not read back."""
    return replace(model, detail="") if isinstance(model, Alert) else model


def body(**changes: object) -> Callable[[Request | Response], Request | Response]:
    return lambda model: replace(model, body=replace(model.body, **changes))


NEW_NDC = NonDisablementCalendar(
    special_days=(PartialDate(None, 12, 25), PartialDate(None, 12, 26), PartialDate(2026, 4, 3)),
    schedule=(
        NdcScheduleEntry(
            NdcScript.START,
            time(21, 15, 30),
            PartialDate(None, 11, 1),
            INDEFINITE,
            (Weekday.FRIDAY,),
        ),
        NdcScheduleEntry(
            NdcScript.STOP, time(6), PartialDate(None, 11, 1), INDEFINITE, (), (1, 2, 3)
        ),
    ),
)

CASES: dict[str, tuple[Callable[[], GbcsMessage], Callable]] = {
    "CS01a new UTRN": (lambda: b.cs01a(UTRN_A), body(utrn=Utrn.parse(UTRN_B))),
    "CS01b new UTRN": (lambda: b.cs01b(UTRN_A), body(utrn=Utrn.parse(UTRN_B))),
    "CS01b response values": (
        lambda: b.cs01b_response(0, 1000000, 2500000),
        body(credit_applied=Money(2000), meter_balance=Money(-150)),
    ),
    "CS01b response refused": (
        lambda: b.cs01b_response(0, 1000000, 2500000),
        lambda m: replace(m, code=ResponseCode.E12, body=None),
    ),
    "ECS07 debts and rates": (
        b.ecs07,
        body(
            time_debt_1=Money(1234),
            payment_debt=Money(0),
            recovery_1=DebtRecovery(25, 0, DebtRecoveryRatePeriod.HOURLY),
            recovery_per_payment=2500,
        ),
    ),
    "GCS04 debts and rates": (
        b.gcs04,
        body(
            time_debt_2=Money(77),
            recovery_1=DebtRecovery(120000, -3, DebtRecoveryRatePeriod.HOURLY),
            recovery_per_payment=5000,
        ),
    ),
    "ECS08 settings, NDC counts, future date": (
        b.ecs08,
        lambda m: replace(
            m,
            body=replace(
                m.body,
                execute_at=utc(2031, 6, 1, 12, 30),
                settings=replace(
                    m.body.settings,
                    emergency_credit_limit=Money(750),
                    debt_recovery_rate_cap=DebtRecoveryRateCap(
                        FineMoney(40_005), DebtRecoveryCapPeriod.WEEKLY
                    ),
                    non_disablement_calendar=NEW_NDC,
                ),
            ),
        ),
    ),
    "ECS08 cancelled": (b.ecs08, body(execute_at=CANCEL)),
    "ECS02 future date": (lambda: b.payment_mode("ECS02", 1), body(execute_at=utc(2030, 1, 1))),
    "ECS03 threshold and cancel": (
        lambda: b.payment_mode("ECS03", 2, threshold_milli=500000),
        body(disablement_threshold=FineMoney(-250_005), execute_at=CANCEL),
    ),
    "GCS02 to prepayment": (
        lambda: b.change_payment_mode("GCS02", 0x0C94, -1, T0),
        body(
            mode=PaymentMode.PREPAYMENT, disablement_threshold=FineMoney(100_001), execute_at=None
        ),
    ),
    "ECS20b period": (
        lambda: b.protected_read("ECS20b", ("0-0:98.1.2.255",), T0, T1),
        body(start=utc(2023, 1, 1), end=utc(2023, 12, 31, 23, 59, 59)),
    ),
    "ECS20c two profiles": (
        lambda: b.protected_read("ECS20c", ("0-0:98.1.0.255", "0-0:98.1.1.255"), T0, T1),
        body(start=utc(2025, 2, 1), end=utc(2025, 3, 1)),
    ),
    "ECS21a period": (
        lambda: b.protected_read("ECS21a", ("0-0:98.2.1.255",), T0, T1),
        body(start=utc(2024, 3, 30, 23), end=utc(2024, 3, 31, 23)),
    ),
    "ECS22b period": (
        lambda: b.protected_read("ECS22b", ("0-0:99.1.0.255",), T0, T1),
        body(end=T0),
    ),
    "ECS20a period": (lambda: b.ecs20a(100, 200), body(start=T0, end=T1)),
    "ECS20a more rows": (
        lambda: b.ecs20a_response([(100, 5000), (200, 7000)]),
        body(
            entries=(
                DebtPayment(utc(2024, 1, 1), FineMoney(5)),
                DebtPayment(utc(2024, 1, 2), FineMoney(0)),
                DebtPayment(utc(2024, 1, 3), FineMoney(12_345_678)),
            )
        ),
    ),
    "ECS20a no rows": (lambda: b.ecs20a_response([(100, 5000)]), body(entries=())),
    "GCS15b period": (
        lambda: b.snapshots("GCS15b", [0x0705, 0x0702], 0x6008, T0, T1),
        body(start=utc(2020, 1, 1), end=utc(2021, 1, 1)),
    ),
    "GCS15c period": (
        lambda: b.snapshots("GCS15c", [0x0702, 0x0705], 0x0002, T0, T1),
        body(end=utc(2030, 1, 1)),
    ),
    "GCS16a period": (
        lambda: b.snapshots("GCS16a", [0x0702], 0x0001, T0, T1),
        body(start=T1),
    ),
    "GCS15d period": (lambda: b.gcs15d(T0, T1), body(start=utc(2024, 6, 1), end=utc(2024, 7, 1))),
    "GCS17 period": (lambda: b.gcs17(T0, 97), body(end=utc(2024, 11, 1, 0, 30))),
    "ECS30 monthly to quarterly": (
        lambda: b.ecs30([(bytes([12, 0, 0, 0]), b.dlms_date(None, 0xFF, 1))]),
        body(calendar=BillingCalendar(utc(2000, 2, 15, 6), BillingPeriodicity.QUARTERLY)),
    ),
    "ECS30 to weekly": (
        lambda: b.ecs30([(bytes([12, 0, 0, 0]), b.dlms_date(None, 0xFF, 1))]),
        body(calendar=BillingCalendar(utc(2000, 1, 7, 23, 30), BillingPeriodicity.WEEKLY)),
    ),
    "ECS30a to six-monthly": (
        lambda: b.ecs30([(bytes(4), b.dlms_date(None, 0xFF, 0xFF))], "ECS30a"),
        body(calendar=BillingCalendar(utc(2000, 3, 31), BillingPeriodicity.SIX_MONTHLY)),
    ),
    "ECS30a to annually": (
        lambda: b.ecs30([(bytes(4), b.dlms_date(None, 0xFF, 0xFF))], "ECS30a"),
        body(calendar=BillingCalendar(utc(2000, 2, 29), BillingPeriodicity.ANNUALLY)),
    ),
    "GCS25 to daily": (
        lambda: b.gcs25(T0, 1),
        body(calendar=BillingCalendar(utc(2026, 4, 1), BillingPeriodicity.DAILY)),
    ),
    "GCS25a to annually": (
        lambda: b.gcs25(T0, 3, use_case="GCS25a"),
        body(calendar=BillingCalendar(utc(2026, 4, 1), BillingPeriodicity.ANNUALLY)),
    ),
    "ECS52 version": (
        lambda: b.ecs52_response(b"\x01\x02\x03\x04"),
        body(version=FirmwareVersion(0xDEADBEEF)),
    ),
    "GCS38 version": (
        lambda: b.gcs38_response(b"\x01\x02\x03\x04"),
        body(version=FirmwareVersion(7)),
    ),
    "CS08 version": (
        lambda: b.cs08_response(b"\x01\x02\x03\x04", 0),
        body(version=FirmwareVersion(0x00010002)),
    ),
    "CS08 refused": (
        lambda: b.cs08_response(b"\x01\x02\x03\x04", 0),
        lambda m: replace(m, code=ResponseCode.E12, body=None),
    ),
    "CS06 immediate to future": (
        lambda: b.cs06(bytes(range(32)), None),
        body(execute_at=utc(2031, 1, 1, 1, 1, 1)),
    ),
    "CS06 future to cancelled": (
        lambda: b.cs06(bytes(range(32)), "20300115090000Z"),
        body(execute_at=CANCEL, firmware_hash=bytes(32)),
    ),
    "CS06 future to immediate": (
        lambda: b.cs06(bytes(range(32)), "20300115090000Z"),
        body(execute_at=None),
    ),
    "CS06 response version": (
        lambda: b.cs06_response(0),
        body(version=FirmwareVersion(99)),
    ),
    "CS06 response refused": (
        lambda: b.cs06_response(0),
        lambda m: replace(m, code=ResponseCode.E12, body=None),
    ),
    "ECS07 response refused": (
        lambda: b.response("ECS07", b.dlms_response(0x1001, [b.AccessKind.SET] * 3)),
        lambda m: replace(m, code=ResponseCode.E12),
    ),
    "GCS04 response accepted": (
        lambda: b.default_responses("GCS04", [(0x0705, 2, 0), (0x0705, 2, 0xC0)]),
        lambda m: replace(m, code=ResponseCode.I0),
    ),
    "GCS17 not found to refused": (
        lambda: b.default_responses("GCS17", [(0x0702, 8, 0x8B)]),
        lambda m: replace(m, code=ResponseCode.E12, body=None),
    ),
    "DLMS alert": (
        lambda: b.dlms_future_dated_alert(0x8F66, T0, "ECS08", 0x1001),
        lambda m: replace(m, code="GBCS8F67", raised_at=T1, request_id=0x4242),
    ),
    "GBZ alert": (
        lambda: b.gbz_future_dated_alert(0x8F66, T0, "GCS02", 0x1001),
        lambda m: replace(m, raised_at=utc(2099, 12, 31, 23, 59, 59), request_id=1),
    ),
    "CS06 alert": (
        lambda: b.cs06_alert(0x8F67, "20300101000000Z", 0x1001, 2),
        lambda m: replace(m, code="GBCS8F66", raised_at=T0, request_id=5),
    ),
    "ECS01a prices, seasons, special days, future date": (
        b.ecs01a,
        lambda m: replace(
            m,
            body=replace(
                m.body,
                tou_prices=(1, -2, 30000, 4),
                blocks=(
                    BlockTariff((Energy.kwh(7), Energy.kwh(9)), (10, 20, 30)),
                    BlockTariff((NO_LIMIT,), (-5, 6)),
                ),
                seasons=(Season("spring", PartialDate(None, 3, 1), 2),),
                special_days=(
                    SpecialDay(PartialDate(None, 12, 25), 3),
                    SpecialDay(PartialDate(2026, 1, 1), 3),
                ),
                price_scale=-4,
                standing_charge=-12,
                standing_charge_scale=0,
                execute_at=utc(2030, 3, 1),
            ),
        ),
    ),
    "ECS01a switch times and rates": (
        b.ecs01a,
        lambda m: replace(
            m,
            body=replace(
                m.body,
                day_profiles=(
                    DayProfile(1, (SwitchTime(time(0), RateKind.TOU, 4),)),
                    DayProfile(
                        2,
                        (
                            SwitchTime(time(0), RateKind.BLOCK, 2),
                            SwitchTime(time(5, 30, 15), RateKind.BLOCK, 1),
                            SwitchTime(time(23, 59), RateKind.TOU, 1),
                        ),
                    ),
                    DayProfile(3, (SwitchTime(time(0), RateKind.TOU, 2),)),
                ),
            ),
        ),
    ),
    "GCS01a TOU prices and calendar": (
        lambda: b.gcs01a(False),
        lambda m: replace(
            m,
            body=replace(
                m.body,
                tou_prices=(1, 2),
                seasons=(Season("", PartialDate(None, 4, 1), 1),),
                special_days=(),
                standing_charge=1,
                price_scale=-5,
                standing_charge_scale=-5,
                execute_at=CANCEL,
            ),
        ),
    ),
    "GCS01a block thresholds and prices": (
        lambda: b.gcs01a(True, T0),
        lambda m: replace(
            m,
            body=replace(
                m.body,
                blocks=(BlockTariff((Energy.kwh(100), Energy.kwh(200)), (1, 2, 3)),),
                execute_at=None,
            ),
        ),
    ),
    "envelope ids": (
        b.ecs07,
        lambda m: replace(m, request_id=(1 << 64) - 1, user_id=b.GSME, target=b.SUPPLIER),
    ),
}


@pytest.mark.parametrize("change_name", sorted(CASES))
def test_a_changed_model_writes_back_and_reads_the_same(change_name):
    build, change = CASES[change_name]
    template = round_trip(build())
    model = to_model(template)
    assert from_model(model, template) == template
    changed = change(model)
    assert changed != model
    rebuilt = round_trip(from_model(changed, template))
    assert comparable(to_model(rebuilt)) == comparable(changed)
    assert rebuilt.signature == template.signature and rebuilt.mac == template.mac


def test_built_models_carry_the_built_values():
    request = to_model(round_trip(b.ecs07(debts_milli=(5000, 0, 2000000), periods=(3600, 86400))))
    assert isinstance(request, Request) and request.srv is SRV.UPDATE_DEBT
    assert (request.body.time_debt_1, request.body.payment_debt) == (Money(5), Money(2000))
    assert request.body.recovery_1.period is DebtRecoveryRatePeriod.HOURLY
    prepay = to_model(round_trip(b.ecs08(execute=b.stamp(utc(2030, 2, 1))))).body
    assert prepay.execute_at == utc(2030, 2, 1)
    ndc = prepay.settings.non_disablement_calendar
    assert ndc.special_days == (PartialDate(None, 12, 25), PartialDate(2025, 4, 18))
    assert ndc.schedule[2].special_days == (1, 2) and ndc.schedule[2].end == INDEFINITE
    assert prepay.settings.debt_recovery_rate_cap == DebtRecoveryRateCap(
        FineMoney(100_000), DebtRecoveryCapPeriod.DAILY
    )
    gas = to_model(round_trip(b.gcs05(T0))).body
    assert gas.execute_at == T0 and gas.settings.max_meter_balance == Money(20000)
    assert len(gas.settings.non_disablement_calendar.schedule) == 12


def test_gbz_calendar_rebuilds_in_the_templates_layout():
    template = round_trip(b.gcs05(T0))
    model = to_model(template)
    ndc = model.body.settings.non_disablement_calendar
    later = tuple(
        replace(e, switch_time=time(e.switch_time.hour, 45)) if e.script is NdcScript.STOP else e
        for e in ndc.schedule
    )
    changed = replace(
        model,
        body=replace(
            model.body,
            settings=replace(
                model.body.settings,
                non_disablement_calendar=replace(ndc, schedule=later),
            ),
        ),
    )
    rebuilt = round_trip(from_model(changed, template))
    assert to_model(rebuilt) == changed
    again = to_model(rebuilt).body.settings.non_disablement_calendar
    stops = [e.switch_time for e in again.schedule if e.script is NdcScript.STOP]
    assert stops == [time(8, 45), time(7, 45), time(8, 45)]  # two seasons, one special day


def test_gas_recovery_rates_are_written_by_value():
    template = round_trip(b.gcs04())
    model = to_model(template)
    tens = replace(model.body, recovery_1=DebtRecovery(12, 1, DebtRecoveryRatePeriod.HOURLY))
    millipence = replace(tens, recovery_1=DebtRecovery(120000, -3, DebtRecoveryRatePeriod.HOURLY))
    as_tens = encode_gbcs(from_model(replace(model, body=tens), template))
    assert as_tens == encode_gbcs(from_model(replace(model, body=millipence), template))
    assert to_model(decode_gbcs(as_tens)).body.recovery_1.pence_per_period == 120


def test_alerts_say_which_command_they_report_on():
    alert = to_model(round_trip(b.gbz_future_dated_alert(0x8F66, T0, "GCS02", 0x77)))
    assert isinstance(alert, Alert)
    assert (alert.srv, alert.request_id, alert.target) == (SRV.UPDATE_PAYMENT_MODE, 0x77, b.GSME)
    assert alert.detail.startswith("future-dated command executed")
