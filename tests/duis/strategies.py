"""Typed DUIS requests: the project's models with the framing DUIS needs beyond them."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from hypothesis import reject
from hypothesis import strategies as st

from s1sr.codecs.duis.bodies import Framing, Fuel, electricity_start
from s1sr.codecs.duis.prepay import _layout_text as layout_text
from s1sr.codecs.duis.prepay import zse_calendar
from s1sr.codecs.duis.views import TypedRequest
from s1sr.models import (
    BillingCalendar,
    BillingPeriodicity,
    BlockTariff,
    DayProfile,
    DebtRecovery,
    DebtRecoveryCapPeriod,
    DebtRecoveryRateCap,
    DebtRecoveryRatePeriod,
    DeviceType,
    FineMoney,
    ModelError,
    Money,
    NonDisablementCalendar,
    PartialDate,
    PaymentMode,
    PrepaySettings,
    RateKind,
    Request,
    Season,
    SpecialDay,
    SwitchTime,
    UpdateBillingCalendarRequest,
    UpdateDebtRequest,
    UpdateImportTariffRequest,
    UpdatePaymentModeRequest,
    UpdatePrepayConfigurationRequest,
    WeekProfile,
)
from s1sr.models.dates import LATEST_INSTANT
from tests import strategies as S

BOOLEANS = st.sampled_from(["true", "false", "1", "0"])
INT32 = st.integers(-(1 << 31), (1 << 31) - 1)


@st.composite
def payment_modes(draw: st.DrawFn) -> tuple:
    when = draw(st.none() | st.just(LATEST_INSTANT) | S.timestamps())
    if draw(st.booleans()):
        return UpdatePaymentModeRequest(PaymentMode.CREDIT, None, when), Framing()
    body = UpdatePaymentModeRequest(PaymentMode.PREPAYMENT, FineMoney(draw(INT32)), when)
    extras = (("SuspendDebtDisabled", draw(BOOLEANS)), ("SuspendDebtEmergency", draw(BOOLEANS)))
    return body, Framing(extras=extras)


@st.composite
def debts(draw: st.DrawFn) -> tuple:
    fuel = draw(st.sampled_from(Fuel))
    periods = st.sampled_from(DebtRecoveryRatePeriod)
    if fuel is Fuel.ELECTRICITY:
        recovery = st.builds(DebtRecovery, st.integers(0, 32767), st.integers(-126, 127), periods)
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


@st.composite
def ppmid_firmware_updates(draw: st.DrawFn) -> tuple:
    body = draw(S.update_ppmid_firmware_requests())
    extras = ()
    if draw(st.booleans()):
        extras = (("FirmwareVersion", draw(st.from_regex(r"[0-9A-F]{8}", fullmatch=True))),)
    if extras and extras[0][1] == str(body.version):
        extras = ()
    return body, Framing(addressee=draw(S.eui64s()), extras=extras)


@st.composite
def opt_ins(draw: st.DrawFn) -> tuple:
    return draw(S.service_opt_in_requests()), Framing(addressee=draw(S.eui64s()))


SHORT = st.integers(-(1 << 15), (1 << 15) - 1)
CURRENCY = st.sampled_from(["GBP", "ECB"])


def _duis_date(value: PartialDate) -> PartialDate:
    """DUIS names years from 2014; 2000-2013 move a century on (one to one)."""
    if value.year is None or value.year >= 2014:
        return value
    return PartialDate(value.year + 100, value.month, value.day)


DATES = S.partial_dates().map(_duis_date)


def _short(value: int) -> int:
    return (value + (1 << 15)) % (1 << 16) - (1 << 15)


@st.composite
def elec_tariffs(draw: st.DrawFn) -> tuple:
    """Any tariff the model holds, its prices cut to DUIS's xs:short and names to 8."""
    tariff = draw(S.update_import_tariff_requests())
    blocks = tuple(
        BlockTariff(b.thresholds, tuple(_short(p) for p in b.prices)) for b in tariff.blocks
    )
    seasons = tuple(
        replace(season, name=(season.name[:8] or "s"), start=_duis_date(season.start))
        for season in tariff.seasons
    )
    specials = tuple(replace(day, date=_duis_date(day.date)) for day in tariff.special_days)
    tariff = replace(
        tariff,
        seasons=seasons,
        special_days=specials,
        blocks=blocks,
        tou_prices=tuple(_short(p) for p in tariff.tou_prices),
        standing_charge=_short(tariff.standing_charge),
        price_scale=max(tariff.price_scale, -126),
        standing_charge_scale=max(tariff.standing_charge_scale, -126),
    )
    extras = (("CurrencyUnits", draw(CURRENCY)),)
    return tariff, Framing(fuel=Fuel.ELECTRICITY, extras=extras)


