"""Restored access to profile data (4.8.1): 18.22(b), 18.22(c), 18.22(d), 18.23 and 18.24.

The five clauses share their words and are separately mappable grants of the same access:
a Device Model mapped to any of them answers 4.8.1 with its half-hourly profile data; one
mapped to none refuses it. Two whole local days are read in GMT (January) and two in BST
(June), away from the clock changes (whose stamping is the opt-in / opt-out item's matter,
test_opt_in_out.py):

- counts: one entry for every half hour of the range, none repeated, none outside it;
- values: each local day's entries sum to the difference of the consumption register
  between the day's two daily read log (4.6.1) entries, so a profile that holds anything
  but the half hours' consumption is caught. Without the opt-in / opt-out fix a device may
  stamp by the London wall clock, so both stampings are tried there; a gas profile in kWh
  is held to a GB gas conversion (9.5 to 13 kWh per m3, see test_block_counters.py).
"""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date, datetime, timedelta

import pytest

from s1sr.models import (
    DailyReadLogRequest,
    DailyReadLogResponse,
    Energy,
    EnergyUnit,
    ProfileDataRequest,
    ProfileDataResponse,
    ProfileEntry,
    utc,
)
from s1sr.pytest_plugin import Case
from s1sr.pytest_plugin.readings import Stamping, profile_stampings, resolution

PROFILE_CLAUSES = ("18.22(b)", "18.22(c)", "18.22(d)", "18.23", "18.24")
START = utc(2024, 1, 15, 12)
HALF_HOUR = timedelta(minutes=30)
KWH_PER_M3 = (9.5, 13.0)
READS = (  # (first local day, days, how to say it)
    (date(2024, 1, 16), 2, "GMT, mid-January"),
    (date(2024, 6, 11), 2, "BST, mid-June"),
)


def fmt(instant: datetime) -> str:
    return f"{instant:%Y-%m-%d %H:%M}Z"


def counts(entries: tuple[ProfileEntry, ...], wanted: list[datetime]) -> str:
    stamps = [e.timestamp for e in entries]
    repeated = sorted(t for t, n in Counter(stamps).items() if n > 1)
    missing = sorted(set(wanted) - set(stamps))
    extra = sorted(set(stamps) - set(wanted))
    if not (repeated or missing or extra):
        return ""
    return "; ".join(
        f"{label} " + (", ".join(map(fmt, found[:6])) or "none")
        for label, found in (("missing", missing), ("outside", extra), ("repeated", repeated))
    )


def day_matches(
    entries: dict[datetime, ProfileEntry],
    start: datetime,
    end: datetime,
    delta: Energy,
    stamp: Stamping,
) -> tuple[bool, str] | None:
    """Whether the profile's half hours of [start, end) sum to the register's ``delta``,
    read with ``stamp``; None if that stamping leaves some of them outside the read."""
    wanted = [stamp(start + n * HALF_HOUR) for n in range((end - start) // HALF_HOUR)]
    if any(t not in entries for t in wanted):
        return None
    found = [entries[t].consumption for t in wanted]
    units = {e.unit for e in found}
    if len(units) != 1:
        return False, "half hours in more than one unit"
    total = sum(e.milli for e in found)
    unit = units.pop()
    if unit is EnergyUnit.KWH and delta.unit is EnergyUnit.M3:
        low, high = KWH_PER_M3
        ratio = total / delta.milli if delta.milli else 0.0
        return low <= ratio <= high, f"{total / 1000} kWh for {delta}: {ratio:.3f} per m3"
    if unit is not delta.unit:
        return False, f"half hours in {unit}, register in {delta.unit}"
    slack = (len(found) + 2) * resolution([e.milli for e in found])  # each rounded once
    return abs(total - delta.milli) <= slack, f"{total / 1000} {unit} for {delta}"


@pytest.mark.clause(*PROFILE_CLAUSES)
@pytest.mark.srv("4.8.1", "4.6.1")
def test_profile_data_access(case: Case, steps, london) -> None:
    steps.clock_at(START, "a January day before the GMT and BST reads")
    granted_by = [c for c in PROFILE_CLAUSES if case.model.applies(c)]
    stampings = profile_stampings(case.model)
    unjudged: list[str] = []
    for first, days, when in READS:
        midnights = [london.midnight(first + timedelta(days=n)) for n in range(days + 1)]
        steps.advance_to(midnights[-1] + timedelta(hours=12))
        request = ProfileDataRequest(midnights[0], midnights[-1] - timedelta(minutes=1))
        exchange = case.exchange(request)
        body = steps.body(exchange, ProfileDataResponse)
        entries = () if body is None else body.entries
        what = f"4.8.1 for {fmt(request.start)} to {fmt(request.end)} ({when})"
        if not granted_by:
            case.expect(
                not steps.succeeded(exchange) and not entries,
                expected=f"{what}: refused and no profile data returned (none of the five "
                "profile-data clauses is mapped)",
                observed=f"{exchange.summary()}; {len(entries)} entries",
            )
            continue
        why = "" if case.mapped else f" (access granted by {', '.join(granted_by)}, also mapped)"
        wanted = [midnights[0] + n * HALF_HOUR for n in range(days * 48)]
        wrong = counts(entries, wanted) if steps.succeeded(exchange) else "not answered"
        case.expect(
            not wrong,
            expected=f"{what}: one entry for each of its {len(wanted)} half hours, none "
            f"repeated, none outside it{why}",
            observed=f"{exchange.summary()}; {len(entries)} entries; {wrong}",
        )
        # the registers the profile is summed against; unanswered, the counts still stand
        read = case.exchange(DailyReadLogRequest(midnights[0], midnights[-1]))
        log = steps.body(read, DailyReadLogResponse) if steps.succeeded(read) else None
        if log is None:
            unjudged.append(f"{when}: the daily read log was not answered ({read.summary()})")
            continue
        registers = {e.timestamp: e.import_register for e in log.entries}
        by_stamp = {e.timestamp: e for e in entries}
        for start, end in itertools.pairwise(midnights):
            if start not in registers or end not in registers:
                unjudged.append(f"{fmt(start)}: no daily read log entries at its midnights")
                continue
            before, after = registers[start], registers[end]
            if before.unit is not after.unit or after.milli < before.milli:
                unjudged.append(f"{fmt(start)}: registers {before} and {after}")
                continue
            delta = Energy(after.milli - before.milli, after.unit)
            results = [
                (name, day_matches(by_stamp, start, end, delta, stamp)) for stamp, name in stampings
            ]
            judged = [(name, r) for name, r in results if r is not None]
            if not judged:
                unjudged.append(f"{fmt(start)}: the day's half hours fall outside the read")
                continue
            ok = any(r[0] for _, r in judged)
            case.expect(
                ok,
                expected=f"the half hours of the local day from {fmt(start)} ({when}) sum to "
                f"its register difference ({', '.join(n for n, _ in judged)} stamps)",
                observed="; ".join(f"{name} stamps: {r[1]}" for name, r in judged),
            )
    if unjudged:
        case.inconclusive(
            "the profile's values could not be summed against the register for some days",
            observed="; ".join(unjudged),
        )
