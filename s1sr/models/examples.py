"""A valid example of every SRV request and response body, built from the models alone.

One source of examples for the library's own tests and for anyone writing an adapter
who wants a known-good body to encode; tests/models/samples.py and the wire and
benchmark samples take their identities and bodies from here.
"""

from __future__ import annotations

from datetime import date, time

from s1sr.models import (
    EUI64,
    INDEFINITE,
    NO_LIMIT,
    ActivateFirmwareRequest,
    ActivateFirmwareResponse,
    BillingCalendar,
    BillingCalendarBillingLogRequest,
    BillingCalendarBillingLogResponse,
    BillingPeriodicity,
    BillingSnapshot,
    BlockTariff,
    ChangeOfModeBillingLogRequest,
    ChangeOfModeBillingLogResponse,
    DailyReading,
    DailyReadLogRequest,
    DailyReadLogResponse,
    DayProfile,
    DebtPayment,
    DebtPaymentsBillingLogRequest,
    DebtPaymentsBillingLogResponse,
    DebtRecovery,
    DebtRecoveryCapPeriod,
    DebtRecoveryRateCap,
    DebtRecoveryRatePeriod,
    DeviceType,
    Energy,
    FineMoney,
    FirmwareOutcome,
    FirmwareVersion,
    HanAction,
    HanLogEntry,
    Money,
    NdcScheduleEntry,
    NdcScript,
    NonDisablementCalendar,
    PartialDate,
    PaymentMode,
    PrepaySettings,
    ProfileDataRequest,
    ProfileDataResponse,
    ProfileEntry,
    RateKind,
    ReadFirmwareVersionRequest,
    ReadFirmwareVersionResponse,
    Season,
    SpecialDay,
    SwitchTime,
    TopUpDeviceRequest,
    TopUpDeviceResponse,
    UpdateBillingCalendarRequest,
    UpdateBillingCalendarResponse,
    UpdateDebtRequest,
    UpdateDebtResponse,
    UpdateFirmwareRequest,
    UpdateFirmwareResponse,
    UpdateHanDeviceLogRequest,
    UpdateHanDeviceLogResponse,
    UpdateImportTariffRequest,
    UpdateImportTariffResponse,
    UpdatePaymentModeRequest,
    UpdatePaymentModeResponse,
    UpdatePrepayConfigurationRequest,
    UpdatePrepayConfigurationResponse,
    Utrn,
    Weekday,
    WeekProfile,
    ota_image,
    utc,
)
from s1sr.models.credentials import (
    CertificateReplacement,
    CertificateType,
    RemotePartyRole,
    ReplacementCertificates,
    RequestHandoverRequest,
    RequestHandoverResponse,
    ServiceOptOutRequest,
    ServiceOptOutResponse,
    UpdateSecurityCredentialsCosRequest,
    UpdateSecurityCredentialsCosResponse,
    UpdateSecurityCredentialsKrpRequest,
    UpdateSecurityCredentialsKrpResponse,
)
from s1sr.models.opt_in import ServiceOptInRequest, ServiceOptInResponse
from s1sr.models.ppmid_firmware import UpdatePpmidFirmwareRequest, UpdatePpmidFirmwareResponse

# Identities shared by the wire samples and the benchmarks (any valid EUI-64 would do).
USER = EUI64.parse("00-DB-12-34-56-78-90-A0")
ESME = EUI64.parse("00-DB-12-34-56-78-90-B1")
GSME = EUI64.parse("00-DB-12-34-56-78-90-C2")
PPMID = EUI64.parse("00-DB-12-34-56-78-90-A4")
FIRMWARE_IMAGE = ota_image(FirmwareVersion(0x01020304), b"firmware body")
# Stand-ins for DER certificates: the models carry certificates as bytes and do not parse them.
SIGNING_CERTIFICATE = b"\x30\x82 signing certificate"
KEY_AGREEMENT_CERTIFICATE = b"\x30\x82 key agreement certificate"
TOP_UP_CERTIFICATE = b"\x30\x82 top-up certificate"
CA_CERTIFICATE = b"\x30\x82 issuing CA certificate"
SUPPLIER_CERTIFICATES = ReplacementCertificates(
    SIGNING_CERTIFICATE, KEY_AGREEMENT_CERTIFICATE, TOP_UP_CERTIFICATE
)
SECOND_SUPPLIER = EUI64.parse("90-B3-D5-1F-30-02-00-00")
REPLACED = (
    CertificateReplacement(
        CertificateType.DIGITAL_SIGNING, RemotePartyRole.SUPPLIER, SECOND_SUPPLIER
    ),
    CertificateReplacement(
        CertificateType.KEY_AGREEMENT, RemotePartyRole.SUPPLIER, SECOND_SUPPLIER
    ),
)

