"""The GSME friendly-credit calendar (GCS05) <-> ``NonDisablementCalendar``.

GCS05 publishes the calendar with the ZSE Calendar cluster (0x0707): Publish Calendar,
Publish Day Profile (switches: minutes after midnight and a value, 1 = friendly credit
on, 0 = off), Publish Week Profile (a day profile per weekday, Monday first), Publish
Seasons (start date and week profile) and Publish Special Days (date and day profile).
The model holds the DLMS-shaped calendar: special days, and schedule entries each a
START / STOP switch for some weekdays or special days between a start and end date.

Reading, in a fixed order so the result is deterministic:

* each season runs from its start to the day before the next season's start; the last
  season runs on indefinitely, or, when season dates recur every year, to the day
  before the first season's start;
* per season, per day profile of its week (in weekday order), per switch: an entry for
  the weekdays using that profile (value 1 -> START, 0 -> STOP);
* per day profile used by special days (in special-day order), per switch: an entry for
  those special days, from the first season's start to the last season's end.

``write_calendar`` keeps the template's calendar components when the model's calendar is
the one the template reads as, and rebuilds them otherwise (see its docstring); a calendar
no tables read back as exactly is refused (``zse_tables``, which DUIS's gas 2.1 shares).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import time

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs.gbz import GbzComponent, GbzPayload
from s1sr.codecs.gbcs.mapping import gbz_access as gbz
from s1sr.codecs.gbcs.mapping.values import partial_from_zcl, partial_to_zcl
from s1sr.codecs.gbcs.zcl import CALENDAR, ZclRecord
from s1sr.models import (
    INDEFINITE,
    Indefinite,
    ModelError,
    NdcScheduleEntry,
    NdcScript,
    NonDisablementCalendar,
    PartialDate,
    Weekday,
)

PUBLISH_CALENDAR = 0x00
PUBLISH_DAY_PROFILE = 0x01
PUBLISH_WEEK_PROFILE = 0x02
PUBLISH_SEASONS = 0x03
PUBLISH_SPECIAL_DAYS = 0x04
SCRIPT_OF_VALUE = {1: NdcScript.START, 0: NdcScript.STOP}
VALUE_OF_SCRIPT = {v: k for k, v in SCRIPT_OF_VALUE.items()}
MINUTES_PER_DAY = 24 * 60
DayProfile = tuple[tuple[int, int], ...]  # (minute, value) switches


def calendar_indexes(payload: GbzPayload) -> list[int]:
    return [
        i
        for i, c in enumerate(payload.components)
        if c.cluster_id == CALENDAR and c.cluster_specific and c.to_client
    ]


def _records(payload: GbzPayload, command: int, path: str) -> Iterator[tuple[int, ZclRecord]]:
    for index in gbz.find_commands(payload, CALENDAR, command, to_client=True):
        yield index, gbz.zcl_of(payload.components[index], f"{path}.components[{index}]").record


def _switch(minute: int, value: int, path: str) -> tuple[time, NdcScript]:
    if not 0 <= minute < MINUTES_PER_DAY or value not in SCRIPT_OF_VALUE:
        raise CodecError(f"switch ({minute} min, value {value}) has no model form", path)
    return time(minute // 60, minute % 60), SCRIPT_OF_VALUE[value]


@dataclass(frozen=True)
class CalendarTables:
    """A ZSE calendar's tables, by id in publication order."""

    days: dict[int, DayProfile]
    weeks: dict[int, tuple[int, ...]]
    seasons: list[tuple[PartialDate, int]]  # (start, week id)
    special: list[tuple[PartialDate, int]]  # (date, day id)


def read_tables(payload: GbzPayload, path: str = "payload") -> CalendarTables:
    days: dict[int, DayProfile] = {}
    for _, record in _records(payload, PUBLISH_DAY_PROFILE, path):
        switches = tuple((e["start_time"], e["value"]) for e in record["entries"])
        days.setdefault(record["day_id"], ())
        days[record["day_id"]] += switches
    weeks = {
        r["week_id"]: tuple(r["day_id_refs"])
        for _, r in _records(payload, PUBLISH_WEEK_PROFILE, path)
    }
    seasons: list[tuple[PartialDate, int]] = []
    for index, record in _records(payload, PUBLISH_SEASONS, path):
        for n, entry in enumerate(record["entries"]):
            at = f"{path}.components[{index}].seasons[{n}]"
            seasons.append((partial_from_zcl(entry["season_start_date"], at), entry["week_id_ref"]))
    special: list[tuple[PartialDate, int]] = []
    for index, record in _records(payload, PUBLISH_SPECIAL_DAYS, path):
        for n, entry in enumerate(record["entries"]):
            at = f"{path}.components[{index}].special_days[{n}]"
            special.append((partial_from_zcl(entry["special_day_date"], at), entry["day_id_ref"]))
    return CalendarTables(days, weeks, seasons, special)


