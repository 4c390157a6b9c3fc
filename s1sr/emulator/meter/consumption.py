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

Cost: per day, a few stretches on one rate (their consumption a difference of the day's
precomputed marks, their cost one multiplication) and the day's work (snapshot, rates,
non-disablement periods, each shared by meters alike where it can be); per half hour only
its profile entry. Where nothing happens at 00:00 UTC the walk goes over it. Hourly debt recovery, a
balance crossing the disablement threshold and negative prices are walked half hour by
half hour, as is the tested reference (``_slot_by_slot``).
"""

from __future__ import annotations

import heapq
import itertools
import operator
from bisect import bisect_right
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from s1sr.emulator import london
from s1sr.emulator.clock import ClockError
from s1sr.emulator.load_profile import LoadProfile
from s1sr.emulator.meter.behaviour import CounterReset, LogDay, MeterBehaviour
from s1sr.emulator.meter.caches import shared_table
from s1sr.emulator.meter.prepay import Account
from s1sr.emulator.meter.registers import LogKind
from s1sr.emulator.meter.state import MeterState
from s1sr.emulator.meter.tariff import TariffPlan
from s1sr.models import PaymentMode
from s1sr.models.dates import require_utc

SLOT = london.SLOT
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
EPOCH_DAY = EPOCH.date()
_RUN_FROM = 8  # half hours: fewer (a driver polling) cost less walked one by one
_DAYS_CACHED = 4096  # per plan
_PLANS_CACHED = 64
_SHARED_CODES: dict[tuple[object, ...], dict[date, tuple[int, ...]]] = {}
_ONE_DAY = timedelta(days=1)
_PREPAYMENT = PaymentMode.PREPAYMENT  # ``state.mode is _PREPAYMENT``: asked at every boundary

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
        self._rising: tuple[TariffPlan | None, bool] = (None, False)
        self._changes: tuple[tuple[int, ...], list[int]] = ((), [])
        self._codes_of: tuple[TariffPlan | None, dict[date, tuple[int, ...]]] = (None, {})
        self._marks_of: tuple[LoadProfile | None, date, tuple[int, ...]] = (None, EPOCH_DAY, ())
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
            self.day_codes = self._codes(self.day)
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
        ``timed`` and before ``_lane_end`` (a 00:00 UTC where something happens that is
        not a local midnight), where all that happens is ``_accrue`` then ``_end_slot``'s
        profile entry, hourly debt recovery, the local midnight's work (``_boundary``) and
        next slot.

        Most of a suite run is meters catching up days, so the lane takes them in runs, not
        half hours: a run is supply on or off throughout; on, each stretch on one rate adds
        its consumption (a difference of the day's marks) and its cost at once, which is
        what the half hours add one by one (costs telescope: ``wh`` of the register's ends,
        band pieces cut where the block period's use crosses a limit, pence and remainder
        one ``divmod`` of the sum); the run's profile entries go to the log together. Supply
        switches only where the balance crosses the threshold (the rest of the lane is then
        walked half hour by half hour, ``_slot_by_slot``) or a non-disablement period
        starts or ends; hourly debt recovery and falling prices (negative) are walked too
        (daily recovery happens at 00:00 UTC, where the lane then stops). Runs are cut at
        local midnight, where the lane does the day's work and walks on into the next day
        (the slot walk stops before it and leaves it to ``_end_slot``).
        """
        state = self.state
        n = self._lane_length(now, timed)
        while n > 0:
            if n < _RUN_FROM or (
                state.mode is _PREPAYMENT
                and (_recovers_within_day(state.account) or not self._prices_rise())
            ):
                self._slot_by_slot(now, timed)
                return
            slots, first = len(self.day_codes), self.slot_index
            stop = min(first + n, slots)  # runs are cut at local midnight
            profile = state.load_profile
            marks = self._marks()
            profile_at, mark_at, milli = self._mark
            if profile_at is not profile or mark_at != self.at:
                milli = profile.milli_at(self.at)
            while self.slot_index < stop:
                run = self._off_run if self.slot_off else self._on_run
                if not run(stop, marks, milli):
                    self._slot_by_slot(now, timed)
                    return
                if self.slot_index == 0:  # the day ended (``_settle``): the next one
                    break
                milli = marks[self.slot_index]
            else:
                return  # the lane ends within the day
            # ``_lane_length`` from the new day's start: ``now`` and ``timed`` as far off
            # less the half hours walked; a 00:00 UTC the lane must stop at may lie ahead
            n -= slots - first
            midnight = self._lane_end()
            if n > 0 and midnight is not None:
                n = min(n, (midnight - self.slot_end) // SLOT)

    def _lane_length(self, now: datetime, timed: datetime | None) -> int:
        """How many half hours from ``slot_end`` the lane walks (see ``_whole_slots``)."""
        end = self.slot_end
        if end > now:
            return 0
        n = (now - end) // SLOT + 1
        midnight = self._lane_end()
        if midnight is not None:
            n = min(n, (midnight - end) // SLOT)
        if timed is not None:
            n = min(n, -((end - timed) // SLOT))  # those ending before ``timed``
        return max(n, 0)

    def _lane_end(self) -> datetime | None:
        """Where the lane stops whatever ``now``: the next 00:00 UTC, if anything happens
        there (a counter reset or a daily log record kept by the UTC day, time-based debt
        recovered) and it is not a local midnight (the lane does a local midnight's work,
        ``_boundary``); for most meters nothing does, and the lane walks over it
        (``_passed_utc_midnight``)."""
        midnight = self.next_utc_midnight
        if midnight == self.day_end:
            return None
        state = self.state
        behaviour = state.behaviour
        if (
            behaviour.daily_block_counters is CounterReset.UTC_MIDNIGHT
            or behaviour.billing_block_counters is CounterReset.UTC_MIDNIGHT
            or behaviour.daily_log_day is LogDay.UTC
            or (state.mode is _PREPAYMENT and state.account.recovering)
        ):
            return midnight
        return None

    def _passed_utc_midnight(self, upto: datetime) -> None:
        """The lane walked over 00:00 UTC (up to ``upto``), where nothing happened."""
        while self.next_utc_midnight <= upto:
            self.next_utc_midnight += _ONE_DAY

    def _prices_rise(self) -> bool:
        """Whether no price of the tariff is negative, so the balance only falls as the lane
        charges: a run that ends above the threshold never crossed it."""
        plan = self.state.plan
        if self._rising[0] is not plan:
            rows = (plan.tou_numerators, *plan.block_numerators)
            self._rising = (plan, all(price >= 0 for row in rows for price in row))
        return self._rising[1]

    def _off_run(self, stop: int, marks: tuple[int, ...], milli: int) -> bool:
        """Supply off from ``slot_index`` until a non-disablement period turns it on: nothing
        accrues, the balance stays below the threshold, each half hour logs what it held."""
        if not self.state.below_disablement_threshold:  # never so: slot_off is kept fresh
            return False
        index, ndc = self.slot_index, self._day_ndc
        end = stop if ndc is None else _first(ndc, True, index + 1, stop)
        registers = self.state.registers
        entries = [self.slot_milli] + [0] * (end - index - 1)
        self.state.profile_log.extend(self.slot_start, entries, registers.import_native)
        self._settle(end, marks)
        return True

    def _on_run(self, stop: int, marks: tuple[int, ...], milli: int) -> bool:
        """Supply on from ``slot_index``: to ``stop``, or, below the threshold, as long as it
        stays on. False, having walked no further than a rate change, where the balance
        would cross the threshold within the next stretch."""
        state, index = self.state, self.slot_index
        prepay, below = state.mode is _PREPAYMENT, state.below_threshold
        end = stop
        guard = prepay
        if prepay and below(state.account.balance):
            # on below the threshold: through the non-disablement period keeping it on, or
            # to the end of a half hour the balance fell below it in (supply switches off
            # only as a half hour begins)
            ndc = self._day_ndc
            end = index + 1 if ndc is None else _first(ndc, False, index + 1, stop)
            guard = False
        registers, account = state.registers, state.account
        wh, numerators = state.measure.wh, state.plan.tou_numerators
        codes, changes = self.day_codes, self._rate_changes()
        at, reached = index, milli
        crossed = False
        while at < end:
            code = codes[at]
            upto = min(end, changes[bisect_right(changes, at)])
            amount = marks[upto] - reached
            if amount:
                before = registers.import_native
                saved = None
                if code >= 0:
                    units = numerators[code] * (wh(before + amount) - wh(before)) if prepay else 0
                else:
                    block = -code - 1
                    if guard:
                        saved = (list(registers.blocks[block]), registers.period_native[block])
                    units = self._accrue_block(block, before, amount)
                if prepay:
                    pence, remainder = divmod(
                        account.cost_remainder + units, account.cost_denominator
                    )
                    if guard and below(account.balance - pence):
                        if saved is not None:
                            registers.blocks[block][:], registers.period_native[block] = saved
                        crossed = True
                        break
                    account.cost_remainder = remainder
                    if pence:
                        account.charge(pence)
                registers.import_native = before + amount
                if code >= 0:
                    registers.tou[code] += amount
            at, reached = upto, marks[upto]
        if at > index:
            entries = list(map(operator.sub, marks[index + 1 : at + 1], marks[index:at]))
            entries[0] = self.slot_milli + marks[index + 1] - milli
            state.profile_log.extend(self.slot_start, entries, registers.import_native)
            self._settle(at, marks)
        return not crossed

    def _rate_changes(self) -> list[int]:
        """The slot indexes of the day where the rate changes, and the day's end (cached by
        the day's codes, which the plan shares between days on one day profile)."""
        codes = self.day_codes
        if self._changes[0] is not codes:
            changes = [k for k in range(1, len(codes)) if codes[k] != codes[k - 1]]
            self._changes = (codes, [*changes, len(codes)])
        return self._changes[1]

    def _settle(self, index: int, marks: tuple[int, ...]) -> None:
        """The lane has walked to the start of the day's half hour ``index``."""
        self.at = self.slot_start = start = self.day_start + index * SLOT
        self.slot_end, self.slot_milli, self.slot_index = start + SLOT, 0, index
        self._mark = (self.state.load_profile, start, marks[index])
        if index < len(self.day_codes):
            self._passed_utc_midnight(start)
            self._begin_slot()
        else:  # local midnight, and 00:00 UTC if it is one: the day's work
            self._passed_utc_midnight(start - SLOT)
            self._boundary(start)

    def _slot_by_slot(self, now: datetime, timed: datetime | None) -> None:
        """The lane a half hour at a time: hourly debt recovery, a balance crossing the
        threshold, negative prices; and the reference the run lane is tested against."""
        state, end = self.state, self.slot_end
        if end > now or (timed is not None and end >= timed):
            return
        prepay, account, registers = state.mode is _PREPAYMENT, state.account, state.registers
        wh, numerators, ndc = state.measure.wh, state.plan.tou_numerators, self._day_ndc
        profile, append = state.load_profile, state.profile_log.append
        codes, index, code, off = self.day_codes, self.slot_index, self.slot_code, self.slot_off
        midnight, day_end = self._lane_end() or self.day_end, self.day_end
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
        self._passed_utc_midnight(at)

    def _accrue(self, start: datetime, end: datetime) -> None:
        if self.slot_off:
            return
        state = self.state
        profile = state.load_profile
        profile_at, mark_at, milli = self._mark
        if profile_at is not profile or mark_at != start:
            milli = profile.milli_at(start)
        if end == self.slot_end:  # the day's marks hold every half-hour boundary
            after = self._marks()[self.slot_index + 1]
        else:
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
        if state.mode is _PREPAYMENT:
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
        self._boundary(at)

    def _boundary(self, at: datetime) -> None:
        """What happens at ``at``, the start of the half hour the walk has reached."""
        state = self.state
        behaviour = state.behaviour
        if state.mode is _PREPAYMENT and at.minute == 0 and state.account.recovering:
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
            state.daily_log.write(state.daily_row(at))
            if behaviour.daily_block_counters is CounterReset.AT_SNAPSHOT:
                state.registers.reset(LogKind.DAILY)
            if state.mode is _PREPAYMENT:
                state.account.charge_standing(state.plan.standing_charge_per_day)
            self._begin_day(self.day + _ONE_DAY, at)
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
            state.billing_log.append(state.billing_row(billing.next_at, LogKind.BILLING, unit))
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

    def _begin_day(self, day: date, start: datetime | None = None) -> None:
        """The local ``day`` begins (at ``start``, its midnight, when the walk knows it)."""
        self.day = day
        self.day_start = london.local_midnight_utc(day) if start is None else start
        self.day_end = london.local_midnight_utc(day + _ONE_DAY)
        self.day_codes = self._codes(day)
        self._day_ndc = self._ndc_flags(carried=self._ndc_carry)

    def _codes(self, day: date) -> tuple[int, ...]:
        """``plan.day_codes(day)``, shared by every meter on an equal plan (each test builds
        its meters and sends the same few tariffs, then walks the same days)."""
        plan = self.state.plan
        if self._codes_of[0] is not plan:
            self._codes_of = (plan, _shared_codes(plan, self.state.behaviour))
        cache = self._codes_of[1]
        codes = cache.get(day)
        if codes is None:
            if len(cache) >= _DAYS_CACHED:
                cache.clear()
            codes = cache[day] = plan.day_codes(day)
        return codes

    def _marks(self) -> tuple[int, ...]:
        """The load profile's marks of the current day (see ``LoadProfile.day_marks``)."""
        profile, day = self.state.load_profile, self.day
        held = self._marks_of
        if held[0] is not profile or held[1] != day:
            held = self._marks_of = (profile, day, profile.day_marks(day))
        return held[2]

    def _ndc_flags(self, *, carried: bool) -> tuple[bool, ...] | None:
        ndc = self.state.ndc
        if ndc is None:
            self._ndc_carry = False
            return None
        local, self._ndc_carry = ndc.day_flags(self.day, carried)
        if self.day_end - self.day_start == _ONE_DAY:  # its slots in local order
            return local
        return tuple(local[s] for s in london.local_slots(self.day))

    def _begin_slot(self) -> None:
        state = self.state
        self.slot_code = self.day_codes[self.slot_index]
        self.slot_off = (
            state.mode is _PREPAYMENT
            and state.below_disablement_threshold
            and not (self._day_ndc is not None and self._day_ndc[self.slot_index])
        )


def _first(flags: tuple[bool, ...], value: bool, start: int, stop: int) -> int:
    """The first index in [start, stop) whose flag is ``value``, else ``stop``."""
    try:
        return flags.index(value, start, stop)
    except ValueError:
        return stop


def _recovers_within_day(account: Account) -> bool:
    """Whether time-based debt is recovered at an hour other than 00:00 UTC: the lane walks
    such hours one by one (recovery per UTC day or longer acts only at 00:00 UTC)."""
    return account.recovering and any(
        rate is not None and debt > 0 and rate.period.seconds % 86400
        for rate, debt in zip(account.recoveries, account.time_debts, strict=True)
    )


def _shared_codes(plan: TariffPlan, behaviour: MeterBehaviour) -> dict[date, tuple[int, ...]]:
    """The day codes cache of every plan of ``plan.request`` read as ``behaviour`` reads
    seasons (``MeterState`` builds each plan from those two, and a plan is its request)."""
    key = (plan.request, behaviour.follows_season_calendar, behaviour.season_lookup)
    return shared_table(_SHARED_CODES, key, _PLANS_CACHED)
