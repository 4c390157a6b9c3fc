"""One representative message of every type the wire format carries, for bench_codecs.py.

Sizes are typical of a real exchange, not minimal: a month of daily reads, a day of
half-hourly profile data, a full billing log of 12 snapshots, a two-season TOU tariff.
"""

from __future__ import annotations

from datetime import time, timedelta

from s1sr.models import (
    EUI64,
    INDEFINITE,
    S1CE20,
    SRV,
    ActivateFirmwareRequest,
    ActivateFirmwareResponse,
    AdvanceClock,
    Alert,
    BillingCalendar,
    BillingCalendarBillingLogRequest,
    BillingCalendarBillingLogResponse,
    BillingPeriodicity,
    BillingSnapshot,
    ChangeOfModeBillingLogRequest,
    ChangeOfModeBillingLogResponse,
    ControlOutcome,
    ControlRequest,
    ControlResponse,
    DailyReading,
    DailyReadLogRequest,
    DailyReadLogResponse,
    DayProfile,
    DebtPayment,
    DebtPaymentsBillingLogRequest,
    DebtPaymentsBillingLogResponse,
    DebtRecovery,
    DebtRecoveryRatePeriod,
    DeviceType,
    Energy,
    EnergyUnit,
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
    Request,
    Response,
    ResponseCode,
    Season,
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
from s1sr.models.examples import ESME, GSME, USER

PPMID = EUI64.parse("00-DB-12-34-56-78-90-D3")
MAY = utc(2024, 5, 1)
DAY = timedelta(days=1)
IMAGE = ota_image(FirmwareVersion(0x02000001), bytes(range(256)) * 4)

SEASONS = (
    Season("winter", PartialDate(None, 10, 27), 1),
    Season("summer", PartialDate(None, 3, 31), 2),
)
TARIFF = UpdateImportTariffRequest(
    seasons=SEASONS,
    week_profiles=(WeekProfile(1, (1, 1, 1, 1, 1, 2, 2)), WeekProfile(2, (1,) * 7)),
    day_profiles=(
        DayProfile(
            1,
            (
                SwitchTime(time(0, 0), RateKind.TOU, 1),
                SwitchTime(time(7, 0), RateKind.TOU, 2),
                SwitchTime(time(16, 0), RateKind.TOU, 3),
                SwitchTime(time(19, 0), RateKind.TOU, 2),
            ),
        ),
        DayProfile(2, (SwitchTime(time(0, 0), RateKind.TOU, 4),)),
    ),
    special_days=(),
    tou_prices=(1500, 2450, 3900, 1800),
    blocks=(),
    price_scale=-2,
    standing_charge=5300,
    standing_charge_scale=-2,
    execute_at=utc(2024, 6, 1),
)
SNAPSHOT = BillingSnapshot(
    timestamp=MAY,
    import_register=Energy.kwh("4321.5"),
    tou_registers=(Energy.kwh(1200), Energy.kwh(2100), Energy.kwh(800), Energy.kwh(221)),
    block_counters=(Energy.kwh(0),) * 4,
    meter_balance=Money(1234),
    emergency_credit_balance=Money(0),
    accumulated_debt=Money(0),
    payment_debt=Money(2500),
    time_debt_1=Money(0),
    time_debt_2=Money(0),
)
NDC = NonDisablementCalendar(
    special_days=(PartialDate(None, 12, 25), PartialDate(None, 1, 1)),
    schedule=(
        NdcScheduleEntry(
            NdcScript.START,
            time(16, 0),
            PartialDate(2024, 1, 1),
            INDEFINITE,
            (Weekday.SATURDAY, Weekday.SUNDAY),
            (1, 2),
        ),
        NdcScheduleEntry(
            NdcScript.STOP, time(10, 0), PartialDate(2024, 1, 1), INDEFINITE, (Weekday.MONDAY,)
        ),
    ),
)
SETTINGS = PrepaySettings(
    emergency_credit_limit=Money(500),
    low_credit_threshold=Money(300),
    non_disablement_calendar=NDC,
)


def _request(body, target: EUI64 = ESME) -> Request:
    return Request(4097, USER, target, body)


def _response(body, target: EUI64 = ESME) -> Response:
    return Response(4097, target, body.srv, ResponseCode.I0, body)


REQUESTS: dict[str, Request] = {
    "1.1.1 request": _request(TARIFF),
    "1.6 request": _request(UpdatePaymentModeRequest(PaymentMode.PREPAYMENT, FineMoney(-500_000))),
    "2.1 request": _request(UpdatePrepayConfigurationRequest(SETTINGS)),
    "2.2 request (top-up)": _request(TopUpDeviceRequest(Utrn.parse("73943333457189043313"))),
    "2.3 request": _request(
        UpdateDebtRequest(
            time_debt_1=Money(10000),
            recovery_1=DebtRecovery(50, 0, DebtRecoveryRatePeriod.DAILY),
        )
    ),
    "4.4.2 request": _request(ChangeOfModeBillingLogRequest(MAY, MAY + 30 * DAY)),
    "4.4.3 request": _request(BillingCalendarBillingLogRequest(MAY, MAY + 30 * DAY)),
    "4.4.4 request": _request(DebtPaymentsBillingLogRequest(MAY, MAY + 30 * DAY)),
    "4.6.1 request (daily log)": _request(DailyReadLogRequest(MAY, MAY + 30 * DAY), GSME),
    "4.8.1 request": _request(ProfileDataRequest(MAY, MAY + DAY)),
    "6.8 request": _request(
        UpdateBillingCalendarRequest(BillingCalendar(MAY, BillingPeriodicity.MONTHLY))
    ),
    "8.11 request": _request(
        UpdateHanDeviceLogRequest(HanAction.ADD, PPMID, DeviceType.PPMID, bytes(range(16)))
    ),
    "11.1 request (1 KiB image)": _request(UpdateFirmwareRequest(IMAGE)),
    "11.2 request": _request(ReadFirmwareVersionRequest()),
    "11.3 request": _request(ActivateFirmwareRequest(bytes(range(32)), MAY)),
}

RESPONSES: dict[str, Response] = {
    "1.1.1 response": _response(UpdateImportTariffResponse(MAY, SEASONS)),
    "1.6 response": _response(UpdatePaymentModeResponse(PaymentMode.PREPAYMENT, MAY)),
    "2.1 response": _response(UpdatePrepayConfigurationResponse(SETTINGS)),
    "2.2 response (top-up)": _response(TopUpDeviceResponse(Money(10000), Money(12345))),
    "2.3 response": _response(UpdateDebtResponse(Money(10000), Money(0), Money(2500))),
    "4.4.2 response (12 snapshots)": _response(ChangeOfModeBillingLogResponse((SNAPSHOT,) * 12)),
    "4.4.3 response (12 snapshots)": _response(BillingCalendarBillingLogResponse((SNAPSHOT,) * 12)),
    "4.4.4 response (12 payments)": _response(
        DebtPaymentsBillingLogResponse(
            tuple(DebtPayment(MAY + i * DAY, FineMoney(250_000)) for i in range(12))
        )
    ),
    "4.6.1 response (31 days)": _response(
        DailyReadLogResponse(
            tuple(
                DailyReading(MAY + i * DAY, Energy(9_000_000 + 11_250 * i, EnergyUnit.KWH))
                for i in range(31)
            )
        ),
        GSME,
    ),
    "4.8.1 response (48 half hours)": _response(
        ProfileDataResponse(
            tuple(
                ProfileEntry(MAY + i * timedelta(minutes=30), Energy(250 + i, EnergyUnit.KWH))
                for i in range(48)
            )
        )
    ),
    "6.8 response": _response(
        UpdateBillingCalendarResponse(BillingCalendar(MAY, BillingPeriodicity.MONTHLY))
    ),
    "8.11 response": _response(
        UpdateHanDeviceLogResponse(
            (
                HanLogEntry(ESME, DeviceType.ESME),
                HanLogEntry(GSME, DeviceType.GSME),
                HanLogEntry(PPMID, DeviceType.PPMID),
            )
        )
    ),
    "11.1 response": _response(
        UpdateFirmwareResponse(FirmwareVersion(0x02000001), FirmwareOutcome.ACCEPTED)
    ),
    "11.2 response": _response(ReadFirmwareVersionResponse(FirmwareVersion(0x02000001))),
    "11.3 response": _response(ActivateFirmwareResponse(FirmwareVersion(0x02000001), MAY)),
}

OTHERS = {
    "alert (S1CE20)": Alert(
        S1CE20,
        GSME,
        MAY + DAY,
        4098,
        SRV.RETRIEVE_CHANGE_OF_MODE_TARIFF_BILLING_LOG,
        "request timed out",
    ),
    "control request": ControlRequest(8193, GSME, AdvanceClock(3600)),
    "control response": ControlResponse(8193, GSME, ControlOutcome.OK, MAY),
}

ALL = {**REQUESTS, **RESPONSES, **OTHERS}

TOP_UP_REQUEST = REQUESTS["2.2 request (top-up)"]
TOP_UP_RESPONSE = RESPONSES["2.2 response (top-up)"]
DAILY_LOG_REQUEST = REQUESTS["4.6.1 request (daily log)"]
DAILY_LOG_RESPONSE = RESPONSES["4.6.1 response (31 days)"]
