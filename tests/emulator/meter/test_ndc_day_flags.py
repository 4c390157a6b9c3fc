"""A day's non-disablement flags: the answer one slot at a time, cached and shared.

``NdcInForce.day_flags`` fills each half hour from the first slot starting at or after a
switch and caches the answer for every calendar in force alike; here it meets the plain
walk (each slot takes the last switch at or before its start) on drawn switch times, to the
second, and calendars that differ only in what they apply do not share answers.
"""

from __future__ import annotations

from datetime import date, time

from hypothesis import given
from hypothesis import strategies as st

from s1sr.emulator.meter.ndc import NdcInForce
from s1sr.models import (
    INDEFINITE,
    NdcScheduleEntry,
    NdcScript,
    NonDisablementCalendar,
    PartialDate,
    Weekday,
)
from tests.emulator.meter.builders import ndc, ndc_entry

DAY = date(2024, 3, 14)  # a Thursday
SEASON = PartialDate(2024, 3, 1), PartialDate(2024, 3, 31)
SLOT_STARTS = [time(s // 2, 30 * (s % 2)) for s in range(48)]


def walked(calendar: NonDisablementCalendar, carried: bool) -> tuple[tuple[bool, ...], bool]:
    """The reference: each slot takes the last switch (START after STOP at one instant)
    at or before its start; the day ends in the last switch's state. No season covering
    the day (no entry at all, here): no non-disablement, and nothing carried over."""
    if not calendar.schedule:
        return (False,) * 48, False
    switches = sorted(
        (entry.switch_time, entry.script is NdcScript.START)
        for entry in calendar.schedule
        if Weekday.of(DAY) in entry.weekdays
    )
    flags = []
    for start in SLOT_STARTS:
        state = carried
        for switch, value in switches:
            if switch <= start:
                state = value
        flags.append(state)
    return tuple(flags), switches[-1][1] if switches else carried


entries = st.builds(
    NdcScheduleEntry,
    script=st.sampled_from(NdcScript),
    switch_time=st.times().map(lambda t: t.replace(microsecond=0)) | st.sampled_from(SLOT_STARTS),
    start=st.just(SEASON[0]),
    end=st.just(SEASON[1]),
    weekdays=st.sets(st.sampled_from(Weekday), min_size=1).map(tuple),
)


@given(schedule=st.lists(entries, max_size=6), carried=st.booleans())
def test_day_flags_are_the_slot_by_slot_walk_cached_or_not(schedule, carried):
    calendar = NonDisablementCalendar(special_days=(), schedule=tuple(schedule))
    expected = walked(calendar, carried)
    first = NdcInForce(calendar, DAY).day_flags(DAY, carried)
    again = NdcInForce(calendar, DAY).day_flags(DAY, carried)  # from the shared cache
    assert first == again == expected


def test_calendars_share_answers_only_when_they_apply_alike():
    recurring = ndc(ndc_entry(PartialDate.every_year(3, 1), INDEFINITE, at=time(2)))
    # an indefinite recurring start runs from its latest occurrence before it was set
    set_in_2024 = NdcInForce(recurring, date(2024, 3, 5))
    also_2024 = NdcInForce(ndc(*recurring.schedule), date(2024, 3, 9))
    set_in_2023 = NdcInForce(recurring, date(2023, 3, 5))
    assert set_in_2024._flags is also_2024._flags
    assert set_in_2023._flags is not set_in_2024._flags
    day = date(2023, 12, 1)  # after the 2023 start, before the 2024 one
    assert set_in_2024.day_flags(day, False) == ((False,) * 48, False)
    assert set_in_2023.day_flags(day, False) == ((False,) * 4 + (True,) * 44, True)
    assert set_in_2024.day_flags(day, False) == ((False,) * 48, False)
