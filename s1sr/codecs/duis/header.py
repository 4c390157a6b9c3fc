"""The typed parts every DUIS request and response share: RequestID, CommandVariant, SRVs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from types import MappingProxyType

from s1sr.codecs.errors import CodecError
from s1sr.models import EUI64, ModelError

MAX_COUNTER = (1 << 64) - 1
_EUI = r"[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){7}"
_REQUEST_ID = re.compile(rf"({_EUI}):({_EUI}):(0|[1-9][0-9]{{0,19}})")


class CommandVariant(IntEnum):
    """How a request travels (DUIS 5.4 CommandVariant); DCC Boxed refuses 3 and 7."""

    ON_DEMAND = 1
    LOCAL_DELIVERY = 2
    ON_DEMAND_AND_LOCAL = 3
    TRANSFORM = 4
    SIGNED_PRE_COMMAND = 5
    SIGNED_PRE_COMMAND_LOCAL = 6
    SIGNED_PRE_COMMAND_BOTH = 7
    DCC_ONLY = 8


@dataclass(frozen=True, order=True)
class RequestId:
    """``originator:target:counter``; the counter increases per originator."""

    originator: EUI64
    target: EUI64
    counter: int

    def __post_init__(self) -> None:
        if not isinstance(self.originator, EUI64) or not isinstance(self.target, EUI64):
            raise ModelError("request id: originator and target must be EUI64s")
        if isinstance(self.counter, bool) or not isinstance(self.counter, int):
            raise ModelError(f"request id: counter must be an int, got {self.counter!r}")
        if not 0 <= self.counter <= MAX_COUNTER:
            raise ModelError(f"request id: counter {self.counter} is not a uint64")

    @classmethod
    def parse(cls, text: str, path: str = "") -> RequestId:
        match = _REQUEST_ID.fullmatch(text.strip()) if isinstance(text, str) else None
        if match is None:
            raise CodecError(f"not originator:target:counter: {text!r:.80}", path)
        counter = int(match.group(3))
        if counter > MAX_COUNTER:
            raise CodecError(f"counter {counter} is not a uint64", path)
        return cls(EUI64.parse(match.group(1)), EUI64.parse(match.group(2)), counter)

    def __str__(self) -> str:
        return f"{self.originator}:{self.target}:{self.counter}"


@dataclass(frozen=True)
class SrvInfo:
    """What DUIS names an in-scope Service Reference Variant by."""

    variant: str
    reference: str
    body: str  # the sr:Body child element
    command_variant: CommandVariant  # the usual one (the RTDS templates use it)


_SRVS = (
    SrvInfo("1.1.1", "1.1", "UpdateImportTariffPrimaryElement", CommandVariant.TRANSFORM),
    SrvInfo("1.6", "1.6", "UpdatePaymentMode", CommandVariant.TRANSFORM),
    SrvInfo("2.1", "2.1", "UpdatePrepayConfiguration", CommandVariant.TRANSFORM),
    SrvInfo("2.2", "2.2", "TopUpDevice", CommandVariant.ON_DEMAND),
    SrvInfo("2.3", "2.3", "UpdateDebt", CommandVariant.TRANSFORM),
    SrvInfo("4.4.2", "4.4", "RetrieveCoMOrTariffTriggeredBillingDataLog", CommandVariant.ON_DEMAND),
    SrvInfo(
        "4.4.3", "4.4", "RetrieveBillingCalendarTriggeredBillingDataLog", CommandVariant.ON_DEMAND
    ),
    SrvInfo("4.4.4", "4.4", "RetrieveBillingDataLogDebtPayments", CommandVariant.ON_DEMAND),
    SrvInfo("4.6.1", "4.6", "RetrieveImportDailyReadLog", CommandVariant.ON_DEMAND),
    SrvInfo("4.8.1", "4.8", "ReadActiveImportProfileData", CommandVariant.ON_DEMAND),
    SrvInfo("6.8", "6.8", "UpdateDeviceConfigurationBillingCalendar", CommandVariant.TRANSFORM),
    SrvInfo("6.15.1", "6.15", "UpdateSecurityCredentialsKRP", CommandVariant.TRANSFORM),
    SrvInfo("6.21", "6.21", "RequestHandoverOfDCCControlledDevice", CommandVariant.ON_DEMAND),
    SrvInfo("6.23", "6.23", "UpdateSecurityCredentialsCoS", CommandVariant.ON_DEMAND),
    SrvInfo("8.5", "8.5", "ServiceOptOut", CommandVariant.ON_DEMAND),
    SrvInfo("8.6", "8.6", "ServiceOptIn", CommandVariant.DCC_ONLY),
    SrvInfo("8.11", "8.11", "UpdateHANDeviceLog", CommandVariant.ON_DEMAND),
    SrvInfo("11.1", "11.1", "UpdateFirmware", CommandVariant.DCC_ONLY),
    SrvInfo("11.2", "11.2", "ReadFirmwareVersion", CommandVariant.ON_DEMAND),
    SrvInfo("11.3", "11.3", "ActivateFirmware", CommandVariant.TRANSFORM),
    SrvInfo("11.4", "11.4", "UpdatePPMIDFirmware", CommandVariant.DCC_ONLY),
)
SRVS = MappingProxyType({info.variant: info for info in _SRVS})
SRV_OF_BODY = MappingProxyType({info.body: info for info in _SRVS})


def srv_info(variant: str, path: str = "") -> SrvInfo:
    try:
        return SRVS[variant]
    except (KeyError, TypeError):
        raise CodecError(f"SRV {variant!r:.40} is not in scope", path) from None
