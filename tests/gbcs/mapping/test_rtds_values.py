"""Spot checks of meaningful values per use case, against bytes decoded by hand.

Each expected value was read off the hex of the named RTDS file (the comment shows the
octets); amounts on the wire are 1/1000 p. Skipped where the RTDS folder is absent.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import time

import pytest

from s1sr.codecs.gbcs import DerPayload, DlmsPayload, encode_gbcs
from s1sr.codecs.gbcs.mapping import dlms_access, from_model, ndc_dlms, to_model
from s1sr.codecs.gbcs.mapping.values import CANCEL
from s1sr.models import (
    EUI64,
    INDEFINITE,
    NO_LIMIT,
    SRV,
    BillingPeriodicity,
    DebtPayment,
    DebtRecovery,
    DebtRecoveryCapPeriod,
    DebtRecoveryRateCap,
    DebtRecoveryRatePeriod,
    Energy,
    FineMoney,
    FirmwareVersion,
    Money,
    NdcScript,
    PartialDate,
    PaymentMode,
    RateKind,
    ResponseCode,
    ValueClass,
    Weekday,
    utc,
)

SUPPLIER = EUI64.parse("90-B3-D5-1F-30-01-00-00")
ESME = EUI64.parse("00-DB-12-34-56-78-90-A0")
GSME = EUI64.parse("00-DB-12-34-56-78-90-A1")
WORKDAYS = (Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY)
WEEKEND = (Weekday.SATURDAY, Weekday.SUNDAY)


def test_cs01a_utrn_digits_amount_and_envelope(rtds_message):
    # 09 01 0000000500000000 | 08 90B3D51F30010000 | 08 00DB1234567890A0 ...
    # data: 09 14 "73948959061972833313"
    model = to_model(rtds_message("CS01a_2.2_ERROR_COMMAND"))
    assert (model.request_id, model.user_id, model.target) == (5 << 32, SUPPLIER, ESME)
    utrn = model.body.utrn
    assert utrn.digits == "73948959061972833313"
    assert (utrn.counter, utrn.value_class, utrn.value) == (5, ValueClass.POUNDS, 10)
    assert utrn.amount == Money(1000)


def test_cs01b_utrn_in_pennies(rtds_message):
    # ZCL Consumer Top Up: 00 (originating device) 14 "73950067887105178605"
    utrn = to_model(rtds_message("CS01b_2.2_SUCCESS_COMMAND")).body.utrn
    assert utrn.digits == "73950067887105178605"
    assert (utrn.value_class, utrn.amount) == (ValueClass.PENNIES, Money(1250))


def test_cs01a_refusal_is_e12(rtds_message):
    # access-response result: 03 (action) 01 (hardware fault)
    model = to_model(rtds_message("CS01a_2.2_ERROR_RESPONSE"))
    assert (model.code, model.body, model.target) == (ResponseCode.E12, None, ESME)


def test_ecs07_adjustments_rates_and_proportion(rtds_message):
    # unit_charge_passive {{0, -1}, ..., [{"", 3}]}, period 00015180 (86400 s),
    # proportion 03E8, update_total_amount_remaining 0000C350 / 00007530 / 00003A98
    body = to_model(rtds_message("ECS07_2.3_SUCCESS_COMMAND")).body
    assert (body.time_debt_1, body.time_debt_2, body.payment_debt) == (
        Money(30),
        Money(15),
        Money(50),
    )
    assert body.recovery_1 == DebtRecovery(3, 1, DebtRecoveryRatePeriod.DAILY)  # 30 p a day
    assert body.recovery_2 == DebtRecovery(15, 1, DebtRecoveryRatePeriod.DAILY)
    assert body.recovery_per_payment == 1000


def test_ecs07_error_response_reports_the_failed_actions(rtds_message):
    # results ... 03 00, 03 01, 03 FA
    assert to_model(rtds_message("ECS07_2.3_ERROR_RESPONSE")).code is ResponseCode.E12


def test_gcs04_change_debt_commands(rtds_message):
    # Change Debt (little-endian): amount 40420F00 type 01 frequency 01 recovery 50C30000;
    # 20A10700 type 03 frequency 00; 40420F00 type 05 method 01 percentage 6400
    body = to_model(rtds_message("GCS04_2.3_SUCCESS_COMMAND")).body
    assert (body.time_debt_1, body.time_debt_2, body.payment_debt) == (
        Money(1000),
        Money(500),
        Money(1000),
    )
    assert body.recovery_1 == DebtRecovery(50000, -3, DebtRecoveryRatePeriod.DAILY)
    assert body.recovery_2 == DebtRecovery(50000, -3, DebtRecoveryRatePeriod.HOURLY)
    assert body.recovery_per_payment == 100


def test_ecs08_ndc_special_days_and_schedule_entries(rtds_message):
    # special days: {1, FFFF071DFF, 1} ...; schedule entry 1: {1, TRUE, 00000A006AFF, 32,
    # 00000000, FFFF, 0000011b, 00000b, 07DE0A1BFF, 07DF031CFF}; entry 14: selector 33 at
    # 13000000, specdays 11001b, FFFF071AFF .. FFFF081FFF
    apdu = dlms_access.command_apdu(rtds_message("ECS08_2.1_FUTURE_DATED_SUCCESS_COMMAND"))
    ndc = ndc_dlms.read_ndc(apdu, "payload.non_disablement_calendar")
    assert ndc.special_days == (
        PartialDate(None, 7, 29),
        PartialDate(None, 8, 25),
        PartialDate(None, 9, 6),
        PartialDate(None, 10, 5),
        PartialDate(None, 8, 15),
    )
    assert len(ndc.schedule) == 16
    first = ndc.schedule[0]
    assert (first.script, first.switch_time, first.weekdays) == (NdcScript.START, time(0), WEEKEND)
    assert (first.start, first.end) == (PartialDate(2014, 10, 27), PartialDate(2015, 3, 28))
    assert ndc.schedule[4].switch_time == time(7, 30)
    assert ndc.schedule[4].weekdays == WORKDAYS
    fourteenth = ndc.schedule[13]
    assert (fourteenth.script, fourteenth.switch_time) == (NdcScript.STOP, time(19))
    assert (fourteenth.weekdays, fourteenth.special_days) == ((), (1, 2, 5))
    assert (fourteenth.start, fourteenth.end) == (
        PartialDate(None, 7, 26),
        PartialDate(None, 8, 31),
    )


@pytest.mark.parametrize(
    "name", ["ECS08_2.1_IMMEDIATE_SUCCESS_COMMAND", "ECS08a_2.1_IMMEDIATE_SUCCESS_COMMAND"]
)
def test_ecs08_cap_is_30_thousandths_of_a_penny_a_week(rtds_message, name):
    # debt recovery rate cap amount 12 001E (30 / 1000 p), period 05 00093A80 (604800 s)
    settings = to_model(rtds_message(name)).body.settings
    cap = DebtRecoveryRateCap(FineMoney(30), DebtRecoveryCapPeriod.WEEKLY)
    assert settings.debt_recovery_rate_cap == cap
    # the credit thresholds beside it are whole pence: 05 004C4B40, 05 000F4240
    assert (settings.max_meter_balance, settings.max_credit_threshold) == (
        Money(5000),
        Money(1000),
    )


def test_gcs05_settings_execution_and_friendly_credit_calendar(rtds_message):
    # Emergency Credit Setup (little-endian): start 90888138, limit 80969800, threshold A0860100
    body = to_model(rtds_message("GCS05_2.1_FUTURE_DATED_SUCCESS_COMMAND")).body
    s = body.settings
    assert body.execute_at == utc(2030, 1, 15, 9)
    assert (s.emergency_credit_limit, s.emergency_credit_threshold) == (Money(10000), Money(100))
    assert (s.low_credit_threshold, s.max_meter_balance, s.max_credit_threshold) == (
        Money(5000),
        Money(25000),
        Money(25000),
    )
    ndc = s.non_disablement_calendar
    assert ndc.special_days[2] == PartialDate(None, 1, 1)
    workday_off = ndc.schedule[1]  # day profile 1: (0, on) (480, off) (1080, on)
    assert (workday_off.script, workday_off.switch_time) == (NdcScript.STOP, time(8))
    assert workday_off.weekdays == WORKDAYS
    assert (workday_off.start, workday_off.end) == (
        PartialDate(2014, 10, 27),
        PartialDate(2015, 3, 28),
    )
    second_season = ndc.schedule[4]
    assert (second_season.start, second_season.end) == (PartialDate(2015, 3, 29), INDEFINITE)
    assert ndc.schedule[-1].special_days == (3,)


def test_gcs05_cancellation_is_the_never_instant(rtds_message):
    assert (
        to_model(rtds_message("GCS05_2.1_CANCELLATION_SUCCESS_COMMAND")).body.execute_at == CANCEL
    )


def test_log_read_periods(rtds_message):
    # ECS20a: from 06 1C2AA118 (472555800 s), to 06 1C374A80 (473385600 s) since 2000
    body = to_model(rtds_message("ECS20a_4.4.4_ERROR_COMMAND")).body
    assert (body.start, body.end) == (utc(2014, 12, 22, 9, 30), utc(2015, 1, 1))
    # ECS21a: 07DE0309FF000000008000FF .. 07DE030BFF000000008000FF
    body = to_model(rtds_message("ECS21a_4.6.1_SINGLE_SUCCESS_COMMAND")).body
    assert (body.start, body.end) == (utc(2014, 3, 9), utc(2014, 3, 11))
    # GCS17: earliest sample time 2014-12-30T00:00Z, 0x61 = 97 samples -> 96 half hours on
    body = to_model(rtds_message("GCS17_4.8.1_SUCCESS_COMMAND")).body
    assert (body.start, body.end) == (utc(2014, 12, 30), utc(2015, 1, 1))
    # GCS15d: GBZ from-date-time 1C0E6C00, ZCL latest end time 00F9351C (little-endian)
    body = to_model(rtds_message("GCS15d_4.4.4_ERROR_COMMAND")).body
    assert (body.start, body.end) == (utc(2014, 12, 1), utc(2014, 12, 31))


def test_encrypted_log_responses_are_outcomes_and_not_found_is_empty(rtds_message):
    success = to_model(rtds_message("ECS21a_4.6.1_SINGLE_SUCCESS_RESPONSE"))
    assert (success.code, success.body) == (ResponseCode.I0, None)
    empty = to_model(rtds_message("GCS15d_4.4.4_NOT_FOUND_RESPONSE"))  # default response 0A 8B
    assert (empty.code, empty.body.entries) == (ResponseCode.I0, ())
    assert to_model(rtds_message("GCS16a_4.6.1_ERROR_RESPONSE")).code is ResponseCode.E12


def test_ecs20a_debt_payments_in_thousandths_of_a_penny(rtds_message):
    # compact array {double-long-unsigned, double-long-unsigned}: 1C2B6D00 0000005F,
    # 1C2CBE80 000000CB ... 1C374A80 00000072: ten days, 2014-12-23 to 2015-01-01
    entries = to_model(rtds_message("ECS20a_4.4.4_SUCCESS_RESPONSE")).body.entries
    assert entries[0] == DebtPayment(utc(2014, 12, 23), FineMoney(95))
    assert entries[-1] == DebtPayment(utc(2015, 1, 1), FineMoney(114))
    amounts = [entry.amount.millipence for entry in entries]
    assert amounts == [95, 203, 243, 46, 187, 199, 153, 152, 39, 114]
    assert not any(entry.amount.is_whole_pence for entry in entries)


@pytest.mark.parametrize(
    ("name", "execute_at"),
    [
        ("ECS03_1.6_IMMEDIATE_SINGLE_SUCCESS_COMMAND", None),  # 090C 00..00 8000FF
        ("ECS03_1.6_CANCELLATION_TWIN_SUCCESS_COMMAND", CANCEL),  # 090C FF..FF 8000FF
    ],
)
def test_ecs03_disablement_threshold_in_thousandths_of_a_penny(rtds_message, name, execute_at):
    # Account mode {enum 2, ...}; 0-0:94.44.128.22 passive value: 05 00087E85 (556677)
    body = to_model(rtds_message(name)).body
    assert (body.mode, body.execute_at) == (PaymentMode.PREPAYMENT, execute_at)
    assert body.disablement_threshold == FineMoney(556_677)
    assert str(body.disablement_threshold) == "£5.56677"


def test_billing_calendars(rtds_message):
    # ECS30: [{0C000000, FFFFFF01FF}]: day 1 of every month at 12:00
    calendar = to_model(rtds_message("ECS30_6.8_SUCCESS_COMMAND")).body.calendar
    assert (calendar.start, calendar.periodicity) == (
        utc(2000, 1, 1, 12),
        BillingPeriodicity.MONTHLY,
    )
    # ECS30a: months 01, 04, 07, 0A on day 1 at midnight
    calendar = to_model(rtds_message("ECS30a_6.8_SUCCESS_PRECOMMAND")).body.calendar
    assert calendar.periodicity is BillingPeriodicity.QUARTERLY
    # GCS25a: start 804A371C (2015-01-01, little-endian), duration 060000, type 23 (months)
    calendar = to_model(rtds_message("GCS25a_6.8_SUCCESS_PRECOMMAND")).body.calendar
    assert (calendar.start, calendar.periodicity) == (
        utc(2015, 1, 1),
        BillingPeriodicity.SIX_MONTHLY,
    )


def test_firmware_versions(rtds_message):
    # ECS52: 09 04 0123ABCD; GCS38: record 0602 00 41 04 0123ABCD
    for name in ("ECS52_11.2_SUCCESS_RESPONSE", "GCS38_11.2_SUCCESS_RESPONSE"):
        model = to_model(rtds_message(name))
        assert model.body.version == FirmwareVersion(0x0123ABCD)
    assert to_model(rtds_message("CS08_11.2_ERROR_RESPONSE")).code is ResponseCode.E12


def test_cs06_hash_and_execution_times(rtds_message):
    # 30 .. 04 20 AA758690...44556677 02 02 03E9 18 0F "20300115090000Z"
    body = to_model(rtds_message("CS06_11.3_FUTURE_DATED_SUCCESS_COMMAND")).body
    assert body.firmware_hash.hex().upper().startswith("AA758690730934FF")
    assert body.execute_at == utc(2030, 1, 15, 9)
    assert to_model(rtds_message("CS06_11.3_IMMEDIATE_SUCCESS_COMMAND")).body.execute_at is None
    cancel = to_model(rtds_message("CS06_11.3_CANCELLATION_SUCCESS_COMMAND")).body
    assert cancel.execute_at == CANCEL  # "99991231235959Z"


def test_payment_mode_commands(rtds_message):
    body = to_model(rtds_message("GCS02_1.6_FUTURE_DATED_SUCCESS_COMMAND")).body
    assert (body.mode, body.execute_at) == (PaymentMode.CREDIT, utc(2030, 1, 15, 9))  # 0x0C94
    body = to_model(rtds_message("GCS03_1.6_FUTURE_DATED_SUCCESS_PRECOMMAND")).body
    assert (body.mode, body.disablement_threshold) == (
        PaymentMode.PREPAYMENT,
        FineMoney(0),
    )  # 0x0097
    body = to_model(rtds_message("ECS02_1.6_CANCELLATION_TWIN_SUCCESS_COMMAND")).body
    assert (body.mode, body.execute_at) == (PaymentMode.CREDIT, CANCEL)  # {enum 1, ...}, FF..FF


def test_future_dated_alerts(rtds_message):
    # 0F ... 02 03 12 8F66 09 0C 07EE010FFF09000000 8000FF 09 13 001F 00000000000003EC ...
    alert = to_model(rtds_message("ECS08_2.1_8F66_FUTURE_DATED_SUCCESS_ALERT_CALENDAR"))
    assert (alert.code, alert.raised_at, alert.request_id) == (
        "GBCS8F66",
        utc(2030, 1, 15, 9),
        1004,
    )
    assert (alert.srv, alert.target) == (SRV.UPDATE_PREPAY_CONFIGURATION, ESME)
    assert "0-0:94.44.128.28" in alert.detail
    alert = to_model(rtds_message("CS06_11.3_8F67_FUTURE_DATED_ERROR_ALERT"))
    assert (alert.code, alert.request_id, alert.srv) == ("GBCS8F67", 1004, SRV.ACTIVATE_FIRMWARE)
    assert "status 2" in alert.detail
    alert = to_model(rtds_message("GCS02_1.6_8F66_FUTURE_DATED_SUCCESS_ALERT_CHANGE_PAYMENT_MODE"))
    assert (alert.request_id, alert.srv, alert.target) == (1001, SRV.UPDATE_PAYMENT_MODE, GSME)


def test_a_new_request_id_moves_the_ids_the_payload_repeats(rtds_message):
    template = rtds_message("ECS21a_4.6.1_SINGLE_SUCCESS_COMMAND")
    model = to_model(template)
    moved = from_model(replace(model, request_id=0x123456), template)
    apdu = moved.payload.apdu
    assert isinstance(moved.payload, DlmsPayload)
    assert apdu.long_invoke_id == 0x20123456
    protection = apdu.data[0].items[1].items[0].items[1].items
    assert protection[0].value == b"\x04" + (0x123456).to_bytes(8, "big")
    assert to_model(moved) == replace(model, request_id=0x123456)
    cs06 = rtds_message("CS06_11.3_IMMEDIATE_SUCCESS_COMMAND")
    moved = from_model(replace(to_model(cs06), request_id=77), cs06)
    assert isinstance(moved.payload, DerPayload)
    assert moved.payload.root.children[1].as_int() == 77
    assert encode_gbcs(moved) != encode_gbcs(cs06)


def test_ecs01a_tariff_tables_and_prices(rtds_message):
    # seasons {"winter", 07DE0A1BFF000000008000FF, 01}; day 1 {00000000 -> 102, 07000000 -> 101};
    # thresholds 16.1.11: [00002710, FFFFFFFF]; prices {{03, FB}, ..., [{01, 0849}, ...]}
    body = to_model(rtds_message("ECS01a_1.1.1_FUTURE_DATED_TOU_BLOCK_SUCCESS_COMMAND")).body
    assert [(s.name, s.start, s.week_profile) for s in body.seasons] == [
        ("winter", PartialDate(2014, 10, 27), 1),
        ("summer", PartialDate(2015, 3, 29), 2),
    ]
    day = body.day_profiles[0]
    assert [(w.start, w.kind, w.rate) for w in day.switches] == [
        (time(0), RateKind.BLOCK, 2),
        (time(7), RateKind.BLOCK, 1),
    ]
    assert (len(body.tou_prices), body.tou_prices[0], body.price_scale) == (48, 2121, -3)
    assert body.blocks[0].thresholds == (Energy.kwh(10), NO_LIMIT)
    assert len(body.blocks) == 8
    assert (body.standing_charge, body.standing_charge_scale) == (20000, -3)  # 20 p a day
    assert body.execute_at == utc(2030, 1, 15, 9)


def test_gcs01a_block_tariff(rtds_message):
    # Publish Block Thresholds: 03 [40420F000000, 80841E000000, C0C62D000000] (x 1/1000 kWh)
    # Publish Price Matrix: {00, 80250000} {01, D8270000} ...; trailing digit 0x50
    body = to_model(rtds_message("GCS01a_1.1.1_FUTURE_DATED_BLOCK_SUCCESS_COMMAND")).body
    (block,) = body.blocks
    assert block.thresholds == (Energy.kwh(1000), Energy.kwh(2000), Energy.kwh(3000))
    assert block.prices == (9600, 10200, 10750, 11000)
    assert (body.price_scale, body.standing_charge, body.tou_prices) == (-3, 54794, ())
    tou = to_model(rtds_message("GCS01a_1.1.1_IMMEDIATE_TOU_SUCCESS_COMMAND")).body
    assert tou.tou_prices == (9600, 10200, 10750, 11000) and tou.execute_at is None
    assert [d.day_profile for d in tou.special_days][:2] == [2, 2]
