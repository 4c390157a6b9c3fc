"""SRV 1.1.1 on the GSME: GCS01a, a ZSE tariff calendar and price publication.

* Calendar cluster (as in ``ndc_gbz``): day profiles whose switch values are price
  tiers, week profiles, seasons (no names: the model's are empty), special days.
* Publish Tariff Information (Price cluster 0x0700, 0x04): the tariff type (bits 4-7:
  0 TOU, 1 block), the price trailing digits (bits 4-7 of ``price_trailing_digit``,
  prices being ``price * 10**-digits`` pounds, so the model's pence scale is
  ``2 - digits``, for prices and standing charge alike), the standing charge, and the
  block threshold multiplier and divisor.
* Publish Price Matrix (0x05): TOU tariffs price tier ``n`` (entry id ``n``); block
  tariffs price block ``k`` of tier 0 (entry id ``k``, zero-based).
* Publish Block Thresholds (0x06): tier 0's thresholds in ``multiplier / divisor``
  kWh; the model holds Wh.

In a TOU tariff a switch value ``n`` is TOU rate ``n``; a block tariff has the one
block tariff, and its switches (value 0, "no tier") are block tariff 1. The start times
of the published commands are the model's ``execute_at``.
"""

from __future__ import annotations

from datetime import datetime, time

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs.gbz import GbzComponent, GbzPayload
from s1sr.codecs.gbcs.mapping import gbz_access as gbz
from s1sr.codecs.gbcs.mapping import ndc_gbz
from s1sr.codecs.gbcs.mapping.values import execution_from_zcl, execution_to_zcl
from s1sr.codecs.gbcs.message import GbcsMessage
from s1sr.codecs.gbcs.payload import Payload
from s1sr.codecs.gbcs.zcl import CALENDAR, PRICE, ZclRecord
from s1sr.models import (
    BlockTariff,
    DayProfile,
    Energy,
    EnergyUnit,
    ModelError,
    NoLimit,
    RateKind,
    RequestBody,
    Season,
    SpecialDay,
    SwitchTime,
    UpdateImportTariffRequest,
    WeekProfile,
)

TARIFF_INFORMATION = 0x04
PRICE_MATRIX = 0x05
BLOCK_THRESHOLDS = 0x06
BLOCK_CHARGING = 1  # tariff type bits 4-7
TOU_PAYLOAD = 0x01  # price matrix sub-payload control bit 0: entries are tiers
_TIMED = ((PRICE, TARIFF_INFORMATION), (PRICE, PRICE_MATRIX), (PRICE, BLOCK_THRESHOLDS))
_CALENDAR_TIMED = (ndc_gbz.PUBLISH_CALENDAR, ndc_gbz.PUBLISH_SPECIAL_DAYS)


def _one(payload: GbzPayload, command: int, path: str) -> tuple[int, ZclRecord]:
    index = gbz.one_command(payload, PRICE, command, path, to_client=True)
    return index, gbz.zcl_of(payload.components[index], f"{path}.components[{index}]").record


def _start_times(payload: GbzPayload, path: str) -> set[datetime | None]:
    times = set()
    for cluster, command in _TIMED:
        for index in gbz.find_commands(payload, cluster, command, to_client=True):
            zcl = gbz.zcl_of(payload.components[index], f"{path}.components[{index}]")
            times.add(execution_from_zcl(zcl["start_time"]))
    for command in _CALENDAR_TIMED:
        for index in gbz.find_commands(payload, CALENDAR, command, to_client=True):
            zcl = gbz.zcl_of(payload.components[index], f"{path}.components[{index}]")
            times.add(execution_from_zcl(zcl["start_time"]))
    return times


