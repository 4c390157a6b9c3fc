"""What a meter does, as named knobs: the only place clause ids meet meter behaviour.

``MeterBehaviour.from_model`` is the one mapping from a Device Model's clauses to knob
values; device code reads knobs, never clause ids. A fault is a set of knob values laid
over that mapping (``with_overrides``), so adding a Device Model or a fault is a data edit.

Knob values are what a device does, not which clause says so: the gas meter's day
(``CounterReset``, ``LogDay``) is what makes 18.18(f), 18.21(e) and 18.21(f) come out of
catch-up; nothing in a response handler tests for them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from functools import cache
from typing import Any, get_type_hints

from s1sr.dmves import DeviceModel
from s1sr.models import DeviceType, EnergyUnit

METER_TYPES = frozenset({DeviceType.ESME, DeviceType.GSME})
MAX_SEASONS = 4  # the DUIS tariff model's limit
TOP_UP_PENCE_BITS = 32  # the width of the field a top-up's amount in pence is held in
PROFILE_CLAUSES = frozenset(
    {"18.22(b)", "18.22(c)", "18.22(d)", "18.23", "18.24", "scope:opt-in-out-tactical-fix"}
)
NATIVE_UNIT = {DeviceType.ESME: EnergyUnit.KWH, DeviceType.GSME: EnergyUnit.M3}


class KnobError(ValueError):
    """An unknown knob, or a value a knob cannot take; the message starts with the knob."""


class SeasonLookup(StrEnum):
    """How the season in force on a day is found among a tariff's seasons."""

    LATEST_START = "latest-start"  # the season whose latest start on or before the day is newest
    LISTED_ORDER = "listed-order"  # seasons taken as sorted: the last listed started this year
    CALENDAR_YEAR = "calendar-year"  # starts sought in the day's year only, else the first season
    UTC_DAY = "utc-day"  # seasons change at 00:00 UTC: in BST an hour after local midnight


class CounterReset(StrEnum):
    """When the block counters a snapshot reports were last reset."""

    AT_SNAPSHOT = "at-snapshot"  # right after the previous snapshot of the same log
    UTC_MIDNIGHT = "utc-midnight"  # at the start of the device's UTC day (00:00 UTC)
    JUST_BEFORE = "just-before-snapshot"  # a fault: reset, then snapshot: always 0


class LogDay(StrEnum):
    """The day the daily read log keeps its records by."""

    LOCAL = "local"  # a record is written by the local-midnight snapshot closing each day
    UTC = "utc"  # a record per UTC day, opened at 00:00 UTC from the latest entry


class NdcIndefinite(StrEnum):
    """What the device does with an NDC end date of 31/12/3000."""

    CONTINUES = "continues"  # the schedule stays in force with no end
    REFUSED = "refused"  # a date the device cannot hold: the 2.1 is refused
    END_OF_START_YEAR = "end-of-start-year"  # the year is lost: 31/12 of the start's year


class NdcEndEcho(StrEnum):
    """The end date the 2.1 response reports for an indefinite schedule entry."""

    AS_STORED = "as-stored"  # 31/12/3000
    DAY_BEFORE_START = "day-before-start"
    # fault: the day before from a common-year month table, in the start's own year
    DAY_BEFORE_IN_START_YEAR = "day-before-in-start-year"


class NdcYearly(StrEnum):
    """Which days a season given as yearly month-day bounds (year unspecified) covers."""

    INCLUSIVE = "inclusive"  # start to end, both in force; over the year end when end < start
    END_EXCLUSIVE = "end-exclusive"  # fault: the end day is compared as a bound, not in force
    NO_WRAP = "no-wrap"  # fault: a season running over the year end is never in force
    ONE_DAY_ALL_YEAR = "one-day-all-year"  # fault: start == end is taken as wrapping, all year


class NdcMixedBounds(StrEnum):
    """How a season with one yearly bound and one dated bound is resolved."""

    NEAREST = "nearest"  # the yearly bound's occurrence next to the dated one
    RECURRING_START_OPEN = "recurring-start-open"  # fault: a dated end after a yearly start lost
    # fault: a yearly end resolved in the start's year, even before the start (never in force)
    RECURRING_END_IN_START_YEAR = "recurring-end-in-start-year"


class ChangeLogTrigger(StrEnum):
    """Which executed SRVs open the change of mode / tariff billing log (4.4.2)."""

    TARIFF_OR_MODE = "tariff-or-mode"  # a 1.1.1 or a 1.6
    TARIFF_ONLY = "tariff-only"  # a payment mode change takes no snapshot


