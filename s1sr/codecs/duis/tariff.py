"""SRV 1.1.1 Update Import Tariff (Primary Element) as ``UpdateImportTariffRequest``.

Units, as the GBCS mapping reads the same RTDS cases (so both views of ECS01a / GCS01a
agree): electricity prices and standing charge are pounds * 10**scale, the model's pence
scale being the DUIS scale + 2; gas has no scale in DUIS, its prices and standing charge
are 1/1000 p (model scale -3). Block thresholds are Wh (the model's ``Energy`` milli).

Electricity: each ``BlockPrices`` row ``i`` with ``k`` prices is block tariff ``i``, its
thresholds the first ``k - 1`` of ``Thresholds`` row ``i``; DUIS always writes 8 threshold
rows, padded with 0xFFFFFFFF (no limit): a row holds the block's thresholds and one
no-limit when it has fewer than 3, a row without prices one no-limit. Any other padding
is kept in ``extras["ThresholdCounts"]`` (one count per row) so the body writes back
exactly. Gas: one block tariff, every threshold and price as written; DUIS's
``NumberOfThresholds`` (how many thresholds the meter uses) goes to ``extras``, as the
model, like the GBCS mapping, holds the thresholds written. A gas day profile is one
action for the whole day: one switch at 00:00; gas seasons have no name (the model's is
empty). ``CurrencyUnits`` (GBP or ECB) goes to ``extras``.
"""

from __future__ import annotations

from datetime import time

from s1sr.codecs.duis.bodies import (
    INTEGER,
    Framing,
    Fuel,
    Reading,
    empty,
    execution,
    execution_leaves,
    integer,
    leaf,
    node,
    only,
    parse_time,
    required_extra,
    text,
)
from s1sr.codecs.duis.constants import SR
from s1sr.codecs.duis.tree import XmlElement
from s1sr.codecs.errors import CodecError
from s1sr.models import (
    NO_LIMIT,
    BlockTariff,
    DayProfile,
    Energy,
    EnergyUnit,
    ModelError,
    NoLimit,
    PartialDate,
    RateKind,
    RequestBody,
    Season,
    SpecialDay,
    SwitchTime,
    UpdateImportTariffRequest,
    WeekProfile,
)

NO_LIMIT_RAW = 0xFFFFFFFF
ELEC_SCALE_SHIFT = 2  # pounds * 10**scale -> pence * 10**(scale + 2)
GAS_SCALE = -3  # 1/1000 p
ELEC_THRESHOLD_ROWS = 8
MIN_YEAR = 2014  # DUIS's SpecifiedYear
_SHORT = (-(1 << 15), (1 << 15) - 1)
_UINT32 = (0, (1 << 32) - 1)
_ACTIONS = {"TOUTariffAction": RateKind.TOU, "BlockTariffAction": RateKind.BLOCK}
_DATE_PARTS = {
    Fuel.ELECTRICITY: ("Year", "Month", "DayOfMonth", "DayOfWeek"),
    Fuel.GAS: (
        "GasYearWithWildcards",
        "GasMonthWithWildcards",
        "GasDayOfMonthWithWildcards",
        "GasDayOfWeekWithWildcards",
    ),
}


def _indexed(element: XmlElement, name: str, path: str, lo: int, hi: int) -> list[XmlElement]:
    """The ``name`` children, whose ``index`` attributes must run 1..n in order."""
    items = list(element.find_all(name))
    if not lo <= len(items) <= hi:
        raise CodecError(f"needs {lo} to {hi} sr:{name}, got {len(items)}", path)
    for position, item in enumerate(items, 1):
        if dict(item.attributes).get("index") != str(position):
            raise CodecError(f"sr:{name} indexes must run 1..n in order", path)
    return items


def _value(item: XmlElement, path: str, lo: int, hi: int) -> int:
    raw = (item.text or "").strip()
    if item.children or not INTEGER.fullmatch(raw):
        raise CodecError(f"not an integer: {raw!r:.30}", path)
    value = int(raw)
    if not lo <= value <= hi:
        raise CodecError(f"{value} is outside {lo}..{hi}", path)
    return value


int_value = _value  # an element's integer text, within bounds, or CodecError


def _index_leaf(name: str, index: int, value: int | str) -> XmlElement:
    return XmlElement(SR, name, str(value), (), (("index", str(index)),))


