"""One gas NDC season, and the seasons each gas form (DUIS, GBCS's ZSE calendar) must refuse
or carry: both codecs are held to the same cases."""

from __future__ import annotations

from datetime import time

from s1sr.models import (
    INDEFINITE,
    NdcScheduleEntry,
    NdcScript,
    NonDisablementCalendar,
    PartialDate,
    Weekday,
)

# A ZSE calendar holds season starts only: a dated end has no form.
DATED_ENDS = [
    (PartialDate(2024, 5, 1), PartialDate(2024, 6, 30)),  # EX-GSME-1/3, 18.5(ee)
    (PartialDate(2024, 4, 1), PartialDate(2024, 6, 30)),  # 18.5(gg)
]
# Ends a season start implies: running on, or the day before the next yearly start.
IMPLIED_ENDS = [
    (PartialDate(2024, 4, 1), INDEFINITE),
    (PartialDate(2024, 5, 1), INDEFINITE),
    (PartialDate.every_year(4, 1), PartialDate.every_year(3, 31)),
]


def one_season(start: PartialDate, end) -> NonDisablementCalendar:
    """Supply kept on all day, every day, from ``start`` to ``end``."""
    entry = NdcScheduleEntry(NdcScript.START, time(0), start, end, tuple(Weekday))
    return NonDisablementCalendar((), (entry,))
