"""Random SRV sequences and clock moves against one meter (hypothesis stateful testing).

Invariants, after every step:
- credit is conserved: balance = top-ups - charges - debt recovered, exactly, where the
  machine computes each term itself: top-ups from the responses it received, charges from
  the load profile, the tariff and its own record of payment mode changes, debt recovered
  from the debt registers it set and the ones the meter now holds;
- no UTRN credits twice: a repeated UTRN is refused and moves nothing;
- logs are time-ordered: the daily read log strictly (its one documented exception is the
  18.21(f) open record, which repeats the previous register), profile data one UTC half hour
  after another, billing data logs in order.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    rule,
)

from s1sr.dmves import load_dmves
from s1sr.emulator import london
from s1sr.emulator.meter import build_meter
from s1sr.emulator.meter.behaviour import LogDay
from s1sr.emulator.meter.esme import household_electricity
from s1sr.emulator.meter.gsme import household_gas
from s1sr.emulator.meter.measure import Electricity, Gas
from s1sr.models import (
    ChangeOfModeBillingLogRequest,
    DailyReadLogRequest,
    DebtPaymentsBillingLogRequest,
    DebtRecovery,
    DebtRecoveryRatePeriod,
    DeviceType,
    FineMoney,
    Money,
    PaymentMode,
    ProfileDataRequest,
    TopUpDeviceRequest,
    UpdateDebtRequest,
    UpdatePaymentModeRequest,
    Utrn,
    ValueClass,
    utc,
)
from tests.emulator.meter.builders import METER_ID, Driver, flat_tariff

MODELS = [m for m in load_dmves().models if m.device_type in (DeviceType.ESME, DeviceType.GSME)]
NEVER_DISABLED = FineMoney(-(2**63))
EVER = (utc(2000, 1, 1), utc(2100, 1, 1))
CHANGES = [t for year in (2024, 2025) for t in london.bst_transitions(year)]
HALF_HOUR = timedelta(minutes=30)


def starts() -> st.SearchStrategy[datetime]:
    """Whole minutes within a few days of a clock change, so moves cross BST both ways."""
    return st.builds(
        lambda change, minutes: change + timedelta(minutes=minutes),
        st.sampled_from(CHANGES),
        st.integers(-4 * 1440, 2 * 1440),
    )


moves = st.one_of(
    st.integers(1, 120),
    st.integers(1, 48).map(lambda h: h * 60),
    st.integers(1, 14).map(lambda d: d * 1440),
)


class MeterMachine(RuleBasedStateMachine):
    applied = Bundle("applied")

    @initialize(
        model=st.sampled_from(MODELS),
        start=starts(),
        price=st.integers(1, 40),
        standing=st.integers(0, 60),
    )
    def build(self, model, start, price, standing):
        gas = model.device_type is DeviceType.GSME
        self.profile = household_gas() if gas else household_electricity()
        self.measure = Gas() if gas else Electricity()
        meter = build_meter(model, METER_ID, start=start, load_profile=self.profile)
        self.driver = Driver(meter, start)
        self.start, self.price, self.standing = start, price, standing
        self.driver.ok(flat_tariff(price, standing=standing))
        self.topped_up = 0
        self.counters = iter(range(1024))
        self.prepay_since: datetime | None = None
        self.closed_units = 0  # tariff price units of consumption charged in closed intervals
        self.closed_midnights = 0
        self.recovered_before = 0  # debt recovered up to the last 2.3
        self.debt_at_set = 0  # the debt registers' total the last 2.3 left

    # -- the machine's own account of the meter ------------------------------------------

    def _wh(self, at: datetime) -> int:
        return self.measure.wh(self.profile.energy_between(self.start, at))

    def _units(self, since: datetime, until: datetime) -> int:
        return self.price * (self._wh(until) - self._wh(since))

    def _midnights(self, since: datetime, until: datetime) -> int:
        count, day = 0, london.local_day_of(since)
        while (midnight := london.local_midnight_utc(day)) <= until:
            count += since < midnight
            day += timedelta(days=1)
        return count

    def expected_charged(self) -> int:
        units, midnights = self.closed_units, self.closed_midnights
        if self.prepay_since is not None:
            units += self._units(self.prepay_since, self.driver.now)
            midnights += self._midnights(self.prepay_since, self.driver.now)
        return units // 1000 + midnights * self.standing

    def expected_recovered(self) -> int:
        return (
            self.recovered_before + self.debt_at_set - sum(m.pence for m in self.driver.meter.debts)
        )

    # -- rules -------------------------------------------------------------------------------

    @rule(target=applied, value=st.integers(1, 60), pennies=st.booleans())
    def top_up(self, value, pennies):
        value_class = ValueClass.PENNIES if pennies else ValueClass.POUNDS
        utrn = Utrn(next(self.counters), value_class, value, tag=value * 7919)
        response = self.driver.ok(TopUpDeviceRequest(utrn))
        assert response.credit_applied == utrn.amount
        self.topped_up += utrn.amount.pence
        return utrn

    @rule(utrn=applied)
    def repeat_top_up(self, utrn):
        before = (self.driver.meter.balance, self.driver.meter.credit_totals)
        assert self.driver.refused(TopUpDeviceRequest(utrn))
        assert (self.driver.meter.balance, self.driver.meter.credit_totals) == before

    @rule(utrn=consumes(applied))
    def forget_one(self, utrn):
        """Keep the bundle small so repeats are of recent and old UTRNs alike."""

    @rule(
        payment=st.integers(0, 3000),
        share=st.integers(0, 10000),
        debt=st.integers(0, 5000),
        rate=st.integers(0, 200),
        hourly=st.booleans(),
    )
    def update_debt(self, payment, share, debt, rate, hourly):
        period = DebtRecoveryRatePeriod.HOURLY if hourly else DebtRecoveryRatePeriod.DAILY
        recovered = self.expected_recovered()
        request = UpdateDebtRequest(
            time_debt_1=Money(debt),
            payment_debt=Money(payment),
            recovery_per_payment=share,
            recovery_1=DebtRecovery(rate, 0, period),
        )
        outcome = self.driver.send(request)
        if outcome.response.code.is_success:
            self.recovered_before = recovered
            self.debt_at_set = outcome.response.body.total.pence

    @rule(prepay=st.booleans())
    def change_mode(self, prepay):
        now = self.driver.now
        mode = PaymentMode.PREPAYMENT if prepay else PaymentMode.CREDIT
        threshold = NEVER_DISABLED if prepay else None
        self.driver.ok(UpdatePaymentModeRequest(mode, disablement_threshold=threshold))
        if prepay and self.prepay_since is None:
            self.prepay_since = now
        elif not prepay and self.prepay_since is not None:
            self.closed_units += self._units(self.prepay_since, now)
            self.closed_midnights += self._midnights(self.prepay_since, now)
            self.prepay_since = None

    @rule(minutes=moves)
    def move_clock(self, minutes):
        self.driver.advance(minutes=minutes)

    # -- invariants --------------------------------------------------------------------------

    @invariant()
    def credit_is_conserved(self):
        meter = self.driver.meter
        totals = meter.credit_totals
        assert totals.topped_up == self.topped_up
        assert totals.charged == self.expected_charged()
        assert totals.recovered == self.expected_recovered()
        assert meter.balance.pence == self.topped_up - totals.charged - totals.recovered

    @invariant()
    def the_daily_log_is_time_ordered(self):
        entries = self.driver.ok(DailyReadLogRequest(*EVER)).entries
        stamps = [e.timestamp for e in entries]
        assert stamps == sorted(set(stamps))
        for previous, entry in itertools.pairwise(entries):
            if entry.import_register == previous.import_register:
                assert entry is entries[-1] and self._is_open_record(entry.timestamp)
            else:
                assert entry.import_register > previous.import_register

    def _is_open_record(self, stamp: datetime) -> bool:
        """18.21(f): stamped at the start of today's UTC day, begun in BST, not yet closed."""
        now = self.driver.now
        day_start = london.utc_day_start(now.date())
        next_local_midnight = london.local_midnight_utc(
            london.local_day_of(day_start) + timedelta(days=1)
        )
        return (
            self.driver.meter.behaviour.daily_log_day is LogDay.UTC
            and stamp == day_start
            and london.is_bst(day_start)
            and now < next_local_midnight
        )

    @invariant()
    def profile_data_is_one_half_hour_after_another(self):
        outcome = self.driver.send(
            ProfileDataRequest(self.driver.now - timedelta(days=2), self.driver.now)
        )
        if not outcome.response.code.is_success:
            return  # a meter without the profile-data clauses
        stamps = [entry.timestamp for entry in outcome.response.body.entries]
        assert all(b - a == HALF_HOUR for a, b in itertools.pairwise(stamps))
        if stamps:
            assert stamps[-1] + HALF_HOUR > self.driver.now - HALF_HOUR

    @invariant()
    def billing_logs_are_time_ordered(self):
        for request in (ChangeOfModeBillingLogRequest(*EVER), DebtPaymentsBillingLogRequest(*EVER)):
            outcome = self.driver.send(request)
            if hasattr(outcome, "response") and outcome.response.body is not None:
                stamps = [entry.timestamp for entry in outcome.response.body.entries]
                assert stamps == sorted(stamps)


MeterMachine.TestCase.settings = settings(MeterMachine.TestCase.settings, stateful_step_count=25)
TestMeterMachine = MeterMachine.TestCase
