"""SRV 2.1 Update Prepay Configuration, holding the Non-Disablement Calendar (NDC).

The NDC follows DUIS: up to 20 special days and up to 22 schedule entries, each a
START or STOP switch at a time of day, for some weekdays and/or special days, between
a start date and an end date (the entry's season). 18.5(ee)/(gg) lifted SMETS1 limits
on those dates, so the model accepts any pair; 18.5(hh) gives the end date 31/12/3000
(``INDEFINITE``) its meaning; 18.27(r) is about the end date the device echoes in the
*response*, so the response carries the calendar as the device stored it, with no
ordering check (the day before the start date is the expected echo).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime, time
from enum import StrEnum
from typing import ClassVar

from s1sr.models.calendar import PartialDate, Weekday
from s1sr.models.checks import (
    check_enum,
    check_fine_money,
    check_instance,
    check_int,
    check_optional,
    check_optional_money,
    check_optional_timestamp,
    check_time_of_day,
    check_tuple,
    check_unique,
)
from s1sr.models.dates import INDEFINITE_DATE, Indefinite
from s1sr.models.envelope import RequestBody, ResponseBody
from s1sr.models.errors import ModelError
from s1sr.models.money import FineMoney, Money
from s1sr.models.srv import SRV

MAX_NDC_SPECIAL_DAYS = 20
MAX_NDC_SCHEDULE_ENTRIES = 22

NdcEndDate = PartialDate | Indefinite


class NdcScript(StrEnum):
    START = "start"  # a non-disablement period starts at the switch time
    STOP = "stop"  # it stops


@dataclass(frozen=True)
class NdcScheduleEntry:
    script: NdcScript
    switch_time: time
    start: PartialDate
    end: NdcEndDate
    weekdays: tuple[Weekday, ...] = ()
    special_days: tuple[int, ...] = ()  # 1-based indexes into the calendar's special days

    def __post_init__(self) -> None:
        check_enum(self.script, NdcScript, "script")
        check_time_of_day(self.switch_time, "switch_time")
        check_instance(self.start, PartialDate, "start")
        check_instance(self.end, (PartialDate, Indefinite), "end")
        if (
            isinstance(self.end, PartialDate)
            and self.end.year == INDEFINITE_DATE.year
            and (
                self.end.month,
                self.end.day,
            )
            == (INDEFINITE_DATE.month, INDEFINITE_DATE.day)
        ):
            raise ModelError("end: 31/12/3000 is INDEFINITE; use the INDEFINITE value")
        check_tuple(self.weekdays, "weekdays", Weekday, 0, 7)
        check_unique(self.weekdays, "weekdays")
        check_tuple(self.special_days, "special_days", int, 0, MAX_NDC_SPECIAL_DAYS)
        check_unique(self.special_days, "special_days")
        for index, special in enumerate(self.special_days):
            check_int(special, f"special_days[{index}]", 1, MAX_NDC_SPECIAL_DAYS)
        if not self.weekdays and not self.special_days:
            raise ModelError("weekdays: an entry applies to some weekdays or special days")

    @property
    def is_indefinite(self) -> bool:
        return isinstance(self.end, Indefinite)


@dataclass(frozen=True)
class NonDisablementCalendar:
    special_days: tuple[PartialDate, ...]
    schedule: tuple[NdcScheduleEntry, ...]

    def __post_init__(self) -> None:
        check_tuple(self.special_days, "special_days", PartialDate, 0, MAX_NDC_SPECIAL_DAYS)
        check_unique(self.special_days, "special_days")
        check_tuple(self.schedule, "schedule", NdcScheduleEntry, 0, MAX_NDC_SCHEDULE_ENTRIES)
        for index, entry in enumerate(self.schedule):
            for special in entry.special_days:
                if special > len(self.special_days):
                    raise ModelError(f"schedule[{index}]: special day {special} is not defined")

    @property
    def seasons(self) -> tuple[tuple[PartialDate, NdcEndDate], ...]:
        """The distinct (start, end) date pairs of the schedule, in first-seen order."""
        pairs: dict[tuple[PartialDate, NdcEndDate], None] = {}
        for entry in self.schedule:
            pairs.setdefault((entry.start, entry.end), None)
        return tuple(pairs)


class DebtRecoveryCapPeriod(StrEnum):
    """The window a debt recovery rate cap counts over.

    Not ``DebtRecoveryRatePeriod``: the cap is a 2.1 setting whose period GBCS gives in
    seconds, and the RTDS caps per week (ECS08 / ECS08a: 604800 s), while the rate period
    of a 2.3 is hourly or daily only (domain-notes section 3) and 18.27(q) checks it. One
    shared enum would either refuse the RTDS cap or let a 2.3 recover "weekly".
    """

    HOURLY = "hourly"
    DAILY = "daily"
    WEEKLY = "weekly"

    @property
    def seconds(self) -> int:
        return _CAP_SECONDS[self]


_CAP_SECONDS = {
    DebtRecoveryCapPeriod.HOURLY: 3600,
    DebtRecoveryCapPeriod.DAILY: 86400,
    DebtRecoveryCapPeriod.WEEKLY: 7 * 86400,
}


@dataclass(frozen=True)
class DebtRecoveryRateCap:
    """At most ``amount`` of time-based debt is recovered per ``period``.

    ``FineMoney``: GBCS sets the cap in 1/1000 p, and the RTDS cap (30 a week) is under
    a penny.
    """

    amount: FineMoney
    period: DebtRecoveryCapPeriod

    def __post_init__(self) -> None:
        check_fine_money(self.amount, "amount", non_negative=True)
        check_enum(self.period, DebtRecoveryCapPeriod, "period")


@dataclass(frozen=True)
class PrepaySettings:
    """The 2.1 settings; ``None`` leaves a setting as it is (request) or unknown (response)."""

    debt_recovery_rate_cap: DebtRecoveryRateCap | None = None
    emergency_credit_limit: Money | None = None
    emergency_credit_threshold: Money | None = None
    low_credit_threshold: Money | None = None
    max_credit_threshold: Money | None = None
    max_meter_balance: Money | None = None
    non_disablement_calendar: NonDisablementCalendar | None = None

    def __post_init__(self) -> None:
        check_optional(self.debt_recovery_rate_cap, DebtRecoveryRateCap, "debt_recovery_rate_cap")
        for name in _MONEY_SETTINGS:
            check_optional_money(getattr(self, name), name, non_negative=True)
        check_optional(
            self.non_disablement_calendar, NonDisablementCalendar, "non_disablement_calendar"
        )

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))


_MONEY_SETTINGS = (
    "emergency_credit_limit",
    "emergency_credit_threshold",
    "low_credit_threshold",
    "max_credit_threshold",
    "max_meter_balance",
)


@dataclass(frozen=True)
class UpdatePrepayConfigurationRequest(RequestBody):
    srv: ClassVar[SRV] = SRV.UPDATE_PREPAY_CONFIGURATION

    settings: PrepaySettings
    execute_at: datetime | None = None  # None: immediately

    def __post_init__(self) -> None:
        check_instance(self.settings, PrepaySettings, "settings")
        if self.settings.is_empty:
            raise ModelError("settings: an Update Prepay Configuration must change something")
        check_optional_timestamp(self.execute_at, "execute_at")


@dataclass(frozen=True)
class UpdatePrepayConfigurationResponse(ResponseBody):
    """The settings as the device stored them (18.27(r) reads the NDC end dates here)."""

    srv: ClassVar[SRV] = SRV.UPDATE_PREPAY_CONFIGURATION

    settings: PrepaySettings

    def __post_init__(self) -> None:
        check_instance(self.settings, PrepaySettings, "settings")
