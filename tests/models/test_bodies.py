"""Construction of every SRV body: one valid sample each, generated ones, refused values."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time

import pytest
from hypothesis import given

from s1sr.models import (
    EUI64,
    INDEFINITE,
    NO_LIMIT,
    ActivateFirmwareRequest,
    BillingCalendar,
    BillingPeriodicity,
    BlockTariff,
    ChangeOfModeBillingLogResponse,
    DailyReading,
    DailyReadLogRequest,
    DailyReadLogResponse,
    DayProfile,
    DebtPayment,
    DebtRecovery,
    DebtRecoveryCapPeriod,
    DebtRecoveryRateCap,
    DebtRecoveryRatePeriod,
    DeviceType,
    Energy,
    FineMoney,
    FirmwareVersion,
    HanAction,
    HanLogEntry,
    ModelError,
    Money,
    NdcScheduleEntry,
    NdcScript,
    NonDisablementCalendar,
    PartialDate,
    PaymentMode,
    PrepaySettings,
    ProfileEntry,
    RateKind,
    Season,
    SwitchTime,
    TopUpDeviceRequest,
    TopUpDeviceResponse,
    UpdateDebtRequest,
    UpdateDebtResponse,
    UpdateFirmwareRequest,
    UpdateHanDeviceLogRequest,
    UpdateHanDeviceLogResponse,
    UpdatePaymentModeRequest,
    UpdatePrepayConfigurationRequest,
    Weekday,
    WeekProfile,
    utc,
)
from s1sr.models.examples import example_of
from s1sr.models.registry import REQUEST_BODY_TYPES, RESPONSE_BODY_TYPES
from tests.models import samples
from tests.strategies import REQUEST_BODY_STRATEGIES, RESPONSE_BODY_STRATEGIES

S = samples
NAIVE = datetime(2024, 1, 1)
FRACTIONAL = datetime(2024, 1, 1, 0, 0, 0, 500, tzinfo=UTC)
NDC_ENTRY = S.NDC.schedule[0]
SNAPSHOT = S.SNAPSHOT


def _replace(obj, **changes):
    return lambda: dataclasses.replace(obj, **changes)


@pytest.mark.parametrize("body", S.SAMPLES, ids=lambda b: type(b).__name__)
def test_sample_body_is_valid_and_rebuilds_equal(body):
    assert dataclasses.replace(body) == body
    registry = REQUEST_BODY_TYPES if body in S.REQUEST_SAMPLES else RESPONSE_BODY_TYPES
    assert registry[body.srv] is type(body)


def test_samples_cover_every_registered_body():
    assert {type(b) for b in S.REQUEST_SAMPLES} == set(REQUEST_BODY_TYPES.values())
    assert {type(b) for b in S.RESPONSE_SAMPLES} == set(RESPONSE_BODY_TYPES.values())


def test_strategies_cover_every_registered_body():
    assert set(REQUEST_BODY_STRATEGIES) == set(REQUEST_BODY_TYPES.values())
    assert set(RESPONSE_BODY_STRATEGIES) == set(RESPONSE_BODY_TYPES.values())


@pytest.mark.parametrize(
    ("cls", "strategy"),
    list(REQUEST_BODY_STRATEGIES.items()) + list(RESPONSE_BODY_STRATEGIES.items()),
    ids=lambda x: x.__name__ if isinstance(x, type) else "",
)
def test_generated_bodies_are_valid(cls, strategy):
    @given(strategy)
    def check(body):
        assert type(body) is cls
        assert dataclasses.replace(body) == body  # construction checks pass again
        assert hash(body) == hash(dataclasses.replace(body))

    check()


INVALID = [
    # 1.1.1 tariff
    ("seasons", _replace(S.TARIFF, seasons=())),
    ("seasons", _replace(S.TARIFF, seasons=(S.WINTER, S.SUMMER) * 2 + (S.WINTER,))),
    ("seasons", _replace(S.TARIFF, seasons=[S.WINTER])),
    ("seasons", _replace(S.TARIFF, seasons=(S.WINTER, S.WINTER))),
    ("seasons[0]", _replace(S.TARIFF, seasons=(Season("X", PartialDate(None, 1, 1), 3),))),
    ("week_profiles", _replace(S.TARIFF, week_profiles=())),
    (
        "week_profiles[1]",
        _replace(S.TARIFF, week_profiles=(S.TARIFF.week_profiles[0], WeekProfile(2, (3,) * 7))),
    ),
    ("week_profiles", _replace(S.TARIFF, week_profiles=(S.TARIFF.week_profiles[0],) * 2)),
    ("day_profiles", _replace(S.TARIFF, day_profiles=(S.TARIFF.day_profiles[0],) * 17)),
    ("special_days", _replace(S.TARIFF, special_days=S.TARIFF.special_days * 51)),
    (
        "special_days[0]",
        _replace(
            S.TARIFF, special_days=(dataclasses.replace(S.TARIFF.special_days[0], day_profile=9),)
        ),
    ),
    ("tou_prices", _replace(S.TARIFF, tou_prices=(1,) * 49)),
    ("tou_prices[0]", _replace(S.TARIFF, tou_prices=(1 << 31, 0))),
    ("tou_prices", _replace(S.TARIFF, tou_prices=(), blocks=())),
    ("day_profiles[0]", _replace(S.TARIFF, tou_prices=(15000,))),
    ("day_profiles[0]", _replace(S.TARIFF, blocks=(), tou_prices=(1, 2))),
    ("blocks", _replace(S.TARIFF, blocks=S.TARIFF.blocks * 9)),
    ("price_scale", _replace(S.TARIFF, price_scale=128)),
    ("standing_charge", _replace(S.TARIFF, standing_charge=1 << 31)),
    ("standing_charge_scale", _replace(S.TARIFF, standing_charge_scale=-129)),
    ("execute_at", _replace(S.TARIFF, execute_at=NAIVE)),
    ("execute_at", _replace(S.TARIFF, execute_at=FRACTIONAL)),
    ("name", lambda: Season("x" * 33, PartialDate(None, 1, 1), 1)),
    ("name", lambda: Season("Été", PartialDate(None, 1, 1), 1)),
    ("week_profile", lambda: Season("W", PartialDate(None, 1, 1), 5)),
    ("start", lambda: Season("W", date(2024, 1, 1), 1)),
    ("rate", lambda: SwitchTime(time(0), RateKind.TOU, 49)),
    ("rate", lambda: SwitchTime(time(0), RateKind.BLOCK, 9)),
    ("rate", lambda: SwitchTime(time(0), RateKind.TOU, 0)),
    ("start", lambda: SwitchTime(time(0, 0, 0, 1), RateKind.TOU, 1)),
    ("start", lambda: SwitchTime(time(0, tzinfo=UTC), RateKind.TOU, 1)),
    ("kind", lambda: SwitchTime(time(0), "tou", 1)),
    (
        "switches",
        lambda: DayProfile(
            1, (SwitchTime(time(7), RateKind.TOU, 1), SwitchTime(time(1), RateKind.TOU, 1))
        ),
    ),
    ("switches", lambda: DayProfile(1, ())),
    ("profile_id", lambda: DayProfile(17, (SwitchTime(time(0), RateKind.TOU, 1),))),
    ("days", lambda: WeekProfile(1, (1,) * 6)),
    ("days[0]", lambda: WeekProfile(1, (0,) * 7)),
    ("profile_id", lambda: WeekProfile(5, (1,) * 7)),
    ("prices", lambda: BlockTariff((Energy.kwh(10),), (1,))),
    ("thresholds", lambda: BlockTariff((Energy.kwh(1),) * 4, (1,) * 5)),
    ("thresholds[1]", lambda: BlockTariff((Energy.kwh(10), Energy.kwh(5)), (1, 2, 3))),
    ("thresholds[1]", lambda: BlockTariff((NO_LIMIT, Energy.kwh(5)), (1, 2, 3))),
    ("thresholds[0]", lambda: BlockTariff((Energy.m3(10),), (1, 2))),
    ("thresholds[0]", lambda: BlockTariff((Energy(0xFFFFFFFF, Energy.kwh(0).unit),), (1, 2))),
    ("prices[2]", lambda: BlockTariff((Energy.kwh(1), NO_LIMIT), (1, 2, -(1 << 31) - 1))),
    # calendar dates
    ("month", lambda: PartialDate(None, 13, 1)),
    ("day", lambda: PartialDate(None, 2, 30)),
    ("day", lambda: PartialDate(2023, 2, 29)),
    ("year", lambda: PartialDate(1899, 1, 1)),
    # 1.6 payment mode
    ("mode", lambda: UpdatePaymentModeRequest("credit")),
    ("disablement_threshold", lambda: UpdatePaymentModeRequest(PaymentMode.CREDIT, FineMoney(0))),
    (  # whole pence where GBCS gives thousandths: never read silently
        "disablement_threshold",
        lambda: UpdatePaymentModeRequest(PaymentMode.PREPAYMENT, Money(0)),
    ),
    ("execute_at", lambda: UpdatePaymentModeRequest(PaymentMode.CREDIT, None, NAIVE)),
    # 2.1 prepay and the NDC
    ("settings", lambda: UpdatePrepayConfigurationRequest(PrepaySettings())),
    ("settings", lambda: UpdatePrepayConfigurationRequest(None)),
    ("emergency_credit_limit", lambda: PrepaySettings(emergency_credit_limit=Money(-1))),
    ("max_meter_balance", lambda: PrepaySettings(max_meter_balance=500)),
    ("amount", lambda: DebtRecoveryRateCap(FineMoney(-1), DebtRecoveryCapPeriod.DAILY)),
    ("amount", lambda: DebtRecoveryRateCap(Money(1), DebtRecoveryCapPeriod.DAILY)),
    ("period", lambda: DebtRecoveryRateCap(FineMoney(1), "daily")),
    ("period", lambda: DebtRecoveryRateCap(FineMoney(1), DebtRecoveryRatePeriod.DAILY)),
    ("weekdays", _replace(NDC_ENTRY, weekdays=(), special_days=())),
    ("weekdays", _replace(NDC_ENTRY, weekdays=(Weekday.MONDAY, Weekday.MONDAY))),
    ("weekdays[0]", _replace(NDC_ENTRY, weekdays=(1,))),
    ("end", _replace(NDC_ENTRY, end=PartialDate(3000, 12, 31))),
    ("end", _replace(NDC_ENTRY, end=date(2025, 1, 1))),
    ("start", _replace(NDC_ENTRY, start=date(2025, 1, 1))),
    ("switch_time", _replace(NDC_ENTRY, switch_time=time(0, 0, 0, 5))),
    ("script", _replace(NDC_ENTRY, script="START")),
    ("special_days[0]", _replace(NDC_ENTRY, special_days=(21,))),
    ("schedule", lambda: NonDisablementCalendar((), (NDC_ENTRY,) * 23)),
    (
        "special_days",
        lambda: NonDisablementCalendar(tuple(PartialDate(2024, 1, d) for d in range(1, 22)), ()),
    ),
    ("special_days", lambda: NonDisablementCalendar((PartialDate(None, 1, 1),) * 2, ())),
    (
        "schedule[0]",
        lambda: NonDisablementCalendar(
            (PartialDate(None, 1, 1),), (dataclasses.replace(NDC_ENTRY, special_days=(2,)),)
        ),
    ),
    # 2.2 top up
    ("utrn", lambda: TopUpDeviceRequest("73943333457189043313")),
    ("credit_applied", lambda: TopUpDeviceResponse(Money(-1))),
    ("meter_balance", lambda: TopUpDeviceResponse(Money(1), 5)),
    # 2.3 debt
    ("time_debt_1", lambda: UpdateDebtRequest()),
    ("time_debt_1", lambda: UpdateDebtRequest(time_debt_1=Money(-1))),
    ("recovery_per_payment", lambda: UpdateDebtRequest(recovery_per_payment=10001)),
    ("recovery_2", lambda: UpdateDebtRequest(recovery_2=3)),
    ("rate", lambda: DebtRecovery(-1, 0, DebtRecoveryRatePeriod.HOURLY)),
    ("scale", lambda: DebtRecovery(1, 200, DebtRecoveryRatePeriod.HOURLY)),
    ("period", lambda: DebtRecovery(1, 0, "hourly")),
    ("period", lambda: DebtRecovery(1, 0, DebtRecoveryCapPeriod.WEEKLY)),
    ("payment_debt", lambda: UpdateDebtResponse(Money(0), Money(0), Money(-5))),
    # 4.4.x, 4.6.1, 4.8.1 reads
    ("end", lambda: DailyReadLogRequest(utc(2024, 2, 1), utc(2024, 1, 1))),
    ("start", lambda: DailyReadLogRequest(NAIVE, utc(2024, 1, 1))),
    ("entries", lambda: ChangeOfModeBillingLogResponse((SNAPSHOT,) * 13)),
    ("entries", lambda: ChangeOfModeBillingLogResponse([SNAPSHOT])),
    ("tou_registers", _replace(SNAPSHOT, tou_registers=(Energy.kwh(1),) * 49)),
    ("block_counters", _replace(SNAPSHOT, block_counters=(Energy.kwh(1),) * 33)),
    ("block_counters[0]", _replace(SNAPSHOT, block_counters=(Money(1),))),
    ("import_register", _replace(SNAPSHOT, import_register=Money(1))),
    ("accumulated_debt", _replace(SNAPSHOT, accumulated_debt=Money(-1))),
    ("timestamp", _replace(SNAPSHOT, timestamp=NAIVE)),
    ("amount", lambda: DebtPayment(utc(2024, 1, 1), FineMoney(-1))),
    ("amount", lambda: DebtPayment(utc(2024, 1, 1), Money(1))),
    (
        "entries",
        lambda: DailyReadLogResponse((DailyReading(utc(2024, 1, 1), Energy.kwh(1)),) * 732),
    ),
    ("timestamp", lambda: ProfileEntry(utc(2024, 1, 1, 0, 15), Energy.kwh(1))),
    ("consumption", lambda: ProfileEntry(utc(2024, 1, 1, 0, 30), 5)),
    # 6.8 billing calendar
    ("periodicity", lambda: BillingCalendar(utc(2024, 1, 1), "monthly")),
    ("start", lambda: BillingCalendar(NAIVE, BillingPeriodicity.DAILY)),
    # 8.11 HAN
    ("device_type", lambda: UpdateHanDeviceLogRequest(HanAction.ADD, S.PPMID, DeviceType.CHF)),
    (
        "device",
        lambda: UpdateHanDeviceLogRequest(
            HanAction.ADD, "00-DB-12-34-56-78-90-A4", DeviceType.PPMID
        ),
    ),
    (
        "install_code",
        lambda: UpdateHanDeviceLogRequest(HanAction.REMOVE, S.PPMID, DeviceType.PPMID, bytes(16)),
    ),
    (
        "install_code",
        lambda: UpdateHanDeviceLogRequest(HanAction.ADD, S.PPMID, DeviceType.PPMID, bytes(7)),
    ),
    ("action", lambda: UpdateHanDeviceLogRequest("add", S.PPMID, DeviceType.PPMID)),
    ("entries", lambda: UpdateHanDeviceLogResponse((HanLogEntry(S.PPMID, DeviceType.PPMID),) * 2)),
    (
        "entries",
        lambda: UpdateHanDeviceLogResponse(
            tuple(HanLogEntry(EUI64(i), DeviceType.IHD) for i in range(65))
        ),
    ),
    # 11.x firmware
    ("image", lambda: UpdateFirmwareRequest(b"\0" * 64)),
    ("image", lambda: UpdateFirmwareRequest(S.FIRMWARE_IMAGE[:-1])),
    ("image", lambda: UpdateFirmwareRequest(S.FIRMWARE_IMAGE + b"x")),
    ("image", lambda: UpdateFirmwareRequest(S.FIRMWARE_IMAGE[:40])),
    ("value", lambda: FirmwareVersion(1 << 32)),
    ("firmware_hash", _replace(example_of(ActivateFirmwareRequest), firmware_hash=bytes(31))),
]


@pytest.mark.parametrize(
    ("field", "build"), INVALID, ids=[f"{i:03d}-{field}" for i, (field, _) in enumerate(INVALID)]
)
def test_invalid_value_is_refused_naming_the_field(field, build):
    with pytest.raises(ModelError) as caught:
        build()
    assert str(caught.value).startswith(f"{field}:"), str(caught.value)


def test_tariff_accepts_four_seasons_whatever_a_device_can_hold(tariff):
    """18.1(v): the DUIS model allows 1-4 seasons; device limits are the emulator's."""
    seasons = tuple(
        Season(f"S{month}", PartialDate(None, month, 1), 1 + month % 2) for month in (1, 4, 7, 10)
    )
    assert len(dataclasses.replace(tariff, seasons=seasons).seasons) == 4