# --- dates ------------------------------------------------------------------------------


def read_date(element: XmlElement, fuel: Fuel, path: str) -> PartialDate:
    year_name, month_name, day_name, _ = _DATE_PARTS[fuel]
    only(element, _DATE_PARTS[fuel], path)

    def choice(name: str) -> XmlElement:
        part = element.find(name)
        if part is None or len(part.children) != 1:
            raise CodecError(f"sr:{name} needs one choice", f"{path}/sr:{name}")
        return part.children[0]

    year, month, day, weekday = (choice(name) for name in _DATE_PARTS[fuel])
    if weekday.name != "NonSpecifiedDayOfWeek":
        raise CodecError("a day of the week has no place in the model's dates", path)
    if month.name != "SpecifiedMonth" or day.name != "SpecifiedDayOfMonth":
        raise CodecError("a wildcard month or day has no place in the model's dates", path)
    if year.name not in ("SpecifiedYear", "NonSpecifiedYear"):
        raise CodecError(f"sr:{year.name} has no place here", path)
    value = None
    if year.name == "SpecifiedYear":
        value = _value(year, f"{path}/sr:{year_name}", MIN_YEAR, 9999)
    try:
        return PartialDate(
            value,
            _value(month, f"{path}/sr:{month_name}", 1, 12),
            _value(day, f"{path}/sr:{day_name}", 1, 31),
        )
    except ModelError as exc:
        raise CodecError(str(exc), path) from None


def write_date(name: str, value: PartialDate, fuel: Fuel) -> XmlElement:
    year_name, month_name, day_name, weekday_name = _DATE_PARTS[fuel]
    if value.year is not None and value.year < MIN_YEAR:
        raise ModelError(f"{name}: DUIS names years from {MIN_YEAR}, got {value}")
    year = (
        node("NonSpecifiedYear")
        if value.year is None
        else leaf("SpecifiedYear", f"{value.year:04d}")
    )
    return node(
        name,
        node(year_name, year),
        node(month_name, leaf("SpecifiedMonth", f"{value.month:02d}")),
        node(day_name, leaf("SpecifiedDayOfMonth", f"{value.day:02d}")),
        node(weekday_name, node("NonSpecifiedDayOfWeek")),
    )


# --- the switching table ----------------------------------------------------------------------


def _read_day_profiles(table: XmlElement, fuel: Fuel, path: str) -> tuple[DayProfile, ...]:
    where = f"{path}/sr:DayProfiles"
    profiles = table.find("DayProfiles")
    if profiles is None:
        raise CodecError("sr:DayProfiles missing", path)
    only(profiles, ("DayProfile",), where)
    result = []
    for index, profile in enumerate(profiles.children, 1):
        at = f"{where}/sr:DayProfile[{index}]"
        top = 16 if fuel is Fuel.ELECTRICITY else 4
        day = integer(profile, "DayName", at, 1, top)
        if fuel is Fuel.GAS:
            only(profile, ("DayName", "TOUTariffAction", "BlockTariff"), at)
            if profile.find("BlockTariff") is not None:
                empty(profile, "BlockTariff", at)
                switch = SwitchTime(time(0), RateKind.BLOCK, 1)
            else:
                switch = SwitchTime(
                    time(0), RateKind.TOU, integer(profile, "TOUTariffAction", at, 1, 4)
                )
            result.append(DayProfile(day, (switch,)))
            continue
        only(profile, ("DayName", "ProfileSchedule"), at)
        switches = []
        for position, entry in enumerate(profile.find_all("ProfileSchedule"), 1):
            inner = f"{at}/sr:ProfileSchedule[{position}]"
            only(entry, ("StartTime", "TOUTariffAction", "BlockTariffAction"), inner)
            actions = [c for c in entry.children if c.name in _ACTIONS]
            if len(actions) != 1:
                raise CodecError("needs one TOU or block tariff action", inner)
            kind = _ACTIONS[actions[0].name]
            top = 48 if kind is RateKind.TOU else 8
            start = parse_time(text(entry, "StartTime", inner), f"{inner}/sr:StartTime")
            switches.append(SwitchTime(start, kind, integer(entry, actions[0].name, inner, 1, top)))
        result.append(DayProfile(day, tuple(switches)))
    return tuple(result)


