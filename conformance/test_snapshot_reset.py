"""Gas block counters reset before the snapshot: 18.18(f) (4.4.3) and 18.21(e) (4.6.1).

The catalogue's reading: a mapped gas meter resets its block counters at 00:00 UTC and
takes the snapshot at local (Europe/London) midnight, so a snapshot's counters hold the
consumption from 00:00 UTC to the snapshot: nothing in GMT (the same instant), 23 hours in
BST (local midnight is 23:00 UTC). A baseline meter snapshots before it resets: each
snapshot holds the whole period since the previous one (23 or 25 hours on change days).

One block tariff is in force all day, so the sum of a snapshot's counters is the
consumption of the period they cover. The test lives through four windows of days: GMT in
January, the spring change, BST in June and the autumn change, with every expected instant
computed in UTC from the London calendar. Periods are measured with the gas register
(between two snapshots) or, for part of a day, the half-hourly profile (4.8.1) where the
meter answers it. Block counters reported in kWh and a register in m3 are related through
the meter's own conversion factor, measured where a snapshot's counters and register cover
the same period (every snapshot on the baseline; the spring change day when mapped).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest

from s1sr.models import (
    BillingCalendarBillingLogRequest,
    BillingCalendarBillingLogResponse,
    DailyReadLogRequest,
    DailyReadLogResponse,
    Energy,
    ProfileDataRequest,
    ProfileDataResponse,
    ProfileEntry,
    utc,
)
from s1sr.pytest_plugin import Case

START = utc(2024, 1, 15, 12)
MARGIN = timedelta(minutes=1)


@dataclass(frozen=True)
class Snapshot:
    at: datetime
    register: Energy
    counters: tuple[Energy, ...]


@dataclass(frozen=True)
class Window:
    name: str
    read_at: datetime  # when the log is read
    first: date  # the local day whose midnight opens the window (the first snapshot's previous)
    last: date  # the local day whose midnight is the last snapshot checked


WINDOWS = (
    Window("GMT, mid-January", utc(2024, 1, 19, 12), date(2024, 1, 16), date(2024, 1, 19)),
    Window("the spring change", utc(2024, 4, 3, 12), date(2024, 3, 28), date(2024, 4, 3)),
    Window("BST, mid-June", utc(2024, 6, 14, 12), date(2024, 6, 10), date(2024, 6, 14)),
    Window("the autumn change", utc(2024, 10, 29, 12), date(2024, 10, 24), date(2024, 10, 29)),
)


def fmt(instant: datetime) -> str:
    return f"{instant:%Y-%m-%d %H:%M}Z"


class Judge:
    """Checks each snapshot's counters against the period the clause (or baseline) says
    they cover, carrying the counter-per-register factor from one window to the next."""

    def __init__(self, case: Case, london) -> None:
        self.case = case
        self.london = london
        self.factor: float | None = None  # counter milli per register milli
        self.calibration: tuple[int, int] | None = None  # (counters, register) it came from
        self.lines: list[str] = []  # one per snapshot: what was expected and seen
        self.wrong: list[str] = []

    def covered_from(self, previous: Snapshot, current: Snapshot) -> datetime:
        if self.case.mapped:
            return self.london.utc_day_start(current.at)
        return previous.at

    def check(
        self, previous: Snapshot, current: Snapshot, profile: tuple[ProfileEntry, ...] | None
    ) -> None:
        units = {c.unit for c in current.counters}
        if not units:
            self.case.inconclusive(
                "a snapshot carries no block counters, although a block tariff is in force",
                observed=f"{fmt(current.at)}: register {current.register}",
            )
        if len(units) > 1:
            self.case.inconclusive(
                "block counters in more than one unit in one snapshot",
                observed=f"{fmt(current.at)}: {', '.join(map(str, current.counters))}",
            )
        total = sum(c.milli for c in current.counters)
        unit = units.pop()
        if unit is current.register.unit:
            self.factor, self.calibration = 1.0, None
        start = self.covered_from(previous, current)
        delta = current.register.milli - previous.register.milli
        hours = (current.at - start) / timedelta(hours=1)
        period = f"{fmt(start)} to {fmt(current.at)} ({hours:g} h)"
        seen = f"{total / 1000} {unit}"
        if start >= current.at:
            self._line(current, total == 0, "0: reset at the snapshot instant", seen)
            return
        if delta <= 0:
            self.case.inconclusive(
                "no consumption accrued between two snapshots, so what the counters hold "
                "cannot be told apart",
                observed=f"register {previous.register} at {fmt(previous.at)} and "
                f"{current.register} at {fmt(current.at)}",
            )
        volume: int | None = None
        if start == previous.at:
            volume = delta
        elif profile is not None:
            volume = sum(
                e.consumption.milli
                for e in profile
                if start <= e.timestamp < current.at
                and e.consumption.unit is previous.register.unit
            )
        if volume is not None and self.factor is None and start == previous.at:
            self.factor, self.calibration = total / delta, (total, delta)
            self._line(
                current, total > 0, f"consumption of {period} (sets the kWh/m3 factor)", seen
            )
            return
        if volume is None or self.factor is None:
            bound = f"more than 0 and at most the whole period since {fmt(previous.at)}"
            limit = None if self.factor is None else self.factor * delta + self._slack(total)
            ok = total > 0 and (limit is None or total <= limit)
            self._line(current, ok, f"consumption of {period}: {bound}", seen)
            return
        expected = self.factor * volume
        slack = self._slack(expected)
        self._line(
            current,
            abs(total - expected) <= slack,
            f"consumption of {period}: {expected / 1000:.3f} {unit} (±{slack / 1000:.3f})",
            seen,
        )

    def _slack(self, expected: float) -> float:
        """Rounding of whole thousandths, and of the measured factor when there is one."""
        slack = 3 + 2 * (self.factor or 1)
        if self.calibration is not None:
            counters, register = self.calibration
            slack += 2 * expected * (1 / counters + 1 / register)
        return slack

    def _line(self, snapshot: Snapshot, ok: bool, expected: str, seen: str) -> None:
        line = f"{fmt(snapshot.at)}: expected {expected}, counters {seen}"
        self.lines.append(line)
        if not ok:
            self.wrong.append(line)


def run_windows(case: Case, steps, london, read) -> None:
    judge = Judge(case, london)
    for window in WINDOWS:
        steps.advance_to(window.read_at)
        days = (window.last - window.first).days
        instants = [london.midnight(window.first + timedelta(days=n)) for n in range(days + 1)]
        snapshots = {s.at: s for s in read(instants[0] - MARGIN, instants[-1] + MARGIN)}
        missing = [t for t in instants if t not in snapshots]
        if missing:
            case.inconclusive(
                f"the log lacks the snapshots of {window.name} at local midnight",
                observed="missing " + ", ".join(map(fmt, missing)),
            )
        profile = None
        if case.mapped:
            exchange = case.exchange(ProfileDataRequest(instants[0], instants[-1]))
            body = steps.body(exchange, ProfileDataResponse)
            profile = body.entries if steps.succeeded(exchange) and body is not None else None
        for previous, current in itertools.pairwise(instants):
            judge.check(snapshots[previous], snapshots[current], profile)
    rule = (
        "reset at 00:00 UTC, snapshot at local midnight: 0 in GMT, 00:00-23:00 UTC in BST"
        if case.mapped
        else "snapshot before reset: the whole period since the previous snapshot"
    )
    case.expect(
        not judge.wrong,
        expected=f"block counters as the clause reads ({rule})",
        observed=f"{len(judge.wrong)} of {len(judge.lines)} snapshots differ: "
        + "; ".join(judge.wrong or judge.lines),
    )


@pytest.mark.clause("18.21(e)")
@pytest.mark.srv("4.6.1", "1.1.1", "4.8.1")
def test_daily_snapshot_block_counters_gmt_and_bst(case: Case, build, steps, london) -> None:
    case.set_clock(START)
    steps.setup(build.block_tariff(), "a block tariff (1.1.1)")

    def read(start: datetime, end: datetime) -> list[Snapshot]:
        log = steps.observe(
            DailyReadLogRequest(start, end), "the daily read log (4.6.1)", DailyReadLogResponse
        )
        return [Snapshot(e.timestamp, e.import_register, e.block_counters) for e in log.entries]

    run_windows(case, steps, london, read)


@pytest.mark.clause("18.18(f)")
@pytest.mark.srv("4.4.3", "6.8", "1.1.1", "4.8.1")
def test_billing_snapshot_block_counters_gmt_and_bst(case: Case, build, steps, london) -> None:
    case.set_clock(START)
    steps.setup(build.block_tariff(), "a block tariff (1.1.1)")
    steps.setup(
        build.daily_billing_calendar(london.next_midnight(START)),
        "a daily billing calendar at local midnight (6.8)",
    )

    def read(start: datetime, end: datetime) -> list[Snapshot]:
        log = steps.observe(
            BillingCalendarBillingLogRequest(start, end),
            "the billing calendar billing data log (4.4.3)",
            BillingCalendarBillingLogResponse,
        )
        return [Snapshot(e.timestamp, e.import_register, e.block_counters) for e in log.entries]

    run_windows(case, steps, london, read)
