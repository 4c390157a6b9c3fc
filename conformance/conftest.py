"""What the conformance modules share: request builders, London time, and common steps.

Expectations never come from here: these fixtures build valid requests, compute instants on
the Europe/London calendar in UTC, and drive the ``case``; each test module reads what the
device should do from ``case.clause`` (the catalogue) and ``case.mapped`` (the DMVES).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

import pytest

from s1sr.models import (
    EUI64,
    Alert,
    BillingCalendar,
    BillingPeriodicity,
    BillingSnapshot,
    BlockTariff,
    ChangeOfModeBillingLogRequest,
    ChangeOfModeBillingLogResponse,
    DayProfile,
    DebtRecovery,
    DebtRecoveryCapPeriod,
    DebtRecoveryRateCap,
    DebtRecoveryRatePeriod,
    DeviceType,
    Energy,
    FineMoney,
    FirmwareVersion,
    Money,
    NdcScheduleEntry,
    NdcScript,
    NonDisablementCalendar,
    PartialDate,
    PaymentMode,
    PrepaySettings,
    RateKind,
    RequestBody,
    ResponseBody,
    Season,
    SwitchTime,
    TopUpDeviceResponse,
    UpdateBillingCalendarRequest,
    UpdateDebtRequest,
    UpdateFirmwareRequest,
    UpdateImportTariffRequest,
    UpdatePaymentModeRequest,
    UpdatePrepayConfigurationRequest,
    Utrn,
    ValueClass,
    Weekday,
    WeekProfile,
    is_timeout,
    ota_image,
)
from s1sr.models.dates import INDEFINITE
from s1sr.models.prepay import NdcEndDate
from s1sr.models.utrn import COUNTER_MAX
from s1sr.pytest_plugin import Capability, Case, Exchange

LONDON = ZoneInfo("Europe/London")
UTRN_TAG = 0x5EED0000  # GMAC keys are out of scope: any 32-bit tag
PRICE_SCALE = -2  # electricity prices in hundredths of a penny per kWh
# Gas prices in thousandths of a penny (the only scale DUIS's gas 1.1.1 carries), each x10:
# the same money per kWh as electricity's, so every expectation holds for both fuels.
GAS_PRICE_SCALE = -3
# what consumption may take off a balance between two top-ups on a DUT whose clock runs
DRAIN_ALLOWANCE = Money(50)
# The S1SP request timeout is not published: a correct S1SP may wait anything in this range.
S1SP_TIMEOUT_RANGE = (timedelta(seconds=30), timedelta(hours=24))
CLOCK_SLACK = timedelta(seconds=10)  # hooks move a DUT's clock in whole seconds
# A disablement threshold no test's balance falls to (-£1000; GBCS and DUIS hold int32 1/1000 p)
NEVER_DISABLES = FineMoney.from_money(Money.pounds(-1000))
# The baseline ESME debt recovery cap: weekly, 65.535 p (the most DUIS's xs:unsignedShort holds)
BASELINE_CAP = DebtRecoveryRateCap(FineMoney((1 << 16) - 1), DebtRecoveryCapPeriod.WEEKLY)
# An ESME's billing calendar recurs from here: the form DUIS's electricity 6.8 carries.
RECURRING_FROM = date(2000, 1, 1)

Body = TypeVar("Body", bound=ResponseBody)


# --- London time, computed in UTC ------------------------------------------------------


class London:
    """Instants of the Europe/London calendar, as aware UTC datetimes (never local arithmetic)."""

    zone = LONDON

    @staticmethod
    def midnight(day: date) -> datetime:
        """The UTC instant at which local ``day`` starts (23:00 UTC the day before in BST)."""
        return datetime(day.year, day.month, day.day, tzinfo=LONDON).astimezone(UTC)

    def midnights(self, start: datetime, end: datetime) -> list[datetime]:
        """Every local midnight in ``[start, end]``, in UTC, oldest first."""
        first = start.astimezone(LONDON).date() - timedelta(days=1)
        last = end.astimezone(LONDON).date() + timedelta(days=1)
        days = (last - first).days
        instants = (self.midnight(first + timedelta(days=n)) for n in range(days + 1))
        return [t for t in instants if start <= t <= end]

    def next_midnight(self, instant: datetime) -> datetime:
        """The earliest local midnight strictly after ``instant``."""
        return self.midnight(instant.astimezone(LONDON).date() + timedelta(days=1))

    @staticmethod
    def is_bst(instant: datetime) -> bool:
        return bool(instant.astimezone(LONDON).dst())

    @staticmethod
    def utc_day_start(instant: datetime) -> datetime:
        return datetime.combine(instant.astimezone(UTC).date(), time(0), tzinfo=UTC)


@pytest.fixture(scope="session")
def london() -> London:
    return London()


# --- request builders ----------------------------------------------------------------------


# The last UTRN counter built per Device Model in this run: without a reset, a counter an
# earlier test used is a duplicate to the S1SP, so a new test goes on from there.
_UTRN_COUNTERS: dict[str, int] = {}


def next_day(day: PartialDate, days: int = 1) -> PartialDate:
    """``day`` moved by ``days``; a yearly ``day`` in a common year's calendar, as GBCS and
    DUIS's gas calendars recur (29 February in a leap year's)."""
    year = day.year or (2024 if (day.month, day.day) == (2, 29) else 2023)
    moved = date(year, day.month, day.day) + timedelta(days)
    if day.year is None:
        return PartialDate.every_year(moved.month, moved.day)
    return PartialDate.from_date(moved)


class Builders:
    """Valid request bodies; UTRN counters are fresh (increasing) over the whole run."""

    def __init__(self, model_id: str = "", device_type: DeviceType = DeviceType.ESME) -> None:
        self._model_id = model_id
        self._device_type = device_type
        self._utrn_counter = _UTRN_COUNTERS.get(model_id, 0)
        self.gas_ndc_form = True  # see ``ndc``

    # tariffs (1.1.1)

    def prices(self, *hundredths: int) -> tuple[tuple[int, ...], int]:
        """``hundredths`` (of a penny) at this fuel's price scale, and that scale."""
        if self._device_type is DeviceType.GSME:
            return tuple(10 * p for p in hundredths), GAS_PRICE_SCALE
        return hundredths, PRICE_SCALE

    def season_name(self, name: str) -> str:
        """``name`` on an ESME; none on a GSME, whose seasons have no names (GBCS, DUIS)."""
        return "" if self._device_type is DeviceType.GSME else name

    def tou_tariff(
        self, seasons: Sequence[tuple[PartialDate, int]], *, prices: int | None = None
    ) -> UpdateImportTariffRequest:
        """One season per (start, TOU rate), each all day on its rate.

        One week and one day profile per rate (in order of first use), which the seasons on
        that rate share: three gas seasons on two rates fit DUIS's gas form (2 week profiles).
        """
        rates = list(dict.fromkeys(rate for _, rate in seasons))
        count = prices or max(rates)
        tou_prices, scale = self.prices(*(1500 + 100 * n for n in range(count)))
        return UpdateImportTariffRequest(
            seasons=tuple(
                Season(self.season_name(f"S{n}"), start, rates.index(rate) + 1)
                for n, (start, rate) in enumerate(seasons, start=1)
            ),
            week_profiles=tuple(WeekProfile(n, (n,) * 7) for n in range(1, len(rates) + 1)),
            day_profiles=tuple(
                DayProfile(n, (SwitchTime(time(0), RateKind.TOU, rate),))
                for n, rate in enumerate(rates, start=1)
            ),
            special_days=(),
            tou_prices=tou_prices,
            blocks=(),
            price_scale=scale,
            standing_charge=0,
            standing_charge_scale=scale,
        )

    def block_tariff(self) -> UpdateImportTariffRequest:
        """One season, all day on block tariff 1 (two bands), so logs carry block counters."""
        band_prices, scale = self.prices(1500, 2000)
        return UpdateImportTariffRequest(
            seasons=(Season(self.season_name("all year"), PartialDate.every_year(1, 1), 1),),
            week_profiles=(WeekProfile(1, (1,) * 7),),
            day_profiles=(DayProfile(1, (SwitchTime(time(0), RateKind.BLOCK, 1),)),),
            special_days=(),
            tou_prices=(),
            blocks=(BlockTariff((Energy.kwh(10),), band_prices),),
            price_scale=scale,
            standing_charge=0,
            standing_charge_scale=scale,
        )

    # top-ups (2.2)

    def utrn(self, *, pounds: int | None = None, pence: int | None = None) -> Utrn:
        """A well-formed UTRN of the pounds or the pennies value class, with a new counter."""
        if (pounds is None) == (pence is None):
            raise ValueError("give pounds or pence")
        self._utrn_counter = self._utrn_counter % COUNTER_MAX + 1  # 1..COUNTER_MAX
        _UTRN_COUNTERS[self._model_id] = self._utrn_counter
        value_class = ValueClass.POUNDS if pounds is not None else ValueClass.PENNIES
        value = pounds if pounds is not None else pence
        assert value is not None
        return Utrn(self._utrn_counter, value_class, value, UTRN_TAG + self._utrn_counter)

    # prepayment mode (1.6)

    @staticmethod
    def prepayment() -> UpdatePaymentModeRequest:
        """Prepayment mode (1.6) with ``NEVER_DISABLES`` as the disablement threshold.

        DUIS's 1.6 to prepayment always carries a threshold. One far below any balance a
        test reaches keeps supply on throughout, as the clauses these tests check assume;
        a test of disablement sets its own threshold.
        """
        return UpdatePaymentModeRequest(PaymentMode.PREPAYMENT, NEVER_DISABLES)

    # prepayment configuration (2.1)

    def prepay_settings(self, **varied: object) -> PrepaySettings:
        """The suite's baseline prepayment configuration, with the settings under test varied.

        DUIS's 2.1 sets every setting, so every 2.1 the suite sends does, from one stated
        baseline that no test's scenario touches: no emergency credit and no low-credit
        warning (£0), a maximum credit and meter balance (£20,000) no top-up reaches, an NDC
        that never holds supply on (STOP at 00:00 every day, all year, indefinitely), and on
        an ESME a weekly debt recovery cap (DUIS's only electricity form; GSME's 2.1 holds
        none) the tests that send a 2.1 never recover debt under.
        """
        stop = NdcScheduleEntry(
            NdcScript.STOP, time(0), PartialDate.every_year(1, 1), INDEFINITE, tuple(Weekday)
        )
        esme = self._device_type is not DeviceType.GSME
        baseline = PrepaySettings(
            debt_recovery_rate_cap=BASELINE_CAP if esme else None,
            emergency_credit_limit=Money(0),
            emergency_credit_threshold=Money(0),
            low_credit_threshold=Money(0),
            max_credit_threshold=Money.pounds(20_000),
            max_meter_balance=Money.pounds(20_000),
            non_disablement_calendar=NonDisablementCalendar(special_days=(), schedule=(stop,)),
        )
        return replace(baseline, **varied)

    # debt (2.3)

    def debt_recovery(
        self, pence: int, period: DebtRecoveryRatePeriod = DebtRecoveryRatePeriod.DAILY
    ) -> DebtRecovery:
        """``pence`` of time-based debt recovered a ``period``, at this fuel's DUIS scale.

        DUIS's gas 2.3 holds the rate in 1/1000 p (scale -3); its electricity form a short
        rate with a scale, so whole pence (scale 0) there: the same money either way.
        """
        if self._device_type is DeviceType.GSME:
            return DebtRecovery(pence * 1000, -3, period)
        return DebtRecovery(pence, 0, period)

    def debt_update(
        self, period: DebtRecoveryRatePeriod = DebtRecoveryRatePeriod.DAILY, **varied: object
    ) -> UpdateDebtRequest:
        """The suite's baseline 2.3, with the registers and recoveries under test varied.

        DUIS's 2.3 sets every register and both recoveries (absolute values), so every 2.3
        the suite sends does, from one stated baseline: no debt in any register, none of a
        payment recovering it, and both time-based recoveries at 0 p a ``period`` (a period
        the device must accept: daily unless the test is about the period). A test that
        needs a register kept re-sends the value it holds; the registers are read through
        ``Steps.debt_registers``, never by a 2.3, which would set them.
        """
        baseline = UpdateDebtRequest(
            time_debt_1=Money(0),
            time_debt_2=Money(0),
            payment_debt=Money(0),
            recovery_per_payment=0,
            recovery_1=self.debt_recovery(0, period),
            recovery_2=self.debt_recovery(0, period),
        )
        return replace(baseline, **varied)

    def ndc(self, start: PartialDate, end: NdcEndDate) -> UpdatePrepayConfigurationRequest:
        """An NDC of one season: non-disablement all day, every day, from start to end.

        A GSME's calendar (GBCS's and DUIS's) holds season starts only, a season ending the
        day before the next starts: there, an end is the start of a season holding supply
        normally (STOP all day) the day after it, which runs on, or recurs to the day before
        the start when both bounds are yearly. Same days of non-disablement either way.
        With ``gas_ndc_form`` off, one season with its end, as an ESME's (the model carries
        it; GBCS and DUIS do not), for a GSME that refuses a season running on.
        """
        week = tuple(Weekday)
        schedule = (NdcScheduleEntry(NdcScript.START, time(0), start, end, week),)
        if self._device_type is DeviceType.GSME and end != INDEFINITE and self.gas_ndc_form:
            assert isinstance(end, PartialDate)
            after = next_day(end)
            until: NdcEndDate = INDEFINITE
            if end.year is None and start.year is None:
                until = next_day(start, -1)
            schedule += (NdcScheduleEntry(NdcScript.STOP, time(0), after, until, week),)
        calendar = NonDisablementCalendar(special_days=(), schedule=schedule)
        return UpdatePrepayConfigurationRequest(
            self.prepay_settings(non_disablement_calendar=calendar)
        )

    # billing calendar (6.8)

    def daily_billing_calendar(self, first: datetime) -> UpdateBillingCalendarRequest:
        """Billing every day at ``first``'s UTC time of day, the next billing at ``first``.

        Callers pass the first such instant after the device's clock. A GSME's calendar
        names that start; an ESME's recurs and names no start date (DUIS writes it as a
        billing time alone), so its start is the first such instant from 2000-01-01 UTC: the
        same billings from the request on.
        """
        start = first.astimezone(UTC)
        if self._device_type is not DeviceType.GSME:
            start = datetime.combine(RECURRING_FROM, start.timetz())
        return UpdateBillingCalendarRequest(BillingCalendar(start, BillingPeriodicity.DAILY))

    # firmware (11.1)

    @staticmethod
    def firmware(version: int, label: bytes = b"s1sr conformance") -> UpdateFirmwareRequest:
        return UpdateFirmwareRequest(ota_image(FirmwareVersion(version), label))