class DebtLogTrigger(StrEnum):
    """What opens the payment-based debt payments log (4.4.4)."""

    RECOVERY = "recovery"  # a top-up that recovered payment-based debt
    DEBT_SET = "debt-set"  # payment-based debt set by a 2.3, recovered or not
    ANY_RECOVERY = "any-recovery"  # any debt recovered, time-based debt's too


class DebtPeriodRule(StrEnum):
    """How a 2.3 DebtRecoveryRatePeriod is checked and applied."""

    CHECKED = "checked"  # must be the supported period, else the whole 2.3 is refused
    CHECKED_DAILY_ONLY = "checked-daily-only"  # fault: daily, whatever the 2.1 cap says
    IGNORED = "ignored"  # accepted whatever it is; recovery stays daily
    UNCHECKED = "unchecked"  # accepted whatever it is, and applied


class ProfileAccess(StrEnum):
    """What a 4.8.1 read of the half-hourly profile data gets."""

    FULL = "full"
    REFUSED = "refused"
    EMPTY = "empty"  # a success response without entries
    LAST_DAY = "last-day"  # only the newest 48 entries of the range


class ProfileStamping(StrEnum):
    """How profile entries are timestamped."""

    UTC = "utc"  # the UTC start of the half hour
    LOCAL_WALL_CLOCK = "local-wall-clock"  # the London wall-clock time written as if UTC


