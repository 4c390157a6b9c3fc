"""Hypothesis strategies for every s1sr model, shared by the model, codec and emulator tests.

Each strategy only builds valid models (cross-references resolved, ranges respected),
so a property can assume construction succeeds. Collection sizes stay well inside the
model limits to keep examples fast; the limits themselves are tested by the
construction tests.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from hypothesis import strategies as st

from s1sr.models import (
    EUI64,
    INDEFINITE,
    NO_LIMIT,
    S1CE20,
    SRV,
    ActivateFirmwareRequest,
    ActivateFirmwareResponse,
    Alert,
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
    ValueClass,
    Weekday,
    WeekProfile,
    ota_image,
)
from s1sr.models.credentials import (
    MAX_FLOOR_SEQ_NUMBER,
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
from s1sr.models.dates import LATEST_INSTANT
from s1sr.models.money import MAX_MILLIPENCE, MAX_PENCE, MIN_MILLIPENCE, MIN_PENCE
from s1sr.models.opt_in import ServiceOptInRequest, ServiceOptInResponse
from s1sr.models.ppmid_firmware import UpdatePpmidFirmwareRequest, UpdatePpmidFirmwareResponse
from s1sr.models.registry import REQUEST_BODY_TYPES, RESPONSE_BODY_TYPES

INT32 = st.integers(-(1 << 31), (1 << 31) - 1)
SCALES = st.integers(-128, 127)

# --- leaves -----------------------------------------------------------------------------


def timestamps() -> st.SearchStrategy[datetime]:
    """Aware UTC datetimes to the second, 2000-2099 (inside every wire encoding)."""
    return st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31, 23, 59, 59)
    ).map(lambda d: d.replace(microsecond=0, tzinfo=UTC))


def half_hours() -> st.SearchStrategy[datetime]:
    return timestamps().map(lambda d: d.replace(minute=d.minute - d.minute % 30, second=0))


@st.composite
def periods(draw: st.DrawFn) -> tuple[datetime, datetime]:
    start, end = sorted((draw(timestamps()), draw(timestamps())))
    return start, end


def times_of_day() -> st.SearchStrategy[time]:
    return st.times().map(lambda t: t.replace(microsecond=0))


def eui64s() -> st.SearchStrategy[EUI64]:
    return st.integers(0, (1 << 64) - 1).map(EUI64)


def money(lo: int = MIN_PENCE, hi: int = MAX_PENCE) -> st.SearchStrategy[Money]:
    return st.integers(lo, hi).map(Money)


def credit() -> st.SearchStrategy[Money]:
    """Non-negative amounts, as thresholds, limits and debts are."""
    return money(0, MAX_PENCE)


def fine_money(lo: int = MIN_MILLIPENCE, hi: int = MAX_MILLIPENCE) -> st.SearchStrategy[FineMoney]:
    return st.integers(lo, hi).map(FineMoney)


def fine_credit() -> st.SearchStrategy[FineMoney]:
    """Non-negative thousandths of a penny, as a rate cap and a debt payment are."""
    return fine_money(0, MAX_MILLIPENCE)


def energies(unit: EnergyUnit | None = None) -> st.SearchStrategy[Energy]:
    units = st.just(unit) if unit is not None else st.sampled_from(EnergyUnit)
    return st.builds(Energy, st.integers(0, 10**12), units)


def partial_dates() -> st.SearchStrategy[PartialDate]:
    return st.builds(
        lambda d, recurring: PartialDate(None if recurring else d.year, d.month, d.day),
        st.dates(min_value=datetime(2000, 1, 1).date(), max_value=datetime(2099, 12, 31).date()),
        st.booleans(),
    )


def ndc_end_dates() -> st.SearchStrategy:
    return st.one_of(st.just(INDEFINITE), partial_dates())


def utrns() -> st.SearchStrategy[Utrn]:
    return st.builds(
        Utrn,
        st.integers(0, 1023),
        st.sampled_from(ValueClass),
        st.integers(0, 8191),
        st.integers(0, (1 << 32) - 1),
    )


def firmware_versions() -> st.SearchStrategy[FirmwareVersion]:
    return st.integers(0, (1 << 32) - 1).map(FirmwareVersion)


def season_names() -> st.SearchStrategy[str]:
    return st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=32)


# --- 1.1.1 tariff -------------------------------------------------------------------------


def block_tariffs() -> st.SearchStrategy[BlockTariff]:
    @st.composite
    def build(draw: st.DrawFn) -> BlockTariff:
        count = draw(st.integers(0, 3))
        limited = draw(st.integers(0, count))
        values = draw(
            st.lists(st.integers(0, 0xFFFFFFFE), min_size=limited, max_size=limited, unique=True)
        )
        thresholds = tuple(Energy(v, EnergyUnit.KWH) for v in sorted(values))
        thresholds += (NO_LIMIT,) * (count - limited)
        prices = tuple(draw(st.lists(INT32, min_size=count + 1, max_size=count + 1)))
        return BlockTariff(thresholds, prices)

    return build()


@st.composite
def _day_profile(draw: st.DrawFn, profile_id: int, tou_count: int, block_count: int) -> DayProfile:
    kinds = [k for k, n in ((RateKind.TOU, tou_count), (RateKind.BLOCK, block_count)) if n]
    starts = sorted(draw(st.lists(times_of_day(), min_size=1, max_size=6, unique=True)))
    switches = []
    for start in starts:
        kind = draw(st.sampled_from(kinds))
        limit = tou_count if kind is RateKind.TOU else block_count
        switches.append(SwitchTime(start, kind, draw(st.integers(1, limit))))
    return DayProfile(profile_id, tuple(switches))


@st.composite
def update_import_tariff_requests(draw: st.DrawFn) -> UpdateImportTariffRequest:
    tou_prices = tuple(draw(st.lists(INT32, max_size=48)))
    blocks = tuple(draw(st.lists(block_tariffs(), min_size=0 if tou_prices else 1, max_size=8)))
    day_ids = draw(st.lists(st.integers(1, 16), min_size=1, max_size=4, unique=True))
    days = tuple(draw(_day_profile(i, len(tou_prices), len(blocks))) for i in day_ids)
    week_ids = draw(st.lists(st.integers(1, 4), min_size=1, max_size=4, unique=True))
    day_id = st.sampled_from(day_ids)
    weeks = tuple(
        WeekProfile(i, tuple(draw(st.lists(day_id, min_size=7, max_size=7)))) for i in week_ids
    )
    starts = draw(st.lists(partial_dates(), min_size=1, max_size=4, unique=True))
    seasons = tuple(
        Season(draw(season_names()), start, draw(st.sampled_from(week_ids))) for start in starts
    )
    special_dates = draw(st.lists(partial_dates(), max_size=5, unique=True))
    specials = tuple(SpecialDay(d, draw(day_id)) for d in special_dates)
    return UpdateImportTariffRequest(
        seasons=seasons,
        week_profiles=weeks,
        day_profiles=days,
        special_days=specials,
        tou_prices=tou_prices,
        blocks=blocks,
        price_scale=draw(SCALES),
        standing_charge=draw(INT32),
        standing_charge_scale=draw(SCALES),
        execute_at=draw(st.none() | timestamps()),
    )


def seasons() -> st.SearchStrategy[Season]:
    return st.builds(Season, season_names(), partial_dates(), st.integers(1, 4))


def update_import_tariff_responses() -> st.SearchStrategy[UpdateImportTariffResponse]:
    return st.builds(
        UpdateImportTariffResponse, timestamps(), st.lists(seasons(), max_size=4).map(tuple)
    )


# --- 1.6 payment mode -----------------------------------------------------------------------


@st.composite
def update_payment_mode_requests(draw: st.DrawFn) -> UpdatePaymentModeRequest:
    mode = draw(st.sampled_from(PaymentMode))
    threshold = draw(st.none() | fine_money()) if mode is PaymentMode.PREPAYMENT else None
    return UpdatePaymentModeRequest(mode, threshold, draw(st.none() | timestamps()))


def update_payment_mode_responses() -> st.SearchStrategy[UpdatePaymentModeResponse]:
    return st.builds(UpdatePaymentModeResponse, st.sampled_from(PaymentMode), timestamps())


# --- 2.1 prepay configuration and the NDC ----------------------------------------------------


@st.composite
def non_disablement_calendars(draw: st.DrawFn) -> NonDisablementCalendar:
    special_days = tuple(draw(st.lists(partial_dates(), max_size=20, unique=True)))
    refs = st.integers(1, len(special_days)) if special_days else st.nothing()
    entries = []
    for _ in range(draw(st.integers(0, 6))):
        weekdays = tuple(draw(st.lists(st.sampled_from(Weekday), max_size=7, unique=True)))
        specials = tuple(draw(st.lists(refs, max_size=3, unique=True))) if special_days else ()
        if not weekdays and not specials:
            weekdays = (draw(st.sampled_from(Weekday)),)
        entries.append(
            NdcScheduleEntry(
                script=draw(st.sampled_from(NdcScript)),
                switch_time=draw(times_of_day()),
                start=draw(partial_dates()),
                end=draw(ndc_end_dates()),
                weekdays=weekdays,
                special_days=specials,
            )
        )
    return NonDisablementCalendar(special_days, tuple(entries))


@st.composite
def gas_ndc_calendars(
    draw: st.DrawFn, dates: st.SearchStrategy[PartialDate] | None = None
) -> NonDisablementCalendar:
    """A gas NDC as the suite sends one: one all-week season of one switch, any ends.

    ZSE (GBCS GCS05, DUIS gas 2.1) holds season starts only, so a dated end, in a later
    month or not, may have no gas form: writers must carry it exactly or refuse it.
    """
    dates = partial_dates() if dates is None else dates
    start = draw(dates)
    end = draw(st.just(INDEFINITE) | dates)
    script = draw(st.sampled_from(NdcScript))
    entry = NdcScheduleEntry(script, time(draw(st.integers(0, 23))), start, end, tuple(Weekday))
    return NonDisablementCalendar((), (entry,))


def debt_recovery_rate_caps() -> st.SearchStrategy[DebtRecoveryRateCap]:
    return st.builds(DebtRecoveryRateCap, fine_credit(), st.sampled_from(DebtRecoveryCapPeriod))


def prepay_settings() -> st.SearchStrategy[PrepaySettings]:
    maybe_credit = st.none() | credit()
    return st.builds(
        PrepaySettings,
        debt_recovery_rate_cap=st.none() | debt_recovery_rate_caps(),
        emergency_credit_limit=maybe_credit,
        emergency_credit_threshold=maybe_credit,
        low_credit_threshold=maybe_credit,
        max_credit_threshold=maybe_credit,
        max_meter_balance=maybe_credit,
        non_disablement_calendar=st.none() | non_disablement_calendars(),
    )


def update_prepay_configuration_requests() -> st.SearchStrategy[UpdatePrepayConfigurationRequest]:
    return st.builds(
        UpdatePrepayConfigurationRequest,
        prepay_settings().filter(lambda s: not s.is_empty),
        st.none() | timestamps(),
    )


def update_prepay_configuration_responses() -> st.SearchStrategy[UpdatePrepayConfigurationResponse]:
    return st.builds(UpdatePrepayConfigurationResponse, prepay_settings())


# --- 2.2 top up, 2.3 debt ------------------------------------------------------------------


def top_up_device_requests() -> st.SearchStrategy[TopUpDeviceRequest]:
    return st.builds(TopUpDeviceRequest, utrns())


def top_up_device_responses() -> st.SearchStrategy[TopUpDeviceResponse]:
    return st.builds(TopUpDeviceResponse, credit(), st.none() | money())


def debt_recoveries() -> st.SearchStrategy[DebtRecovery]:
    return st.builds(
        DebtRecovery,
        st.integers(0, (1 << 32) - 1),
        SCALES,
        st.sampled_from(DebtRecoveryRatePeriod),
    )


def update_debt_requests() -> st.SearchStrategy[UpdateDebtRequest]:
    changes = st.fixed_dictionaries(
        {
            "time_debt_1": st.none() | credit(),
            "time_debt_2": st.none() | credit(),
            "payment_debt": st.none() | credit(),
            "recovery_per_payment": st.none() | st.integers(0, 10000),
            "recovery_1": st.none() | debt_recoveries(),
            "recovery_2": st.none() | debt_recoveries(),
        }
    )
    return changes.filter(lambda c: any(v is not None for v in c.values())).map(
        lambda c: UpdateDebtRequest(**c)
    )


def update_debt_responses() -> st.SearchStrategy[UpdateDebtResponse]:
    return st.builds(UpdateDebtResponse, credit(), credit(), credit())


# --- 4.4.x billing logs, 4.6.1 daily log, 4.8.1 profile ---------------------------------------


def billing_snapshots() -> st.SearchStrategy[BillingSnapshot]:
    maybe_credit = st.none() | credit()
    return st.builds(
        BillingSnapshot,
        timestamp=timestamps(),
        import_register=energies(),
        tou_registers=st.lists(energies(), max_size=6).map(tuple),
        block_counters=st.lists(energies(), max_size=8).map(tuple),
        meter_balance=st.none() | money(),
        emergency_credit_balance=maybe_credit,
        accumulated_debt=maybe_credit,
        payment_debt=maybe_credit,
        time_debt_1=maybe_credit,
        time_debt_2=maybe_credit,
    )


def _period_request(cls: type) -> st.SearchStrategy:
    return periods().map(lambda p: cls(*p))


def change_of_mode_billing_log_requests() -> st.SearchStrategy[ChangeOfModeBillingLogRequest]:
    return _period_request(ChangeOfModeBillingLogRequest)


def change_of_mode_billing_log_responses() -> st.SearchStrategy[ChangeOfModeBillingLogResponse]:
    return st.lists(billing_snapshots(), max_size=12).map(
        lambda e: ChangeOfModeBillingLogResponse(tuple(e))
    )


def billing_calendar_billing_log_requests() -> st.SearchStrategy[BillingCalendarBillingLogRequest]:
    return _period_request(BillingCalendarBillingLogRequest)


def billing_calendar_billing_log_responses() -> st.SearchStrategy[
    BillingCalendarBillingLogResponse
]:
    return st.lists(billing_snapshots(), max_size=12).map(
        lambda e: BillingCalendarBillingLogResponse(tuple(e))
    )


def debt_payments_billing_log_requests() -> st.SearchStrategy[DebtPaymentsBillingLogRequest]:
    return _period_request(DebtPaymentsBillingLogRequest)


def debt_payments_billing_log_responses() -> st.SearchStrategy[DebtPaymentsBillingLogResponse]:
    payment = st.builds(DebtPayment, timestamps(), fine_credit())
    return st.lists(payment, max_size=12).map(lambda e: DebtPaymentsBillingLogResponse(tuple(e)))


def daily_read_log_requests() -> st.SearchStrategy[DailyReadLogRequest]:
    return _period_request(DailyReadLogRequest)


def daily_read_log_responses() -> st.SearchStrategy[DailyReadLogResponse]:
    reading = st.builds(DailyReading, timestamps(), energies())
    return st.lists(reading, max_size=40).map(lambda e: DailyReadLogResponse(tuple(e)))


def profile_data_requests() -> st.SearchStrategy[ProfileDataRequest]:
    return _period_request(ProfileDataRequest)


def profile_data_responses() -> st.SearchStrategy[ProfileDataResponse]:
    entry = st.builds(ProfileEntry, half_hours(), energies())
    return st.lists(entry, max_size=96).map(lambda e: ProfileDataResponse(tuple(e)))


# --- 6.8 billing calendar, 8.11 HAN --------------------------------------------------------


def billing_calendars() -> st.SearchStrategy[BillingCalendar]:
    return st.builds(BillingCalendar, timestamps(), st.sampled_from(BillingPeriodicity))


def update_billing_calendar_requests() -> st.SearchStrategy[UpdateBillingCalendarRequest]:
    return st.builds(UpdateBillingCalendarRequest, billing_calendars())


def update_billing_calendar_responses() -> st.SearchStrategy[UpdateBillingCalendarResponse]:
    return st.builds(UpdateBillingCalendarResponse, billing_calendars())


HAN_DEVICE_TYPES = tuple(t for t in DeviceType if t is not DeviceType.CHF)


@st.composite
def update_han_device_log_requests(draw: st.DrawFn) -> UpdateHanDeviceLogRequest:
    action = draw(st.sampled_from(HanAction))
    code = None
    if action is HanAction.ADD and draw(st.booleans()):
        size = draw(st.sampled_from((6, 8, 12, 16)))
        code = draw(st.binary(min_size=size, max_size=size))
    return UpdateHanDeviceLogRequest(
        action, draw(eui64s()), draw(st.sampled_from(HAN_DEVICE_TYPES)), code
    )


def update_han_device_log_responses() -> st.SearchStrategy[UpdateHanDeviceLogResponse]:
    entry = st.builds(HanLogEntry, eui64s(), st.sampled_from(HAN_DEVICE_TYPES))
    return st.lists(entry, max_size=8, unique_by=lambda e: e.device).map(
        lambda e: UpdateHanDeviceLogResponse(tuple(e))
    )


# --- 11.x firmware ---------------------------------------------------------------------------


def ota_images() -> st.SearchStrategy[bytes]:
    return st.builds(
        lambda v, payload, maker, kind: ota_image(
            v, payload, manufacturer_code=maker, image_type=kind
        ),
        firmware_versions(),
        st.binary(max_size=256),
        st.integers(0, 0xFFFF),
        st.integers(0, 0xFFFF),
    )


def update_firmware_requests() -> st.SearchStrategy[UpdateFirmwareRequest]:
    return st.builds(UpdateFirmwareRequest, ota_images())


def update_firmware_responses() -> st.SearchStrategy[UpdateFirmwareResponse]:
    return st.builds(UpdateFirmwareResponse, firmware_versions(), st.sampled_from(FirmwareOutcome))


def read_firmware_version_requests() -> st.SearchStrategy[ReadFirmwareVersionRequest]:
    return st.just(ReadFirmwareVersionRequest())


def read_firmware_version_responses() -> st.SearchStrategy[ReadFirmwareVersionResponse]:
    return st.builds(ReadFirmwareVersionResponse, firmware_versions())


def activate_firmware_requests() -> st.SearchStrategy[ActivateFirmwareRequest]:
    return st.builds(
        ActivateFirmwareRequest,
        st.binary(min_size=32, max_size=32),
        st.none() | timestamps(),
    )


def activate_firmware_responses() -> st.SearchStrategy[ActivateFirmwareResponse]:
    return st.builds(ActivateFirmwareResponse, firmware_versions(), timestamps())


# --- 6.15.1, 6.21, 6.23, 8.5: security credentials; 8.6 opt in; 11.4 PPMID firmware --------


def certificates() -> st.SearchStrategy[bytes]:
    """Stand-ins for DER certificates: the models keep them as bytes."""
    return st.binary(min_size=1, max_size=600)


def floor_seq_numbers() -> st.SearchStrategy[int]:
    return st.integers(0, MAX_FLOOR_SEQ_NUMBER)


def execution_times() -> st.SearchStrategy[datetime | None]:
    """Immediate, future-dated, or the cancellation (``LATEST_INSTANT``)."""
    return st.none() | timestamps() | st.just(LATEST_INSTANT)


def mpxns(lo: int = 1) -> st.SearchStrategy[str]:
    return st.text(alphabet="0123456789", min_size=lo, max_size=13)


def replacement_certificates(
    *required: str, top_up: bool = True
) -> st.SearchStrategy[ReplacementCertificates]:
    def part(name: str) -> st.SearchStrategy[bytes | None]:
        if name == "key_agreement_top_up" and not top_up:
            return st.none()
        return certificates() if name in required else st.none() | certificates()

    return st.builds(
        ReplacementCertificates,
        part("digital_signing"),
        part("key_agreement"),
        part("key_agreement_top_up"),
    )


def certification_paths() -> st.SearchStrategy[tuple[bytes, ...]]:
    return st.lists(certificates(), min_size=1, max_size=3).map(tuple)


def _remote_party_credentials(cls: type, *required: str) -> st.SearchStrategy:
    return st.builds(
        cls,
        st.sampled_from(RemotePartyRole),
        replacement_certificates(*required),
        certification_paths(),
        st.booleans(),
        st.none() | floor_seq_numbers(),
        st.none() | floor_seq_numbers(),
        execution_times(),
    )


def update_security_credentials_krp_requests() -> st.SearchStrategy:
    return _remote_party_credentials(UpdateSecurityCredentialsKrpRequest)


def request_handover_requests() -> st.SearchStrategy:
    return _remote_party_credentials(RequestHandoverRequest, "digital_signing")


def update_security_credentials_cos_requests() -> st.SearchStrategy:
    return st.builds(
        UpdateSecurityCredentialsCosRequest,
        floor_seq_numbers(),
        replacement_certificates("digital_signing"),
        certification_paths(),
        st.booleans(),
        mpxns(),
        st.none() | floor_seq_numbers(),
        execution_times(),
    )


def service_opt_out_requests() -> st.SearchStrategy:
    return st.builds(
        ServiceOptOutRequest,
        timestamps() | st.just(LATEST_INSTANT),
        floor_seq_numbers(),
        replacement_certificates("key_agreement", top_up=False),
        certification_paths(),
        st.booleans(),
    )


def service_opt_in_requests() -> st.SearchStrategy:
    return st.builds(
        ServiceOptInRequest,
        st.sampled_from(DeviceType),
        mpxns(),
        st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
        st.none() | mpxns(13),
        st.none() | mpxns(13),
    )


@st.composite
def certificate_replacements(draw: st.DrawFn) -> tuple[CertificateReplacement, ...]:
    kinds = draw(st.lists(st.sampled_from(CertificateType), unique=True, max_size=3))
    return tuple(
        CertificateReplacement(kind, draw(st.sampled_from(RemotePartyRole)), draw(eui64s()))
        for kind in kinds
    )


def credentials_responses(cls: type) -> st.SearchStrategy:
    return st.builds(cls, certificate_replacements())


def update_ppmid_firmware_requests() -> st.SearchStrategy[UpdatePpmidFirmwareRequest]:
    return st.builds(UpdatePpmidFirmwareRequest, ota_images())


def update_ppmid_firmware_responses() -> st.SearchStrategy[UpdatePpmidFirmwareResponse]:
    return st.builds(
        UpdatePpmidFirmwareResponse, firmware_versions(), st.sampled_from(FirmwareOutcome)
    )


# --- bodies by type, and whole messages --------------------------------------------------------

REQUEST_BODY_STRATEGIES: dict[type, st.SearchStrategy] = {
    UpdateImportTariffRequest: update_import_tariff_requests(),
    UpdatePaymentModeRequest: update_payment_mode_requests(),
    UpdatePrepayConfigurationRequest: update_prepay_configuration_requests(),
    TopUpDeviceRequest: top_up_device_requests(),
    UpdateDebtRequest: update_debt_requests(),
    ChangeOfModeBillingLogRequest: change_of_mode_billing_log_requests(),
    BillingCalendarBillingLogRequest: billing_calendar_billing_log_requests(),
    DebtPaymentsBillingLogRequest: debt_payments_billing_log_requests(),
    DailyReadLogRequest: daily_read_log_requests(),
    ProfileDataRequest: profile_data_requests(),
    UpdateBillingCalendarRequest: update_billing_calendar_requests(),
    UpdateSecurityCredentialsKrpRequest: update_security_credentials_krp_requests(),
    RequestHandoverRequest: request_handover_requests(),
    UpdateSecurityCredentialsCosRequest: update_security_credentials_cos_requests(),
    ServiceOptOutRequest: service_opt_out_requests(),
    ServiceOptInRequest: service_opt_in_requests(),
    UpdateHanDeviceLogRequest: update_han_device_log_requests(),
    UpdateFirmwareRequest: update_firmware_requests(),
    ReadFirmwareVersionRequest: read_firmware_version_requests(),
    ActivateFirmwareRequest: activate_firmware_requests(),
    UpdatePpmidFirmwareRequest: update_ppmid_firmware_requests(),
}

RESPONSE_BODY_STRATEGIES: dict[type, st.SearchStrategy] = {
    UpdateImportTariffResponse: update_import_tariff_responses(),
    UpdatePaymentModeResponse: update_payment_mode_responses(),
    UpdatePrepayConfigurationResponse: update_prepay_configuration_responses(),
    TopUpDeviceResponse: top_up_device_responses(),
    UpdateDebtResponse: update_debt_responses(),
    ChangeOfModeBillingLogResponse: change_of_mode_billing_log_responses(),
    BillingCalendarBillingLogResponse: billing_calendar_billing_log_responses(),
    DebtPaymentsBillingLogResponse: debt_payments_billing_log_responses(),
    DailyReadLogResponse: daily_read_log_responses(),
    ProfileDataResponse: profile_data_responses(),
    UpdateBillingCalendarResponse: update_billing_calendar_responses(),
    UpdateSecurityCredentialsKrpResponse: credentials_responses(
        UpdateSecurityCredentialsKrpResponse
    ),
    RequestHandoverResponse: credentials_responses(RequestHandoverResponse),
    UpdateSecurityCredentialsCosResponse: credentials_responses(
        UpdateSecurityCredentialsCosResponse
    ),
    ServiceOptOutResponse: credentials_responses(ServiceOptOutResponse),
    ServiceOptInResponse: st.just(ServiceOptInResponse()),
    UpdateHanDeviceLogResponse: update_han_device_log_responses(),
    UpdateFirmwareResponse: update_firmware_responses(),
    ReadFirmwareVersionResponse: read_firmware_version_responses(),
    ActivateFirmwareResponse: activate_firmware_responses(),
    UpdatePpmidFirmwareResponse: update_ppmid_firmware_responses(),
}


def request_bodies(srv: SRV | None = None) -> st.SearchStrategy:
    if srv is not None:
        return REQUEST_BODY_STRATEGIES[REQUEST_BODY_TYPES[srv]]
    return st.one_of(*REQUEST_BODY_STRATEGIES.values())


def response_bodies(srv: SRV | None = None) -> st.SearchStrategy:
    if srv is not None:
        return RESPONSE_BODY_STRATEGIES[RESPONSE_BODY_TYPES[srv]]
    return st.one_of(*RESPONSE_BODY_STRATEGIES.values())


def request_ids() -> st.SearchStrategy[int]:
    return st.integers(0, (1 << 64) - 1)


def requests(srv: SRV | None = None) -> st.SearchStrategy[Request]:
    return st.builds(Request, request_ids(), eui64s(), eui64s(), request_bodies(srv))


@st.composite
def responses(draw: st.DrawFn, srv: SRV | None = None) -> Response:
    srv = srv if srv is not None else draw(st.sampled_from(SRV))
    body = draw(st.none() | response_bodies(srv))
    return Response(
        draw(request_ids()), draw(eui64s()), srv, draw(st.sampled_from(ResponseCode)), body
    )


def alert_codes() -> st.SearchStrategy[str]:
    return st.just(S1CE20) | st.from_regex(r"[A-Z][A-Z0-9]{1,15}", fullmatch=True)


def alerts() -> st.SearchStrategy[Alert]:
    return st.builds(
        Alert,
        code=alert_codes(),
        target=eui64s(),
        raised_at=timestamps(),
        request_id=st.none() | request_ids(),
        srv=st.none() | st.sampled_from(SRV),
        detail=st.text(max_size=64),
    )


def messages() -> st.SearchStrategy[Request | Response | Alert]:
    return st.one_of(requests(), responses(), alerts())