def _write_day_profiles(profiles: tuple[DayProfile, ...], fuel: Fuel) -> XmlElement:
    items = []
    for profile in profiles:
        name = leaf("DayName", str(profile.profile_id))
        if fuel is Fuel.GAS:
            (switch,) = profile.switches if len(profile.switches) == 1 else (None,)
            if switch is None or switch.start != time(0):
                raise ModelError("day_profiles: a gas day profile is one action from 00:00")
            if switch.kind is RateKind.BLOCK:
                if switch.rate != 1:
                    raise ModelError("day_profiles: a gas tariff has one block tariff")
                action = node("BlockTariff")
            else:
                if switch.rate > 4 or profile.profile_id > 4:
                    raise ModelError("day_profiles: gas has 4 day profiles and 4 TOU rates")
                action = leaf("TOUTariffAction", str(switch.rate))
            items.append(node("DayProfile", name, action))
            continue
        schedule = [
            node(
                "ProfileSchedule",
                leaf("StartTime", f"{s.start:%H:%M:%S}.00Z"),
                leaf(
                    "TOUTariffAction" if s.kind is RateKind.TOU else "BlockTariffAction",
                    str(s.rate),
                ),
            )
            for s in profile.switches
        ]
        items.append(node("DayProfile", name, *schedule))
    return node("DayProfiles", *items)


def _read_week_profiles(table: XmlElement, fuel: Fuel, path: str) -> tuple[WeekProfile, ...]:
    where = f"{path}/sr:WeekProfiles"
    weeks = table.find("WeekProfiles")
    if weeks is None:
        raise CodecError("sr:WeekProfiles missing", path)
    only(weeks, ("WeekProfile",), where)
    result = []
    for index, week in enumerate(weeks.children, 1):
        at = f"{where}/sr:WeekProfile[{index}]"
        only(week, ("WeekName", "ReferencedDayName"), at)
        top = 4 if fuel is Fuel.ELECTRICITY else 2
        days = _indexed(week, "ReferencedDayName", at, 7, 7)
        day_top = 16 if fuel is Fuel.ELECTRICITY else 4
        result.append(
            WeekProfile(
                integer(week, "WeekName", at, 1, top),
                tuple(_value(day, at, 1, day_top) for day in days),
            )
        )
    return tuple(result)


def _write_week_profiles(weeks: tuple[WeekProfile, ...], fuel: Fuel) -> XmlElement:
    if fuel is Fuel.GAS and any(w.profile_id > 2 or max(w.days) > 4 for w in weeks):
        raise ModelError("week_profiles: gas has 2 week profiles over 4 day profiles")
    return node(
        "WeekProfiles",
        *(
            node(
                "WeekProfile",
                leaf("WeekName", str(week.profile_id)),
                *(_index_leaf("ReferencedDayName", i, day) for i, day in enumerate(week.days, 1)),
            )
            for week in weeks
        ),
    )


def _read_seasons(table: XmlElement, fuel: Fuel, path: str) -> tuple[Season, ...]:
    where = f"{path}/sr:Seasons"
    seasons = table.find("Seasons")
    if seasons is None:
        raise CodecError("sr:Seasons missing", path)
    only(seasons, ("Season",), where)
    result = []
    for index, season in enumerate(seasons.children, 1):
        at = f"{where}/sr:Season[{index}]"
        names = ("SeasonName", "SeasonStartDate", "ReferencedWeekName")
        only(season, names if fuel is Fuel.ELECTRICITY else names[1:], at)
        name = ""
        if fuel is Fuel.ELECTRICITY:  # an xs:string: its whitespace is part of the name
            named = season.find("SeasonName")
            if named is None or named.children or not named.text:
                raise CodecError("sr:SeasonName missing or empty", at)
            name = named.text
        start = season.find("SeasonStartDate")
        if start is None:
            raise CodecError("sr:SeasonStartDate missing", at)
        top = 4 if fuel is Fuel.ELECTRICITY else 2
        result.append(
            Season(
                name,
                read_date(start, fuel, f"{at}/sr:SeasonStartDate"),
                integer(season, "ReferencedWeekName", at, 1, top),
            )
        )
    return tuple(result)


