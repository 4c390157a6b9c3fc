"""A few hand-picked messages of every kind: the frames the exhaustive tests mutate."""

from __future__ import annotations

from datetime import time

from s1sr.models import (
    INDEFINITE,
    NO_LIMIT,
    S1CE20,
    SRV,
    Alert,
    BlockTariff,
    ControlOutcome,
    ControlRequest,
    ControlResponse,
    DailyReading,
    DailyReadLogRequest,
    DailyReadLogResponse,
    DayProfile,
    DeviceType,
    Energy,
    EnergyUnit,
    FirmwareVersion,
    InstallationInventory,
    InventoryDevice,
    InventoryResponse,
    Money,
    NdcScheduleEntry,
    NdcScript,
    NonDisablementCalendar,
    PartialDate,
    PrepaySettings,
    RateKind,
    ReadClock,
    ReadInventory,
    Request,
    Response,
    ResponseCode,
    Season,
    SetClock,
    SwitchTime,
    TopUpDeviceRequest,
    TopUpDeviceResponse,
    UpdateImportTariffRequest,
    UpdatePrepayConfigurationRequest,
    Utrn,
    Weekday,
    WeekProfile,
    utc,
)
from s1sr.models.examples import ESME, GSME, USER

TOP_UP = Request(
    request_id=1001,
    user_id=USER,
    target=ESME,
    body=TopUpDeviceRequest(Utrn.parse("73943333457189043313")),
)

DAILY_LOG_REQUEST = Request(
    request_id=1002,
    user_id=USER,
    target=GSME,
    body=DailyReadLogRequest(utc(2024, 6, 1), utc(2024, 6, 3)),
)

TARIFF = Request(
    request_id=1003,
    user_id=USER,
    target=ESME,
    body=UpdateImportTariffRequest(
        seasons=(Season("all year", PartialDate(None, 1, 1), 1),),
        week_profiles=(WeekProfile(1, (1,) * 7),),
        day_profiles=(DayProfile(1, (SwitchTime(time(0, 0), RateKind.BLOCK, 1),)),),
        special_days=(),
        tou_prices=(),
        blocks=(BlockTariff((Energy(5_000_000, EnergyUnit.KWH), NO_LIMIT), (2500, 2000, 1800)),),
        price_scale=-3,
        standing_charge=45000,
        standing_charge_scale=-3,
    ),
)

NDC = Request(
    request_id=1004,
    user_id=USER,
    target=ESME,
    body=UpdatePrepayConfigurationRequest(
        PrepaySettings(
            non_disablement_calendar=NonDisablementCalendar(
                special_days=(PartialDate(None, 12, 25),),
                schedule=(
                    NdcScheduleEntry(
                        NdcScript.START,
                        time(16, 0),
                        PartialDate(2024, 1, 1),
                        INDEFINITE,
                        (Weekday.SATURDAY, Weekday.SUNDAY),
                        (1,),
                    ),
                ),
            )
        )
    ),
)

TOP_UP_RESPONSE = Response(
    request_id=1001,
    target=ESME,
    srv=SRV.TOP_UP_DEVICE,
    code=ResponseCode.I0,
    body=TopUpDeviceResponse(Money(10000), Money(12345)),
)

DAILY_LOG_RESPONSE = Response(
    request_id=1002,
    target=GSME,
    srv=SRV.RETRIEVE_IMPORT_DAILY_READ_LOG,
    code=ResponseCode.I0,
    body=DailyReadLogResponse(
        (
            DailyReading(utc(2024, 6, 1, 23), Energy.kwh("1234.567")),
            DailyReading(utc(2024, 6, 2, 0), Energy.kwh("1234.567"), (Energy.kwh(0),)),
        )
    ),
)

REFUSED = Response(
    request_id=1003,
    target=ESME,
    srv=SRV.UPDATE_IMPORT_TARIFF,
    code=ResponseCode.E3,
)

TIMEOUT = Alert(
    code=S1CE20,
    target=GSME,
    raised_at=utc(2024, 6, 2, 10, 0, 30),
    request_id=1005,
    srv=SRV.RETRIEVE_CHANGE_OF_MODE_TARIFF_BILLING_LOG,
    detail="no response",
)

UNSOLICITED = Alert(code="AD1", target=ESME, raised_at=utc(2024, 1, 1))

SET_CLOCK = ControlRequest(2001, ESME, SetClock(utc(2024, 3, 31, 0, 59, 59)))
READ_CLOCK = ControlRequest(2002, ESME, ReadClock())
CONTROL_OK = ControlResponse(2001, ESME, ControlOutcome.OK, utc(2024, 3, 31, 0, 59, 59))
CONTROL_REFUSED = ControlResponse(
    2002, ESME, ControlOutcome.REFUSED, utc(2024, 1, 1), "test hooks are off"
)

READ_INVENTORY = ControlRequest(2003, ESME, ReadInventory())
INVENTORY = InventoryResponse(
    2003,
    ESME,
    utc(2024, 1, 15, 12),
    InstallationInventory(
        (
            InventoryDevice(
                ESME, DeviceType.ESME, "ESME-A", FirmwareVersion(0x02030100), USER, True
            ),
            InventoryDevice(GSME, DeviceType.GSME, None, FirmwareVersion(7), None, False),
        ),
        (USER,),
        1800,
    ),
)

SAMPLES = {
    "request-top-up": TOP_UP,
    "request-daily-log": DAILY_LOG_REQUEST,
    "request-tariff": TARIFF,
    "request-ndc": NDC,
    "response-top-up": TOP_UP_RESPONSE,
    "response-daily-log": DAILY_LOG_RESPONSE,
    "response-no-body": REFUSED,
    "alert-timeout": TIMEOUT,
    "alert-unsolicited": UNSOLICITED,
    "control-set-clock": SET_CLOCK,
    "control-read-clock": READ_CLOCK,
    "control-response-ok": CONTROL_OK,
    "control-response-refused": CONTROL_REFUSED,
    "control-read-inventory": READ_INVENTORY,
    "inventory": INVENTORY,
}
