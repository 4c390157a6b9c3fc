"""Lazy catch-up: virtual time passing over a meter, half hour by half hour.

``catch_up(now)`` walks from the instant the meter last reached to ``now``. Within a
half hour, consumption accrues in segments cut only by timed events (a billing instant, a
future-dated command); each segment feeds the registers, the block counters and, in
prepayment mode, the balance. At each half-hour boundary the meter closes the profile
entry, then, in this order, what happens at that instant:

1. time-based debt recovery for each recovery period that ends there;
2. the start of the meter's UTC day (00:00 UTC): counters that reset on the UTC day
   reset, and a daily log kept by UTC day opens its record (``CounterReset``, ``LogDay``);
3. local midnight: the daily snapshot, the counters reset by it, the standing charge, and
   the new local day's rates and non-disablement periods;
4. billing calendar snapshots and future-dated commands due then.

The gas meter's BST effects come out of that order and nothing else: in GMT, 00:00 UTC
and local midnight are one instant and (2) precedes (3), so counters reset on the UTC day
read 0 in the snapshot; in BST local midnight is 23:00 UTC and they hold 23 hours.

Cost is O(half hours) with a small constant: per segment two load-profile lookups and a
few integer operations, per day one tariff lookup (cached by day profile).
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from s1sr.emulator import london
from s1sr.emulator.clock import ClockError
from s1sr.emulator.load_profile import LoadProfile
from s1sr.emulator.meter.behaviour import CounterReset, LogDay
from s1sr.emulator.meter.registers import LogKind
from s1sr.emulator.meter.state import MeterState
from s1sr.models.dates import require_utc

SLOT = london.SLOT
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_ONE_DAY = timedelta(days=1)

Action = Callable[[datetime], None]


class Timeline:
    """Where a meter is in time, and the walk that brings it forward."""

    def __init__(self, state: MeterState, start: datetime) -> None:
        start = require_utc(start, "start").astimezone(UTC)
        self.state = state
        self.at = start
        self._pending: list[tuple[datetime, int, Action]] = []
        self._sequence = itertools.count()
        self.slot_start = start.replace(
            minute=start.minute - start.minute % 30, second=0, microsecond=0
        )
        self.slot_end = self.slot_start + SLOT
        self.slot_milli = 0
        # (profile, instant, its milli_at): the end of one segment is the start of the next,
        # so each half hour looks the load profile up once, not twice
        self._mark: tuple[LoadProfile | None, datetime, int] = (None, start, 0)
        self.next_utc_midnight = london.utc_day_start(start.date() + _ONE_DAY)
        self._ndc_carry = False
        self._begin_day(london.local_day_of(start))
        self.slot_index = (self.slot_start - self.day_start) // SLOT
        self._begin_slot()

    # -- what the meter asks -------------------------------------------------------------

    def schedule(self, at: datetime, action: Action) -> None:
        """Run ``action(at)`` when virtual time reaches ``at`` (a future-dated command)."""
        heapq.heappush(self._pending, (at, next(self._sequence), action))

    def refresh(self, *, rates: bool = False, ndc: bool = False) -> None:
        """A request changed the mode or the balance (and the tariff, or the NDC): re-read."""
        if rates:
            self.day_codes = self.state.plan.day_codes(self.day)
        if ndc:
            self._day_ndc = self._ndc_flags(carried=False)
        self._begin_slot()

    @property
    def supply_enabled(self) -> bool:
        return not self.slot_off

    # -- the walk ------------------------------------------------------------------------

    def catch_up(self, now: datetime) -> None:
        now = require_utc(now, "now")
        if now < self.at:
            raise ClockError(f"the meter is at {self.at.isoformat()}, asked for {now}")
        while self.at < now:
            timed = self._next_timed()
            self._whole_slots(now, timed)
            if self.at == now:
                break
            stop = self.slot_end if self.slot_end < now else now
            if timed is not None and timed < stop:
                stop = timed
            if stop > self.at:
                self._accrue(self.at, stop)
                self.at = stop
            if stop == self.slot_end:
                self._end_slot()
            if timed is not None and timed <= stop:
                self._run_timed(stop)

    def _whole_slots(self, now: datetime, timed: datetime | None) -> None:
        """The walk's fast lane: the half hours from ``self.at`` that end by ``now``, before
        ``timed`` and not at a UTC or local midnight, where all that happens is ``_accrue``
        then ``_end_slot``'s profile entry, hourly debt recovery and next slot. The same
        steps in the same order, inlined: most of a suite run is meters catching up days."""
        state, end = self.state, self.slot_end
        if end > now or (timed is not None and end >= timed):
            return
        prepay, account, registers = state.prepayment, state.account, state.registers
        wh, numerators, ndc = state.measure.wh, state.plan.tou_numerators, self._day_ndc
        profile, append = state.load_profile, state.profile_log.append
        codes, index, code, off = self.day_codes, self.slot_index, self.slot_code, self.slot_off
        midnight, day_end = self.next_utc_midnight, self.day_end
        at, start, slot_milli = self.at, self.slot_start, self.slot_milli
        profile_at, mark_at, milli = self._mark
        if profile_at is not profile or mark_at != at:
            milli = profile.milli_at(at)
        marks = profile.day_marks(self.day)  # the lane stops before day_end: one local day
        while end <= now and end != midnight and end != day_end and (timed is None or end < timed):
            after = marks[index + 1]
            used, milli = after - milli, after
            if used and not off:
                before = registers.import_native
                registers.import_native = before + used
                slot_milli += used
                if code >= 0:
                    registers.tou[code] += used
                    units = numerators[code] * (wh(before + used) - wh(before))
                else:
                    units = self._accrue_block(-code - 1, before, used)
                if prepay:
                    pence, account.cost_remainder = divmod(
                        account.cost_remainder + units, account.cost_denominator
                    )
                    if pence:
                        account.charge(pence)
            append(start, slot_milli, registers.import_native)
            at = start = end
            end, slot_milli = end + SLOT, 0
            index += 1
            code = codes[index]
            if prepay:
                if at.minute == 0 and account.recovering:
                    account.recover_time_debt(int((at - EPOCH).total_seconds()))
                off = state.below_disablement_threshold and not (ndc is not None and ndc[index])
        self.at, self.slot_start, self.slot_end, self.slot_milli = at, start, end, slot_milli
        self.slot_index, self.slot_code, self.slot_off = index, code, off
        self._mark = (profile, at, milli)

    def _accrue(self, start: datetime, end: datetime) -> None:
        if self.slot_off:
            return
        state = self.state
        profile = state.load_profile
        profile_at, mark_at, milli = self._mark
        if profile_at is not profile or mark_at != start:
            milli = profile.milli_at(start)
        after = profile.milli_at(end)
        self._mark = (profile, end, after)
        used = after - milli
        if not used:
            return
        registers, wh = state.registers, state.measure.wh
        before = registers.import_native
        registers.import_native = before + used
        self.slot_milli += used
        code = self.slot_code
        if code >= 0:
            registers.tou[code] += used
            units = state.plan.tou_numerators[code] * (wh(before + used) - wh(before))
        else:
            units = self._accrue_block(-code - 1, before, used)
        if state.prepayment:
            account = state.account
            pence, account.cost_remainder = divmod(
                account.cost_remainder + units, account.cost_denominator
            )
            if pence:
                account.charge(pence)

    def _accrue_block(self, block: int, before: int, used: int) -> int:
        """Split ``used`` over the block tariff's bands; return its cost in price units.

        Bands are cut where the block period's use crosses a band limit, and each piece is
        priced on the energy of its own stretch of the import register, so the cost and the
        counters do not depend on how catch-up cut time into segments.
        """
        state = self.state
        registers, wh = state.registers, state.measure.wh
        limits, prices = state.band_limits[block], state.plan.block_numerators[block]
        counters = registers.blocks[block]
        consumed = registers.period_native[block]
        registers.period_native[block] = consumed + used
        band = 0
        while band < len(limits) and consumed >= limits[band]:
            band += 1
        if band == len(limits) or consumed + used <= limits[band]:  # one band: most calls
            counters[band] += used
            return prices[band] * (wh(before + used) - wh(before))
        units = 0
        while used:
            piece = min(used, limits[band] - consumed) if band < len(limits) else used
            counters[band] += piece
            units += prices[band] * (wh(before + piece) - wh(before))
            before, consumed, used = before + piece, consumed + piece, used - piece
            band += 1
        return units

    def _end_slot(self) -> None:
        state, at = self.state, self.slot_end
        state.profile_log.append(self.slot_start, self.slot_milli, state.registers.import_native)
        self.slot_start, self.slot_end, self.slot_milli = at, at + SLOT, 0
        self.slot_index += 1
        behaviour = state.behaviour
        if state.prepayment and at.minute == 0 and state.account.recovering:
            state.account.recover_time_debt(int((at - EPOCH).total_seconds()))
        if at == self.next_utc_midnight:
            self.next_utc_midnight = at + _ONE_DAY
            if behaviour.daily_block_counters is CounterReset.UTC_MIDNIGHT:
                state.registers.reset(LogKind.DAILY)
            if behaviour.billing_block_counters is CounterReset.UTC_MIDNIGHT:
                state.registers.reset(LogKind.BILLING)
            if behaviour.daily_log_day is LogDay.UTC:
                state.daily_log.open_day(at)
        if at == self.day_end:
            if behaviour.daily_block_counters is CounterReset.JUST_BEFORE:
                state.registers.reset(LogKind.DAILY)
            state.daily_log.write(state.daily_reading(at))
            if behaviour.daily_block_counters is CounterReset.AT_SNAPSHOT:
                state.registers.reset(LogKind.DAILY)
            if state.prepayment:
                state.account.charge_standing(state.plan.standing_charge_per_day)
            self._begin_day(self.day + _ONE_DAY)
            self.slot_index = 0
        self._begin_slot()

    def _next_timed(self) -> datetime | None:
        billing = self.state.billing
        timed = billing.next_at if billing is not None else None
        if self._pending and (timed is None or self._pending[0][0] < timed):
            timed = self._pending[0][0]
        return timed

    def _run_timed(self, at: datetime) -> None:
        """Billing snapshots, then future-dated commands (whose NDC starts with no carry-over)."""
        state = self.state
        billing = state.billing
        while billing is not None and billing.next_at <= at:
            unit = state.behaviour.billing_log_counter_unit
            if state.behaviour.billing_block_counters is CounterReset.JUST_BEFORE:
                state.registers.reset(LogKind.BILLING)
            state.billing_log.append(state.billing_snapshot(billing.next_at, LogKind.BILLING, unit))
            if state.behaviour.billing_block_counters is CounterReset.AT_SNAPSHOT:
                state.registers.reset(LogKind.BILLING)
            billing.advance()
        ran = False
        while self._pending and self._pending[0][0] <= at:
            due, _, action = heapq.heappop(self._pending)
            action(due)
            ran = True
        if ran:
            self.refresh(rates=True, ndc=True)

    # -- days and slots --------------------------------------------------------------------

    def _begin_day(self, day: date) -> None:
        self.day = day
        self.day_start = london.local_midnight_utc(day)
        self.day_end = london.local_midnight_utc(day + _ONE_DAY)
        self.day_codes = self.state.plan.day_codes(day)
        self._day_ndc = self._ndc_flags(carried=self._ndc_carry)

    def _ndc_flags(self, *, carried: bool) -> tuple[bool, ...] | None:
        ndc = self.state.ndc
        if ndc is None:
            self._ndc_carry = False
            return None
        local, self._ndc_carry = ndc.day_flags(self.day, carried)
        return tuple(local[s] for s in london.local_slots(self.day))

    def _begin_slot(self) -> None:
        state = self.state
        self.slot_code = self.day_codes[self.slot_index]
        self.slot_off = (
            state.prepayment
            and state.below_disablement_threshold
            and not (self._day_ndc is not None and self._day_ndc[self.slot_index])
        )