WINTER = Season("Winter", PartialDate(None, 10, 1), 1)
SUMMER = Season("Summer", PartialDate(None, 4, 1), 2)

TARIFF = UpdateImportTariffRequest(
    seasons=(WINTER, SUMMER),
    week_profiles=(WeekProfile(1, (1, 1, 1, 1, 1, 2, 2)), WeekProfile(2, (2,) * 7)),
    day_profiles=(
        DayProfile(
            1,
            (
                SwitchTime(time(0, 0), RateKind.TOU, 1),
                SwitchTime(time(7, 0), RateKind.TOU, 2),
                SwitchTime(time(23, 0), RateKind.BLOCK, 1),
            ),
        ),
        DayProfile(2, (SwitchTime(time(0, 0), RateKind.TOU, 1),)),
    ),
    special_days=(SpecialDay(PartialDate(None, 12, 25), 2),),
    tou_prices=(15000, 28000),
    blocks=(
        BlockTariff((Energy.kwh(100), Energy.kwh(300), NO_LIMIT), (12000, 15000, 20000, 20000)),
    ),
    price_scale=-3,
    standing_charge=45000,
    standing_charge_scale=-3,
)

NDC = NonDisablementCalendar(
    special_days=(PartialDate(None, 12, 25), PartialDate(2024, 8, 26)),
    schedule=(
        NdcScheduleEntry(
            NdcScript.START,
            time(0, 0),
            PartialDate(2024, 4, 1),
            INDEFINITE,
            weekdays=(Weekday.SATURDAY, Weekday.SUNDAY),
        ),
        NdcScheduleEntry(
            NdcScript.STOP,
            time(9, 30),
            PartialDate(2024, 4, 1),
            INDEFINITE,
            weekdays=(Weekday.SATURDAY, Weekday.SUNDAY),
            special_days=(1, 2),
        ),
    ),
)

SETTINGS = PrepaySettings(
    debt_recovery_rate_cap=DebtRecoveryRateCap(FineMoney(30), DebtRecoveryCapPeriod.WEEKLY),
    emergency_credit_limit=Money(500),
    low_credit_threshold=Money(200),
    non_disablement_calendar=NDC,
)

SNAPSHOT = BillingSnapshot(
    timestamp=utc(2024, 3, 1),
    import_register=Energy.kwh("1234.567"),
    tou_registers=(Energy.kwh(1000), Energy.kwh("234.567")),
    block_counters=(Energy.kwh(100), Energy.kwh(0)),
    meter_balance=Money(-150),
    payment_debt=Money(2000),
)

