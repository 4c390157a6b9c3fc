"""Restored access to profile data (4.8.1): 18.22(b), 18.22(c), 18.22(d), 18.23 and 18.24.

The five clauses share their words and are separately mappable grants of the same access:
a Device Model mapped to any of them answers 4.8.1 with its half-hourly profile data; one
mapped to none refuses it. Two whole days of consumption are read back; each day of the
range must have its data (whether every half hour is there is the opt-in / opt-out item's
matter, tested in test_opt_in_out.py).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from s1sr.models import ProfileDataRequest, ProfileDataResponse, utc
from s1sr.pytest_plugin import Case

PROFILE_CLAUSES = ("18.22(b)", "18.22(c)", "18.22(d)", "18.23", "18.24")
START = utc(2024, 1, 15, 12)
FIRST = utc(2024, 1, 16)
DAYS = 2


@pytest.mark.clause(*PROFILE_CLAUSES)
@pytest.mark.srv("4.8.1")
def test_profile_data_access(case: Case, steps) -> None:
    case.set_clock(START)
    end = FIRST + timedelta(days=DAYS)
    steps.advance_to(end + timedelta(hours=12))
    request = ProfileDataRequest(FIRST, end - timedelta(minutes=1))
    exchange = case.exchange(request)
    body = steps.body(exchange, ProfileDataResponse)
    entries = () if body is None else body.entries
    days = sorted({e.timestamp.date() for e in entries})
    seen = f"{exchange.summary()}; {len(entries)} half-hour entries on " + (
        ", ".join(map(str, days)) or "no day"
    )
    granted_by = [c for c in PROFILE_CLAUSES if case.model.applies(c)]
    if not granted_by:
        case.expect(
            not steps.succeeded(exchange) and not entries,
            expected="4.8.1 refused and no profile data returned (none of the five "
            "profile-data clauses is mapped)",
            observed=seen,
        )
        return
    wanted = [(FIRST + timedelta(days=n)).date() for n in range(DAYS)]
    in_range = all(FIRST <= e.timestamp <= request.end for e in entries)
    why = "" if case.mapped else f" (access granted by {', '.join(granted_by)}, also mapped)"
    case.expect(
        steps.succeeded(exchange) and in_range and days == wanted,
        expected=f"4.8.1 answered with half-hourly profile data for every day of "
        f"{FIRST:%Y-%m-%d} to {request.end:%Y-%m-%d %H:%M}Z, and nothing outside it{why}",
        observed=seen,
    )