def _switches(profile: ndc_gbz.DayProfile, block: bool, path: str) -> tuple[SwitchTime, ...]:
    out = []
    for minute, value in profile:
        if not 0 <= minute < ndc_gbz.MINUTES_PER_DAY:
            raise CodecError(f"switch at minute {minute}", path)
        start = time(minute // 60, minute % 60)
        out.append(
            SwitchTime(start, RateKind.BLOCK, value + 1)
            if block
            else SwitchTime(start, RateKind.TOU, value)
        )
    return tuple(out)


def _threshold(raw: int, multiplier: int, divisor: int, path: str) -> Energy:
    wh, rest = divmod(raw * multiplier * 1000, divisor)
    if rest or divisor == 0:
        raise CodecError(f"threshold {raw} x {multiplier}/{divisor} kWh is not whole Wh", path)
    return Energy(wh, EnergyUnit.KWH)


def read_gcs01a(message: GbcsMessage) -> UpdateImportTariffRequest:
    payload = gbz.gbz_payload(message)
    path = "payload"
    _, info = _one(payload, TARIFF_INFORMATION, path)
    block = (info["tariff_type"] >> 4) == BLOCK_CHARGING
    scale = 2 - (info["price_trailing_digit"] >> 4)
    _, matrix = _one(payload, PRICE_MATRIX, path)
    prices = {e["tier_block_id"]: e["price"] for e in matrix["entries"]}
    tou: tuple[int, ...] = ()
    blocks: tuple[BlockTariff, ...] = ()
    if block:
        _, limits = _one(payload, BLOCK_THRESHOLDS, path)
        tiers = {t["tier_and_count"] >> 4: t["thresholds"] for t in limits["tiers"]}
        raw = tiers.get(0, ())
        at = f"{path}.blocks[0]"
        thresholds = tuple(
            _threshold(r, info["block_threshold_multiplier"], info["block_threshold_divisor"], at)
            for r in raw
        )
        if sorted(prices) != list(range(len(thresholds) + 1)):
            raise CodecError(f"block prices {sorted(prices)} for {len(raw)} thresholds", at)
        blocks = (BlockTariff(thresholds, tuple(prices[k] for k in sorted(prices))),)
    else:
        if sorted(prices) != list(range(1, len(prices) + 1)):
            raise CodecError(f"TOU tiers {sorted(prices)} are not 1..n", f"{path}.tou_prices")
        tou = tuple(prices[k] for k in sorted(prices))
    tables = ndc_gbz.read_tables(payload, path)
    times = _start_times(payload, path)
    if len(times) != 1:
        raise CodecError("the tariff parts start at different times", f"{path}.execute_at")
    try:
        return UpdateImportTariffRequest(
            seasons=tuple(Season("", start, week) for start, week in tables.seasons),
            week_profiles=tuple(WeekProfile(i, days) for i, days in tables.weeks.items()),
            day_profiles=tuple(
                DayProfile(i, _switches(p, block, f"{path}.day_profiles"))
                for i, p in tables.days.items()
            ),
            special_days=tuple(SpecialDay(date, day) for date, day in tables.special),
            tou_prices=tou,
            blocks=blocks,
            price_scale=scale,
            standing_charge=info["standing_charge"],
            standing_charge_scale=scale,
            execute_at=times.pop(),
        )
    except ModelError as exc:
        raise CodecError(str(exc), path) from exc


def _body(body: RequestBody) -> UpdateImportTariffRequest:
    if not isinstance(body, UpdateImportTariffRequest):
        raise ModelError(f"body: expected UpdateImportTariffRequest, got {type(body).__name__}")
    return body


def _tables(tariff: UpdateImportTariffRequest, block: bool) -> ndc_gbz.CalendarTables:
    if any(s.name for s in tariff.seasons):
        raise ModelError("seasons: GSME seasons have no names")
    days = {}
    for day in tariff.day_profiles:
        switches = []
        for switch in day.switches:
            if switch.start.second or (switch.kind is RateKind.BLOCK) != block:
                raise ModelError("day_profiles: switches of another kind or not on a minute")
            value = switch.rate - 1 if block else switch.rate
            switches.append((switch.start.hour * 60 + switch.start.minute, value))
        days[day.profile_id] = tuple(switches)
    return ndc_gbz.CalendarTables(
        days,
        {w.profile_id: w.days for w in tariff.week_profiles},
        [(s.start, s.week_profile) for s in tariff.seasons],
        [(d.date, d.day_profile) for d in tariff.special_days],
    )


def _threshold_raw(value: Energy | NoLimit, multiplier: int, divisor: int) -> int:
    if isinstance(value, NoLimit):
        raise ModelError("blocks: a GSME block threshold has a limit")
    raw, rest = divmod(value.milli * divisor, multiplier * 1000)
    if rest:
        raise ModelError(f"blocks: {value} is not a whole threshold unit")
    return raw


def write_gcs01a(body: RequestBody, template: GbcsMessage) -> Payload:
    tariff = _body(body)
    payload = gbz.gbz_payload(template)
    info_at, info = _one(payload, TARIFF_INFORMATION, "template")
    block = (info["tariff_type"] >> 4) == BLOCK_CHARGING
    if tariff.price_scale != tariff.standing_charge_scale:
        raise ModelError("standing_charge_scale: the GSME has one price scale")
    if block != bool(tariff.blocks) or (block and (tariff.tou_prices or len(tariff.blocks) != 1)):
        raise ModelError("blocks: the template is a TOU or a single block tariff; match it")
    changes: dict[int, GbzComponent] = ndc_gbz.fill_tables(
        payload, _tables(tariff, block), "tariff"
    )
    digits = 2 - tariff.price_scale
    if not 0 <= digits <= 0xF:
        raise ModelError(f"price_scale: {tariff.price_scale} needs {digits} trailing digits")
    info_values: dict[str, object] = {
        "standing_charge": tariff.standing_charge,
        "price_trailing_digit": (digits << 4) | (info["price_trailing_digit"] & 0x0F),
        "number_of_price_tiers_in_use": len(tariff.tou_prices),
    }
    matrix_at, _ = _one(payload, PRICE_MATRIX, "template")
    entry = ZclRecord
    if block:
        limits_at, _ = _one(payload, BLOCK_THRESHOLDS, "template")
        only = tariff.blocks[0]
        raw = tuple(
            _threshold_raw(t, info["block_threshold_multiplier"], info["block_threshold_divisor"])
            for t in only.thresholds
        )
        info_values["number_of_block_thresholds_in_use"] = len(raw)
        tiers = (ZclRecord((("tier_and_count", len(raw)), ("thresholds", raw))),)
        changes[limits_at] = gbz.with_fields(payload.components[limits_at], {"tiers": tiers})
        entries = tuple(
            entry((("tier_block_id", k), ("price", p))) for k, p in enumerate(only.prices)
        )
    else:
        entries = tuple(
            entry((("tier_block_id", k), ("price", p)))
            for k, p in enumerate(tariff.tou_prices, start=1)
        )
    changes[matrix_at] = gbz.with_fields(payload.components[matrix_at], {"entries": entries})
    changes[info_at] = gbz.with_fields(payload.components[info_at], info_values)
    for cluster, commands in ((PRICE, [c for _, c in _TIMED]), (CALENDAR, _CALENDAR_TIMED)):
        for command in commands:
            for index in gbz.find_commands(payload, cluster, command, to_client=True):
                component = changes.get(index, payload.components[index])
                old = component.zcl["start_time"] if component.zcl is not None else None
                when = execution_to_zcl(tariff.execute_at, old)
                changes[index] = gbz.with_fields(component, {"start_time": when})
    return gbz.with_components(payload, changes)