def _write_seasons(seasons: tuple[Season, ...], fuel: Fuel) -> XmlElement:
    items = []
    for season in seasons:
        parts = []
        if fuel is Fuel.ELECTRICITY:
            if len(season.name) > 8 or not season.name:
                raise ModelError("seasons: an electricity season name is 1 to 8 characters")
            parts.append(leaf("SeasonName", season.name))
        elif season.name:
            raise ModelError("seasons: a gas season has no name")
        parts.append(write_date("SeasonStartDate", season.start, fuel))
        parts.append(leaf("ReferencedWeekName", str(season.week_profile)))
        items.append(node("Season", *parts))
    return node("Seasons", *items)


def _read_special_days(element: XmlElement, fuel: Fuel, path: str) -> tuple[SpecialDay, ...]:
    only(element, ("SpecialDay",), path)
    result = []
    for index, special in enumerate(element.children, 1):
        at = f"{path}/sr:SpecialDay[{index}]"
        only(special, ("Date", "ReferencedDayName"), at)
        date_element = special.find("Date")
        if date_element is None:
            raise CodecError("sr:Date missing", at)
        top = 16 if fuel is Fuel.ELECTRICITY else 4
        result.append(
            SpecialDay(
                read_date(date_element, fuel, f"{at}/sr:Date"),
                integer(special, "ReferencedDayName", at, 1, top),
            )
        )
    return tuple(result)


def _write_special_days(days: tuple[SpecialDay, ...], fuel: Fuel) -> XmlElement:
    if fuel is Fuel.GAS and len(days) > 20:
        raise ModelError("special_days: gas holds up to 20")
    return node(
        "SpecialDays",
        *(
            node(
                "SpecialDay",
                write_date("Date", day.date, fuel),
                leaf("ReferencedDayName", str(day.day_profile)),
            )
            for day in days
        ),
    )


# --- thresholds and prices ---------------------------------------------------------------------


def _threshold(raw: int) -> Energy | NoLimit:
    return NO_LIMIT if raw == NO_LIMIT_RAW else Energy(raw, EnergyUnit.KWH)


def _raw(threshold: Energy | NoLimit) -> int:
    return NO_LIMIT_RAW if isinstance(threshold, NoLimit) else threshold.milli


def _default_counts(blocks: tuple[BlockTariff, ...]) -> list[int]:
    counts = [len(b.thresholds) + 1 if len(b.thresholds) < 3 else 3 for b in blocks]
    return counts + [1] * (ELEC_THRESHOLD_ROWS - len(blocks))


def _read_elec_prices(prices: XmlElement, path: str) -> tuple:
    names = ("StandingCharge", "StandingChargeScale", "PriceScale")
    only(prices, (*names, "BlockTariff", "TOUTariff", "HybridTariff"), path)
    standing = integer(prices, "StandingCharge", path, *_SHORT)
    standing_scale = integer(prices, "StandingChargeScale", path, -128, 127)
    price_scale = integer(prices, "PriceScale", path, -128, 127)
    forms = [c for c in prices.children if c.name not in names]
    if len(forms) != 1:
        raise CodecError("needs one of BlockTariff, TOUTariff and HybridTariff", path)
    form = forms[0]
    at = f"{path}/sr:{form.name}"
    only(form, ("BlockPrices", "TOUPrice"), at)
    rows, tou = [], []
    if form.name in ("BlockTariff", "HybridTariff"):
        for position, row in enumerate(_indexed(form, "BlockPrices", at, 1, 8), 1):
            inner = f"{at}/sr:BlockPrices[{position}]"
            only(row, ("BlockPrice",), inner)
            rows.append(
                [_value(p, inner, *_SHORT) for p in _indexed(row, "BlockPrice", inner, 1, 4)]
            )
    if form.name in ("TOUTariff", "HybridTariff"):
        tou = [_value(p, at, *_SHORT) for p in _indexed(form, "TOUPrice", at, 1, 48)]
    if form.name == "BlockTariff" and form.find("TOUPrice") is not None:
        raise CodecError("a BlockTariff holds no TOU prices", at)
    if form.name == "TOUTariff" and rows:
        raise CodecError("a TOUTariff holds no block prices", at)
    return standing, standing_scale, price_scale, rows, tou