def test_tariff_price_applies_the_scale(tariff):
    assert str(tariff.price(tariff.tou_prices[0])) == "15.000"


def test_block_tariff_all_no_limit_is_valid():
    block = BlockTariff((NO_LIMIT,) * 3, (1, 2, 3, 4))
    assert block.thresholds == (NO_LIMIT, NO_LIMIT, NO_LIMIT)


def test_ndc_accepts_indefinite_end_and_knows_it(ndc):
    assert all(entry.is_indefinite for entry in ndc.schedule)
    assert ndc.seasons == ((PartialDate(2024, 4, 1), INDEFINITE),)


def test_ndc_entry_accepts_an_end_before_its_start():
    """18.27(r)'s echo (the day before the start) must be representable in a response."""
    entry = NdcScheduleEntry(
        NdcScript.START,
        time(0),
        PartialDate(2024, 4, 1),
        PartialDate(2024, 4, 1).day_before(),
        weekdays=(Weekday.MONDAY,),
    )
    assert entry.end == PartialDate(2024, 3, 31)


def test_ndc_limits_are_22_entries_and_20_special_days():
    specials = tuple(PartialDate(2024, 1, d) for d in range(1, 21))
    calendar = NonDisablementCalendar(specials, (NDC_ENTRY,) * 22)
    assert (len(calendar.special_days), len(calendar.schedule)) == (20, 22)


