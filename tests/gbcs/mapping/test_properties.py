"""Properties: any model value the wire can hold survives ``from_model`` then ``to_model``.

Templates are built from scratch (``builders``), so these always run. Values are drawn
within what the GBCS fields hold (e.g. amounts of whole pence, or of 1/1000 p for
``FineMoney``, that fit the wire type).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs import GbcsMessage, decode_gbcs, encode_gbcs
from s1sr.codecs.gbcs.mapping import from_model, to_model
from s1sr.models import (
    BillingCalendar,
    BillingPeriodicity,
    DebtPayment,
    DebtRecovery,
    DebtRecoveryCapPeriod,
    DebtRecoveryRateCap,
    DebtRecoveryRatePeriod,
    FineMoney,
    Money,
    NonDisablementCalendar,
    PaymentMode,
    utc,
)
from tests import strategies as model_st
from tests.gbcs.mapping import builders as b

T0, T1 = utc(2024, 11, 1), utc(2024, 11, 3)
UTRN = "73943333457189043313"
UINT32_PENCE = (1 << 32) // 1000 - 1  # the largest whole-pence amount a uint32 of 1/1000 p holds
INT32_PENCE = (1 << 31) // 1000 - 1
UINT32_FINE = st.integers(0, (1 << 32) - 1).map(FineMoney)
INT32_FINE = st.integers(-(1 << 31), (1 << 31) - 1).map(FineMoney)


def through(model: object, template: GbcsMessage) -> object:
    return to_model(decode_gbcs(encode_gbcs(from_model(model, template))))  # type: ignore[arg-type]


def template_of(message: GbcsMessage) -> GbcsMessage:
    return decode_gbcs(encode_gbcs(message))


CS01A, CS01B = template_of(b.cs01a(UTRN)), template_of(b.cs01b(UTRN))


@given(model_st.utrns())
def test_any_utrn_tops_up_either_meter(utrn):
    for template in (CS01A, CS01B):
        model = to_model(template)
        changed = replace(model, body=replace(model.body, utrn=utrn))
        assert through(changed, template) == changed


PERIOD_TEMPLATES = [
    template_of(b.protected_read("ECS21a", ("0-0:98.2.1.255",), T0, T1)),
    template_of(b.protected_read("ECS20c", ("0-0:98.1.0.255", "0-0:98.1.1.255"), T0, T1)),
    template_of(b.snapshots("GCS15c", [0x0702, 0x0705], 2, T0, T1)),
    template_of(b.gcs15d(T0, T1)),
    template_of(b.ecs20a(0, 1)),
]


@given(model_st.periods(), st.sampled_from(PERIOD_TEMPLATES))
def test_any_read_period(period, template):
    model = to_model(template)
    changed = replace(model, body=replace(model.body, start=period[0], end=period[1]))
    assert through(changed, template) == changed


@given(model_st.timestamps(), st.integers(0, 0xFFFE))
def test_any_sampled_period(start, steps):
    template = template_of(b.gcs17(T0, 4))
    model = to_model(template)
    end = start + steps * timedelta(minutes=30)
    changed = replace(model, body=replace(model.body, start=start, end=end))
    assert through(changed, template) == changed


ECS07 = template_of(b.ecs07())
RATES = st.builds(
    DebtRecovery,
    st.integers(0, 0x7FFF),
    st.integers(-126, 127),
    st.sampled_from(DebtRecoveryRatePeriod),
)


@given(
    st.lists(st.integers(0, INT32_PENCE).map(Money), min_size=3, max_size=3),
    RATES,
    RATES,
    st.integers(0, 10000),
)
def test_any_electricity_debt_update(debts, rate_1, rate_2, share):
    model = to_model(ECS07)
    body = replace(
        model.body,
        time_debt_1=debts[0],
        time_debt_2=debts[1],
        payment_debt=debts[2],
        recovery_1=rate_1,
        recovery_2=rate_2,
        recovery_per_payment=share,
    )
    assert through(replace(model, body=body), ECS07) == replace(model, body=body)


ECS08 = template_of(b.ecs08())


def in_wire_order(calendar: NonDisablementCalendar) -> NonDisablementCalendar:
    """Weekdays and special days are bit strings on the wire: they read back in order."""
    schedule = tuple(
        replace(e, weekdays=tuple(sorted(e.weekdays)), special_days=tuple(sorted(e.special_days)))
        for e in calendar.schedule
    )
    return replace(calendar, schedule=schedule)


AMOUNTS = st.integers(0, UINT32_PENCE).map(Money)


@given(
    model_st.non_disablement_calendars(),
    st.lists(AMOUNTS, min_size=5, max_size=5),
    UINT32_FINE,
    st.sampled_from(DebtRecoveryCapPeriod),
    st.none() | model_st.timestamps(),
)
def test_any_electricity_prepay_configuration(calendar, amounts, cap, period, execute_at):
    model = to_model(ECS08)
    settings = replace(
        model.body.settings,
        max_meter_balance=amounts[0],
        max_credit_threshold=amounts[1],
        low_credit_threshold=amounts[2],
        emergency_credit_limit=amounts[3],
        emergency_credit_threshold=amounts[4],
        debt_recovery_rate_cap=DebtRecoveryRateCap(cap, period),
        non_disablement_calendar=in_wire_order(calendar),
    )
    changed = replace(model, body=replace(model.body, settings=settings, execute_at=execute_at))
    assert through(changed, ECS08) == changed


PAYMENT_MODE_TEMPLATES = [
    template_of(b.payment_mode("ECS03", 2, threshold_milli=0)),
    template_of(b.change_payment_mode("GCS03", 0x0097, 0, T0)),
]


@given(st.sampled_from(PAYMENT_MODE_TEMPLATES), INT32_FINE)
def test_any_disablement_threshold(template, threshold):
    model = to_model(template)
    assert model.body.mode is PaymentMode.PREPAYMENT
    changed = replace(model, body=replace(model.body, disablement_threshold=threshold))
    assert through(changed, template) == changed


ECS20A_RESPONSE = template_of(b.ecs20a_response([(1, 1000)]))


@given(st.lists(st.builds(DebtPayment, model_st.timestamps(), UINT32_FINE), max_size=12))
def test_any_debt_payments_log(entries):
    model = to_model(ECS20A_RESPONSE)
    changed = replace(model, body=replace(model.body, entries=tuple(entries)))
    assert through(changed, ECS20A_RESPONSE) == changed


ECS30 = template_of(b.ecs30([(bytes(4), b.dlms_date(None, 0xFF, 1))]))
GCS25 = template_of(b.gcs25(T0, 1))


@given(model_st.timestamps(), st.sampled_from(BillingPeriodicity))
def test_any_billing_calendar(start, periodicity):
    """GSME keeps the start; ESME keeps what recurs (time, day, month or weekday)."""
    calendar = BillingCalendar(start, periodicity)
    gas = to_model(GCS25)
    changed = replace(gas, body=replace(gas.body, calendar=calendar))
    assert through(changed, GCS25) == changed
    electricity = to_model(ECS30)
    changed = replace(electricity, body=replace(electricity.body, calendar=calendar))
    read = through(changed, ECS30).body.calendar
    assert read.periodicity is periodicity and read.start.time() == start.time()
    assert read.start <= start
    if periodicity is BillingPeriodicity.WEEKLY:
        assert read.start.isoweekday() == start.isoweekday()
    elif periodicity is not BillingPeriodicity.DAILY:
        assert read.start.day == start.day
    steady = replace(electricity, body=replace(electricity.body, calendar=read))
    assert through(steady, ECS30) == steady


@given(model_st.firmware_versions())
def test_any_firmware_version(version):
    for message in (
        b.ecs52_response(b"\x00\x00\x00\x00"),
        b.gcs38_response(b"\x00\x00\x00\x00"),
        b.cs08_response(b"\x00\x00\x00\x00", 0),
        b.cs06_response(0),
    ):
        template = template_of(message)
        model = to_model(template)
        changed = replace(model, body=replace(model.body, version=version))
        assert through(changed, template) == changed


ALERTS = [
    template_of(b.dlms_future_dated_alert(0x8F66, T0, "ECS02", 1)),
    template_of(b.gbz_future_dated_alert(0x8F66, T0, "GCS05", 1)),
    template_of(b.cs06_alert(0x8F66, "20300101000000Z", 1, 0)),
]


@given(
    st.sampled_from(ALERTS),
    model_st.timestamps(),
    st.integers(0, (1 << 63) - 1),
    st.sampled_from(["GBCS8F66", "GBCS8F67"]),
)
def test_any_alert_time_counter_and_code(template, raised, counter, code):
    model = to_model(template)
    changed = replace(model, code=code, raised_at=raised, request_id=counter)
    assert replace(through(changed, template), detail="") == replace(changed, detail="")


MUTABLE = [
    encode_gbcs(message)
    for message in (
        b.cs01a(UTRN),
        b.cs01b_response(0, 1000, 2000),
        b.ecs07(),
        b.ecs08(),
        b.ecs01a(),
        b.gcs01a(True),
        b.gcs05(T0),
        b.ecs20a_response([(1, 1000), (2, 2000)]),
        b.ecs30([(bytes(4), b.dlms_date(None, 0xFF, 1))]),
        b.protected_read("ECS22b", ("0-0:99.1.0.255",), T0, T1),
        b.cs06_response(0),
        b.dlms_future_dated_alert(0x8F66, T0, "ECS08", 1),
    )
]


@given(st.sampled_from(MUTABLE), st.data())
def test_a_corrupted_message_maps_or_says_where_it_cannot(data, draw):
    """Decoding then mapping raises only CodecError, whatever octets changed."""
    corrupted = bytearray(data)
    for _ in range(draw.draw(st.integers(1, 3))):
        position = draw.draw(st.integers(0, len(corrupted) - 1))
        corrupted[position] = draw.draw(st.integers(0, 255))
    try:
        message = decode_gbcs(bytes(corrupted))
    except CodecError:
        return
    try:
        model = to_model(message)
    except CodecError as failure:
        assert failure.path
    else:
        assert model.target is not None
