"""The Opt In / Opt Out tactical fix: complete half-hourly profile data through 4.8.1.

The catalogue's own reading: mapped, a 4.8.1 read returns the requested range complete, one
entry per UTC half hour, with no gap and no duplicate. It is read in GMT, in BST and over
both clock changes, where a device that stamps its profile by the local wall clock loses
or repeats an hour. The baseline promises nothing beyond the profile-data clauses: refused
without any of them, answered (completeness not required) with one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from s1sr.models import ProfileDataRequest, ProfileDataResponse, utc
from s1sr.pytest_plugin import Case

PROFILE_CLAUSES = ("18.22(b)", "18.22(c)", "18.22(d)", "18.23", "18.24")
START = utc(2024, 1, 15, 12)
HALF_HOUR = timedelta(minutes=30)
READS = (  # (read at, first half hour, days, how to say it)
    (utc(2024, 1, 18, 12), utc(2024, 1, 16), 2, "GMT, mid-January"),
    (utc(2024, 4, 2, 12), utc(2024, 3, 30), 3, "over the spring change"),
    (utc(2024, 6, 13, 12), utc(2024, 6, 11), 2, "BST, mid-June"),
    (utc(2024, 10, 29, 12), utc(2024, 10, 26), 3, "over the autumn change"),
)


def fmt(instant: datetime) -> str:
    return f"{instant:%Y-%m-%d %H:%M}Z"


def gaps_and_repeats(stamps: list[datetime], wanted: list[datetime]) -> str:
    missing = sorted(set(wanted) - set(stamps))
    extra = sorted(set(stamps) - set(wanted))
    repeated = sorted({t for t in stamps if stamps.count(t) > 1})
    parts = [
        f"{len(stamps)} entries",
        "missing " + (", ".join(map(fmt, missing[:6])) or "none"),
        "outside the range " + (", ".join(map(fmt, extra[:6])) or "none"),
        "repeated " + (", ".join(map(fmt, repeated[:6])) or "none"),
    ]
    return "; ".join(parts)


@pytest.mark.clause("scope:opt-in-out-tactical-fix")
@pytest.mark.srv("4.8.1")
def test_profile_data_complete_in_utc_half_hours(case: Case, steps) -> None:
    steps.clock_at(START, "a January day before the GMT and BST reads")
    granted_by = [c for c in PROFILE_CLAUSES if case.model.applies(c)]
    for read_at, first, days, when in READS:
        steps.advance_to(read_at)
        end = first + timedelta(days=days) - timedelta(minutes=1)
        exchange = case.exchange(ProfileDataRequest(first, end))
        body = steps.body(exchange, ProfileDataResponse)
        stamps = [] if body is None else [e.timestamp for e in body.entries]
        what = f"4.8.1 for {fmt(first)} to {fmt(end)} ({when})"
        if case.mapped:
            wanted = [first + n * HALF_HOUR for n in range(days * 48)]
            case.expect(
                steps.succeeded(exchange) and sorted(stamps) == wanted,
                expected=f"{what}: {len(wanted)} entries, one per UTC half hour, "
                "no gap, no duplicate",
                observed=f"{exchange.summary()}; {gaps_and_repeats(stamps, wanted)}",
            )
        elif granted_by:
            case.expect(
                steps.succeeded(exchange),
                expected=f"{what}: answered (access granted by {', '.join(granted_by)}; "
                "completeness not required)",
                observed=exchange.summary(),
            )
        else:
            case.expect(
                not steps.succeeded(exchange) and not stamps,
                expected=f"{what}: refused, no profile data (no profile-data clause mapped)",
                observed=f"{exchange.summary()}; {len(stamps)} entries",
            )
            return
