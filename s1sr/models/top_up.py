"""SRV 2.2 Top Up Device: apply a UTRN.

18.6(b) (not whole pounds) and duplicate-UTRN handling are device/S1SP behaviour; the
request simply carries a well-formed ``Utrn``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from s1sr.models.checks import check_instance, check_money, check_optional_money
from s1sr.models.envelope import RequestBody, ResponseBody
from s1sr.models.money import Money
from s1sr.models.srv import SRV
from s1sr.models.utrn import Utrn


@dataclass(frozen=True)
class TopUpDeviceRequest(RequestBody):
    srv: ClassVar[SRV] = SRV.TOP_UP_DEVICE

    utrn: Utrn

    def __post_init__(self) -> None:
        check_instance(self.utrn, Utrn, "utrn")


@dataclass(frozen=True)
class TopUpDeviceResponse(ResponseBody):
    """The credit the top-up added, and the meter balance after it when the device says."""

    srv: ClassVar[SRV] = SRV.TOP_UP_DEVICE

    credit_applied: Money
    meter_balance: Money | None = None

    def __post_init__(self) -> None:
        check_money(self.credit_applied, "credit_applied", non_negative=True)
        check_optional_money(self.meter_balance, "meter_balance")
