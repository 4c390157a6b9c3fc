"""SRV 1.1.1 Update Import Tariff: the switching table, TOU prices and block tariffs."""

from __future__ import annotations

from typing import Any

from construct import Int8sb, Int8ub, Int32sb, Int32ub

from s1sr.codecs.primitives import StrictAdapter
from s1sr.codecs.wire.fields import (
    ArrayTuple,
    ModelAdapter,
    OwnCount,
    PartialDateField,
    Presence,
    TimeOfDayField,
    Timestamp,
    ascii_text,
    enum_field,
    tuple_of,
)
from s1sr.models.energy import Energy
from s1sr.models.tariff import (
    MAX_BLOCKS,
    MAX_DAY_PROFILES,
    MAX_SEASON_NAME,
    MAX_SEASONS,
    MAX_SPECIAL_DAYS,
    MAX_SWITCHES,
    MAX_THRESHOLDS,
    MAX_TOU_PRICES,
    MAX_WEEK_PROFILES,
    NO_LIMIT_RAW,
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
    threshold_from_raw,
)


class ThresholdAdapter(StrictAdapter):
    """uint32 BE Wh; 0xFFFFFFFF is ``NO_LIMIT``."""

    def __init__(self) -> None:
        super().__init__(Int32ub)

    def decode(self, raw: int) -> Energy | NoLimit:
        return threshold_from_raw(raw)

    def encode(self, value: Any) -> int:
        if isinstance(value, NoLimit):
            return NO_LIMIT_RAW
        if not isinstance(value, Energy):
            raise TypeError(f"expected Energy or NO_LIMIT, got {type(value).__name__}")
        return value.milli


SeasonField = ModelAdapter(
    Season,
    "name" / ascii_text(MAX_SEASON_NAME),
    "start" / PartialDateField,
    "week_profile" / Int8ub,
)

WeekProfileField = ModelAdapter(
    WeekProfile,
    "profile_id" / Int8ub,
    "days" / ArrayTuple(7, Int8ub),
)

SwitchTimeField = ModelAdapter(
    SwitchTime,
    "start" / TimeOfDayField,
    "kind" / enum_field(RateKind),
    "rate" / Int8ub,
)

DayProfileField = ModelAdapter(
    DayProfile,
    "profile_id" / Int8ub,
    "switches" / tuple_of(SwitchTimeField, MAX_SWITCHES, min_count=1),
)

SpecialDayField = ModelAdapter(
    SpecialDay,
    "date" / PartialDateField,
    "day_profile" / Int8ub,
)

BlockTariffField = ModelAdapter(
    BlockTariff,
    "thresholds" / tuple_of(ThresholdAdapter(), MAX_THRESHOLDS),
    "prices" / ArrayTuple(OwnCount("thresholds", 1), Int32sb),
)

REQUEST = ModelAdapter(
    UpdateImportTariffRequest,
    "seasons" / tuple_of(SeasonField, MAX_SEASONS, min_count=1),
    "week_profiles" / tuple_of(WeekProfileField, MAX_WEEK_PROFILES, min_count=1),
    "day_profiles" / tuple_of(DayProfileField, MAX_DAY_PROFILES, min_count=1),
    "special_days" / tuple_of(SpecialDayField, MAX_SPECIAL_DAYS),
    "tou_prices" / tuple_of(Int32sb, MAX_TOU_PRICES),
    "blocks" / tuple_of(BlockTariffField, MAX_BLOCKS),
    "price_scale" / Int8sb,
    "standing_charge" / Int32sb,
    "standing_charge_scale" / Int8sb,
    "execute_at" / Presence(Timestamp),
)

RESPONSE = ModelAdapter(
    UpdateImportTariffResponse,
    "applied_at" / Timestamp,
    "seasons" / tuple_of(SeasonField, MAX_SEASONS),
)