@st.composite
def gas_tariffs(draw: st.DrawFn) -> tuple:
    block = draw(st.booleans())
    tou = (
        ()
        if block
        else tuple(draw(st.lists(st.integers(0, (1 << 31) - 1), min_size=1, max_size=4)))
    )
    day_ids = draw(st.lists(st.integers(1, 4), min_size=1, max_size=4, unique=True))
    days = tuple(
        DayProfile(
            i,
            (
                SwitchTime(time(0), RateKind.BLOCK, 1)
                if block
                else SwitchTime(time(0), RateKind.TOU, draw(st.integers(1, len(tou)))),
            ),
        )
        for i in day_ids
    )
    week_ids = draw(st.lists(st.integers(1, 2), min_size=1, max_size=2, unique=True))
    weeks = tuple(
        WeekProfile(i, tuple(draw(st.lists(st.sampled_from(day_ids), min_size=7, max_size=7))))
        for i in week_ids
    )
    starts = draw(st.lists(DATES, min_size=1, max_size=3, unique=True))
    seasons = tuple(Season("", d, draw(st.sampled_from(week_ids))) for d in starts)
    specials = tuple(
        SpecialDay(d, draw(st.sampled_from(day_ids)))
        for d in draw(st.lists(DATES, max_size=5, unique=True))
    )
    extras = [("CurrencyUnits", draw(CURRENCY))]
    blocks = ()
    if block:
        tariff_block = draw(S.block_tariffs().filter(lambda b: b.thresholds))
        prices = tuple(p & 0x7FFFFFFF for p in tariff_block.prices)
        blocks = (BlockTariff(tariff_block.thresholds, prices),)
        extras.append(("NumberOfThresholds", str(draw(st.integers(1, 3)))))
    else:
        count = draw(st.integers(1, 3))
        raw = draw(st.lists(st.integers(0, 0xFFFFFFFF), min_size=count, max_size=count))
        extras.append(("Thresholds", ",".join(map(str, raw))))
    tariff = UpdateImportTariffRequest(
        seasons,
        weeks,
        days,
        specials,
        tou,
        blocks,
        -3,
        draw(st.integers(0, (1 << 31) - 1)),
        -3,
        draw(st.none() | S.timestamps()),
    )
    return tariff, Framing(fuel=Fuel.GAS, extras=tuple(extras))