def _read_elec_thresholds(
    matrix: XmlElement, rows: list[list[int]], reading: Reading, path: str
) -> tuple[BlockTariff, ...]:
    only(matrix, ("Thresholds",), path)
    table = []
    for position, row in enumerate(_indexed(matrix, "Thresholds", path, 8, 8), 1):
        inner = f"{path}/sr:Thresholds[{position}]"
        only(row, ("BlockThreshold",), inner)
        table.append(
            [_value(t, inner, *_UINT32) for t in _indexed(row, "BlockThreshold", inner, 1, 3)]
        )
    blocks = []
    for index, prices in enumerate(rows):
        thresholds = table[index][: len(prices) - 1]
        if len(thresholds) != len(prices) - 1:
            raise CodecError(
                f"block tariff {index + 1} has more prices than thresholds allow", path
            )
        blocks.append(BlockTariff(tuple(_threshold(t) for t in thresholds), tuple(prices)))
    for index, row in enumerate(table):
        used = len(rows[index]) - 1 if index < len(rows) else 0
        if any(raw != NO_LIMIT_RAW for raw in row[used:]):
            raise CodecError(
                f"Thresholds row {index + 1}: a threshold beyond its block's prices has no "
                "place in the model",
                path,
            )
    counts = [len(row) for row in table]
    if counts != _default_counts(tuple(blocks)):
        reading.extras["ThresholdCounts"] = ",".join(map(str, counts))
    return tuple(blocks)


def _write_elec_thresholds(blocks: tuple[BlockTariff, ...], framing: Framing) -> XmlElement:
    counts = _default_counts(blocks)
    given = framing.extra("ThresholdCounts")
    if given is not None:
        try:
            counts = [int(c) for c in given.split(",")]
        except ValueError:
            raise ModelError("extras: ThresholdCounts is 8 comma-separated counts") from None
        if len(counts) != ELEC_THRESHOLD_ROWS or not all(1 <= c <= 3 for c in counts):
            raise ModelError("extras: ThresholdCounts is 8 counts of 1 to 3")
    rows = []
    for index in range(ELEC_THRESHOLD_ROWS):
        values = [_raw(t) for t in blocks[index].thresholds] if index < len(blocks) else []
        if counts[index] < len(values):
            raise ModelError(f"extras: ThresholdCounts row {index + 1} drops a threshold")
        values += [NO_LIMIT_RAW] * (counts[index] - len(values))
        rows.append(
            XmlElement(
                SR,
                "Thresholds",
                None,
                tuple(_index_leaf("BlockThreshold", i, v) for i, v in enumerate(values, 1)),
                (("index", str(index + 1)),),
            )
        )
    return node("ThresholdMatrix", *rows)


def _write_elec_prices(model: UpdateImportTariffRequest) -> XmlElement:
    for name, value in (
        ("standing_charge", model.standing_charge),
        *((f"tou_prices[{i}]", p) for i, p in enumerate(model.tou_prices)),
        *((f"blocks[{i}]", p) for i, b in enumerate(model.blocks) for p in b.prices),
    ):
        if not _SHORT[0] <= value <= _SHORT[1]:
            raise ModelError(f"{name}: {value} is not an xs:short, as DUIS's elec prices are")
    scales = (model.standing_charge_scale - ELEC_SCALE_SHIFT, model.price_scale - ELEC_SCALE_SHIFT)
    if not all(-128 <= s <= 127 for s in scales):
        raise ModelError("price_scale: out of DUIS's range once in pounds")
    block_rows = [
        XmlElement(
            SR,
            "BlockPrices",
            None,
            tuple(_index_leaf("BlockPrice", i, p) for i, p in enumerate(block.prices, 1)),
            (("index", str(index)),),
        )
        for index, block in enumerate(model.blocks, 1)
    ]
    if any(len(block.prices) > 4 for block in model.blocks):
        raise ModelError("blocks: DUIS holds 4 prices per block")
    tou = [_index_leaf("TOUPrice", i, p) for i, p in enumerate(model.tou_prices, 1)]
    if model.blocks and model.tou_prices:
        form = node("HybridTariff", *block_rows, *tou)
    elif model.blocks:
        form = node("BlockTariff", *block_rows)
    else:
        form = node("TOUTariff", *tou)
    return node(
        "ElectricityPriceElements",
        leaf("StandingCharge", str(model.standing_charge)),
        leaf("StandingChargeScale", str(scales[0])),
        leaf("PriceScale", str(scales[1])),
        form,
    )


