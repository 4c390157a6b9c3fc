"""SRV 6.8 Update Device Configuration (Billing Calendar).

Setting a billing calendar is the 18.18(g) precondition of SRV 4.4.3. The calendar is
its first billing instant and a periodicity; DUIS's day-of-month / time-of-day forms
are that instant's fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import ClassVar

from s1sr.models.checks import check_enum, check_instance, check_timestamp
from s1sr.models.envelope import RequestBody, ResponseBody
from s1sr.models.srv import SRV


class BillingPeriodicity(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SIX_MONTHLY = "six-monthly"
    ANNUALLY = "annually"


@dataclass(frozen=True)
class BillingCalendar:
    start: datetime
    periodicity: BillingPeriodicity

    def __post_init__(self) -> None:
        check_timestamp(self.start, "start")
        check_enum(self.periodicity, BillingPeriodicity, "periodicity")


@dataclass(frozen=True)
class UpdateBillingCalendarRequest(RequestBody):
    srv: ClassVar[SRV] = SRV.UPDATE_BILLING_CALENDAR

    calendar: BillingCalendar

    def __post_init__(self) -> None:
        check_instance(self.calendar, BillingCalendar, "calendar")


@dataclass(frozen=True)
class UpdateBillingCalendarResponse(ResponseBody):
    """The calendar as the device now holds it."""

    srv: ClassVar[SRV] = SRV.UPDATE_BILLING_CALENDAR

    calendar: BillingCalendar

    def __post_init__(self) -> None:
        check_instance(self.calendar, BillingCalendar, "calendar")
