"""SRV 1.6 Update Payment Mode: credit or prepayment.

A successful 1.6 (or 1.1.1) is what 18.17(i) makes a precondition of SRV 4.4.2, so
the response says when the change took effect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import ClassVar

from s1sr.models.checks import (
    check_enum,
    check_optional_fine_money,
    check_optional_timestamp,
    check_timestamp,
)
from s1sr.models.envelope import RequestBody, ResponseBody
from s1sr.models.errors import ModelError
from s1sr.models.money import FineMoney
from s1sr.models.srv import SRV


class PaymentMode(StrEnum):
    CREDIT = "credit"
    PREPAYMENT = "prepayment"


@dataclass(frozen=True)
class UpdatePaymentModeRequest(RequestBody):
    srv: ClassVar[SRV] = SRV.UPDATE_PAYMENT_MODE

    mode: PaymentMode
    # prepayment only (ECS03, GCS03); GBCS sets it in 1/1000 p (the RTDS: 556677)
    disablement_threshold: FineMoney | None = None
    execute_at: datetime | None = None  # None: immediately

    def __post_init__(self) -> None:
        check_enum(self.mode, PaymentMode, "mode")
        check_optional_fine_money(self.disablement_threshold, "disablement_threshold")
        if self.disablement_threshold is not None and self.mode is not PaymentMode.PREPAYMENT:
            raise ModelError("disablement_threshold: only a prepayment mode change sets it")
        check_optional_timestamp(self.execute_at, "execute_at")


@dataclass(frozen=True)
class UpdatePaymentModeResponse(ResponseBody):
    srv: ClassVar[SRV] = SRV.UPDATE_PAYMENT_MODE

    mode: PaymentMode
    applied_at: datetime

    def __post_init__(self) -> None:
        check_enum(self.mode, PaymentMode, "mode")
        check_timestamp(self.applied_at, "applied_at")
