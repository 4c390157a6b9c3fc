"""The daily read log (4.6.1) before the device's day end in BST: 18.21(f).

The catalogue's reading: the mapped gas meter keeps its day in UTC and stamps its daily
entries at local midnight (23:00 UTC in BST). A 4.6.1 received before 23:00 UTC on a BST
day, whose range includes the current day, also returns the previous 23:00 UTC entry again,
stamped 00:00 UTC of the current day with the same register (no consumption between the
two). In GMT, and at or after 23:00 UTC, there is no such duplicate. The baseline returns
entries only for the days that have ended.

The log is read at instants well away from and around both clock changes, on either side
of 23:00 UTC, and on the autumn change day while it is still BST (00:30 UTC, the previous
day's entry at 23:00 UTC). Never later on a change day, where the words do not say what
"the previous day's 23:00 entry" is or whether GMT has begun for the clause; every expected
timestamp is a local midnight computed in UTC.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from s1sr.models import DailyReading, DailyReadLogRequest, DailyReadLogResponse, utc
from s1sr.pytest_plugin import Case

START = utc(2024, 1, 15, 12)
LOOK_BACK = timedelta(days=3)
READS = (  # (when the log is read, how to say it)
    (utc(2024, 1, 18, 12), "GMT, mid-January"),
    (utc(2024, 3, 30, 12), "GMT, the day before the spring change"),
    (utc(2024, 4, 1, 12), "BST, the day after the spring change, before 23:00 UTC"),
    (utc(2024, 6, 12, 15), "BST, mid-June, before 23:00 UTC"),
    (utc(2024, 6, 12, 23, 30), "BST, mid-June, after 23:00 UTC"),
    (utc(2024, 6, 13, 22, 45), "BST, mid-June, a quarter of an hour before 23:00 UTC"),
    (utc(2024, 10, 26, 12), "BST, the day before the autumn change, before 23:00 UTC"),
    (utc(2024, 10, 27, 0, 30), "BST, the autumn change day before the clocks go back"),
    (utc(2024, 10, 28, 12), "GMT, the day after the autumn change"),
)


def fmt(instant: datetime) -> str:
    return f"{instant:%Y-%m-%d %H:%M}Z"


def describe(entries: list[DailyReading]) -> str:
    return ", ".join(f"{fmt(e.timestamp)} ({e.import_register})" for e in entries) or "none"


@pytest.mark.clause("18.21(f)")
@pytest.mark.srv("4.6.1")
def test_daily_read_log_duplicate_before_23_00_in_bst(case: Case, steps, london) -> None:
    steps.clock_at(START, "a January day before the GMT and BST reads")
    for read_at, when in READS:
        steps.advance_to(read_at)
        start = read_at - LOOK_BACK
        exchange = case.exchange(DailyReadLogRequest(start, read_at))
        body = steps.body(exchange, DailyReadLogResponse)
        case.expect(
            steps.succeeded(exchange) and body is not None,
            expected=f"the daily read log ({when})",
            observed=exchange.summary(),
        )
        entries = sorted(body.entries, key=lambda e: e.timestamp)
        ended = london.midnights(start, read_at)
        today = london.utc_day_start(read_at)
        duplicate = case.mapped and london.is_bst(read_at) and read_at < today + timedelta(hours=23)
        wanted = sorted([*ended, today]) if duplicate else ended
        shape = ", ".join(map(fmt, ended))
        if duplicate:
            shape += f" and the {fmt(ended[-1])} entry repeated at {fmt(today)}, same register"
        else:
            shape += ": days that have ended, no duplicate"
        stamps = [e.timestamp for e in entries]
        same = stamps == wanted
        if same and duplicate:
            by_time = {e.timestamp: e.import_register for e in entries}
            same = by_time[today] == by_time[ended[-1]]
        case.expect(
            same,
            expected=f"read at {fmt(read_at)} ({when}), range from {fmt(start)}: entries at {shape}",
            observed=f"entries at {describe(entries)}",
        )
