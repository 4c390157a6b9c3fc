"""Typed DUIS requests: the project's models with the framing DUIS needs beyond them."""

from __future__ import annotations

from datetime import time

from hypothesis import strategies as st

from s1sr.codecs.duis.bodies import Framing, Fuel, electricity_start
from s1sr.codecs.duis.views import TypedRequest
from s1sr.models import (
    BillingCalendar,
    BillingPeriodicity,
    DebtRecovery,
    DebtRecoveryRatePeriod,
    DeviceType,
    FineMoney,
    Money,
    PaymentMode,
    Request,
    UpdateBillingCalendarRequest,
    UpdateDebtRequest,
    UpdatePaymentModeRequest,
)
from tests import strategies as S

BOOLEANS = st.sampled_from(["true", "false", "1", "0"])
INT32 = st.integers(-(1 << 31), (1 << 31) - 1)


@st.composite
def payment_modes(draw: st.DrawFn) -> tuple:
    cancels = draw(st.booleans())
    when = None if cancels else draw(st.none() | S.timestamps())
    if draw(st.booleans()):
        return UpdatePaymentModeRequest(PaymentMode.CREDIT, None, when), Framing(cancels=cancels)
    body = UpdatePaymentModeRequest(PaymentMode.PREPAYMENT, FineMoney(draw(INT32)), when)
    extras = (("SuspendDebtDisabled", draw(BOOLEANS)), ("SuspendDebtEmergency", draw(BOOLEANS)))
    return body, Framing(cancels=cancels, extras=extras)


@st.composite
def debts(draw: st.DrawFn) -> tuple:
    fuel = draw(st.sampled_from(Fuel))
    periods = st.sampled_from(DebtRecoveryRatePeriod)
    if fuel is Fuel.ELECTRICITY:
        recovery = st.builds(DebtRecovery, st.integers(0, 32767), st.integers(-126, 129), periods)
    else:
        recovery = st.builds(DebtRecovery, st.integers(0, (1 << 31) - 1), st.just(-3), periods)
    register = st.builds(Money, st.integers(0, ((1 << 31) - 1) // 1000))
    body = UpdateDebtRequest(
        draw(register),
        draw(register),
        draw(register),
        draw(st.integers(0, 10000)),
        draw(recovery),
        draw(recovery),
    )
    return body, Framing(fuel=fuel)


@st.composite
def billing_calendars(draw: st.DrawFn) -> tuple:
    periodicity = draw(st.sampled_from(BillingPeriodicity))
    if draw(st.booleans()):
        calendar = BillingCalendar(draw(S.timestamps()), periodicity)
        return UpdateBillingCalendarRequest(calendar), Framing(fuel=Fuel.GAS)
    at = time(draw(st.integers(0, 23)), draw(st.integers(0, 59)), draw(st.integers(0, 59)))
    top = 7 if periodicity is BillingPeriodicity.WEEKLY else 28
    start = electricity_start(periodicity, at, draw(st.integers(1, top)), draw(st.integers(1, 12)))
    calendar = BillingCalendar(start, periodicity)
    return UpdateBillingCalendarRequest(calendar), Framing(fuel=Fuel.ELECTRICITY)


@st.composite
def han_device_logs(draw: st.DrawFn) -> tuple:
    body = draw(S.update_han_device_log_requests())
    if body.install_code is None:
        return body, Framing()
    extras = [("JoinTimePeriod", str(draw(st.integers(1, 3600))))]
    if draw(st.booleans()):
        extras.append(("ImportMPxN", draw(st.from_regex(r"[0-9]{1,13}", fullmatch=True))))
    return body, Framing(extras=tuple(extras))


@st.composite
def firmware_updates(draw: st.DrawFn) -> tuple:
    body = draw(S.update_firmware_requests())
    extras = ()
    if draw(st.booleans()):
        extras = (("FirmwareVersion", draw(st.from_regex(r"[0-9A-F]{8}", fullmatch=True))),)
    if extras and extras[0][1] == str(body.version):
        extras = ()
    return body, Framing(addressee=draw(S.eui64s()), extras=extras)


def _plain(bodies: st.SearchStrategy) -> st.SearchStrategy:
    return bodies.map(lambda body: (body, Framing()))


@st.composite
def _activations(draw: st.DrawFn) -> tuple:
    body = draw(S.activate_firmware_requests())
    if body.execute_at is None and draw(st.booleans()):
        return body, Framing(cancels=True)
    return body, Framing()


BODIES = st.one_of(
    payment_modes(),
    debts(),
    billing_calendars(),
    han_device_logs(),
    firmware_updates(),
    _plain(S.top_up_device_requests()),
    _plain(S.change_of_mode_billing_log_requests()),
    _plain(S.billing_calendar_billing_log_requests()),
    _plain(S.debt_payments_billing_log_requests()),
    _plain(S.daily_read_log_requests()),
    _plain(S.profile_data_requests()),
    _plain(S.read_firmware_version_requests()),
    _activations(),
)


@st.composite
def typed_requests(draw: st.DrawFn) -> TypedRequest:
    body, framing = draw(BODIES)
    model = Request(draw(st.integers(0, (1 << 64) - 1)), draw(S.eui64s()), draw(S.eui64s()), body)
    return TypedRequest(model, framing)


def device_type_of(view: TypedRequest) -> DeviceType | None:
    body = view.model.body
    return getattr(body, "device_type", None)
