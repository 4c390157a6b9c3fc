"""Which request and response body class belongs to each SRV.

Codecs and the emulator dispatch through this table instead of if-chains; a test
checks every ``SRV`` is registered and that each class's ``srv`` agrees.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from s1sr.models.billing_calendar import (
    UpdateBillingCalendarRequest,
    UpdateBillingCalendarResponse,
)
from s1sr.models.billing_log import (
    BillingCalendarBillingLogRequest,
    BillingCalendarBillingLogResponse,
    ChangeOfModeBillingLogRequest,
    ChangeOfModeBillingLogResponse,
    DebtPaymentsBillingLogRequest,
    DebtPaymentsBillingLogResponse,
)
from s1sr.models.credentials import (
    RequestHandoverRequest,
    RequestHandoverResponse,
    ServiceOptOutRequest,
    ServiceOptOutResponse,
    UpdateSecurityCredentialsCosRequest,
    UpdateSecurityCredentialsCosResponse,
    UpdateSecurityCredentialsKrpRequest,
    UpdateSecurityCredentialsKrpResponse,
)
from s1sr.models.daily_log import DailyReadLogRequest, DailyReadLogResponse
from s1sr.models.debt import UpdateDebtRequest, UpdateDebtResponse
from s1sr.models.envelope import RequestBody, ResponseBody
from s1sr.models.errors import ModelError
from s1sr.models.firmware import (
    ActivateFirmwareRequest,
    ActivateFirmwareResponse,
    ReadFirmwareVersionRequest,
    ReadFirmwareVersionResponse,
    UpdateFirmwareRequest,
    UpdateFirmwareResponse,
)
from s1sr.models.han import UpdateHanDeviceLogRequest, UpdateHanDeviceLogResponse
from s1sr.models.opt_in import ServiceOptInRequest, ServiceOptInResponse
from s1sr.models.payment_mode import UpdatePaymentModeRequest, UpdatePaymentModeResponse
from s1sr.models.ppmid_firmware import UpdatePpmidFirmwareRequest, UpdatePpmidFirmwareResponse
from s1sr.models.prepay import (
    UpdatePrepayConfigurationRequest,
    UpdatePrepayConfigurationResponse,
)
from s1sr.models.profile import ProfileDataRequest, ProfileDataResponse
from s1sr.models.srv import SRV
from s1sr.models.tariff import UpdateImportTariffRequest, UpdateImportTariffResponse
from s1sr.models.top_up import TopUpDeviceRequest, TopUpDeviceResponse

_PAIRS: tuple[tuple[type[RequestBody], type[ResponseBody]], ...] = (
    (UpdateImportTariffRequest, UpdateImportTariffResponse),
    (UpdatePaymentModeRequest, UpdatePaymentModeResponse),
    (UpdatePrepayConfigurationRequest, UpdatePrepayConfigurationResponse),
    (TopUpDeviceRequest, TopUpDeviceResponse),
    (UpdateDebtRequest, UpdateDebtResponse),
    (ChangeOfModeBillingLogRequest, ChangeOfModeBillingLogResponse),
    (BillingCalendarBillingLogRequest, BillingCalendarBillingLogResponse),
    (DebtPaymentsBillingLogRequest, DebtPaymentsBillingLogResponse),
    (DailyReadLogRequest, DailyReadLogResponse),
    (ProfileDataRequest, ProfileDataResponse),
    (UpdateBillingCalendarRequest, UpdateBillingCalendarResponse),
    (UpdateSecurityCredentialsKrpRequest, UpdateSecurityCredentialsKrpResponse),
    (RequestHandoverRequest, RequestHandoverResponse),
    (UpdateSecurityCredentialsCosRequest, UpdateSecurityCredentialsCosResponse),
    (ServiceOptOutRequest, ServiceOptOutResponse),
    (ServiceOptInRequest, ServiceOptInResponse),
    (UpdateHanDeviceLogRequest, UpdateHanDeviceLogResponse),
    (UpdateFirmwareRequest, UpdateFirmwareResponse),
    (ReadFirmwareVersionRequest, ReadFirmwareVersionResponse),
    (ActivateFirmwareRequest, ActivateFirmwareResponse),
    (UpdatePpmidFirmwareRequest, UpdatePpmidFirmwareResponse),
)

REQUEST_BODY_TYPES: Mapping[SRV, type[RequestBody]] = MappingProxyType(
    {request.srv: request for request, _ in _PAIRS}
)
RESPONSE_BODY_TYPES: Mapping[SRV, type[ResponseBody]] = MappingProxyType(
    {response.srv: response for _, response in _PAIRS}
)


def request_body_type(srv: SRV) -> type[RequestBody]:
    try:
        return REQUEST_BODY_TYPES[SRV(srv)]
    except (KeyError, ValueError):
        raise ModelError(f"srv: no request body registered for {srv!r}") from None


def response_body_type(srv: SRV) -> type[ResponseBody]:
    try:
        return RESPONSE_BODY_TYPES[SRV(srv)]
    except (KeyError, ValueError):
        raise ModelError(f"srv: no response body registered for {srv!r}") from None