@dataclass(frozen=True)
class MeterBehaviour:
    max_tariff_seasons: int = MAX_SEASONS
    follows_season_calendar: bool = True
    season_lookup: SeasonLookup = SeasonLookup.LATEST_START
    ndc_start_any_day: bool = True
    ndc_end_any_day: bool = True
    ndc_leap_day: bool = True  # 29 February is a valid season date
    ndc_start_from_next_month: bool = False  # fault: a mid-month start applies from the next 1st
    ndc_end_at_month_end: bool = False  # fault: a mid-month end applies to the month's end
    ndc_season_spans_years: bool = True  # a season may end in a later year than it starts
    ndc_indefinite: NdcIndefinite = NdcIndefinite.CONTINUES
    ndc_end_echo: NdcEndEcho = NdcEndEcho.DAY_BEFORE_START
    ndc_yearly: NdcYearly = NdcYearly.INCLUSIVE
    ndc_mixed_bounds: NdcMixedBounds = NdcMixedBounds.NEAREST
    records_utrns: bool = True
    top_up_pence_bits: int = TOP_UP_PENCE_BITS
    daily_log_counter_unit: EnergyUnit = EnergyUnit.KWH
    change_log_counter_unit: EnergyUnit = EnergyUnit.KWH
    billing_log_counter_unit: EnergyUnit = EnergyUnit.KWH
    silent_change_log_until_triggered: bool = True
    silent_billing_log_until_calendar: bool = True
    silent_debt_log_until_recovered: bool = True
    change_log_trigger: ChangeLogTrigger = ChangeLogTrigger.TARIFF_OR_MODE
    debt_log_trigger: DebtLogTrigger = DebtLogTrigger.RECOVERY
    daily_block_counters: CounterReset = CounterReset.AT_SNAPSHOT
    billing_block_counters: CounterReset = CounterReset.AT_SNAPSHOT
    daily_log_day: LogDay = LogDay.LOCAL
    profile_access: ProfileAccess = ProfileAccess.FULL
    profile_stamping: ProfileStamping = ProfileStamping.UTC
    profile_in_kwh: bool = False  # gas: profile data converted to kWh (allowed, not a fault)
    kwh_counters_converted: bool = True  # gas: a counter labelled kWh holds kWh, not m3
    profile_start_inclusive: bool = True  # 4.8.1 includes the half hour stamped at its start
    profile_cumulative: bool = False  # profile entries hold the register, not the half hour
    daily_duplicate_live: bool = False  # the UTC day's open record shows the live register
    debt_period_rule: DebtPeriodRule = DebtPeriodRule.CHECKED

    def __post_init__(self) -> None:
        for name, kind in _knob_types().items():
            object.__setattr__(self, name, _coerce(name, kind, getattr(self, name)))
        if not 1 <= self.max_tariff_seasons <= MAX_SEASONS:
            raise KnobError(f"max_tariff_seasons: must be 1..{MAX_SEASONS}")
        if not 1 <= self.top_up_pence_bits <= TOP_UP_PENCE_BITS:
            raise KnobError(f"top_up_pence_bits: must be 1..{TOP_UP_PENCE_BITS}")

    @classmethod
    def from_model(cls, model: DeviceModel) -> MeterBehaviour:
        """The behaviour the DMVES gives ``model``: each clause mapped or its baseline."""
        if model.device_type not in METER_TYPES:
            raise KnobError(f"device_type: {model.id} is a {model.device_type}, not a meter")
        has = model.clauses.__contains__
        native = NATIVE_UNIT[model.device_type]

        def unit(clause: str) -> EnergyUnit:
            return EnergyUnit.KWH if has(clause) else native

        def reset(clause: str) -> CounterReset:
            return CounterReset.UTC_MIDNIGHT if has(clause) else CounterReset.AT_SNAPSHOT

        return cls(
            max_tariff_seasons=MAX_SEASONS if has("18.1(v)") else 1,
            follows_season_calendar=True,
            season_lookup=SeasonLookup.LATEST_START,
            ndc_start_any_day=has("18.5(ee)"),
            ndc_end_any_day=has("18.5(gg)"),
            ndc_indefinite=NdcIndefinite.CONTINUES if has("18.5(hh)") else NdcIndefinite.REFUSED,
            ndc_end_echo=(NdcEndEcho.DAY_BEFORE_START if has("18.27(r)") else NdcEndEcho.AS_STORED),
            ndc_yearly=NdcYearly.INCLUSIVE,
            ndc_mixed_bounds=NdcMixedBounds.NEAREST,
            records_utrns=True,  # scope:duplicate-utrn: the S1SP's part; both refuse it
            top_up_pence_bits=TOP_UP_PENCE_BITS,  # 18.6(b): the S1SP's part; a fault narrows it
            daily_log_counter_unit=unit("18.14(a)"),
            change_log_counter_unit=unit("18.17(b)"),
            billing_log_counter_unit=unit("18.18(a)"),
            silent_change_log_until_triggered=has("18.17(i)"),
            silent_billing_log_until_calendar=has("18.18(g)"),
            silent_debt_log_until_recovered=has("18.19(a)"),
            daily_block_counters=reset("18.21(e)"),
            billing_block_counters=reset("18.18(f)"),
            daily_log_day=LogDay.UTC if has("18.21(f)") else LogDay.LOCAL,
            profile_access=(
                ProfileAccess.FULL if model.clauses & PROFILE_CLAUSES else ProfileAccess.REFUSED
            ),
            profile_stamping=ProfileStamping.UTC,
            profile_in_kwh=False,
            kwh_counters_converted=True,
            profile_start_inclusive=True,
            profile_cumulative=False,
            daily_duplicate_live=False,
            debt_period_rule=(
                DebtPeriodRule.CHECKED if has("18.27(q)") else DebtPeriodRule.IGNORED
            ),
        )

    def with_overrides(self, overrides: Mapping[str, object]) -> MeterBehaviour:
        """These knobs set to other values (a fault); unknown knobs and bad values raise."""
        values = {name: check_knob(name, value) for name, value in overrides.items()}
        return dataclasses.replace(self, **values)


def meter_knobs() -> frozenset[str]:
    """Every knob name a meter fault may set (the fault loader validates against it)."""
    return frozenset(_knob_types())


def check_knob(name: str, value: object) -> object:
    """``value`` as knob ``name`` holds it (TOML strings become enums); KnobError if unfit."""
    kinds = _knob_types()
    if name not in kinds:
        raise KnobError(f"{name}: not a meter knob (known: {', '.join(sorted(kinds))})")
    return _coerce(name, kinds[name], value)


@cache
def _knob_types() -> dict[str, Any]:
    return get_type_hints(MeterBehaviour)


def _coerce(name: str, kind: Any, value: object) -> object:
    if kind is bool:
        if not isinstance(value, bool):
            raise KnobError(f"{name}: must be true or false, got {value!r}")
        return value
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise KnobError(f"{name}: must be an integer, got {value!r}")
        return value
    if isinstance(kind, type) and issubclass(kind, Enum):
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(str(member.value) for member in kind)
            raise KnobError(f"{name}: {value!r} is not one of {allowed}") from None
    raise KnobError(f"{name}: unsupported knob type {kind!r}")  # pragma: no cover
