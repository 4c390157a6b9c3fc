"""Everything a meter holds, and the snapshots it takes of it.

Requests change this state through ``commands``; virtual time changes it through
``consumption``; ``reads`` only look. Snapshots are built here so the daily read log and
the three billing data logs describe registers the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from s1sr.emulator import london
from s1sr.emulator.load_profile import LoadProfile
from s1sr.emulator.meter.behaviour import MeterBehaviour
from s1sr.emulator.meter.billing_calendar import BillingSchedule
from s1sr.emulator.meter.ledger import UtrnLedger
from s1sr.emulator.meter.logs import BillingRow, BoundedLog, DailyLog, DailyRow, ProfileLog
from s1sr.emulator.meter.measure import Measure
from s1sr.emulator.meter.ndc import NdcInForce
from s1sr.emulator.meter.prepay import Account
from s1sr.emulator.meter.registers import LogKind, Registers
from s1sr.emulator.meter.tariff import TariffPlan
from s1sr.models import (
    BillingSnapshot,
    DailyReading,
    DebtPayment,
    Energy,
    EnergyUnit,
    FineMoney,
    Money,
    PaymentMode,
    PrepaySettings,
    UpdateImportTariffRequest,
)
from s1sr.models.money import MILLIPENCE_PER_PENNY

NO_THRESHOLD = FineMoney(0)


@dataclass
class MeterState:
    behaviour: MeterBehaviour
    measure: Measure
    load_profile: LoadProfile
    plan: TariffPlan
    mode: PaymentMode = PaymentMode.CREDIT
    disablement_threshold: FineMoney = NO_THRESHOLD  # supply is disabled below it (prepayment)
    account: Account = field(default_factory=Account)
    ledger: UtrnLedger = field(init=False)
    settings: PrepaySettings = field(default_factory=PrepaySettings)  # as stored, NDC apart
    ndc: NdcInForce | None = None
    billing: BillingSchedule | None = None
    change_triggered: bool = False  # a 1.1.1 or 1.6 has executed (18.17(i))
    payment_debt_set: bool = False  # a 2.3 has ever set payment-based debt above zero
    daily_log: DailyLog = field(init=False)
    change_log: BoundedLog[BillingSnapshot] = field(default_factory=BoundedLog)
    billing_log: BoundedLog[BillingRow] = field(default_factory=BoundedLog)
    debt_log: BoundedLog[DebtPayment] = field(default_factory=BoundedLog)
    profile_log: ProfileLog = field(init=False)
    registers: Registers = field(init=False)
    band_limits: tuple[tuple[int, ...], ...] = field(init=False)  # native, per block tariff

    def __post_init__(self) -> None:
        self.ledger = UtrnLedger(records=self.behaviour.records_utrns)
        self.daily_log = DailyLog(self._reading)
        behaviour = self.behaviour
        self.profile_log = ProfileLog(
            self.measure,
            in_kwh=behaviour.profile_in_kwh,
            cumulative=behaviour.profile_cumulative,
        )
        self.registers = Registers(self.plan.band_counts)
        self.install_plan(self.plan)

    @property
    def prepayment(self) -> bool:
        return self.mode is PaymentMode.PREPAYMENT

    @property
    def below_disablement_threshold(self) -> bool:
        """The balance (whole pence) under the threshold (1/1000 p), compared exactly."""
        return self.below_threshold(self.account.balance)

    def below_threshold(self, balance: int) -> bool:
        """Whether ``balance`` (whole pence) would be under the disablement threshold."""
        return balance * MILLIPENCE_PER_PENNY < self.disablement_threshold.millipence

    def new_plan(self, request: UpdateImportTariffRequest) -> TariffPlan:
        behaviour = self.behaviour
        return TariffPlan(
            request,
            follows_seasons=behaviour.follows_season_calendar,
            lookup=behaviour.season_lookup,
        )

    def install_plan(self, plan: TariffPlan) -> None:
        self.plan = plan
        self.registers.start_tariff(plan.band_counts)
        self.account.rebase_cost(plan.denominator)
        native = self.measure.native
        self.band_limits = tuple(tuple(map(native, row)) for row in plan.block_thresholds)

    def daily_reading(self, at: datetime) -> DailyReading:
        return self._reading(self.daily_row(at))

    def daily_row(self, at: datetime) -> DailyRow:
        """The daily snapshot's registers (a ``DailyReading`` once read: most never are)."""
        registers = self.registers
        return DailyRow(at, registers.import_native, registers.counters(LogKind.DAILY))

    def _reading(self, row: DailyRow) -> DailyReading:
        measure, unit = self.measure, self.behaviour.daily_log_counter_unit
        return DailyReading(
            row.timestamp,
            measure.in_unit(row.import_native, measure.unit),
            self._in_unit(row.counters, unit),
        )

    def billing_snapshot(self, at: datetime, kind: LogKind, unit: EnergyUnit) -> BillingSnapshot:
        return self.billing_reading(self.billing_row(at, kind, unit))

    def billing_row(self, at: datetime, kind: LogKind, unit: EnergyUnit) -> BillingRow:
        """A billing snapshot's registers and account (a ``BillingSnapshot`` once read)."""
        registers, account = self.registers, self.account
        time_debt_1, time_debt_2 = account.time_debts
        return BillingRow(
            at,
            registers.import_native,
            tuple(registers.tou[: self.plan.tou_count]),
            registers.counters(kind),
            unit,
            account.balance,
            (time_debt_1, time_debt_2, account.payment_debt),
        )

    def billing_reading(self, row: BillingRow) -> BillingSnapshot:
        measure = self.measure
        native = measure.unit
        time_debt_1, time_debt_2, payment_debt = row.debts
        return BillingSnapshot(
            timestamp=row.timestamp,
            import_register=measure.in_unit(row.import_native, native),
            tou_registers=tuple(measure.in_unit(value, native) for value in row.tou),
            block_counters=self._in_unit(row.counters, row.counter_unit),
            meter_balance=Money(row.balance),
            payment_debt=Money(payment_debt),
            time_debt_1=Money(time_debt_1),
            time_debt_2=Money(time_debt_2),
        )

    def snapshot_change(self, at: datetime) -> None:
        """The change of mode / tariff snapshot (4.4.2), taken before the change applies."""
        unit = self.behaviour.change_log_counter_unit
        self.change_log.append(self.billing_snapshot(at, LogKind.CHANGE, unit))
        self.registers.reset(LogKind.CHANGE)
        self.change_triggered = True

    def _in_unit(self, values: tuple[int, ...], unit: EnergyUnit) -> tuple[Energy, ...]:
        if unit is EnergyUnit.KWH and not self.behaviour.kwh_counters_converted:
            return tuple(Energy(value, unit) for value in values)  # the label, not the value
        in_unit = self.measure.in_unit
        return tuple(in_unit(value, unit) for value in values)


def today(at: datetime) -> date:
    """The local date of ``at`` (NDC dates and seasons are the consumer's calendar)."""
    return london.local_day_of(at)
