"""The Non-Disablement Calendar: what a meter accepts, how it stores it, what it reports.

Three decisions, each a knob: whether season start and end dates may fall on any day
(18.5(ee), 18.5(gg); the baseline wants calendar-month seasons), what 31/12/3000 as an end
date means (18.5(hh)), and which end date the 2.1 response reports for it (18.27(r)).

In force, each schedule entry has a window of days. A recurring date (year unspecified)
paired with a concrete one is resolved next to it, and an indefinite entry with a
recurring start runs from that start's latest occurrence before the calendar was set.
Within a day, non-disablement runs from a START switch to the next STOP switch; the state
carries over midnight into a day that some entry's season still covers, and ends with the
seasons.
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass, replace
from datetime import date, time

from s1sr.emulator.meter.behaviour import (
    MeterBehaviour,
    NdcEndEcho,
    NdcIndefinite,
    NdcMixedBounds,
    NdcYearly,
)
from s1sr.emulator.meter.caches import shared_table
from s1sr.emulator.meter.tariff import SLOTS_PER_DAY, latest_start, occurrence
from s1sr.models import (
    Indefinite,
    NdcScheduleEntry,
    NdcScript,
    NonDisablementCalendar,
    PartialDate,
    Weekday,
)

_NEVER = (False,) * SLOTS_PER_DAY
_DAYS_CACHED = 8192  # (day, carried) answers per calendar as applied
_CALENDARS_CACHED = 64
_Flags = tuple[tuple[bool, ...], bool]
_SHARED_FLAGS: dict[tuple[object, ...], dict[tuple[date, bool], _Flags]] = {}


def refusal(ndc: NonDisablementCalendar, behaviour: MeterBehaviour) -> str | None:
    """Why the device refuses this NDC, or None when it accepts it."""
    for index, entry in enumerate(ndc.schedule):
        where = f"schedule[{index}]"
        if not behaviour.ndc_start_any_day and entry.start.day != 1:
            return f"{where}: season start {entry.start} is not the first day of a month"
        dates = (entry.start,) if isinstance(entry.end, Indefinite) else (entry.start, entry.end)
        if not behaviour.ndc_leap_day and any((d.month, d.day) == (2, 29) for d in dates):
            return f"{where}: 29 February is not a date the device knows"
        if not behaviour.ndc_season_spans_years and _spans_years(entry):
            return f"{where}: season {entry.start} to {entry.end} ends in a later year"
        if isinstance(entry.end, Indefinite):
            if behaviour.ndc_indefinite is NdcIndefinite.REFUSED:
                return f"{where}: end date 31/12/3000 cannot be held"
        elif not behaviour.ndc_end_any_day and not _is_month_end(entry.end):
            return f"{where}: season end {entry.end} is not the last day of a month"
    return None


def stored(
    ndc: NonDisablementCalendar, behaviour: MeterBehaviour, today: date
) -> NonDisablementCalendar:
    """The calendar as the device holds it (an indefinite end may lose its meaning)."""
    if behaviour.ndc_indefinite is not NdcIndefinite.END_OF_START_YEAR:
        return ndc
    entries = []
    for entry in ndc.schedule:
        if isinstance(entry.end, Indefinite):
            first = _first_day(entry.start, today)
            entry = replace(entry, end=PartialDate(first.year, 12, 31))
        entries.append(entry)
    return replace(ndc, schedule=tuple(entries))


def echo(ndc: NonDisablementCalendar, behaviour: MeterBehaviour) -> NonDisablementCalendar:
    """The calendar as the 2.1 response reports it (18.27(r): the day before the start)."""
    if behaviour.ndc_end_echo is NdcEndEcho.AS_STORED:
        return ndc
    before = (
        _day_before_in_year
        if behaviour.ndc_end_echo is NdcEndEcho.DAY_BEFORE_IN_START_YEAR
        else PartialDate.day_before
    )
    entries = tuple(
        replace(entry, end=before(entry.start)) if entry.is_indefinite else entry
        for entry in ndc.schedule
    )
    return replace(ndc, schedule=entries)


@dataclass(frozen=True)
class _Window:
    """The days an entry applies: ``first..last`` (either open), or yearly month-day bounds."""

    first: date | None = None
    last: date | None = None
    yearly: tuple[tuple[int, int], tuple[int, int]] | None = None
    rule: NdcYearly = NdcYearly.INCLUSIVE

    def contains(self, day: date) -> bool:
        if self.yearly is not None:
            start, end = self.yearly
            md = (day.month, day.day)
            wraps = start > end or (start == end and self.rule is NdcYearly.ONE_DAY_ALL_YEAR)
            if wraps and self.rule is NdcYearly.NO_WRAP:
                return False
            to_end = md < end if self.rule is NdcYearly.END_EXCLUSIVE else md <= end
            return (md >= start or to_end) if wraps else (start <= md and to_end)
        return (self.first is None or self.first <= day) and (self.last is None or day <= self.last)


class NdcInForce:
    """A stored calendar, answering which half hours of a local day are non-disablement."""

    def __init__(
        self, ndc: NonDisablementCalendar, today: date, behaviour: MeterBehaviour | None = None
    ) -> None:
        self.calendar = ndc
        windows = ((entry, _window(entry, today, behaviour)) for entry in ndc.schedule)
        self._entries = tuple(
            (entry, window if behaviour is None else _as_applied(window, behaviour))
            for entry, window in windows
        )
        self._flags = _shared_flags((self._entries, ndc.special_days))

    def applies(self, day: date) -> bool:
        """Whether any schedule entry's season covers ``day``."""
        return any(window.contains(day) for _, window in self._entries)

    def day_flags(self, day: date, carried: bool) -> _Flags:
        """Non-disablement per local half-hour slot of ``day``, and the state at its end
        (asked once a day by every meter catching up; shared by every calendar that applies
        the same windows to the same entries and special days)."""
        cache = self._flags
        flags = cache.get((day, carried))
        if flags is None:
            if len(cache) >= _DAYS_CACHED:
                cache.clear()
            flags = cache[day, carried] = self._day_flags(day, carried)
        return flags

    def _day_flags(self, day: date, carried: bool) -> _Flags:
        if not self.applies(day):
            return _NEVER, False
        weekday = Weekday.of(day)
        specials = {i + 1 for i, d in enumerate(self.calendar.special_days) if d.matches(day)}
        switches = sorted(
            (entry.switch_time, entry.script is NdcScript.START)
            for entry, window in self._entries
            if window.contains(day)
            and (weekday in entry.weekdays or specials.intersection(entry.special_days))
        )
        flags: list[bool] = []
        state = carried
        for switch, start in switches:  # from the first slot starting at or after it
            flags += [state] * (_first_slot_from(switch) - len(flags))
            state = start
        flags += [state] * (SLOTS_PER_DAY - len(flags))
        return tuple(flags), state


