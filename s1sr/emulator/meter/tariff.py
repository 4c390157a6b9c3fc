"""The tariff in force, compiled for catch-up: which rate each half hour runs on, at what price.

A 1.1.1 is resolved once into integers: every price becomes a numerator over one common
denominator, so the cost of a half hour is one multiplication and the sub-penny remainder
is carried exactly (``Account``). Each half hour of a local day gets a *rate code*: a TOU
price index (0..47) or, negative, a block tariff (-1 is block tariff 1). Days cost one
lookup: codes are cached per day profile and day length.

Seasons (18.1(v)): the season in force on a day is the one whose latest start on or before
that day is the most recent, whatever order the seasons are listed in; a recurring start
(year unspecified) recurs every year, so a season that started last December is still in
force in January. A device that does not follow the season calendar stays on the first
season; ``SeasonLookup`` names two subtler ways firmware gets it wrong.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from fractions import Fraction

from s1sr.emulator import london
from s1sr.emulator.meter.behaviour import SeasonLookup
from s1sr.models import (
    DayProfile,
    NoLimit,
    PartialDate,
    RateKind,
    Season,
    UpdateImportTariffRequest,
    Weekday,
)

SLOTS_PER_DAY = london.SLOTS_PER_DAY
_SLOT_STARTS = tuple(time(s // 2, 30 * (s % 2)) for s in range(SLOTS_PER_DAY))


class TariffPlan:
    """An ``UpdateImportTariffRequest`` resolved for the half-hour loop."""

    def __init__(
        self,
        request: UpdateImportTariffRequest,
        *,
        follows_seasons: bool,
        lookup: SeasonLookup = SeasonLookup.LATEST_START,
    ) -> None:
        self.request = request
        self._follows_seasons = follows_seasons
        self._lookup = lookup
        scale = request.price_scale
        multiplier = 10 ** max(0, scale)
        # cost in pence = numerator * Wh / denominator, exactly
        self.denominator = 1000 * 10 ** max(0, -scale)
        self.tou_numerators = tuple(price * multiplier for price in request.tou_prices)
        self.block_numerators = tuple(
            tuple(price * multiplier for price in block.prices) for block in request.blocks
        )
        self.block_thresholds = tuple(
            tuple(t.milli for t in block.thresholds if not isinstance(t, NoLimit))
            for block in request.blocks
        )
        self.standing_charge_per_day = Fraction(request.standing_charge) * Fraction(10) ** (
            request.standing_charge_scale
        )
        self._day_profiles = {profile.profile_id: profile for profile in request.day_profiles}
        self._week_profiles = {week.profile_id: week for week in request.week_profiles}
        self._codes: dict[tuple[int, int], tuple[int, ...]] = {}

    @property
    def tou_count(self) -> int:
        return len(self.request.tou_prices)

    @property
    def band_counts(self) -> tuple[int, ...]:
        """Price bands per block tariff (one more than its limited thresholds)."""
        return tuple(len(prices) for prices in self.block_numerators)

    def season_for(self, day: date) -> Season:
        seasons = self.request.seasons
        if not self._follows_seasons:
            return seasons[0]
        if self._lookup in _FAULTY_LOOKUPS:
            return _faulty_season(seasons, day, self._lookup)
        best, best_start = seasons[0], None
        for season in seasons:
            start = latest_start(season.start, day)
            if start is not None and (best_start is None or start >= best_start):
                best, best_start = season, start
        return best

    def day_profile_for(self, day: date) -> DayProfile:
        for special in self.request.special_days:
            if special.date.matches(day):
                return self._day_profiles[special.day_profile]
        week = self._week_profiles[self.season_for(day).week_profile]
        return self._day_profiles[week.days[Weekday.of(day) - 1]]

    def day_codes(self, day: date) -> tuple[int, ...]:
        """The rate code of each UTC half hour of the local ``day``, in time order."""
        profile = self.day_profile_for(day)
        slots = london.local_slots(day)
        early = _utc_lag(day) if self._lookup is SeasonLookup.UTC_DAY else 0
        before = self.day_profile_for(day - timedelta(days=1)) if early else profile
        key = (profile.profile_id, len(slots), before.profile_id)
        codes = self._codes.get(key)
        if codes is None:
            local, late = _local_codes(profile), _local_codes(before)
            codes = self._codes[key] = tuple(
                (late if n < early else local)[s] for n, s in enumerate(slots)
            )
        return codes


_FAULTY_LOOKUPS = frozenset({SeasonLookup.LISTED_ORDER, SeasonLookup.CALENDAR_YEAR})


def _utc_lag(day: date) -> int:
    """Half hours of the local ``day`` still in the previous UTC day (2 in BST, else 0)."""
    midnight = london.local_midnight_utc(day)
    return 0 if midnight.date() == day else 2


def _faulty_season(seasons: tuple[Season, ...], day: date, lookup: SeasonLookup) -> Season:
    """The season firmware with ``lookup`` picks, looking at the day's year only."""
    started = [s for s in seasons if _start_in_year(s.start, day.year) <= day]
    if lookup is SeasonLookup.LISTED_ORDER:
        return started[-1] if started else seasons[-1]  # the last listed carried over
    return max(started, key=lambda s: _start_in_year(s.start, day.year), default=seasons[0])


def _start_in_year(start: PartialDate, year: int) -> date:
    if start.year is not None:
        return date(start.year, start.month, start.day)
    return occurrence(start, year)


def latest_start(start: PartialDate, day: date) -> date | None:
    """The latest occurrence of ``start`` on or before ``day`` (None if it is all later)."""
    if start.year is not None:
        concrete = date(start.year, start.month, start.day)
        return concrete if concrete <= day else None
    candidate = occurrence(start, day.year)
    return candidate if candidate <= day else occurrence(start, day.year - 1)


def occurrence(start: PartialDate, year: int) -> date:
    """A recurring date in ``year``; 29 February falls on the 28th in a common year."""
    if (start.month, start.day) == (2, 29) and not _is_leap(year):
        return date(year, 2, 28)
    return date(year, start.month, start.day)


def rate_code(kind: RateKind, rate: int) -> int:
    return rate - 1 if kind is RateKind.TOU else -rate


def _local_codes(profile: DayProfile) -> tuple[int, ...]:
    switches = profile.switches
    codes = []
    for slot_start in _SLOT_STARTS:
        active = switches[-1]  # before the first switch, the previous day's last one runs on
        for switch in switches:
            if switch.start <= slot_start:
                active = switch
            else:
                break
        codes.append(rate_code(active.kind, active.rate))
    return tuple(codes)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