MONEY_31 = st.builds(Money, st.integers(0, ((1 << 31) - 1) // 1000))


@st.composite
def elec_prepays(draw: st.DrawFn) -> tuple:
    calendar = draw(S.non_disablement_calendars().filter(lambda c: c.schedule))
    calendar = NonDisablementCalendar(
        tuple(_duis_date(d) for d in calendar.special_days),
        tuple(
            replace(
                e, start=e.start if isinstance(e.start, PartialDate) else PartialDate(2020, 1, 1)
            )
            for e in calendar.schedule
        ),
    )
    cap = DebtRecoveryRateCap(FineMoney(draw(st.integers(0, 65535))), DebtRecoveryCapPeriod.WEEKLY)
    settings = PrepaySettings(
        cap, *(draw(MONEY_31) for _ in range(5)), non_disablement_calendar=calendar
    )
    when = draw(st.none() | st.just(LATEST_INSTANT) | S.timestamps())
    return UpdatePrepayConfigurationRequest(settings, when), Framing(fuel=Fuel.ELECTRICITY)


@st.composite
def gas_prepays(draw: st.DrawFn) -> tuple:
    """A ZSE calendar's tables, and the model the GBCS conversion reads them as."""
    day_ids = draw(st.lists(st.integers(1, 5), min_size=1, max_size=5, unique=True))
    minutes = st.integers(0, 24 * 60 - 1)
    days = {
        d: tuple(
            sorted(
                (m, draw(st.integers(0, 1)))
                for m in draw(st.lists(minutes, min_size=1, max_size=3, unique=True))
            )
        )
        for d in day_ids
    }
    week_ids = draw(st.lists(st.integers(1, 2), min_size=1, max_size=2, unique=True))
    weeks = {
        w: tuple(draw(st.lists(st.sampled_from(day_ids), min_size=7, max_size=7))) for w in week_ids
    }
    starts = draw(st.lists(DATES, min_size=1, max_size=3, unique=True))
    seasons = [(d, draw(st.sampled_from(week_ids))) for d in starts]
    special = [
        (d, draw(st.sampled_from(day_ids))) for d in draw(st.lists(DATES, max_size=4, unique=True))
    ]
    try:  # a ZSE calendar can read as more than the model's 22 entries: not this test's
        calendar = zse_calendar(days, weeks, seasons, special, "calendar")
    except ModelError:
        reject()
    money = st.builds(Money, st.integers(0, ((1 << 32) - 1) // 1000))
    settings = PrepaySettings(
        None, *(draw(money) for _ in range(5)), non_disablement_calendar=calendar
    )
    extras = (
        ("DebtRecoveryRateCap", str(draw(INT32))),
        ("GasCalendarLayout", layout_text(days, weeks, seasons, special)),
    )
    when = draw(st.none() | st.just(LATEST_INSTANT) | S.timestamps())
    return UpdatePrepayConfigurationRequest(settings, when), Framing(fuel=Fuel.GAS, extras=extras)


@st.composite
def gas_ndc_seasons(draw: st.DrawFn) -> tuple:
    """A gas 2.1 as the suite sends it: a model calendar of one all-week season, any ends.

    ``gas_prepays`` draws ZSE tables and the model they read as, so every model it makes
    has a gas form; a season whose end is not the one a ZSE season implies (a dated end,
    in a later month or not) is drawn here, with no ``GasCalendarLayout`` to fall back on.
    """
    calendar = draw(S.gas_ndc_calendars(DATES))
    settings = PrepaySettings(
        None, *(Money(0) for _ in range(5)), non_disablement_calendar=calendar
    )
    extras = (("DebtRecoveryRateCap", "0"),)
    return UpdatePrepayConfigurationRequest(settings), Framing(fuel=Fuel.GAS, extras=extras)


def _plain(bodies: st.SearchStrategy) -> st.SearchStrategy:
    return bodies.map(lambda body: (body, Framing()))


@st.composite
def _activations(draw: st.DrawFn) -> tuple:
    body = draw(S.activate_firmware_requests())
    if body.execute_at is None and draw(st.booleans()):
        body = replace(body, execute_at=LATEST_INSTANT)  # a cancellation
    return body, Framing()


BODIES = st.one_of(
    elec_prepays(),
    gas_prepays(),
    elec_tariffs(),
    gas_tariffs(),
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
    _plain(S.update_security_credentials_krp_requests()),
    _plain(S.request_handover_requests()),
    _plain(S.update_security_credentials_cos_requests()),
    _plain(S.service_opt_out_requests()),
    opt_ins(),
    ppmid_firmware_updates(),
)


@st.composite
def typed_requests(draw: st.DrawFn) -> TypedRequest:
    body, framing = draw(BODIES)
    model = Request(draw(st.integers(0, (1 << 64) - 1)), draw(S.eui64s()), draw(S.eui64s()), body)
    return TypedRequest(model, framing)


def device_type_of(view: TypedRequest) -> DeviceType | None:
    body = view.model.body
    return getattr(body, "device_type", None)