def _first_slot_from(switch: time) -> int:
    """The first half-hour slot starting at or after ``switch`` (48: none that day)."""
    return -(-((switch.hour * 60 + switch.minute) * 60 + switch.second) // 1800)  # whole seconds


def _shared_flags(key: tuple[object, ...]) -> dict[tuple[date, bool], _Flags]:
    """The day flags cache of every calendar in force as ``key`` (its entries with the
    windows they apply, and its special days: all ``day_flags`` reads)."""
    return shared_table(_SHARED_FLAGS, key, _CALENDARS_CACHED)


def _window(entry: NdcScheduleEntry, today: date, behaviour: MeterBehaviour | None) -> _Window:
    start, end = entry.start, entry.end
    yearly = NdcYearly.INCLUSIVE if behaviour is None else behaviour.ndc_yearly
    mixed = NdcMixedBounds.NEAREST if behaviour is None else behaviour.ndc_mixed_bounds
    if isinstance(end, Indefinite):
        return _Window(first=_first_day(start, today))
    if start.year is None and end.year is None:
        return _Window(yearly=((start.month, start.day), (end.month, end.day)), rule=yearly)
    if start.year is None:
        last = date(end.year, end.month, end.day)  # type: ignore[arg-type]
        open_ended = mixed is NdcMixedBounds.RECURRING_START_OPEN
        return _Window(first=latest_start(start, last), last=None if open_ended else last)
    first = date(start.year, start.month, start.day)
    if end.year is None:
        last = occurrence(end, first.year)
        if last < first and mixed is not NdcMixedBounds.RECURRING_END_IN_START_YEAR:
            last = occurrence(end, first.year + 1)
        return _Window(first=first, last=last)
    return _Window(first=first, last=date(end.year, end.month, end.day))


def _as_applied(window: _Window, behaviour: MeterBehaviour) -> _Window:
    """The window a faulty scheduler applies: whole months where it only knows those."""
    first, last = window.first, window.last
    if behaviour.ndc_start_from_next_month and first is not None and first.day != 1:
        first = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    if behaviour.ndc_end_at_month_end and last is not None:
        last = last.replace(day=_calendar.monthrange(last.year, last.month)[1])
    return replace(window, first=first, last=last)


def _first_day(start: PartialDate, today: date) -> date:
    if start.year is not None:
        return date(start.year, start.month, start.day)
    return latest_start(start, today) or today


def _spans_years(entry: NdcScheduleEntry) -> bool:
    end = entry.end
    if isinstance(end, Indefinite) or entry.start.year is None or end.year is None:
        return False
    return end.year > entry.start.year


def _day_before_in_year(start: PartialDate) -> PartialDate:
    """A fault's day before: common-year month lengths, and the year never goes back."""
    if start.day > 1:
        return replace(start, day=start.day - 1)
    month = 12 if start.month == 1 else start.month - 1
    return replace(start, month=month, day=_calendar.monthrange(2001, month)[1])


def _is_month_end(end: PartialDate) -> bool:
    if end.year is None and end.month == 2:
        return end.day >= 28
    year = 2001 if end.year is None else end.year
    return end.day == _calendar.monthrange(year, end.month)[1]
