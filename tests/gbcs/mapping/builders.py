"""GBCS messages of each mapped use case, built from scratch with the project's encoder.

The shapes follow the RTDS messages (spec order, data types, ZCL commands); the values
are made up, chosen to be whole pence so that the models can carry them. Every builder
takes the values a test wants to vary and defaults the rest.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from s1sr.codecs.gbcs import (
    AccessKind,
    AccessRequest,
    AccessRequestSpec,
    AccessResponse,
    AccessResult,
    AxdrDate,
    AxdrDateTime,
    AxdrTime,
    BitString,
    CipheringEnvelope,
    CompactArray,
    CosemAttributeDescriptor,
    CosemMethodDescriptor,
    CraFlag,
    DataNotification,
    DerNode,
    DerPayload,
    DlmsData,
    DlmsPayload,
    DlmsType,
    GbcsMessage,
    GbzAlertPayload,
    GbzComponent,
    GbzFutureDatedOutcome,
    GbzPayload,
    GroupingHeader,
    Obis,
    OtherInfo,
    SelectiveAccess,
    TypeDescription,
    UniversalTag,
)
from s1sr.codecs.gbcs.message_codes import USE_CASE_CODES
from s1sr.codecs.gbcs.zcl import ZclCommand, ZclKey, ZclRecord, encode_zcl
from s1sr.codecs.primitives.values import ZclDate
from s1sr.models import EUI64
from tests.gbcs.samples import ESME, GSME, MAC, SIGNATURE, SUPPLIER, command_header

RESPONSE_TIME = AxdrDateTime.from_datetime(datetime(2024, 5, 1, 12, tzinfo=UTC))
NOW = bytes(9) + b"\x80\x00\xff"
NEVER = b"\xff" * 9 + b"\x80\x00\xff"
DU, DLU, LU, U = (
    DlmsType.DOUBLE_LONG,
    DlmsType.DOUBLE_LONG_UNSIGNED,
    DlmsType.LONG_UNSIGNED,
    DlmsType.UNSIGNED,
)


# --- envelope ------------------------------------------------------------------------------


def command(
    use_case: str, payload: Any, counter: int = 0x1001, recipient: EUI64 = ESME
) -> GbcsMessage:
    header = command_header(USE_CASE_CODES[use_case], recipient, counter)
    return GbcsMessage(header, payload, b"", CipheringEnvelope(MAC))


def response(
    use_case: str, payload: Any, counter: int = 0x1001, sender: EUI64 = ESME
) -> GbcsMessage:
    header = GroupingHeader(
        CraFlag.RESPONSE,
        counter,
        sender,
        SUPPLIER,
        OtherInfo(USE_CASE_CODES[use_case]),
        RESPONSE_TIME,
    )
    return GbcsMessage(header, payload, SIGNATURE)


def stamp(value: datetime) -> bytes:
    """A DLMS date-time as the RTDS writes one: weekday and deviation unspecified."""
    return AxdrDateTime(
        AxdrDate(value.year, value.month, value.day, 0xFF),
        AxdrTime(value.hour, value.minute, value.second, 0),
    ).to_bytes()


# --- DLMS ----------------------------------------------------------------------------------


def attr(
    class_id: int, obis: str, attribute: int, kind: AccessKind = AccessKind.SET
) -> AccessRequestSpec:
    return AccessRequestSpec(kind, CosemAttributeDescriptor(class_id, Obis.parse(obis), attribute))


def method(class_id: int, obis: str, method_id: int) -> AccessRequestSpec:
    return AccessRequestSpec(
        AccessKind.ACTION, CosemMethodDescriptor(class_id, Obis.parse(obis), method_id)
    )


def dlms_request(counter: int, *pairs: tuple[AccessRequestSpec, DlmsData]) -> DlmsPayload:
    specs = tuple(spec for spec, _ in pairs)
    data = tuple(value for _, value in pairs)
    return DlmsPayload(AccessRequest(0x20000000 | (counter & 0xFFFFFF), specs, data))


def dlms_response(
    counter: int,
    kinds: list[AccessKind],
    results: list[int] | None = None,
    data: list[DlmsData] | None = None,
) -> DlmsPayload:
    results = results or [0] * len(kinds)
    values = tuple(data) if data is not None else tuple(DlmsData.null() for _ in kinds)
    return DlmsPayload(
        AccessResponse(
            0x20000000 | (counter & 0xFFFFFF),
            values,
            tuple(AccessResult(k, r) for k, r in zip(kinds, results, strict=True)),
        )
    )


def i(type_: DlmsType, value: int) -> DlmsData:
    return DlmsData(type_, value)


def os(value: bytes) -> DlmsData:
    return DlmsData.octet_string(value)


def cs01a(utrn: str, counter: int = 0x1001) -> GbcsMessage:
    spec = method(115, "0-0:19.40.0.255", 1)
    return command("CS01a", dlms_request(counter, (spec, os(utrn.encode()))), counter)


def _unit_charge(rate: int, price_scale: int) -> DlmsData:
    return DlmsData.structure(
        DlmsData.structure(i(DlmsType.INTEGER, 0), i(DlmsType.INTEGER, price_scale)),
        DlmsData.structure(i(LU, 0), os(bytes(6)), i(DlmsType.INTEGER, 0)),
        DlmsData.array(DlmsData.structure(os(b""), i(DlmsType.LONG, rate))),
    )


def ecs07(
    debts_milli: tuple[int, int, int] = (30000, 15000, 50000),
    rates: tuple[tuple[int, int], tuple[int, int]] = ((3, -1), (15, -1)),
    periods: tuple[int, int] = (86400, 86400),
    proportion: int = 1000,
    counter: int = 0x1001,
) -> GbcsMessage:
    """Debt 1 and 2 rates (charge, price scale) and periods, the proportion, adjustments."""
    d1, d2, d3 = "0-0:19.20.1.255", "0-0:19.20.2.255", "0-0:19.20.3.255"
    payload = dlms_request(
        counter,
        (attr(113, d1, 6), _unit_charge(*rates[0])),
        (attr(113, d2, 6), _unit_charge(*rates[1])),
        (attr(113, d3, 13), i(LU, proportion)),
        (attr(113, d1, 8), i(DLU, periods[0])),
        (attr(113, d2, 8), i(DLU, periods[1])),
        (method(113, d1, 2), i(DlmsType.INTEGER, 0)),
        (method(113, d2, 2), i(DlmsType.INTEGER, 0)),
        (method(113, d3, 4), i(DU, debts_milli[2])),
        (method(113, d1, 4), i(DU, debts_milli[0])),
        (method(113, d2, 4), i(DU, debts_milli[1])),
    )
    return command("ECS07", payload, counter)


def bits(flags: str) -> DlmsData:
    length = len(flags)
    raw = int(flags.ljust(8 * ((length + 7) // 8), "0"), 2) if length else 0
    return DlmsData(DlmsType.BIT_STRING, BitString(length, raw.to_bytes((length + 7) // 8, "big")))


def dlms_date(year: int | None, month: int, day: int) -> bytes:
    return AxdrDate(0xFFFF if year is None else year, month, day, 0xFF).to_bytes()


def ndc_entry(
    n: int, selector: int, at: time, weekdays: str, specdays: str, begin: bytes, end: bytes
) -> DlmsData:
    return DlmsData.structure(
        i(LU, n),
        DlmsData(DlmsType.BOOLEAN, True),
        os(bytes([0, 0, 10, 0, 106, 255])),
        i(LU, selector),
        os(bytes([at.hour, at.minute, at.second, 0])),
        i(LU, 0xFFFF),
        bits(weekdays),
        bits(specdays),
        os(begin),
        os(end),
    )


DEFAULT_SPECIAL_DAYS = ((None, 12, 25), (2025, 4, 18))
DEFAULT_SCHEDULE = (
    (32, time(22, 0), "0000011", "00000", (2024, 10, 27), (2025, 3, 29)),
    (33, time(9, 30), "0000011", "00000", (2024, 10, 27), (2025, 3, 29)),
    (32, time(0, 0), "0000000", "11000", (None, 1, 1), (3000, 12, 31)),
)


def ecs08(
    *,
    settings_milli: dict[str, int] | None = None,
    cap: tuple[int, int] = (100000, 86400),
    special_days: tuple = DEFAULT_SPECIAL_DAYS,
    schedule: tuple = DEFAULT_SCHEDULE,
    execute: bytes = NOW,
    counter: int = 0x1001,
) -> GbcsMessage:
    """ECS08 with passive values, an NDC, and every activation time ``execute``."""
    values = {
        "0-0:94.44.2.20": 5000000,
        "0-0:94.44.2.10": 1000000,
        "0-0:94.44.128.9": 200000,
        "0-0:94.44.128.2": 300000,
        "0-0:94.44.128.3": 100000,
    }
    values.update(settings_milli or {})
    days = DlmsData.array(
        *(
            DlmsData.structure(i(LU, n + 1), os(dlms_date(*d)), i(U, n + 1))
            for n, d in enumerate(special_days)
        )
    )
    entries = DlmsData.array(
        *(
            ndc_entry(n + 1, sel, at, wd, sd, dlms_date(*b), dlms_date(*e))
            for n, (sel, at, wd, sd, b, e) in enumerate(schedule)
        )
    )
    pairs = [
        (attr(11, "0-1:11.0.2.255", 2), days),
        (attr(10, "0-1:12.0.1.255", 2), entries),
        (attr(9000, "0-0:94.44.128.12", 4), i(DLU, cap[0])),
        (attr(9000, "0-0:94.44.128.13", 4), i(DLU, cap[1])),
    ]
    pairs += [(attr(9000, obis, 4), i(DLU, v)) for obis, v in values.items()]
    activations = [
        *values,
        "0-0:94.44.128.12",
        "0-0:94.44.128.13",
        "0-0:94.44.128.28",
        "0-0:94.44.128.31",
    ]
    pairs += [(attr(9000, obis, 6), os(execute)) for obis in activations]
    return command("ECS08", dlms_request(counter, *pairs), counter)


def payment_mode(
    use_case: str,
    mode: int,
    execute: bytes = NOW,
    threshold_milli: int | None = None,
    counter: int = 0x1001,
) -> GbcsMessage:
    account = "0-1:19.0.0.255"
    config = DlmsData.array(
        DlmsData.structure(
            os(bytes([0, 0, 19, 10, 0, 255])), os(bytes([0, 0, 19, 20, 0, 255])), bits("111")
        )
    )
    pairs = [
        (attr(111, account, 2), DlmsData.structure(i(DlmsType.ENUM, mode), i(DlmsType.ENUM, 1)))
    ]
    if threshold_milli is not None:
        pairs.append((attr(9000, "0-0:94.44.128.22", 4), i(DU, threshold_milli)))
    pairs.append((attr(111, account, 11), config))
    if threshold_milli is not None:
        pairs.append((attr(9000, "0-0:94.44.128.22", 6), os(execute)))
    pairs.append((attr(111, account, 13), os(execute)))
    return command(use_case, dlms_request(counter, *pairs), counter)


def protected_read(
    use_case: str, profiles: tuple[str, ...], start: datetime, end: datetime, counter: int = 0x1001
) -> GbcsMessage:
    objects = DlmsData.array(
        *(
            DlmsData.structure(
                i(LU, 7),
                os(Obis.parse(p).to_bytes()),
                i(DlmsType.INTEGER, 2),
                i(LU, 0),
                DlmsData.structure(
                    i(DlmsType.ENUM, 1),
                    DlmsData.structure(os(stamp(start)), os(stamp(end))),
                ),
            )
            for p in profiles
        )
    )
    protection = DlmsData.array(
        DlmsData.structure(
            i(DlmsType.ENUM, 2),
            DlmsData.structure(
                os(b"\x04" + counter.to_bytes(8, "big")),
                os(SUPPLIER.to_bytes()),
                os(ESME.to_bytes()),
                os(b""),
                DlmsData.structure(i(DlmsType.ENUM, 2), DlmsData.structure(os(b"\x02"), os(b""))),
            ),
        )
    )
    spec = method(30, "0-0:43.2.5.255", 1)
    return command(
        use_case, dlms_request(counter, (spec, DlmsData.structure(objects, protection))), counter
    )


def ecs20a(start_s: int, end_s: int, counter: int = 0x1001) -> GbcsMessage:
    restricting = DlmsData.structure(
        i(LU, 1), os(Obis.parse("0-0:94.44.100.255").to_bytes()), i(DlmsType.INTEGER, 2), i(LU, 0)
    )
    params = DlmsData.structure(restricting, i(DLU, start_s), i(DLU, end_s), DlmsData.array())
    spec = AccessRequestSpec(
        AccessKind.GET_WITH_SELECTION,
        CosemAttributeDescriptor(7, Obis.parse("0-0:98.1.4.255"), 2),
        SelectiveAccess(1, params),
    )
    return command(
        "ECS20a",
        DlmsPayload(AccessRequest(0x20000000 | counter, (spec,), (DlmsData.null(),))),
        counter,
    )


def ecs20a_response(rows: list[tuple[int, int]], counter: int = 0x1001) -> GbcsMessage:
    description = TypeDescription(DlmsType.STRUCTURE, (TypeDescription(DLU), TypeDescription(DLU)))
    elements = tuple(DlmsData.structure(i(DLU, t), i(DLU, a)) for t, a in rows)
    data = DlmsData(DlmsType.COMPACT_ARRAY, CompactArray(description, elements))
    return response("ECS20a", dlms_response(counter, [AccessKind.GET], [0], [data]), counter)


def ecs30(
    entries: list[tuple[bytes, bytes]], use_case: str = "ECS30", counter: int = 0x1001
) -> GbcsMessage:
    value = DlmsData.array(*(DlmsData.structure(os(t), os(d)) for t, d in entries))
    return command(use_case, dlms_request(counter, (attr(22, "0-0:15.0.0.255", 4), value)), counter)


def ecs52(counter: int = 0x1001) -> GbcsMessage:
    spec = attr(1, "0-0:0.2.1.255", 2, AccessKind.GET)
    return command("ECS52", dlms_request(counter, (spec, DlmsData.null())), counter)


def ecs52_response(version: bytes | None, counter: int = 0x1001) -> GbcsMessage:
    if version is None:
        payload = dlms_response(counter, [AccessKind.GET], [1])
    else:
        payload = dlms_response(counter, [AccessKind.GET], [0], [os(version)])
    return response("ECS52", payload, counter)


# --- GBZ -----------------------------------------------------------------------------------


def zcl(cluster: int | None, command_id: int, to_client: bool, **fields: Any) -> bytes:
    key = ZclKey(cluster, None if cluster is None else to_client, command_id)
    return encode_zcl(ZclCommand(key, "", ZclRecord(tuple(fields.items()))))


def component(
    cluster: int,
    command_id: int,
    payload: bytes,
    *,
    seq: int = 0,
    to_client: bool = False,
    general: bool = False,
    last: bool = True,
    from_time: Any = None,
) -> GbzComponent:
    frame = (0x00 if general else 0x01) | (0x08 if to_client else 0x00)
    control = (0x01 if last else 0x00) | (0x10 if from_time is not None else 0x00)
    return GbzComponent(control, cluster, frame, seq, command_id, payload, from_date_time=from_time)


def gbz(*components: GbzComponent) -> GbzPayload:
    n = len(components)
    fixed = []
    for k, c in enumerate(components):
        control = (c.control & ~0x01) | (0x01 if k == n - 1 else 0x00)
        fixed.append(
            GbzComponent(
                control,
                c.cluster_id,
                c.frame_control,
                k,
                c.command_id,
                c.zcl_payload,
                c.from_date_time,
                c.manufacturer_code,
                c.encryption,
            )
        )
    return GbzPayload(tuple(fixed))


def cs01b(utrn: str, counter: int = 0x1001) -> GbcsMessage:
    payload = zcl(0x0705, 0x04, False, originating_device=0, top_up_code=utrn.encode())
    return command("CS01b", gbz(component(0x0705, 0x04, payload)), counter, GSME)


def cs01b_response(
    result: int, value_milli: int, remaining_milli: int, counter: int = 0x1001
) -> GbcsMessage:
    payload = zcl(
        0x0705,
        0x03,
        True,
        result_type=result,
        top_up_value=value_milli,
        source_of_top_up=0,
        credit_remaining=remaining_milli,
    )
    return response("CS01b", gbz(component(0x0705, 0x03, payload, to_client=True)), counter, GSME)


def change_debt(
    amount_type: int, amount: int, method_: int, frequency: int, recovery: int, percentage: int
) -> bytes:
    return zcl(
        0x0705,
        0x02,
        False,
        issuer_event_id=1,
        debt_label=b"",
        debt_amount=amount,
        debt_recovery_method=method_,
        debt_amount_type=amount_type,
        debt_recovery_start_time=datetime(2000, 1, 1, tzinfo=UTC),
        debt_recovery_collection_time=0,
        debt_recovery_frequency=frequency,
        debt_recovery_amount=recovery,
        debt_recovery_balance_percentage=percentage,
    )


def gcs04(
    debts_milli: tuple[int, int, int] = (1000000, 500000, 1000000), counter: int = 0x1001
) -> GbcsMessage:
    payload = gbz(
        component(0x0705, 0x02, change_debt(1, debts_milli[0], 0, 1, 50000, 0)),
        component(0x0705, 0x02, change_debt(3, debts_milli[1], 0, 0, 20000, 0)),
        component(0x0705, 0x02, change_debt(5, debts_milli[2], 1, 1, 0, 250)),
    )
    return command("GCS04", payload, counter, GSME)


def default_responses(
    use_case: str, statuses: list[tuple[int, int, int]], counter: int = 0x1001
) -> GbcsMessage:
    """(cluster, command answered, status) per component."""
    comps = [
        component(c, 0x0B, bytes([cmd, st]), to_client=True, general=True)
        for c, cmd, st in statuses
    ]
    return response(use_case, gbz(*comps), counter, GSME)


def snapshots(
    use_case: str,
    clusters: list[int],
    cause: int,
    start: datetime,
    end: datetime,
    counter: int = 0x1001,
) -> GbcsMessage:
    comps = []
    for cluster in clusters:
        command_id = 0x06 if cluster == 0x0702 else 0x07
        for offset in range(2):
            payload = zcl(
                cluster,
                command_id,
                False,
                earliest_start_time=start,
                latest_end_time=end,
                snapshot_offset=offset,
                snapshot_cause=cause,
            )
            comps.append(component(cluster, command_id, payload))
    return command(use_case, gbz(*comps), counter, GSME)


def gcs15d(start: datetime, end: datetime, counter: int = 0x1001) -> GbcsMessage:
    payload = zcl(0x0705, 0x0A, False, latest_end_time=end, number_of_debts=10, debt_type=2)
    return command("GCS15d", gbz(component(0x0705, 0x0A, payload, from_time=start)), counter, GSME)


def gcs17(start: datetime, samples: int, counter: int = 0x1001) -> GbcsMessage:
    payload = zcl(
        0x0702,
        0x08,
        False,
        sample_id=0,
        earliest_sample_time=start,
        sample_type=0,
        number_of_samples=samples,
    )
    return command("GCS17", gbz(component(0x0702, 0x08, payload)), counter, GSME)


def gcs25(
    start: datetime, duration: int, unit: int = 3, use_case: str = "GCS25", counter: int = 0x1001
) -> GbcsMessage:
    billing = zcl(
        0x0700,
        0x09,
        True,
        provider_id=0,
        issuer_event_id=1,
        billing_period_start_time=start,
        billing_period_duration=duration,
        billing_period_duration_type=0x20 | unit,
        tariff_type=0,
    )
    block = zcl(
        0x0700,
        0x01,
        True,
        provider_id=0,
        issuer_event_id=1,
        block_period_start_time=start,
        block_period_duration=duration,
        block_period_control=2,
        block_period_duration_type=0x20 | unit,
        tariff_type=0,
        tariff_resolution_period=1,
    )
    payload = gbz(
        component(0x0700, 0x09, billing, to_client=True),
        component(0x0700, 0x01, block, to_client=True),
    )
    return command(use_case, payload, counter, GSME)


def gcs38(counter: int = 0x1001) -> GbcsMessage:
    payload = zcl(None, 0x00, False, attribute_ids=[0x0206])
    return command("GCS38", gbz(component(0x0702, 0x00, payload, general=True)), counter, GSME)


def gcs38_response(version: bytes, counter: int = 0x1001) -> GbcsMessage:
    record = {"attribute_id": 0x0206, "status": 0, "data_type": 0x41, "value": version}
    payload = zcl(None, 0x01, True, records=[record])
    return response(
        "GCS38", gbz(component(0x0702, 0x01, payload, to_client=True, general=True)), counter, GSME
    )


def change_payment_mode(
    use_case: str, config: int, cut_off: int, when: Any, counter: int = 0x1001
) -> GbcsMessage:
    payload = zcl(
        0x0705,
        0x06,
        False,
        provider_id=0,
        issuer_event_id=1,
        implementation_date_time=when,
        proposed_payment_control_configuration=config,
        cut_off_value=cut_off,
    )
    return command(use_case, gbz(component(0x0705, 0x06, payload)), counter, GSME)


def zdate(year: int | None, month: int, day: int) -> ZclDate:
    return ZclDate(year, month, day, None)


def calendar(
    when: Any,
    calendar_type: int,
    days: dict[int, list[tuple[int, int]]],
    weeks: dict[int, list[int]],
    seasons: list[tuple[ZclDate, int]],
    special: list[tuple[ZclDate, int]],
) -> list[GbzComponent]:
    """The five ZCL calendar commands (0x0707 0-4) that GCS01a and GCS05 both carry.

    ``days`` maps a day id to (minute, value) switches, ``seasons`` and ``special`` are
    (date, week or day reference) pairs; the header's counts follow from them.
    """
    ids = {"provider_id": 0, "issuer_event_id": 1, "issuer_calendar_id": 1}

    def calendar_command(command_id: int, **fields: Any) -> GbzComponent:
        body = zcl(0x0707, command_id, True, **ids, **fields)
        return component(0x0707, command_id, body, to_client=True)

    comps = [
        calendar_command(
            0x00,
            start_time=when,
            calendar_type=calendar_type,
            calendar_time_reference=0,
            calendar_name=b"",
            number_of_seasons=len(seasons),
            number_of_week_profiles=len(weeks),
            number_of_day_profiles=len(days),
        )
    ]
    for day_id, switches in days.items():
        entries = [{"start_time": m, "value": v} for m, v in switches]
        comps.append(
            calendar_command(
                0x01,
                day_id=day_id,
                total_number_of_schedule_entries=len(entries),
                command_index=0,
                total_commands=1,
                calendar_type=calendar_type,
                entries=entries,
            )
        )
    comps += [calendar_command(0x02, week_id=w, day_id_refs=refs) for w, refs in weeks.items()]
    season_entries = [{"season_start_date": d, "week_id_ref": w} for d, w in seasons]
    comps.append(calendar_command(0x03, command_index=0, total_commands=1, entries=season_entries))
    special_entries = [{"special_day_date": d, "day_id_ref": ref} for d, ref in special]
    comps.append(
        calendar_command(
            0x04,
            start_time=when,
            calendar_type=calendar_type,
            total_number_of_special_days=len(special_entries),
            command_index=0,
            total_commands=1,
            entries=special_entries,
        )
    )
    return comps


GCS05_CALENDAR: dict[str, Any] = {
    "days": {1: [(0, 1), (480, 0), (1080, 1)], 2: [(0, 1), (420, 0), (1020, 1)], 3: [(0, 1)]},
    "weeks": {1: [1, 1, 1, 1, 1, 3, 3], 2: [2, 2, 2, 2, 2, 3, 3]},
    "seasons": [(zdate(2024, 10, 27), 1), (zdate(2025, 3, 30), 2)],
    "special": [(zdate(None, 12, 25), 3), (zdate(2025, 4, 18), 1)],
}
ONE_SEASON: dict[str, Any] = {
    "days": {1: [(0, 1)]},
    "weeks": {1: [1] * 7},
    "seasons": [(zdate(2024, 4, 1), 1)],
    "special": [],
}


def gcs05(when: Any, counter: int = 0x1001, ndc: dict[str, Any] | None = None) -> GbcsMessage:
    """GCS05: settings and a friendly-credit calendar, by default two seasons, two special days.

    ``ndc`` gives ``calendar``'s tables instead (e.g. ``ONE_SEASON``: one switch, all week).
    """
    comps = [
        component(
            0x0705,
            0x03,
            zcl(
                0x0705,
                0x03,
                False,
                issuer_event_id=1,
                start_time=when,
                emergency_credit_limit=500000,
                emergency_credit_threshold=100000,
            ),
        ),
        component(
            0x0705, 0x09, zcl(0x0705, 0x09, False, low_credit_warning_level=300000), from_time=when
        ),
        component(
            0x0705,
            0x0B,
            zcl(
                0x0705,
                0x0B,
                False,
                provider_id=0,
                issuer_event_id=1,
                implementation_date_time=when,
                maximum_credit_level=20000000,
                maximum_credit_per_top_up=10000000,
            ),
        ),
    ]
    comps += calendar(when, 3, **(GCS05_CALENDAR if ndc is None else ndc))
    return command("GCS05", gbz(*comps), counter, GSME)


# --- ASN.1 ---------------------------------------------------------------------------------


def der_time(text: str) -> DerNode:
    return DerNode(UniversalTag.GENERALIZED_TIME, text.encode())


def cs06(image_hash: bytes, when: str | None, counter: int = 0x1001) -> GbcsMessage:
    members = [DerNode(UniversalTag.OCTET_STRING, image_hash), DerNode.integer(counter)]
    if when is not None:
        members.append(der_time(when))
    return command("CS06", DerPayload(DerNode.sequence(*members)), counter)


def cs06_response(
    status: int | None, version: bytes = b"\x01\x02\x03\x04", counter: int = 0x1001
) -> GbcsMessage:
    if status is None:
        root = DerNode(UniversalTag.NULL, b"")
    else:
        root = DerNode.sequence(
            DerNode.integer(status), DerNode(UniversalTag.OCTET_STRING, version)
        )
    return response("CS06", DerPayload(root), counter)


def cs08(counter: int = 0x1001) -> GbcsMessage:
    return command("CS08", DerPayload(DerNode(UniversalTag.NULL, b"")), counter)


def cs08_response(version: bytes, status: int, counter: int = 0x1001) -> GbcsMessage:
    root = DerNode.sequence(DerNode(UniversalTag.OCTET_STRING, version), DerNode.integer(status))
    return response("CS08", DerPayload(root), counter)


# --- alerts --------------------------------------------------------------------------------


def alert_header(code: int, sender: EUI64 = ESME, counter: int = 0x2001) -> GroupingHeader:
    return GroupingHeader(CraFlag.ALERT, counter, sender, SUPPLIER, OtherInfo(code))


def dlms_future_dated_alert(
    alert_code: int, raised: datetime, use_case: str, command_counter: int
) -> GbcsMessage:
    body = DlmsData.structure(
        i(LU, alert_code),
        os(stamp(raised)),
        os(
            USE_CASE_CODES[use_case].to_bytes(2, "big")
            + command_counter.to_bytes(8, "big")
            + b"\x23\x28"
            + bytes([0, 0, 94, 44, 128, 28])
            + b"\x06"
        ),
    )
    return GbcsMessage(
        alert_header(0x00CC), DlmsPayload(DataNotification(0x20002001, body)), SIGNATURE
    )


def gbz_future_dated_alert(
    alert_code: int, raised: datetime, use_case: str, command_counter: int
) -> GbcsMessage:
    outcome = GbzFutureDatedOutcome(USE_CASE_CODES[use_case], command_counter, 0x0705, 0x01, 0x06)
    payload = GbzAlertPayload(alert_code, raised, 1, outcome)
    return GbcsMessage(alert_header(0x00CD, GSME), payload, SIGNATURE)


def cs06_alert(alert_code: int, raised: str, command_counter: int, status: int) -> GbcsMessage:
    root = DerNode.sequence(
        DerNode.integer(alert_code),
        der_time(raised),
        DerNode.integer(command_counter),
        DerNode.sequence(
            DerNode.integer(status), DerNode(UniversalTag.OCTET_STRING, b"\x01\x02\x03\x04")
        ),
    )
    return GbcsMessage(alert_header(0x00CA), DerPayload(root), SIGNATURE)


# --- tariffs -------------------------------------------------------------------------------


def _season(name: bytes, year: int, month: int, day: int, week: int) -> DlmsData:
    start = AxdrDateTime(AxdrDate(year, month, day, 0xFF), AxdrTime(0, 0, 0, 0)).to_bytes()
    return DlmsData.structure(os(name), os(start), os(bytes([week])))


def _switch(hour: int, selector: int) -> DlmsData:
    return DlmsData.structure(
        os(bytes([hour, 0, 0, 0])), os(bytes([0, 0, 10, 0, 100, 255])), i(LU, selector)
    )


def _charge_table(commodity: int, scale: int, entries: list[tuple[bytes, int]]) -> DlmsData:
    reference = DlmsData.structure(
        i(LU, 3), os(bytes([1, 0, 1, 8, 0, 255])), i(DlmsType.INTEGER, 2)
    )
    return DlmsData.structure(
        DlmsData.structure(i(DlmsType.INTEGER, commodity), i(DlmsType.INTEGER, scale)),
        reference,
        DlmsData.array(*(DlmsData.structure(os(k), i(DlmsType.LONG, v)) for k, v in entries)),
    )


def ecs01a(execute: bytes = NOW, counter: int = 0x1001) -> GbcsMessage:
    """Two seasons, three day profiles (TOU and block), two block tariffs, four TOU rates."""
    calendar = "0-0:13.0.0.255"
    seasons = DlmsData.array(
        _season(b"winter", 2024, 10, 27, 1), _season(b"summer", 2025, 3, 30, 2)
    )
    weeks = DlmsData.array(
        DlmsData.structure(os(b"\x01"), *(i(U, d) for d in (1, 1, 1, 1, 1, 3, 3))),
        DlmsData.structure(os(b"\x02"), *(i(U, d) for d in (2, 2, 2, 2, 2, 3, 3))),
    )
    days = DlmsData.array(
        DlmsData.structure(i(U, 1), DlmsData.array(_switch(0, 1), _switch(7, 2))),
        DlmsData.structure(i(U, 2), DlmsData.array(_switch(0, 101), _switch(16, 102))),
        DlmsData.structure(i(U, 3), DlmsData.array(_switch(0, 3))),
    )
    special = DlmsData.array(
        DlmsData.structure(i(LU, 1), os(dlms_date(None, 12, 25)), i(U, 3)),
    )
    prices = [(bytes([n]), 1000 + n) for n in range(1, 5)]
    prices += [(bytes([band + block]), 0) for band in (0xA0, 0xB0, 0xC0, 0xD0) for block in (1, 2)]
    prices[4] = (b"\xa1", 2500)
    prices[6] = (b"\xb1", 3000)
    pairs = [
        (attr(20, calendar, 7), seasons),
        (attr(20, calendar, 8), weeks),
        (attr(20, calendar, 9), days),
        (attr(11, "0-1:11.0.0.255", 2), special),
        (attr(21, "0-0:16.1.11.255", 2), DlmsData.array(i(DLU, 5000), i(DLU, 0xFFFFFFFF))),
        (attr(21, "0-0:16.1.12.255", 2), DlmsData.array(i(DLU, 0xFFFFFFFF))),
        (attr(113, "0-0:19.20.4.255", 6), _charge_table(0, -5, [(b"", 25000)])),
        (attr(113, "0-0:19.20.0.255", 6), _charge_table(3, -5, prices)),
        (attr(20, calendar, 10), os(execute)),
        (attr(113, "0-0:19.20.4.255", 7), os(execute)),
        (attr(113, "0-0:19.20.0.255", 7), os(execute)),
        (attr(9000, "0-0:63.1.1.255", 6), os(execute)),
    ]
    return command("ECS01a", dlms_request(counter, *pairs), counter)


def gcs01a(
    block: bool, when: Any = datetime(2000, 1, 1, tzinfo=UTC), counter: int = 0x1001
) -> GbcsMessage:
    """A TOU tariff of two tiers, or a single block tariff of three thresholds."""
    days = {1: [(0, 0)]} if block else {1: [(0, 1), (420, 2)], 2: [(0, 2)]}
    weeks = {1: [1] * 7} if block else {1: [1, 1, 1, 1, 1, 2, 2]}
    special = [] if block else [(zdate(None, 12, 25), 2)]
    comps = calendar(when, 0, days, weeks, [(zdate(None, 1, 1), 1)], special)
    info = zcl(
        0x0700,
        0x04,
        True,
        provider_id=0,
        issuer_event_id=1,
        issuer_tariff_id=1,
        start_time=when,
        tariff_type=0x10 if block else 0,
        tariff_label=b"",
        number_of_price_tiers_in_use=0 if block else 2,
        number_of_block_thresholds_in_use=3 if block else 0,
        unit_of_measure=0,
        currency=826,
        price_trailing_digit=0x50,
        standing_charge=30000,
        tier_block_mode=0xFF,
        block_threshold_multiplier=1,
        block_threshold_divisor=1000,
    )
    comps.append(component(0x0700, 0x04, info, to_client=True))
    if block:
        tiers = [{"tier_and_count": 3, "thresholds": [500000, 1500000, 3000000]}]
        comps.append(
            component(
                0x0700,
                0x06,
                zcl(
                    0x0700,
                    0x06,
                    True,
                    provider_id=0,
                    issuer_event_id=1,
                    start_time=when,
                    issuer_tariff_id=1,
                    command_index=0,
                    total_commands=1,
                    sub_payload_control=1,
                    tiers=tiers,
                ),
                to_client=True,
            )
        )
        entries = [{"tier_block_id": k, "price": 9000 + k} for k in range(4)]
    else:
        entries = [{"tier_block_id": k, "price": 8000 + k} for k in (1, 2)]
    comps.append(
        component(
            0x0700,
            0x05,
            zcl(
                0x0700,
                0x05,
                True,
                provider_id=0,
                issuer_event_id=1,
                start_time=when,
                issuer_tariff_id=1,
                command_index=0,
                total_commands=1,
                sub_payload_control=0 if block else 1,
                entries=entries,
            ),
            to_client=True,
        )
    )
    return command("GCS01a", gbz(*comps), counter, GSME)
