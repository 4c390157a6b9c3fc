"""SRV 2.3 Update Debt: the time-based and payment-based debt registers and recovery.

A successful 2.3 is what 18.27(q) ties the DebtRecoveryRatePeriod restrictions to, so
the recovery period is a typed value the emulator can remember. Recovery rates are
integers scaled by ``10 ** scale`` pence per period, as DUIS gives them
(DebtRecoveryRate with DebtRecoveryRatePriceScale), so nothing is rounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

from s1sr.models.checks import (
    check_enum,
    check_int,
    check_money,
    check_optional,
    check_optional_int,
    check_optional_money,
)
from s1sr.models.envelope import RequestBody, ResponseBody
from s1sr.models.errors import ModelError
from s1sr.models.money import Money
from s1sr.models.srv import SRV

MAX_RECOVERY_PER_PAYMENT = 10000  # hundredths of a percent: 100.00 %
MAX_RATE = (1 << 32) - 1
SCALE_MIN, SCALE_MAX = -128, 127


class DebtRecoveryRatePeriod(StrEnum):
    HOURLY = "hourly"
    DAILY = "daily"

    @property
    def seconds(self) -> int:
        """Length of one period; daily is 86400 s on ESME (domain-notes section 3)."""
        return 3600 if self is DebtRecoveryRatePeriod.HOURLY else 86400


@dataclass(frozen=True)
class DebtRecovery:
    """Time-based debt recovered at ``rate * 10**scale`` pence per ``period``."""

    rate: int
    scale: int
    period: DebtRecoveryRatePeriod

    def __post_init__(self) -> None:
        check_int(self.rate, "rate", 0, MAX_RATE)
        check_int(self.scale, "scale", SCALE_MIN, SCALE_MAX)
        check_enum(self.period, DebtRecoveryRatePeriod, "period")

    @property
    def pence_per_period(self) -> Decimal:
        return Decimal(self.rate).scaleb(self.scale)


@dataclass(frozen=True)
class UpdateDebtRequest(RequestBody):
    """New register values (absolute, never negative) and recovery settings; omit to keep."""

    srv: ClassVar[SRV] = SRV.UPDATE_DEBT

    time_debt_1: Money | None = None
    time_debt_2: Money | None = None
    payment_debt: Money | None = None
    recovery_per_payment: int | None = None  # hundredths of a percent of each payment
    recovery_1: DebtRecovery | None = None  # applies to time_debt_1
    recovery_2: DebtRecovery | None = None  # applies to time_debt_2

    def __post_init__(self) -> None:
        check_optional_money(self.time_debt_1, "time_debt_1", non_negative=True)
        check_optional_money(self.time_debt_2, "time_debt_2", non_negative=True)
        check_optional_money(self.payment_debt, "payment_debt", non_negative=True)
        check_optional_int(
            self.recovery_per_payment, "recovery_per_payment", 0, MAX_RECOVERY_PER_PAYMENT
        )
        check_optional(self.recovery_1, DebtRecovery, "recovery_1")
        check_optional(self.recovery_2, DebtRecovery, "recovery_2")
        if all(getattr(self, name) is None for name in _REQUEST_FIELDS):
            raise ModelError("time_debt_1: an Update Debt request must change something")


_REQUEST_FIELDS = (
    "time_debt_1",
    "time_debt_2",
    "payment_debt",
    "recovery_per_payment",
    "recovery_1",
    "recovery_2",
)


@dataclass(frozen=True)
class UpdateDebtResponse(ResponseBody):
    """The debt registers as the device holds them after the update."""

    srv: ClassVar[SRV] = SRV.UPDATE_DEBT

    time_debt_1: Money
    time_debt_2: Money
    payment_debt: Money

    def __post_init__(self) -> None:
        check_money(self.time_debt_1, "time_debt_1", non_negative=True)
        check_money(self.time_debt_2, "time_debt_2", non_negative=True)
        check_money(self.payment_debt, "payment_debt", non_negative=True)

    @property
    def total(self) -> Money:
        return self.time_debt_1 + self.time_debt_2 + self.payment_debt