REQUEST_EXAMPLES = (
    TARIFF,
    UpdatePaymentModeRequest(PaymentMode.PREPAYMENT, FineMoney(556677), utc(2024, 5, 1, 9)),
    UpdatePrepayConfigurationRequest(SETTINGS),
    TopUpDeviceRequest(Utrn.parse("73943333457189043313")),
    UpdateDebtRequest(
        time_debt_1=Money(30000),
        recovery_1=DebtRecovery(3, -1, DebtRecoveryRatePeriod.DAILY),
        recovery_per_payment=1000,
    ),
    ChangeOfModeBillingLogRequest(utc(2024, 1, 1), utc(2024, 3, 31)),
    BillingCalendarBillingLogRequest(utc(2024, 1, 1), utc(2024, 3, 31)),
    DebtPaymentsBillingLogRequest(utc(2024, 1, 1), utc(2024, 3, 31)),
    DailyReadLogRequest(utc(2024, 6, 1), utc(2024, 6, 7, 23, 59, 59)),
    ProfileDataRequest(utc(2024, 6, 1), utc(2024, 6, 2)),
    UpdateBillingCalendarRequest(BillingCalendar(utc(2024, 7, 1, 11), BillingPeriodicity.MONTHLY)),
    UpdateSecurityCredentialsKrpRequest(
        RemotePartyRole.SUPPLIER, SUPPLIER_CERTIFICATES, (CA_CERTIFICATE,), True, 0, 0
    ),
    RequestHandoverRequest(
        RemotePartyRole.SUPPLIER, SUPPLIER_CERTIFICATES, (CA_CERTIFICATE,), True, 0, 0
    ),
    UpdateSecurityCredentialsCosRequest(
        0, SUPPLIER_CERTIFICATES, (CA_CERTIFICATE,), True, "1312345678333", 0, utc(2030, 1, 2)
    ),
    ServiceOptOutRequest(
        utc(2030, 1, 15),
        0,
        ReplacementCertificates(key_agreement=KEY_AGREEMENT_CERTIFICATE),
        (CA_CERTIFICATE,),
        True,
    ),
    ServiceOptInRequest(
        DeviceType.ESME, "1312345678111", date(2030, 2, 1), "1312345678222", "1312345678333"
    ),
    UpdateHanDeviceLogRequest(HanAction.ADD, PPMID, DeviceType.PPMID, bytes(range(16))),
    UpdateFirmwareRequest(FIRMWARE_IMAGE),
    ReadFirmwareVersionRequest(),
    ActivateFirmwareRequest(bytes(32), utc(2030, 1, 15, 9)),
    UpdatePpmidFirmwareRequest(FIRMWARE_IMAGE),
)

RESPONSE_EXAMPLES = (
    UpdateImportTariffResponse(utc(2024, 1, 1), (WINTER, SUMMER)),
    UpdatePaymentModeResponse(PaymentMode.CREDIT, utc(2024, 1, 1)),
    UpdatePrepayConfigurationResponse(SETTINGS),
    TopUpDeviceResponse(Money(10000), Money(9850)),
    UpdateDebtResponse(Money(30000), Money(0), Money(5000)),
    ChangeOfModeBillingLogResponse((SNAPSHOT,)),
    BillingCalendarBillingLogResponse((SNAPSHOT,)),
    DebtPaymentsBillingLogResponse((DebtPayment(utc(2024, 2, 1, 10), FineMoney(95)),)),
    DailyReadLogResponse((DailyReading(utc(2024, 6, 1), Energy.kwh(10)),)),
    ProfileDataResponse((ProfileEntry(utc(2024, 6, 1, 0, 30), Energy.kwh("0.25")),)),
    UpdateBillingCalendarResponse(BillingCalendar(utc(2024, 7, 1, 11), BillingPeriodicity.MONTHLY)),
    UpdateSecurityCredentialsKrpResponse(REPLACED),
    RequestHandoverResponse(REPLACED),
    UpdateSecurityCredentialsCosResponse(REPLACED),
    ServiceOptOutResponse(
        (
            CertificateReplacement(
                CertificateType.KEY_AGREEMENT,
                RemotePartyRole.ACB,
                EUI64.parse("90-B3-D5-1F-30-00-00-02"),
            ),
        )
    ),
    ServiceOptInResponse(),
    UpdateHanDeviceLogResponse((HanLogEntry(PPMID, DeviceType.PPMID),)),
    UpdateFirmwareResponse(FirmwareVersion(0x01020304), FirmwareOutcome.ACCEPTED),
    ReadFirmwareVersionResponse(FirmwareVersion(0x01020304)),
    ActivateFirmwareResponse(FirmwareVersion(0x01020304), utc(2030, 1, 15, 9)),
    UpdatePpmidFirmwareResponse(FirmwareVersion(0x01020304), FirmwareOutcome.ACCEPTED),
)

EXAMPLES = REQUEST_EXAMPLES + RESPONSE_EXAMPLES


def example_of(cls: type) -> object:
    """The example of body type ``cls``, so callers need not know the tuples' order."""
    return next(example for example in EXAMPLES if type(example) is cls)
