"""SRV 1.1.1 Update Import Tariff (Primary Element): the switching table and prices.

The range checks are the DUIS tariff limits (domain-notes section 3): 1-4 seasons,
1-4 week profiles, 1-16 day profiles of up to 48 switches, up to 50 special days,
up to 8 block tariffs of up to 3 thresholds and 4 prices, up to 48 TOU prices. The
model accepts all of that: a SMETS1 device that can only hold fewer seasons is a
device restriction (18.1(v) lifts it), which the emulator applies, not the model.

Prices are integers scaled by ``10 ** price_scale`` pence per kWh, exactly as the
wire carries them, so a tariff round-trips without rounding.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

from s1sr.models.calendar import PartialDate
from s1sr.models.checks import (
    check_enum,
    check_instance,
    check_int,
    check_optional_timestamp,
    check_text,
    check_time_of_day,
    check_timestamp,
    check_tuple,
    check_unique,
)
from s1sr.models.energy import Energy, EnergyUnit
from s1sr.models.envelope import RequestBody, ResponseBody
from s1sr.models.errors import ModelError
from s1sr.models.srv import SRV

MAX_SEASONS = 4
MAX_WEEK_PROFILES = 4
MAX_DAY_PROFILES = 16
MAX_SWITCHES = 48
MAX_SPECIAL_DAYS = 50
MAX_BLOCKS = 8
MAX_THRESHOLDS = 3
MAX_TOU_PRICES = 48
MAX_SEASON_NAME = 32
NO_LIMIT_RAW = 0xFFFFFFFF
INT32_MIN, INT32_MAX = -(1 << 31), (1 << 31) - 1
SCALE_MIN, SCALE_MAX = -128, 127


@dataclass(frozen=True)
class NoLimit:
    """A block threshold of 0xFFFFFFFF: the block has no upper limit."""

    raw: ClassVar[int] = NO_LIMIT_RAW

    def __str__(self) -> str:
        return "no limit"


NO_LIMIT = NoLimit()

BlockThreshold = Energy | NoLimit


def threshold_from_raw(raw: int) -> BlockThreshold:
    """Map a wire threshold in Wh to a model value, recognising the sentinel."""
    check_int(raw, "threshold", 0, NO_LIMIT_RAW)
    return NO_LIMIT if raw == NO_LIMIT_RAW else Energy(raw, EnergyUnit.KWH)


class RateKind(StrEnum):
    TOU = "tou"  # the switch selects one of the TOU prices
    BLOCK = "block"  # the switch selects one of the block tariffs


_RATE_LIMIT = {RateKind.TOU: MAX_TOU_PRICES, RateKind.BLOCK: MAX_BLOCKS}


@dataclass(frozen=True)
class SwitchTime:
    """From ``start`` (local wall-clock) the day runs on TOU rate or block tariff ``rate``."""

    start: time
    kind: RateKind
    rate: int

    def __post_init__(self) -> None:
        check_time_of_day(self.start, "start")
        check_enum(self.kind, RateKind, "kind")
        check_int(self.rate, "rate", 1, _RATE_LIMIT[self.kind])


@dataclass(frozen=True)
class DayProfile:
    profile_id: int
    switches: tuple[SwitchTime, ...]

    def __post_init__(self) -> None:
        check_int(self.profile_id, "profile_id", 1, MAX_DAY_PROFILES)
        check_tuple(self.switches, "switches", SwitchTime, 1, MAX_SWITCHES)
        starts = [switch.start for switch in self.switches]
        if starts != sorted(set(starts)):
            raise ModelError("switches: start times must be strictly increasing")


@dataclass(frozen=True)
class WeekProfile:
    """Day profile ids for Monday to Sunday."""

    profile_id: int
    days: tuple[int, ...]

    def __post_init__(self) -> None:
        check_int(self.profile_id, "profile_id", 1, MAX_WEEK_PROFILES)
        check_tuple(self.days, "days", int, 7, 7)
        for index, day in enumerate(self.days):
            check_int(day, f"days[{index}]", 1, MAX_DAY_PROFILES)


@dataclass(frozen=True)
class Season:
    """From ``start`` (recurring when its year is unspecified) the week profile applies."""

    name: str
    start: PartialDate
    week_profile: int

    def __post_init__(self) -> None:
        check_text(self.name, "name", MAX_SEASON_NAME)
        check_instance(self.start, PartialDate, "start")
        check_int(self.week_profile, "week_profile", 1, MAX_WEEK_PROFILES)


@dataclass(frozen=True)
class SpecialDay:
    date: PartialDate
    day_profile: int

    def __post_init__(self) -> None:
        check_instance(self.date, PartialDate, "date")
        check_int(self.day_profile, "day_profile", 1, MAX_DAY_PROFILES)


@dataclass(frozen=True)
class BlockTariff:
    """Up to 3 thresholds (kWh; ``NO_LIMIT`` trailing) and one more price than thresholds."""

    thresholds: tuple[BlockThreshold, ...]
    prices: tuple[int, ...]

    def __post_init__(self) -> None:
        check_tuple(self.thresholds, "thresholds", (Energy, NoLimit), 0, MAX_THRESHOLDS)
        check_tuple(self.prices, "prices", int, len(self.thresholds) + 1, len(self.thresholds) + 1)
        for index, price in enumerate(self.prices):
            check_int(price, f"prices[{index}]", INT32_MIN, INT32_MAX)
        previous: Energy | None = None
        seen_no_limit = False
        for index, threshold in enumerate(self.thresholds):
            field = f"thresholds[{index}]"
            if isinstance(threshold, NoLimit):
                seen_no_limit = True
                continue
            if seen_no_limit:
                raise ModelError(f"{field}: a limited threshold cannot follow NO_LIMIT")
            if threshold.unit is not EnergyUnit.KWH:
                raise ModelError(f"{field}: block thresholds are in kWh, got {threshold.unit}")
            if threshold.milli >= NO_LIMIT_RAW:
                raise ModelError(f"{field}: {threshold.milli} Wh does not fit below 0xFFFFFFFF")
            if previous is not None and threshold.milli <= previous.milli:
                raise ModelError(f"{field}: thresholds must be strictly increasing")
            previous = threshold


def _check_ids(items: tuple[DayProfile, ...] | tuple[WeekProfile, ...], field: str) -> set[int]:
    ids = tuple(item.profile_id for item in items)
    check_unique(ids, field)
    return set(ids)


@dataclass(frozen=True)
class UpdateImportTariffRequest(RequestBody):
    srv: ClassVar[SRV] = SRV.UPDATE_IMPORT_TARIFF

    seasons: tuple[Season, ...]
    week_profiles: tuple[WeekProfile, ...]
    day_profiles: tuple[DayProfile, ...]
    special_days: tuple[SpecialDay, ...]
    tou_prices: tuple[int, ...]
    blocks: tuple[BlockTariff, ...]
    price_scale: int
    standing_charge: int
    standing_charge_scale: int
    execute_at: datetime | None = None  # None: immediately (DUIS omits ExecutionDateTime)

    def __post_init__(self) -> None:
        check_tuple(self.seasons, "seasons", Season, 1, MAX_SEASONS)
        check_tuple(self.week_profiles, "week_profiles", WeekProfile, 1, MAX_WEEK_PROFILES)
        check_tuple(self.day_profiles, "day_profiles", DayProfile, 1, MAX_DAY_PROFILES)
        check_tuple(self.special_days, "special_days", SpecialDay, 0, MAX_SPECIAL_DAYS)
        check_tuple(self.tou_prices, "tou_prices", int, 0, MAX_TOU_PRICES)
        for index, price in enumerate(self.tou_prices):
            check_int(price, f"tou_prices[{index}]", INT32_MIN, INT32_MAX)
        check_tuple(self.blocks, "blocks", BlockTariff, 0, MAX_BLOCKS)
        if not self.tou_prices and not self.blocks:
            raise ModelError("tou_prices: a tariff needs TOU prices or block tariffs")
        check_int(self.price_scale, "price_scale", SCALE_MIN, SCALE_MAX)
        check_int(self.standing_charge, "standing_charge", INT32_MIN, INT32_MAX)
        check_int(self.standing_charge_scale, "standing_charge_scale", SCALE_MIN, SCALE_MAX)
        check_optional_timestamp(self.execute_at, "execute_at")
        self._check_references()

    def _check_references(self) -> None:
        days = _check_ids(self.day_profiles, "day_profiles")
        weeks = _check_ids(self.week_profiles, "week_profiles")
        check_unique(tuple(season.start for season in self.seasons), "seasons")
        check_unique(tuple(special.date for special in self.special_days), "special_days")
        for index, season in enumerate(self.seasons):
            if season.week_profile not in weeks:
                raise ModelError(f"seasons[{index}]: week profile {season.week_profile} missing")
        for index, week in enumerate(self.week_profiles):
            missing = sorted(set(week.days) - days)
            if missing:
                raise ModelError(f"week_profiles[{index}]: day profiles {missing} missing")
        for index, special in enumerate(self.special_days):
            if special.day_profile not in days:
                raise ModelError(
                    f"special_days[{index}]: day profile {special.day_profile} missing"
                )
        available = {RateKind.TOU: len(self.tou_prices), RateKind.BLOCK: len(self.blocks)}
        for index, day in enumerate(self.day_profiles):
            for switch in day.switches:
                if switch.rate > available[switch.kind]:
                    raise ModelError(
                        f"day_profiles[{index}]: {switch.kind} rate {switch.rate} has no price"
                    )

    def price(self, raw: int) -> Decimal:
        """A scaled price in pence per kWh."""
        return Decimal(raw).scaleb(self.price_scale)


@dataclass(frozen=True)
class UpdateImportTariffResponse(ResponseBody):
    """The seasons the device holds after the update: a device that kept fewer shows it."""

    srv: ClassVar[SRV] = SRV.UPDATE_IMPORT_TARIFF

    applied_at: datetime
    seasons: tuple[Season, ...]

    def __post_init__(self) -> None:
        check_timestamp(self.applied_at, "applied_at")
        check_tuple(self.seasons, "seasons", Season, 0, MAX_SEASONS)
