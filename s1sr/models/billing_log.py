"""SRVs 4.4.2, 4.4.3 and 4.4.4: the billing data logs, read over a period.

4.4.2 (change of mode / tariff triggered) and 4.4.3 (billing calendar triggered) return
register snapshots; 4.4.4 returns payment-based debt payments. Each log holds at most
12 entries (domain-notes section 3). Whether a request times out into S1CE20
(18.17(i), 18.18(g), 18.19(a)) is S1SP/device behaviour, not a model concern.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from s1sr.models.checks import check_fine_money, check_period, check_timestamp, check_tuple
from s1sr.models.envelope import RequestBody, ResponseBody
from s1sr.models.money import FineMoney
from s1sr.models.readings import BillingSnapshot
from s1sr.models.srv import SRV

MAX_BILLING_LOG_ENTRIES = 12


@dataclass(frozen=True)
class _PeriodRequest(RequestBody):
    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        check_period(self.start, self.end)


@dataclass(frozen=True)
class _SnapshotLog(ResponseBody):
    entries: tuple[BillingSnapshot, ...]

    def __post_init__(self) -> None:
        check_tuple(self.entries, "entries", BillingSnapshot, 0, MAX_BILLING_LOG_ENTRIES)


@dataclass(frozen=True)
class ChangeOfModeBillingLogRequest(_PeriodRequest):
    srv: ClassVar[SRV] = SRV.RETRIEVE_CHANGE_OF_MODE_TARIFF_BILLING_LOG


@dataclass(frozen=True)
class ChangeOfModeBillingLogResponse(_SnapshotLog):
    srv: ClassVar[SRV] = SRV.RETRIEVE_CHANGE_OF_MODE_TARIFF_BILLING_LOG


@dataclass(frozen=True)
class BillingCalendarBillingLogRequest(_PeriodRequest):
    srv: ClassVar[SRV] = SRV.RETRIEVE_BILLING_CALENDAR_BILLING_LOG


@dataclass(frozen=True)
class BillingCalendarBillingLogResponse(_SnapshotLog):
    srv: ClassVar[SRV] = SRV.RETRIEVE_BILLING_CALENDAR_BILLING_LOG


@dataclass(frozen=True)
class DebtPayment:
    """A payment-based debt recovery: ``amount`` recovered from a payment at ``timestamp``.

    ``FineMoney``: GBCS logs the amount in 1/1000 p (the RTDS ECS20a entry is 95).
    """

    timestamp: datetime
    amount: FineMoney

    def __post_init__(self) -> None:
        check_timestamp(self.timestamp, "timestamp")
        check_fine_money(self.amount, "amount", non_negative=True)


@dataclass(frozen=True)
class DebtPaymentsBillingLogRequest(_PeriodRequest):
    srv: ClassVar[SRV] = SRV.RETRIEVE_DEBT_PAYMENTS_BILLING_LOG


@dataclass(frozen=True)
class DebtPaymentsBillingLogResponse(ResponseBody):
    srv: ClassVar[SRV] = SRV.RETRIEVE_DEBT_PAYMENTS_BILLING_LOG

    entries: tuple[DebtPayment, ...]

    def __post_init__(self) -> None:
        check_tuple(self.entries, "entries", DebtPayment, 0, MAX_BILLING_LOG_ENTRIES)
