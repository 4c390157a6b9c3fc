"""SRV 1.1.1 Update Import Tariff (Primary Element): ECS01a (ESME) here, GCS01a in ``tariff_gbz``.

ECS01a sets the passive tables of the tariff switching table (Activity Calendar, class
20, 0-0:13.0.0.255) and the prices, each activated at the execution time:

* attribute 7 seasons ``{name, start date-time, week name}``, 8 week profiles ``{name,
  7 day ids}``, 9 day profiles ``{id, [{start time, script, selector}]}`` where selector
  1-48 is a TOU rate and 101-108 block tariff 1-8 (the script is 0-0:10.0.100.255);
  attribute 10 its activation time;
* special days: class 11, 0-1:11.0.0.255 (entries numbered by position);
* block thresholds: one register monitor (class 21) per block tariff, 0-0:16.1.11.255 to
  0-0:16.1.18.255, thresholds in Wh, 0xFFFFFFFF "no limit";
* prices: the charge 0-0:19.20.0.255 (class 113) unit charge, entries indexed 0x01-0x30
  (TOU rates) and 0xA1-0xD8 (price band A-D of block tariff 1-8), scaled by
  ``10**price_scale`` pounds per ``10**commodity_scale`` Wh; the model counts pence per
  kWh, so its scale is ``price_scale + 5 - commodity_scale``. A block tariff has one more
  price than thresholds; its remaining bands must be zero;
* the standing charge: 0-0:19.20.4.255, one charge of ``10**price_scale`` pounds (the
  model's scale is two more);
* the currency unit (0-0:94.44.2.0) is not modelled and stays as in the template.

Every activation time in one command is the model's single ``execute_at``.
"""

from __future__ import annotations