def read_calendar(payload: GbzPayload, path: str = "payload") -> NonDisablementCalendar | None:
    if not calendar_indexes(payload):
        return None
    t = read_tables(payload, path)
    try:
        return _to_model(t.days, t.weeks, t.seasons, t.special, f"{path}.calendar")
    except ModelError as exc:
        raise CodecError(str(exc), f"{path}.calendar") from exc


def _ends(starts: list[PartialDate]) -> list[PartialDate | Indefinite]:
    recurring = all(s.recurs for s in starts)
    ends: list[PartialDate | Indefinite] = [s.day_before() for s in starts[1:]]
    ends.append(starts[0].day_before() if recurring else INDEFINITE)
    return ends


def _entries(
    profile: DayProfile,
    start: PartialDate,
    end: PartialDate | Indefinite,
    weekdays: tuple[Weekday, ...],
    special: tuple[int, ...],
    path: str,
) -> list[NdcScheduleEntry]:
    out = []
    for minute, value in profile:
        at, script = _switch(minute, value, path)
        out.append(NdcScheduleEntry(script, at, start, end, weekdays, special))
    return out


def _to_model(
    days: dict[int, DayProfile],
    weeks: dict[int, tuple[int, ...]],
    seasons: list[tuple[PartialDate, int]],
    special: list[tuple[PartialDate, int]],
    path: str,
) -> NonDisablementCalendar:
    if not seasons:
        raise CodecError("a calendar without seasons", path)
    ends = _ends([s for s, _ in seasons])
    schedule: list[NdcScheduleEntry] = []
    for (start, week_id), end in zip(seasons, ends, strict=True):
        week = weeks.get(week_id)
        if week is None or len(week) != len(Weekday):
            raise CodecError(f"season week profile {week_id} is missing", path)
        for day_id in dict.fromkeys(week):
            if day_id not in days:
                raise CodecError(f"day profile {day_id} is missing", path)
            weekdays = tuple(Weekday(i + 1) for i, d in enumerate(week) if d == day_id)
            schedule += _entries(days[day_id], start, end, weekdays, (), path)
    for day_id in dict.fromkeys(d for _, d in special):
        if day_id not in days:
            raise CodecError(f"day profile {day_id} is missing", path)
        indexes = tuple(n + 1 for n, (_, d) in enumerate(special) if d == day_id)
        schedule += _entries(days[day_id], seasons[0][0], ends[-1], (), indexes, path)
    return NonDisablementCalendar(tuple(s for s, _ in special), tuple(schedule))


# --- writing -----------------------------------------------------------------------------


def write_calendar(
    payload: GbzPayload, calendar: NonDisablementCalendar | None
) -> dict[int, GbzComponent]:
    """Component changes that make the template ``payload`` publish ``calendar``.

    The template's components are kept when they already read as ``calendar``.
    Otherwise their values are rebuilt in place: the template must have as many day
    profiles, week profiles, seasons and special days as the calendar needs (the
    component layout is the template's), which ``_from_model`` derives: seasons are the
    distinct (start, end) pairs of weekday entries, day profiles the distinct switch
    lists, numbered by first appearance. A calendar those read back as another (a dated
    season end, say) is refused by ``zse_tables``, not published as that other calendar.
    """
    indexes = calendar_indexes(payload)
    if calendar is None:
        if indexes:
            raise ModelError("non_disablement_calendar: the template publishes one")
        return {}
    if not indexes:
        raise ModelError("non_disablement_calendar: the template has no place for it")
    try:
        if read_calendar(payload, "template") == calendar:
            return {}
    except CodecError:
        pass
    return fill_tables(payload, zse_tables(calendar), "non_disablement_calendar")


def zse_tables(
    calendar: NonDisablementCalendar, field: str = "non_disablement_calendar"
) -> CalendarTables:
    """The ZSE tables that read back as ``calendar``, or ``ModelError`` when none do.

    ZSE seasons hold starts only: a season ends the day before the next starts, the last
    runs on, or recurs to the day before the first. A schedule whose ends are not those
    (e.g. one dated season with a dated end), or whose special-day entries do not span the
    seasons, has no gas form; it is refused rather than published as another calendar.
    GBCS (GCS05) and DUIS (a gas 2.1) both write through here.
    """
    days, weeks, seasons, special = _from_model(calendar)
    tables = CalendarTables(
        dict(enumerate(days, start=1)), dict(enumerate(weeks, start=1)), seasons, special
    )
    try:
        carried = _to_model(tables.days, tables.weeks, seasons, special, field) == calendar
    except (CodecError, ModelError):
        carried = False
    if not carried:
        raise ModelError(
            f"{field}: the gas calendar cannot carry it (a season ends the day before the next"
            " starts, the last runs on or recurs)"
        )
    return tables