# --- the body --------------------------------------------------------------------------------------


def read_tariff(body: XmlElement, reading: Reading) -> RequestBody:
    path = reading.path
    only(
        body,
        ("ExecutionDateTime", "ElecTariffElements", "GasTariffElements", "PriceElements"),
        path,
    )
    execute_at = execution(body, reading)
    elements = body.find("ElecTariffElements") or body.find("GasTariffElements")
    if elements is None or (
        body.find("ElecTariffElements") is not None and body.find("GasTariffElements") is not None
    ):
        raise CodecError("needs one of ElecTariffElements and GasTariffElements", path)
    fuel = Fuel.ELECTRICITY if elements.name == "ElecTariffElements" else Fuel.GAS
    reading.fuel = fuel
    where = f"{path}/sr:{elements.name}"
    names = ("CurrencyUnits", "SwitchingTable", "SpecialDays", "ThresholdMatrix")
    only(elements, names if fuel is Fuel.ELECTRICITY else names[1:], where)
    table = elements.find("SwitchingTable")
    if table is None:
        raise CodecError("sr:SwitchingTable missing", where)
    table_path = f"{where}/sr:SwitchingTable"
    only(table, ("DayProfiles", "WeekProfiles", "Seasons"), table_path)
    days = _read_day_profiles(table, fuel, table_path)
    weeks = _read_week_profiles(table, fuel, table_path)
    seasons = _read_seasons(table, fuel, table_path)
    special = elements.find("SpecialDays")
    if special is None:
        raise CodecError("sr:SpecialDays missing", where)
    special_days = _read_special_days(special, fuel, f"{where}/sr:SpecialDays")
    matrix = elements.find("ThresholdMatrix")
    if matrix is None:
        raise CodecError("sr:ThresholdMatrix missing", where)
    prices = body.find("PriceElements")
    if prices is None or len(prices.children) != 1:
        raise CodecError("sr:PriceElements needs one price form", path)
    price_form = prices.children[0]
    price_path = f"{path}/sr:PriceElements/sr:{price_form.name}"
    if fuel is Fuel.ELECTRICITY:
        reading.extras["CurrencyUnits"] = _currency(elements, where)
        if price_form.name != "ElectricityPriceElements":
            raise CodecError("an electricity tariff needs ElectricityPriceElements", price_path)
        standing, standing_scale, scale, rows, tou = _read_elec_prices(price_form, price_path)
        blocks = _read_elec_thresholds(matrix, rows, reading, f"{where}/sr:ThresholdMatrix")
        return UpdateImportTariffRequest(
            seasons,
            weeks,
            days,
            special_days,
            tuple(tou),
            blocks,
            scale + ELEC_SCALE_SHIFT,
            standing,
            standing_scale + ELEC_SCALE_SHIFT,
            execute_at,
        )
    if price_form.name != "GasPriceElements":
        raise CodecError("a gas tariff needs GasPriceElements", price_path)
    only(price_form, ("CurrencyUnits", "StandingCharge", "BlockTariff", "TOUTariff"), price_path)
    reading.extras["CurrencyUnits"] = _currency(price_form, price_path)
    standing = integer(price_form, "StandingCharge", price_path, *_UINT32)
    if standing > (1 << 31) - 1:
        raise CodecError("a standing charge over 2**31 - 1 has no place in the model", price_path)
    matrix_path = f"{where}/sr:ThresholdMatrix"
    only(matrix, ("BlockThreshold",), matrix_path)
    thresholds = [
        _value(t, matrix_path, 0, NO_LIMIT_RAW)
        for t in _indexed(matrix, "BlockThreshold", matrix_path, 1, 3)
    ]
    tou, blocks = (), ()
    block_form = price_form.find("BlockTariff")
    tou_form = price_form.find("TOUTariff")
    if (block_form is None) == (tou_form is None):
        raise CodecError("needs one of BlockTariff and TOUTariff", price_path)
    int32 = (0, (1 << 31) - 1)
    if block_form is not None:
        at = f"{price_path}/sr:BlockTariff"
        only(block_form, ("BlockPrice", "NumberOfThresholds"), at)
        block_prices = [_value(p, at, *int32) for p in _indexed(block_form, "BlockPrice", at, 1, 4)]
        reading.extras["NumberOfThresholds"] = str(
            integer(block_form, "NumberOfThresholds", at, 1, 3)
        )
        if len(block_prices) != len(thresholds) + 1:
            raise CodecError(
                f"{len(block_prices)} block prices for {len(thresholds)} thresholds", at
            )
        blocks = (BlockTariff(tuple(_threshold(t) for t in thresholds), tuple(block_prices)),)
    else:
        at = f"{price_path}/sr:TOUTariff"
        only(tou_form, ("TOUPrice",), at)
        tou = tuple(_value(p, at, *int32) for p in _indexed(tou_form, "TOUPrice", at, 1, 4))
        reading.extras["Thresholds"] = ",".join(map(str, thresholds))
    return UpdateImportTariffRequest(
        seasons, weeks, days, special_days, tou, blocks, GAS_SCALE, standing, GAS_SCALE, execute_at
    )


