"""Typed SRV models: plain frozen dataclasses at the centre of s1sr.

Nothing here imports any other part of s1sr; codecs, the emulator and the suite all
speak these types.
"""

from s1sr.models.alerts import (
    S1CE20,
    is_timeout,
    timeout_alert,
)
from s1sr.models.billing_calendar import (
    BillingCalendar,
    BillingPeriodicity,
    UpdateBillingCalendarRequest,
    UpdateBillingCalendarResponse,
)
from s1sr.models.billing_log import (
    BillingCalendarBillingLogRequest,
    BillingCalendarBillingLogResponse,
    ChangeOfModeBillingLogRequest,
    ChangeOfModeBillingLogResponse,
    DebtPayment,
    DebtPaymentsBillingLogRequest,
    DebtPaymentsBillingLogResponse,
)
from s1sr.models.calendar import (
    PartialDate,
    Weekday,
)
from s1sr.models.control import (
    AdvanceClock,
    ControlMessage,
    ControlOutcome,
    ControlRequest,
    ControlResponse,
    InstallationInventory,
    InventoryDevice,
    InventoryResponse,
    ReadClock,
    ReadInventory,
    ResetInstallation,
    SetClock,
)
from s1sr.models.daily_log import (
    DailyReading,
    DailyReadLogRequest,
    DailyReadLogResponse,
)
from s1sr.models.dates import INDEFINITE, INDEFINITE_DATE, EndDate, Indefinite, end_date, utc
from s1sr.models.debt import (
    DebtRecovery,
    DebtRecoveryRatePeriod,
    UpdateDebtRequest,
    UpdateDebtResponse,
)
from s1sr.models.device_id import EUI64
from s1sr.models.device_type import DeviceType
from s1sr.models.energy import Energy, EnergyUnit
from s1sr.models.envelope import (
    Alert,
    Message,
    Request,
    RequestBody,
    Response,
    ResponseBody,
    ResponseCode,
)
from s1sr.models.errors import ModelError
from s1sr.models.firmware import (
    ActivateFirmwareRequest,
    ActivateFirmwareResponse,
    FirmwareOutcome,
    FirmwareVersion,
    OtaHeader,
    ReadFirmwareVersionRequest,
    ReadFirmwareVersionResponse,
    UpdateFirmwareRequest,
    UpdateFirmwareResponse,
    ota_image,
)
from s1sr.models.han import (
    HanAction,
    HanLogEntry,
    UpdateHanDeviceLogRequest,
    UpdateHanDeviceLogResponse,
)
from s1sr.models.jsonview import (
    JsonViewError,
    from_jsonable,
    to_jsonable,
)
from s1sr.models.money import FineMoney, Money
from s1sr.models.payment_mode import (
    PaymentMode,
    UpdatePaymentModeRequest,
    UpdatePaymentModeResponse,
)
from s1sr.models.prepay import (
    DebtRecoveryCapPeriod,
    DebtRecoveryRateCap,
    NdcScheduleEntry,
    NdcScript,
    NonDisablementCalendar,
    PrepaySettings,
    UpdatePrepayConfigurationRequest,
    UpdatePrepayConfigurationResponse,
)
from s1sr.models.profile import (
    ProfileDataRequest,
    ProfileDataResponse,
    ProfileEntry,
)
from s1sr.models.readings import (
    BillingSnapshot,
)
from s1sr.models.registry import (
    request_body_type,
    response_body_type,
)
from s1sr.models.srv import SRV
from s1sr.models.tariff import (
    NO_LIMIT,
    BlockTariff,
    DayProfile,
    NoLimit,
    RateKind,
    Season,
    SpecialDay,
    SwitchTime,
    UpdateImportTariffRequest,
    UpdateImportTariffResponse,
    WeekProfile,
)
from s1sr.models.top_up import (
    TopUpDeviceRequest,
    TopUpDeviceResponse,
)
from s1sr.models.utrn import (
    Utrn,
    UtrnCheckDigitError,
    UtrnDigitsError,
    UtrnError,
    UtrnLengthError,
    UtrnRangeError,
    UtrnValueClassError,
    ValueClass,
    check_digit,
)

__all__ = [
    "EUI64",
    "INDEFINITE",
    "INDEFINITE_DATE",
    "NO_LIMIT",
    "S1CE20",
    "SRV",
    "ActivateFirmwareRequest",
    "ActivateFirmwareResponse",
    "AdvanceClock",
    "Alert",
    "BillingCalendar",
    "BillingCalendarBillingLogRequest",
    "BillingCalendarBillingLogResponse",
    "BillingPeriodicity",
    "BillingSnapshot",
    "BlockTariff",
    "ChangeOfModeBillingLogRequest",
    "ChangeOfModeBillingLogResponse",
    "ControlMessage",
    "ControlOutcome",
    "ControlRequest",
    "ControlResponse",
    "DailyReadLogRequest",
    "DailyReadLogResponse",
    "DailyReading",
    "DayProfile",
    "DebtPayment",
    "DebtPaymentsBillingLogRequest",
    "DebtPaymentsBillingLogResponse",
    "DebtRecovery",
    "DebtRecoveryCapPeriod",
    "DebtRecoveryRateCap",
    "DebtRecoveryRatePeriod",
    "DeviceType",
    "EndDate",
    "Energy",
    "EnergyUnit",
    "FineMoney",
    "FirmwareOutcome",
    "FirmwareVersion",
    "HanAction",
    "HanLogEntry",
    "Indefinite",
    "InstallationInventory",
    "InventoryDevice",
    "InventoryResponse",
    "JsonViewError",
    "Message",
    "ModelError",
    "Money",
    "NdcScheduleEntry",
    "NdcScript",
    "NoLimit",
    "NonDisablementCalendar",
    "OtaHeader",
    "PartialDate",
    "PaymentMode",
    "PrepaySettings",
    "ProfileDataRequest",
    "ProfileDataResponse",
    "ProfileEntry",
    "RateKind",
    "ReadClock",
    "ReadFirmwareVersionRequest",
    "ReadFirmwareVersionResponse",
    "ReadInventory",
    "Request",
    "RequestBody",
    "ResetInstallation",
    "Response",
    "ResponseBody",
    "ResponseCode",
    "Season",
    "SetClock",
    "SpecialDay",
    "SwitchTime",
    "TopUpDeviceRequest",
    "TopUpDeviceResponse",
    "UpdateBillingCalendarRequest",
    "UpdateBillingCalendarResponse",
    "UpdateDebtRequest",
    "UpdateDebtResponse",
    "UpdateFirmwareRequest",
    "UpdateFirmwareResponse",
    "UpdateHanDeviceLogRequest",
    "UpdateHanDeviceLogResponse",
    "UpdateImportTariffRequest",
    "UpdateImportTariffResponse",
    "UpdatePaymentModeRequest",
    "UpdatePaymentModeResponse",
    "UpdatePrepayConfigurationRequest",
    "UpdatePrepayConfigurationResponse",
    "Utrn",
    "UtrnCheckDigitError",
    "UtrnDigitsError",
    "UtrnError",
    "UtrnLengthError",
    "UtrnRangeError",
    "UtrnValueClassError",
    "ValueClass",
    "WeekProfile",
    "Weekday",
    "check_digit",
    "end_date",
    "from_jsonable",
    "is_timeout",
    "ota_image",
    "request_body_type",
    "response_body_type",
    "timeout_alert",
    "to_jsonable",
    "utc",
]