def test_debt_recovery_rate_period_lengths():
    assert DebtRecoveryRatePeriod.HOURLY.seconds == 3600
    assert DebtRecoveryRatePeriod.DAILY.seconds == 86400
    assert {period.value for period in DebtRecoveryRatePeriod} == {"hourly", "daily"}
    assert str(DebtRecovery(3, -1, DebtRecoveryRatePeriod.DAILY).pence_per_period) == "0.3"


def test_update_debt_response_total():
    assert UpdateDebtResponse(Money(1), Money(2), Money(3)).total == Money(6)


def test_billing_snapshot_reports_block_counter_units():
    gas = dataclasses.replace(SNAPSHOT, block_counters=(Energy.m3(1), Energy.kwh(2)))
    assert {str(u) for u in gas.block_counter_units} == {"m3", "kWh"}


def test_han_response_lists_devices_of_a_type():
    log = UpdateHanDeviceLogResponse(
        (HanLogEntry(S.PPMID, DeviceType.PPMID), HanLogEntry(EUI64(1), DeviceType.ESME))
    )
    assert log.devices_of(DeviceType.PPMID) == (S.PPMID,)


def test_snapshot_log_responses_of_different_srvs_are_not_equal():
    from s1sr.models import BillingCalendarBillingLogResponse

    assert ChangeOfModeBillingLogResponse((SNAPSHOT,)) != BillingCalendarBillingLogResponse(
        (SNAPSHOT,)
    )
