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
(between two snapshots). Part of a day (00:00 to 23:00 UTC) is the register difference
times the share of the period's half hours the profile (4.8.1) puts in it: a share needs
no unit, so a profile in m3 or in kWh (the device's own conversion) serves alike. Block
counters reported in kWh and a register in m3 are related through the meter's own
conversion factor, measured where a snapshot's counters and register cover the same
period (every snapshot on the baseline; the spring change day when mapped).

What cannot be measured is bounded and the verdict says so: a part of a day without a
complete profile (refused, gaps, or too little use between 23:00 and 00:00 UTC to tell
23 hours from 24) ends INCONCLUSIVE unless some snapshot is plainly wrong.
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
from s1sr.pytest_plugin.readings import profile_stampings, resolution

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


HALF_HOUR = timedelta(minutes=30)


@dataclass(frozen=True)
class Share:
    """How much of a period's consumption fell in its head (before the counters' reset),
    measured on the profile."""

    head: int  # thousandths of the profile's unit in [whole_start, part_start)
    whole: int  # thousandths of the profile's unit in [whole_start, end)
    head_slots: int
    whole_slots: int

    @property
    def ratio(self) -> float:
        return self.head / self.whole

    step: int  # the profile's resolution, in thousandths

    def slack(self) -> float:
        """Error of head / whole if each half hour carries up to a step of rounding."""
        head, whole = self.head_slots * self.step, self.whole_slots * self.step
        return head / self.whole + self.head * whole / self.whole**2


def share(
    profile: tuple[ProfileEntry, ...],
    whole_start: datetime,
    part_start: datetime,
    end: datetime,
    stamp,
) -> Share | str:
    """How ``[part_start, end)`` shares the consumption of ``[whole_start, end)``, read from
    the profile with ``stamp`` as its timestamping, or why the profile cannot tell."""
    slots = int((end - whole_start) / HALF_HOUR)
    wanted = {stamp(whole_start + n * HALF_HOUR): n for n in range(slots)}
    found: dict[int, int] = {}
    units = set()
    for entry in profile:
        n = wanted.get(entry.timestamp)
        if n is None:
            continue
        if n in found:
            return f"the profile repeats the half hour stamped {fmt(entry.timestamp)}"
        found[n] = entry.consumption.milli
        units.add(entry.consumption.unit)
    if len(found) < slots:
        return f"the profile lacks {slots - len(found)} of the {slots} half hours"
    if len(units) > 1:
        return "the profile mixes units"
    whole = sum(found.values())
    if whole <= 0:
        return "the profile shows no consumption over the period"
    first = int((part_start - whole_start) / HALF_HOUR)
    head = sum(v for n, v in found.items() if n < first)
    return Share(head, whole, first, slots, resolution(list(found.values())))


class Judge:
    """Checks each snapshot's counters against the period the clause (or baseline) says
    they cover, carrying the counter-per-register factor from one window to the next.

    Part of a day is measured through the profile as a share of the register difference
    between the two snapshots, so the profile's unit (m3, or kWh through the device's own
    conversion) never matters: a linear conversion cancels in the share."""

    def __init__(self, case: Case, london) -> None:
        self.case = case
        self.london = london
        self.factor: float | None = None  # counter milli per register milli
        self.calibration: tuple[int, int] | None = None  # (counters, register) it came from
        self.lines: list[str] = []  # one per snapshot: what was expected and seen
        self.wrong: list[str] = []
        self.unmeasured: list[str] = []  # snapshots only bounded, with the reason
        self.counter_step = 1  # the coarsest resolution seen, in thousandths
        self.register_step = 1
        self.counters = 1  # how many counters a snapshot carries
        self.stampings = profile_stampings(case.model)

    def covered_from(self, previous: Snapshot, current: Snapshot) -> datetime:
        if self.case.mapped:
            return self.london.utc_day_start(current.at)
        return previous.at

    def check(
        self,
        previous: Snapshot,
        current: Snapshot,
        profile: tuple[ProfileEntry, ...] | None,
        no_profile: str,
    ) -> None:
        # what leaves a snapshot unjudged is noted, and the other snapshots are still judged
        units = {c.unit for c in current.counters}
        if len(units) != 1:
            why = (
                "no block counters, although a block tariff is in force"
                if not units
                else "block counters in more than one unit"
            )
            self.unmeasured.append(f"{fmt(current.at)}: {why}")
            return
        total = sum(c.milli for c in current.counters)
        unit = units.pop()
        self.counters = len(current.counters)
        self.counter_step = max(self.counter_step, resolution([c.milli for c in current.counters]))
        registers = [previous.register.milli, current.register.milli]
        self.register_step = max(self.register_step, resolution(registers))
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
            self.unmeasured.append(
                f"{fmt(current.at)}: no consumption since {fmt(previous.at)} (registers "
                f"{previous.register} and {current.register}), so what the counters hold "
                "cannot be told apart"
            )
            return
        if start == previous.at:
            if self.factor is None:
                if total > 0:  # counters of 0 for a period with use set no factor
                    self.factor, self.calibration = total / delta, (total, delta)
                self._line(
                    current, total > 0, f"consumption of {period} (sets the kWh/m3 factor)", seen
                )
                return
            self._exact(current, total, self.factor * delta, period, unit, seen)
            return
        if profile is None:
            self._bounded(current, total, delta, period, seen, no_profile)
            return
        readings = [
            (name, share(profile, previous.at, start, current.at, stamp))
            for stamp, name in self.stampings
        ]
        measured = [(name, s) for name, s in readings if isinstance(s, Share)]
        if self.factor is None:
            # without a factor only this is sure: use in the part means counters above 0
            used = bool(measured) and all(
                s.whole - s.head > s.whole_slots * s.step for _, s in measured
            )
            why = "no counter-per-register factor measured yet"
            self._bounded(current, total, None, period, seen, why, positive=used)
            return
        if not measured:
            reasons = "; ".join(f"{name} stamps: {s}" for name, s in readings)
            self._bounded(current, total, delta, period, seen, reasons)
            return
        fits = []
        whole = self.factor * delta
        for name, found in measured:
            expected = whole * (1 - found.ratio)
            slack = self._slack(whole) + whole * found.slack()
            fits.append((abs(total - expected) <= slack, name, expected, slack))
        ok, name, expected, slack = next((f for f in fits if f[0]), fits[0])
        if ok and whole - expected <= 2 * slack:
            why = (
                f"too little consumption between {fmt(previous.at)} and {fmt(start)} to tell "
                "the day since 00:00 UTC from the whole period"
            )
            self._bounded(current, total, delta, period, seen, why)
            return
        how = "" if len(self.stampings) == 1 else f", profile read with {name} stamps"
        self._line(
            current,
            ok,
            f"consumption of {period}: {expected / 1000:.3f} {unit} (±{slack / 1000:.3f}{how})",
            seen,
        )

    def _exact(self, current, total, expected, period, unit, seen) -> None:
        slack = self._slack(expected)
        self._line(
            current,
            abs(total - expected) <= slack,
            f"consumption of {period}: {expected / 1000:.3f} {unit} (±{slack / 1000:.3f})",
            seen,
        )

    def _bounded(
        self, current, total, delta, period, seen, why: str, *, positive: bool = False
    ) -> None:
        """What the counters hold cannot be measured: only bound them, and say so.

        ``positive``: the profile shows use in the period, so the counters are above 0."""
        limit = None if delta is None or self.factor is None else self.factor * delta
        ok = (total > 0 if positive else total >= 0) and (
            limit is None or total <= limit + self._slack(limit)
        )
        bound = "at most the whole period since the previous snapshot"
        if positive:
            bound = "more than 0 (the profile shows use in it) and " + bound
        self._line(current, ok, f"consumption of {period}: {bound} (not measured: {why})", seen)
        self.unmeasured.append(f"{fmt(current.at)}: {why}")

    def _slack(self, expected: float) -> float:
        """Rounding of the counters and registers at their resolution, and of the measured
        factor when there is one."""
        counters = (self.counters + 2) * self.counter_step
        registers = 2 * self.register_step
        slack = counters + registers * (self.factor or 1)
        if self.calibration is not None:
            total, delta = self.calibration
            slack += 2 * expected * (counters / total + registers / delta)
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
        profile, no_profile = None, "the profile data (4.8.1) was not read"
        if case.mapped:
            # an hour beyond the window: wall-clock stamps run an hour ahead in BST
            request = ProfileDataRequest(instants[0], instants[-1] + timedelta(hours=1))
            exchange = case.exchange(request)
            body = steps.body(exchange, ProfileDataResponse)
            if steps.succeeded(exchange) and body is not None:
                profile = body.entries
            else:
                no_profile = f"the profile data (4.8.1) was not answered: {exchange.summary()}"
        for previous, current in itertools.pairwise(instants):
            judge.check(snapshots[previous], snapshots[current], profile, no_profile)
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
    if judge.unmeasured:
        case.inconclusive(
            f"{len(judge.unmeasured)} snapshots could not be judged exactly (no usable "
            "half-hourly profile for part of a day, no counters, or no use), the rest agree",
            observed="; ".join(judge.unmeasured),
        )


@pytest.mark.clause("18.21(e)")
@pytest.mark.srv("4.6.1", "1.1.1", "4.8.1")
def test_daily_snapshot_block_counters_gmt_and_bst(case: Case, build, steps, london) -> None:
    steps.clock_at(START, "a January day before the GMT and BST windows")
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
    steps.clock_at(START, "a January day before the GMT and BST windows")
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