def _currency(element: XmlElement, path: str) -> str:
    value = text(element, "CurrencyUnits", path)
    if value not in ("GBP", "ECB"):
        raise CodecError(f"CurrencyUnits {value!r:.10} is not GBP or ECB", path)
    return value


def write_tariff(model: UpdateImportTariffRequest, framing: Framing) -> list[XmlElement]:
    fuel = framing.fuel
    if fuel is None:
        raise ModelError("fuel: DUIS 1.1.1 has an electricity and a gas form; say which")
    currency = leaf("CurrencyUnits", required_extra(framing, "CurrencyUnits", "1.1.1"))
    table = node(
        "SwitchingTable",
        _write_day_profiles(model.day_profiles, fuel),
        _write_week_profiles(model.week_profiles, fuel),
        _write_seasons(model.seasons, fuel),
    )
    special = _write_special_days(model.special_days, fuel)
    children = list(execution_leaves(model.execute_at))
    if fuel is Fuel.ELECTRICITY:
        elements = node(
            "ElecTariffElements",
            currency,
            table,
            special,
            _write_elec_thresholds(model.blocks, framing),
        )
        children += [elements, node("PriceElements", _write_elec_prices(model))]
        return children
    if len(model.seasons) > 3 or len(model.day_profiles) > 4 or len(model.week_profiles) > 2:
        raise ModelError("seasons: gas holds 3 seasons, 2 week and 4 day profiles")
    if model.price_scale != GAS_SCALE or model.standing_charge_scale != GAS_SCALE:
        raise ModelError("price_scale: DUIS's gas prices are 1/1000 p (scale -3)")
    if model.standing_charge < 0 or any(p < 0 for p in model.tou_prices):
        raise ModelError("standing_charge: DUIS's gas prices are unsigned")
    if (model.blocks and model.tou_prices) or len(model.blocks) > 1:
        raise ModelError("blocks: a gas tariff is one block tariff or TOU prices, not both")
    if model.blocks:
        (block,) = model.blocks
        if any(p < 0 for p in block.prices) or not block.thresholds:
            raise ModelError("blocks: a gas block tariff has 1 to 3 thresholds, unsigned prices")
        thresholds = [_raw(t) for t in block.thresholds]
        count = required_extra(framing, "NumberOfThresholds", "1.1.1")
        form = node(
            "BlockTariff",
            *(_index_leaf("BlockPrice", i, p) for i, p in enumerate(block.prices, 1)),
            leaf("NumberOfThresholds", count),
        )
    else:
        if len(model.tou_prices) > 4:
            raise ModelError("tou_prices: gas holds 4")
        raw = required_extra(framing, "Thresholds", "1.1.1")
        try:
            thresholds = [int(t) for t in raw.split(",")]
        except ValueError:
            raise ModelError("extras: Thresholds is 1 to 3 comma-separated Wh values") from None
        form = node(
            "TOUTariff", *(_index_leaf("TOUPrice", i, p) for i, p in enumerate(model.tou_prices, 1))
        )
    matrix = node(
        "ThresholdMatrix",
        *(_index_leaf("BlockThreshold", i, t) for i, t in enumerate(thresholds, 1)),
    )
    children.append(node("GasTariffElements", table, special, matrix))
    prices = node(
        "GasPriceElements", currency, leaf("StandingCharge", str(model.standing_charge)), form
    )
    children.append(node("PriceElements", prices))
    return children