from datetime import datetime, time

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs.cosem_time import AxdrDateTime
from s1sr.codecs.gbcs.dlms_apdu import AccessRequest, CosemAttributeDescriptor
from s1sr.codecs.gbcs.dlms_data import DlmsData, DlmsType
from s1sr.codecs.gbcs.mapping import dlms_access as dlms
from s1sr.codecs.gbcs.mapping import tariff_gbz
from s1sr.codecs.gbcs.mapping.usecase import UseCase
from s1sr.codecs.gbcs.mapping.values import (
    execution_from_axdr,
    execution_to_axdr,
    partial_from_axdr,
    partial_to_axdr,
    time_from_axdr,
    time_to_axdr,
)
from s1sr.codecs.gbcs.message import GbcsMessage
from s1sr.codecs.gbcs.payload import Payload
from s1sr.models import (
    SRV,
    BlockTariff,
    DayProfile,
    Energy,
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
from s1sr.models.tariff import NO_LIMIT_RAW, threshold_from_raw

CALENDAR = "0-0:13.0.0.255"
SEASONS = dlms.Address(20, CALENDAR, 7)
WEEKS = dlms.Address(20, CALENDAR, 8)
DAYS = dlms.Address(20, CALENDAR, 9)
SPECIAL_DAYS = dlms.Address(11, "0-1:11.0.0.255", 2)
PRICES = dlms.Address(113, "0-0:19.20.0.255", 6)
STANDING_CHARGE = dlms.Address(113, "0-0:19.20.4.255", 6)
THRESHOLDS = tuple(dlms.Address(21, f"0-0:16.1.{11 + n}.255", 2) for n in range(8))
TARIFF_SCRIPT = bytes([0, 0, 10, 0, 100, 255])
BLOCK_SELECTOR = 100
MAX_TOU = 48
BANDS = (0xA0, 0xB0, 0xC0, 0xD0)
ACTIVATIONS = (
    (20, 10),  # activate passive calendar time
    (9000, 6),  # GBCS extended data: activate passive value time
    (113, 7),  # unit charge activation time
)


def _body(body: RequestBody) -> UpdateImportTariffRequest:
    if not isinstance(body, UpdateImportTariffRequest):
        raise ModelError(f"body: expected UpdateImportTariffRequest, got {type(body).__name__}")
    return body


def _one_octet(value: DlmsData, path: str) -> int:
    return dlms.read_octets(value, path, 1)[0]


def _seasons(value: DlmsData, path: str) -> tuple[Season, ...]:
    seasons = []
    for n, entry in enumerate(dlms.read_array(value, path)):
        at = f"{path}[{n}]"
        name, start, week = dlms.read_struct(entry, at, 3)
        when = dlms.read_datetime(start, f"{at}.start")
        if when.time.to_bytes()[:3] != bytes(3):
            raise CodecError("a season starts at midnight", f"{at}.start")
        text = dlms.read_octets(name, f"{at}.name")
        try:
            seasons.append(
                Season(
                    text.decode("ascii"),
                    partial_from_axdr(when.date, f"{at}.start"),
                    _one_octet(week, f"{at}.week"),
                )
            )
        except (UnicodeDecodeError, ModelError) as exc:
            raise CodecError(str(exc), at) from exc
    return tuple(seasons)


def _weeks(value: DlmsData, path: str) -> tuple[WeekProfile, ...]:
    weeks = []
    for n, entry in enumerate(dlms.read_array(value, path)):
        at = f"{path}[{n}]"
        name, *days = dlms.read_struct(entry, at, 8)
        ids = tuple(dlms.read_int(d, at, DlmsType.UNSIGNED) for d in days)
        weeks.append(WeekProfile(_one_octet(name, f"{at}.name"), ids))
    return tuple(weeks)


def _switch(selector: int, path: str) -> tuple[RateKind, int]:
    if 1 <= selector <= MAX_TOU:
        return RateKind.TOU, selector
    if BLOCK_SELECTOR < selector <= BLOCK_SELECTOR + 8:
        return RateKind.BLOCK, selector - BLOCK_SELECTOR
    raise CodecError(f"script selector {selector} is neither a TOU rate nor a block", path)


def _days(value: DlmsData, path: str) -> tuple[DayProfile, ...]:
    days = []
    for n, entry in enumerate(dlms.read_array(value, path)):
        at = f"{path}[{n}]"
        day_id, actions = dlms.read_struct(entry, at, 2)
        switches = []
        for k, action in enumerate(dlms.read_array(actions, f"{at}.switches")):
            where = f"{at}.switches[{k}]"
            start, _script, selector = dlms.read_struct(action, where, 3)
            kind, rate = _switch(dlms.read_int(selector, where), where)
            at_time = time_from_axdr(dlms.read_time(start, f"{where}.start"), f"{where}.start")
            switches.append(SwitchTime(at_time, kind, rate))
        days.append(DayProfile(dlms.read_int(day_id, at, DlmsType.UNSIGNED), tuple(switches)))
    return tuple(days)


def _special_days(value: DlmsData, path: str) -> tuple[SpecialDay, ...]:
    days = []
    for n, entry in enumerate(dlms.read_array(value, path)):
        at = f"{path}[{n}]"
        index, when, day_id = dlms.read_struct(entry, at, 3)
        if dlms.read_int(index, at) != n + 1:
            raise CodecError("special days are numbered by position", at)
        date = partial_from_axdr(dlms.read_date(when, f"{at}.date"), f"{at}.date")
        days.append(SpecialDay(date, dlms.read_int(day_id, at)))
    return tuple(days)


def _charges(value: DlmsData, path: str) -> tuple[int, int, list[tuple[bytes, int]]]:
    """(commodity scale, price scale, [(index, charge)]) of a unit charge."""
    scaling, _commodity, table = dlms.read_struct(value, path, 3)
    commodity_scale, price_scale = dlms.read_struct(scaling, f"{path}.scaling", 2)
    entries = []
    for n, entry in enumerate(dlms.read_array(table, f"{path}.charges")):
        index, charge = dlms.read_struct(entry, f"{path}.charges[{n}]", 2)
        entries.append(
            (dlms.read_octets(index, f"{path}.charges[{n}]"), dlms.read_int(charge, path))
        )
    return (
        dlms.read_int(commodity_scale, path, DlmsType.INTEGER),
        dlms.read_int(price_scale, path, DlmsType.INTEGER),
        entries,
    )


def _blocks(apdu: AccessRequest, prices: dict[int, int], path: str) -> tuple[BlockTariff, ...]:
    blocks = []
    for n, address in enumerate(THRESHOLDS):
        value = dlms.optional_data(apdu, address)
        if value is None:
            break
        at = f"{path}[{n}]"
        raw = [dlms.read_int(t, at) for t in dlms.read_array(value, f"{at}.thresholds")]
        thresholds = tuple(threshold_from_raw(r) for r in raw)
        bands = [prices.pop(band + n + 1, 0) for band in BANDS]
        used = len(thresholds) + 1
        if any(bands[used:]):
            raise CodecError(f"block {n + 1} prices more bands than thresholds allow", at)
        try:
            blocks.append(BlockTariff(thresholds, tuple(bands[:used])))
        except ModelError as exc:
            raise CodecError(str(exc), at) from exc
    return tuple(blocks)


def _execution(apdu: AccessRequest, path: str) -> datetime | None:
    times = set()
    for index in _activation_indexes(apdu):
        at = f"{path}.data[{index}]"
        times.add(execution_from_axdr(dlms.read_datetime(apdu.data[index], at), at))
    if len(times) != 1:
        raise CodecError("the tariff parts activate at different times", f"{path}.execute_at")
    return times.pop()


def _activation_indexes(apdu: AccessRequest) -> list[int]:
    found = []
    for index, spec in enumerate(apdu.specs):
        d = spec.descriptor
        if isinstance(d, CosemAttributeDescriptor) and (d.class_id, d.attribute_id) in ACTIVATIONS:
            found.append(index)
    return found


def read_ecs01a(message: GbcsMessage) -> UpdateImportTariffRequest:
    apdu = dlms.command_apdu(message)
    commodity, price_scale, charges = _charges(
        dlms.data_at(apdu, PRICES, "payload.prices"), "payload.prices"
    )
    prices = {index[0]: charge for index, charge in charges if len(index) == 1}
    if len(prices) != len(charges):
        raise CodecError("price indexes are one octet", "payload.prices")
    tou = []
    while len(tou) + 1 in prices:
        tou.append(prices.pop(len(tou) + 1))
    blocks = _blocks(apdu, prices, "payload.blocks")
    if prices:
        raise CodecError(f"prices at unknown indexes {sorted(prices)}", "payload.prices")
    _, standing_scale, standing = _charges(
        dlms.data_at(apdu, STANDING_CHARGE, "payload.standing_charge"), "payload.standing_charge"
    )
    if len(standing) != 1:
        raise CodecError("one standing charge", "payload.standing_charge")
    return UpdateImportTariffRequest(
        seasons=_seasons(dlms.data_at(apdu, SEASONS, "payload"), "payload.seasons"),
        week_profiles=_weeks(dlms.data_at(apdu, WEEKS, "payload"), "payload.week_profiles"),
        day_profiles=_days(dlms.data_at(apdu, DAYS, "payload"), "payload.day_profiles"),
        special_days=_special_days(
            dlms.data_at(apdu, SPECIAL_DAYS, "payload"), "payload.special_days"
        ),
        tou_prices=tuple(tou),
        blocks=blocks,
        price_scale=price_scale + 5 - commodity,
        standing_charge=standing[0][1],
        standing_charge_scale=standing_scale + 2,
        execute_at=_execution(apdu, "payload"),
    )


# --- writing -------------------------------------------------------------------------------


def _seasons_data(seasons: tuple[Season, ...], template: DlmsData) -> DlmsData:
    old = template.items
    like = dlms.read_datetime(old[0].items[1], "template") if old else None
    deviation, status = (like.deviation, like.clock_status) if like else (-0x8000, 0xFF)
    entries = []
    for season in seasons:
        start = AxdrDateTime(
            partial_to_axdr(season.start, like.date if like else None),
            time_to_axdr(time(0), like.time if like else None),
            deviation,
            status,
        )
        entries.append(
            DlmsData.structure(
                DlmsData.octet_string(season.name.encode("ascii")),
                DlmsData.octet_string(start.to_bytes()),
                DlmsData.octet_string(bytes([season.week_profile])),
            )
        )
    return DlmsData.array(*entries)


def _weeks_data(weeks: tuple[WeekProfile, ...]) -> DlmsData:
    return DlmsData.array(
        *(
            DlmsData.structure(
                DlmsData.octet_string(bytes([w.profile_id])),
                *(DlmsData(DlmsType.UNSIGNED, d) for d in w.days),
            )
            for w in weeks
        )
    )


def _days_data(days: tuple[DayProfile, ...], template: DlmsData) -> DlmsData:
    old = template.items
    first = old[0].items[1].items[0].items if old and old[0].items[1].items else None
    script = first[1] if first else DlmsData.octet_string(TARIFF_SCRIPT)
    like = dlms.read_time(first[0], "template") if first else None
    entries = []
    for day in days:
        actions = []
        for switch in day.switches:
            selector = switch.rate + (BLOCK_SELECTOR if switch.kind is RateKind.BLOCK else 0)
            actions.append(
                DlmsData.structure(
                    DlmsData.octet_string(time_to_axdr(switch.start, like).to_bytes()),
                    script,
                    DlmsData(DlmsType.LONG_UNSIGNED, selector),
                )
            )
        entries.append(
            DlmsData.structure(
                DlmsData(DlmsType.UNSIGNED, day.profile_id), DlmsData.array(*actions)
            )
        )
    return DlmsData.array(*entries)


def _special_data(days: tuple[SpecialDay, ...], template: DlmsData) -> DlmsData:
    old = template.items
    like = dlms.read_date(old[0].items[1], "template") if old else None
    return DlmsData.array(
        *(
            DlmsData.structure(
                DlmsData(DlmsType.LONG_UNSIGNED, n + 1),
                DlmsData.octet_string(partial_to_axdr(d.date, like).to_bytes()),
                DlmsData(DlmsType.UNSIGNED, d.day_profile),
            )
            for n, d in enumerate(days)
        )
    )


def _threshold_raw(threshold: Energy | NoLimit) -> int:
    return NO_LIMIT_RAW if isinstance(threshold, NoLimit) else threshold.milli


def _charges_data(template: DlmsData, price_scale: int, charges: list[int]) -> DlmsData:
    scaling, commodity, table = template.items
    commodity_scale, old_scale = scaling.items
    entries = []
    for (index, old), charge in zip((e.items for e in table.items), charges, strict=True):
        entries.append(DlmsData.structure(index, dlms.like(old, charge)))
    return DlmsData.structure(
        DlmsData.structure(commodity_scale, DlmsData(old_scale.type, price_scale)),
        commodity,
        DlmsData.array(*entries),
    )


def _price_of(index: int, tariff: UpdateImportTariffRequest) -> int:
    if 1 <= index <= MAX_TOU:
        if index > len(tariff.tou_prices):
            raise ModelError(f"tou_prices: the template prices TOU rate {index}")
        return tariff.tou_prices[index - 1]
    band, block = BANDS.index(index & 0xF0), (index & 0x0F) - 1
    if not 0 <= block < len(tariff.blocks):
        raise ModelError(f"blocks: the template prices block {block + 1}")
    prices = tariff.blocks[block].prices
    return prices[band] if band < len(prices) else 0


def write_ecs01a(body: RequestBody, template: GbcsMessage) -> Payload:
    tariff = _body(body)
    apdu = dlms.command_apdu(template)
    changes: dict[int, DlmsData] = {}

    def put(address: dlms.Address, value: DlmsData) -> None:
        changes[dlms.require(apdu, address, "template")] = value

    put(SEASONS, _seasons_data(tariff.seasons, dlms.data_at(apdu, SEASONS, "template")))
    put(WEEKS, _weeks_data(tariff.week_profiles))
    put(DAYS, _days_data(tariff.day_profiles, dlms.data_at(apdu, DAYS, "template")))
    put(
        SPECIAL_DAYS,
        _special_data(tariff.special_days, dlms.data_at(apdu, SPECIAL_DAYS, "template")),
    )
    monitors = [a for a in THRESHOLDS if dlms.find(apdu, a) is not None]
    if len(monitors) != len(tariff.blocks):
        raise ModelError(f"blocks: the template has {len(monitors)} block tariffs")
    for address, block in zip(monitors, tariff.blocks, strict=True):
        raw = [DlmsData(DlmsType.DOUBLE_LONG_UNSIGNED, _threshold_raw(t)) for t in block.thresholds]
        put(address, DlmsData.array(*raw))
    old_prices = dlms.data_at(apdu, PRICES, "template")
    commodity, _, charges = _charges(old_prices, "template")
    indexes = [index[0] for index, _ in charges]
    tou_slots = sum(1 for i in indexes if 1 <= i <= MAX_TOU)
    if tou_slots != len(tariff.tou_prices):
        raise ModelError(f"tou_prices: the template has {tou_slots} TOU prices")
    for block_number, block in enumerate(tariff.blocks, start=1):
        for band, price in zip(BANDS, block.prices, strict=False):
            if price and band + block_number not in indexes:
                raise ModelError(f"blocks: the template has no price {band + block_number:#x}")
    prices = [_price_of(i, tariff) for i in indexes]
    put(PRICES, _charges_data(old_prices, tariff.price_scale - 5 + commodity, prices))
    put(
        STANDING_CHARGE,
        _charges_data(
            dlms.data_at(apdu, STANDING_CHARGE, "template"),
            tariff.standing_charge_scale - 2,
            [tariff.standing_charge],
        ),
    )
    for index in _activation_indexes(apdu):
        old = dlms.read_datetime(apdu.data[index], "template")
        changes[index] = DlmsData.octet_string(execution_to_axdr(tariff.execute_at, old).to_bytes())
    return dlms.payload_of(dlms.with_data(apdu, changes))


ECS01A = UseCase("ECS01a", SRV.UPDATE_IMPORT_TARIFF, read_ecs01a, write_ecs01a)
GCS01A = UseCase(
    "GCS01a", SRV.UPDATE_IMPORT_TARIFF, tariff_gbz.read_gcs01a, tariff_gbz.write_gcs01a
)
USE_CASES = (ECS01A, GCS01A)