@pytest.fixture
def build(case: Case) -> Builders:
    return Builders(case.model.id, case.model.device_type)


# --- steps most tests take -------------------------------------------------------------------


class Steps:
    """Common steps and readings on one ``case``.

    A step that only sets the scene and is refused ends the test INCONCLUSIVE (the clause
    under test was never reached), never FAIL; what a clause says is checked in its test.
    """

    def __init__(self, case: Case, s1sp_timeout: timedelta | None = None) -> None:
        self.case = case
        # As the run was told (--s1sp-timeout), else as the DUT declares it, if either did.
        self.s1sp_timeout = s1sp_timeout

    # reading an exchange

    @staticmethod
    def succeeded(exchange: Exchange) -> bool:
        response = exchange.response
        return response is not None and response.code.is_success

    @staticmethod
    def own_alerts(exchange: Exchange) -> tuple[Alert, ...]:
        """The alerts that name this exchange's request."""
        return tuple(a for a in exchange.alerts if a.request_id == exchange.request.request_id)

    @classmethod
    def rejection(cls, exchange: Exchange) -> Alert | None:
        """The S1SP alert (not a timeout) that rejected the request, if it was rejected so."""
        if cls.succeeded(exchange):
            return None
        return next((a for a in cls.own_alerts(exchange) if not is_timeout(a)), None)

    @staticmethod
    def body(exchange: Exchange, kind: type[ResponseBody]) -> ResponseBody | None:
        response = exchange.response
        body = None if response is None else response.body
        return body if isinstance(body, kind) else None

    @classmethod
    def balance(cls, exchange: Exchange) -> Money | None:
        body = cls.body(exchange, TopUpDeviceResponse)
        return body.meter_balance if isinstance(body, TopUpDeviceResponse) else None

    @classmethod
    def credited(cls, exchange: Exchange) -> Money | None:
        body = cls.body(exchange, TopUpDeviceResponse)
        return body.credit_applied if isinstance(body, TopUpDeviceResponse) else None

    @staticmethod
    def sent_at(exchange: Exchange) -> datetime | None:
        """The DUT's clock when the request went out (known on a DUT with clock control)."""
        return next(
            (
                f.virtual_time
                for f in exchange.frames
                if f.direction.value == "out" and f.message == exchange.request
            ),
            None,
        )

    # the meter balance between two top-ups

    def expect_balance_moved(self, before: Exchange, after: Exchange, by: Money, why: str) -> bool:
        """The balances two top-up responses report differ by ``by``; False if one is missing.

        Exactly, when the DUT's clock stood still between them (clock control, nothing
        advanced): nothing else can move a balance then. When time passed (a DUT without
        clock control runs in real time), consumption may have been charged meanwhile, so
        the balance may fall short of ``by`` by less than ``DRAIN_ALLOWANCE``, never exceed it:
        an extra credit is still caught, a small missing one is not.
        """
        start, end = self.balance(before), self.balance(after)
        if start is None or end is None:
            return False
        clocked = self.case.has(Capability.CLOCK_CONTROL)
        still = clocked and self.sent_at(before) == self.sent_at(after) is not None
        moved = end - start
        if still:
            ok, wanted = moved == by, f"{start + by}"
        else:
            ok = by - DRAIN_ALLOWANCE < moved <= by
            wanted = f"{start + by}, or less by under {DRAIN_ALLOWANCE} charged as time passed"
        self.case.expect(
            ok,
            expected=f"meter balance {start} -> {wanted} ({why})",
            observed=f"meter balance {start} -> {end}",
        )
        return True

    # S1CE20

    def expect_s1ce20(self, exchange: Exchange, what: str, *, fresh: bool = False) -> None:
        """Never answered: S1CE20, raised once an S1SP request timeout had elapsed.

        Call it right after the exchange: on a DUT with clock control, an S1CE20 stamped or
        received less than 30 s after the request (the shortest timeout a correct S1SP
        uses) is no timeout, nor is one stamped later than the configured timeout (24 h
        when none was given). ``fresh``: the expectation holds for a device that never had
        what ``what`` says; a DUT that cannot be reset may have had it, so an answer there
        is INCONCLUSIVE, not FAIL.
        """
        case = self.case
        srv = exchange.request.srv.value
        received = case.now()
        if fresh and not exchange.timed_out and not case.has(Capability.RESET):
            case.inconclusive(
                f"{srv} {what} was answered, but the DUT cannot be reset: it may have had "
                "the precondition before this test",
                observed=exchange.summary(),
            )
        case.expect(
            exchange.timed_out and exchange.response is None,
            expected=f"{srv} {what}: never answered, S1SP alert S1CE20 (request timeout)",
            observed=exchange.summary(),
        )
        if not case.has(Capability.CLOCK_CONTROL):
            return  # the S1SP's timeout ran in real time: the adapter waited for it
        sent = self.sent_at(exchange)
        if sent is None:
            case.inconclusive(
                f"S1CE20 answered {srv}, but the DUT's clock at the request is unknown, so "
                "whether a request timeout had elapsed cannot be judged",
                observed=exchange.summary(),
            )
        alert = next(a for a in self.own_alerts(exchange) if is_timeout(a))
        earliest, latest = S1SP_TIMEOUT_RANGE
        latest = self.s1sp_timeout or latest
        stamped, came = alert.raised_at - sent, received - sent
        case.expect(
            earliest <= stamped <= latest + CLOCK_SLACK and came >= earliest,
            expected=f"S1CE20 for {srv} raised and received {earliest} to {latest} after the "
            "request on the DUT's clock (an S1SP request timeout elapsed)",
            observed=f"request at {sent.isoformat()}; S1CE20 stamped "
            f"{alert.raised_at.isoformat()} ({stamped} later), received by "
            f"{received.isoformat()} ({came} later)",
        )

    # driving the case

    def setup(
        self,
        body: RequestBody,
        what: str,
        *,
        target: EUI64 | None = None,
        user: EUI64 | None = None,
    ) -> Exchange:
        """Send a request the scenario needs; INCONCLUSIVE unless it succeeds."""
        exchange = self.case.exchange(body, target=target, user=user)
        if not self.succeeded(exchange):
            self.case.inconclusive(
                f"could not set the scene: {what} was not accepted", observed=exchange.summary()
            )
        return exchange

    def observe(
        self, body: RequestBody, what: str, kind: type[Body], *, target: EUI64 | None = None
    ) -> Body:
        """Read what the test observes with; INCONCLUSIVE unless it is answered."""
        exchange = self.case.exchange(body, target=target)
        found = self.body(exchange, kind) if self.succeeded(exchange) else None
        if not isinstance(found, kind):
            self.case.inconclusive(
                f"could not observe: {what} was not answered", observed=exchange.summary()
            )
        return found  # type: ignore[return-value]

    def debt_registers(self, build: Builders, what: str) -> BillingSnapshot:
        """The debt registers now (``what``), from the snapshot a tariff update takes.

        A 2.3 response reports the registers, but DUIS's 2.3 sets every one of them, so a
        2.3 cannot read without writing. A tariff update (1.1.1: one TOU rate all year)
        snapshots them into the change of mode / tariff billing data log (4.4.2), which
        is read back; INCONCLUSIVE if the log holds no snapshot from the update on.
        """
        sent = self.case.now().replace(microsecond=0)
        tariff = build.tou_tariff([(PartialDate.every_year(1, 1), 1)])
        self.setup(tariff, f"a tariff update (1.1.1) to snapshot {what}")
        end = self.case.now().replace(microsecond=0) + timedelta(seconds=1)
        log = self.observe(
            ChangeOfModeBillingLogRequest(sent - timedelta(minutes=1), end),
            f"{what} (the 4.4.2 snapshot of the 1.1.1)",
            ChangeOfModeBillingLogResponse,
        )
        taken = [e for e in log.entries if e.timestamp >= sent and e.time_debt_1 is not None]
        if not taken or taken[-1].time_debt_2 is None or taken[-1].payment_debt is None:
            self.case.inconclusive(
                f"could not observe {what}: the 4.4.2 log holds no snapshot with the debt "
                "registers from the tariff update (1.1.1) on",
                observed=f"{len(log.entries)} entries",
            )
        return taken[-1]  # the log's order: two snapshots may share a timestamp

    def clock_at(self, instant: datetime, why: str) -> None:
        """Set the device's clock to ``instant``, which the scenario needs (``why``).

        A device's clock and logs only move on: an instant in its past is reachable only
        through a reset. A DUT that cannot be reset ends INCONCLUSIVE there (naming the
        instant and the device's clock), never ERROR or FAIL.
        """
        self.case.require(Capability.CLOCK_CONTROL)
        now = self.case.now()
        if instant < now and not self.case.has(Capability.RESET):
            self.case.inconclusive(
                f"the scenario needs the device's clock at {instant.isoformat()} ({why}), "
                f"but it reads {now.isoformat()} and the DUT cannot be reset to go back"
            )
        self.case.set_clock(instant)

    def advance_to(self, instant: datetime) -> None:
        """Let virtual time pass until ``instant`` (consumption accrues meanwhile)."""
        now = self.case.now()
        if instant > now:
            self.case.advance(instant - now)


@pytest.fixture
def steps(case: Case, pytestconfig: pytest.Config) -> Steps:
    seconds = pytestconfig.getoption("s1sr_s1sp_timeout", default=None)
    declared = case.s1sp_timeout  # the option, else what the DUT declares
    return Steps(case, declared if seconds is None else timedelta(seconds=seconds))
