"""A SMETS1 meter as an emulated ``Device``: requests in, outcomes out, time caught up lazily.

``Esme`` and ``Gsme`` differ in what they measure (energy or gas volume), their factory
tariff and load profile; everything a Device Model changes is in ``MeterBehaviour``.
The read-only properties are for the S1SP layer (``has_applied_utrn`` for its duplicate
UTRN check) and for tests; they catch nothing up, so call ``catch_up`` first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from s1sr.emulator.device import Device, Outcome
from s1sr.emulator.load_profile import LoadProfile
from s1sr.emulator.meter import commands, reads
from s1sr.emulator.meter.behaviour import KnobError, MeterBehaviour
from s1sr.emulator.meter.consumption import Timeline
from s1sr.emulator.meter.measure import Measure
from s1sr.emulator.meter.outcomes import UNSUPPORTED, refusal
from s1sr.emulator.meter.prepay import CreditTotals
from s1sr.emulator.meter.state import MeterState
from s1sr.emulator.meter.tariff import TariffPlan
from s1sr.models import (
    EUI64,
    BillingCalendarBillingLogRequest,
    ChangeOfModeBillingLogRequest,
    DailyReadLogRequest,
    DebtPaymentsBillingLogRequest,
    DeviceType,
    Energy,
    Money,
    NonDisablementCalendar,
    PaymentMode,
    ProfileDataRequest,
    Request,
    RequestBody,
    TopUpDeviceRequest,
    UpdateBillingCalendarRequest,
    UpdateDebtRequest,
    UpdateImportTariffRequest,
    UpdatePaymentModeRequest,
    UpdatePrepayConfigurationRequest,
    Utrn,
)

Handler = Callable[[MeterState, Timeline, Request, datetime], Outcome]

_HANDLERS: dict[type[RequestBody], Handler] = {
    UpdateImportTariffRequest: commands.update_tariff,
    UpdatePaymentModeRequest: commands.update_payment_mode,
    UpdatePrepayConfigurationRequest: commands.update_prepay_configuration,
    TopUpDeviceRequest: commands.top_up,
    UpdateDebtRequest: commands.update_debt,
    UpdateBillingCalendarRequest: commands.update_billing_calendar,
    ChangeOfModeBillingLogRequest: reads.change_of_mode_log,
    BillingCalendarBillingLogRequest: reads.billing_calendar_log,
    DebtPaymentsBillingLogRequest: reads.debt_payments_log,
    DailyReadLogRequest: reads.daily_read_log,
    ProfileDataRequest: reads.profile_data,
}

_UNIT_KNOBS = ("daily_log_counter_unit", "change_log_counter_unit", "billing_log_counter_unit")


class Meter(Device):
    def __init__(
        self,
        device_id: EUI64,
        device_type: DeviceType,
        behaviour: MeterBehaviour,
        *,
        measure: Measure,
        start: datetime,
        load_profile: LoadProfile,
        tariff: UpdateImportTariffRequest,
    ) -> None:
        if load_profile.unit is not measure.unit:
            raise KnobError(f"load_profile: a {device_type} consumes {measure.unit}")
        for knob in _UNIT_KNOBS:
            measure.check_unit(getattr(behaviour, knob), knob)
        self.device_id = device_id
        self.device_type = device_type
        self.behaviour = behaviour
        self.state = MeterState(
            behaviour=behaviour,
            measure=measure,
            load_profile=load_profile,
            plan=TariffPlan(
                tariff,
                follows_seasons=behaviour.follows_season_calendar,
                lookup=behaviour.season_lookup,
            ),
        )
        self.timeline = Timeline(self.state, start)

    # -- Device ----------------------------------------------------------------------------

    def handle(self, request: Request, now: datetime) -> Outcome:
        self.catch_up(now)
        handler = _HANDLERS.get(type(request.body))
        if handler is None:
            return refusal(request, UNSUPPORTED)
        return handler(self.state, self.timeline, request, now)

    def catch_up(self, now: datetime) -> None:
        self.timeline.catch_up(now)

    # -- what the S1SP layer and tests may read ---------------------------------------------

    def has_applied_utrn(self, utrn: Utrn) -> bool:
        """Whether this exact UTRN was credited (the S1SP's scope:duplicate-utrn check)."""
        return self.state.ledger.has_applied(utrn)

    @property
    def caught_up_to(self) -> datetime:
        return self.timeline.at

    @property
    def balance(self) -> Money:
        return Money(self.state.account.balance)

    @property
    def credit_totals(self) -> CreditTotals:
        return self.state.account.totals

    @property
    def debts(self) -> tuple[Money, Money, Money]:
        """Time-based debt 1, time-based debt 2, payment-based debt."""
        return self.state.account.debts()

    @property
    def payment_mode(self) -> PaymentMode:
        return self.state.mode

    @property
    def import_register(self) -> Energy:
        return self.state.measure.in_unit(
            self.state.registers.import_native, self.state.measure.unit
        )

    @property
    def supply_enabled(self) -> bool:
        return self.timeline.supply_enabled

    @property
    def tariff(self) -> UpdateImportTariffRequest:
        return self.state.plan.request

    @property
    def non_disablement_calendar(self) -> NonDisablementCalendar | None:
        """The NDC as stored (before any 18.27(r) echo)."""
        return None if self.state.ndc is None else self.state.ndc.calendar

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.device_id}, at {self.timeline.at.isoformat()})"