def _profile(entries: list[NdcScheduleEntry]) -> DayProfile:
    return tuple(
        sorted(
            (e.switch_time.hour * 60 + e.switch_time.minute, VALUE_OF_SCRIPT[e.script])
            for e in entries
        )
    )


def _from_model(
    calendar: NonDisablementCalendar,
) -> tuple[
    list[DayProfile],
    list[tuple[int, ...]],
    list[tuple[PartialDate, int]],
    list[tuple[PartialDate, int]],
]:
    for entry in calendar.schedule:
        if entry.switch_time.second:
            raise ModelError("non_disablement_calendar: GSME switches are whole minutes")
    season_keys = list(dict.fromkeys((e.start, e.end) for e in calendar.schedule if e.weekdays))
    profiles: list[DayProfile] = []

    def day_id(profile: DayProfile) -> int:
        if profile not in profiles:
            profiles.append(profile)
        return profiles.index(profile) + 1

    weeks: list[tuple[int, ...]] = []
    seasons: list[tuple[PartialDate, int]] = []
    for start, end in season_keys:
        in_season = [
            e for e in calendar.schedule if e.weekdays and (e.start, e.end) == (start, end)
        ]
        week = []
        for weekday in Weekday:
            chosen = [e for e in in_season if weekday in e.weekdays]
            if not chosen:
                raise ModelError(f"non_disablement_calendar: {weekday.name} has no switches")
            week.append(day_id(_profile(chosen)))
        if tuple(week) not in weeks:
            weeks.append(tuple(week))
        seasons.append((start, weeks.index(tuple(week)) + 1))
    special = []
    for n, day in enumerate(calendar.special_days):
        chosen = [e for e in calendar.schedule if n + 1 in e.special_days]
        if not chosen:
            raise ModelError(f"non_disablement_calendar: special day {n + 1} has no switches")
        special.append((day, day_id(_profile(chosen))))
    return profiles, weeks, seasons, special


def fill_tables(payload: GbzPayload, tables: CalendarTables, field: str) -> dict[int, GbzComponent]:
    """Component changes that publish ``tables`` in the template's calendar layout."""
    comps = payload.components
    changes: dict[int, GbzComponent] = {}
    day_at = gbz.find_commands(payload, CALENDAR, PUBLISH_DAY_PROFILE, to_client=True)
    week_at = gbz.find_commands(payload, CALENDAR, PUBLISH_WEEK_PROFILE, to_client=True)
    season_at = gbz.find_commands(payload, CALENDAR, PUBLISH_SEASONS, to_client=True)
    special_at = gbz.find_commands(payload, CALENDAR, PUBLISH_SPECIAL_DAYS, to_client=True)
    calendar_at = gbz.find_commands(payload, CALENDAR, PUBLISH_CALENDAR, to_client=True)
    days, weeks = list(tables.days.items()), list(tables.weeks.items())
    seasons, special = tables.seasons, tables.special
    if len(day_at) != len(days) or len(week_at) != len(weeks):
        raise ModelError(
            f"{field}: needs {len(days)} day and {len(weeks)} week profiles;"
            f" the template has {len(day_at)} and {len(week_at)}"
        )
    if len(season_at) != 1 or len(special_at) != 1 or len(calendar_at) != 1:
        raise ModelError(f"{field}: the template's calendar layout differs")
    for index, (day_id, profile) in zip(day_at, days, strict=True):
        entries = tuple(ZclRecord((("start_time", m), ("value", v))) for m, v in profile)
        changes[index] = gbz.with_fields(
            comps[index],
            {
                "day_id": day_id,
                "total_number_of_schedule_entries": len(entries),
                "entries": entries,
            },
        )
    for index, (week_id, week) in zip(week_at, weeks, strict=True):
        changes[index] = gbz.with_fields(comps[index], {"week_id": week_id, "day_id_refs": week})
    old_season = comps[season_at[0]].zcl["entries"]
    like_season = old_season[0]["season_start_date"] if old_season else None
    season_entries = tuple(
        ZclRecord((("season_start_date", partial_to_zcl(s, like_season)), ("week_id_ref", w)))
        for s, w in seasons
    )
    changes[season_at[0]] = gbz.with_fields(comps[season_at[0]], {"entries": season_entries})
    old_special = comps[special_at[0]].zcl["entries"]
    like_special = old_special[0]["special_day_date"] if old_special else None
    special_entries = tuple(
        ZclRecord((("special_day_date", partial_to_zcl(d, like_special)), ("day_id_ref", i)))
        for d, i in special
    )
    changes[special_at[0]] = gbz.with_fields(
        comps[special_at[0]],
        {"entries": special_entries, "total_number_of_special_days": len(special_entries)},
    )
    changes[calendar_at[0]] = gbz.with_fields(
        comps[calendar_at[0]],
        {
            "number_of_seasons": len(seasons),
            "number_of_week_profiles": len(weeks),
            "number_of_day_profiles": len(days),
        },
    )
    return changes
