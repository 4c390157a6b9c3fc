"""VirtualClock, Deadline and Timers: virtual time that only moves forwards, never sleeps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s1sr.emulator.clock import Clock, ClockError, SystemClock, VirtualClock
from s1sr.emulator.timers import Deadline, Timers
from s1sr.models import ModelError, utc

LONDON = ZoneInfo("Europe/London")


class TestVirtualClock:
    def test_starts_where_told(self, clock):
        assert clock.now() == utc(2024, 1, 1, 12)

    def test_both_clocks_satisfy_the_protocol(self, clock):
        assert isinstance(clock, Clock)
        assert isinstance(SystemClock(), Clock)

    def test_advance_moves_forwards_and_returns_the_new_instant(self, clock):
        assert clock.advance(timedelta(hours=36)) == utc(2024, 1, 3)
        assert clock.now() == utc(2024, 1, 3)

    def test_zero_advance_and_setting_now_are_allowed(self, clock):
        clock.advance(timedelta(0))
        clock.set(utc(2024, 1, 1, 12))
        assert clock.now() == utc(2024, 1, 1, 12)

    def test_set_jumps_forwards(self, clock):
        clock.set(utc(2030, 6, 1))
        assert clock.now() == utc(2030, 6, 1)

    def test_set_backwards_is_refused_and_time_is_unchanged(self, clock):
        with pytest.raises(ClockError, match=r"only moves forwards.*2024-01-01T11:59:59"):
            clock.set(utc(2024, 1, 1, 11, 59, 59))
        assert clock.now() == utc(2024, 1, 1, 12)

    def test_negative_advance_is_refused(self, clock):
        with pytest.raises(ClockError, match="must not be negative"):
            clock.advance(timedelta(seconds=-1))
        assert clock.now() == utc(2024, 1, 1, 12)

    def test_advance_needs_a_timedelta(self, clock):
        with pytest.raises(ClockError, match="timedelta"):
            clock.advance(60)

    @pytest.mark.parametrize(
        "start",
        [datetime(2024, 1, 1), datetime(2024, 7, 1, tzinfo=LONDON)],
        ids=["naive", "london-summer"],
    )
    def test_start_must_be_utc(self, start):
        with pytest.raises(ModelError, match="UTC"):
            VirtualClock(start)

    def test_zero_offset_zone_is_normalised_to_utc(self):
        clock = VirtualClock(datetime(2024, 1, 1, tzinfo=LONDON))
        assert clock.now().tzinfo is UTC
        assert clock.now() == utc(2024, 1, 1)

    @given(
        st.lists(
            st.one_of(
                st.tuples(st.just("advance"), st.integers(-(10**6), 10**8)),
                st.tuples(st.just("set"), st.integers(-(10**8), 10**8)),
            ),
            max_size=40,
        )
    )
    def test_time_never_goes_backwards(self, moves):
        clock = VirtualClock(utc(2024, 1, 1))
        for kind, seconds in moves:
            before = clock.now()
            try:
                if kind == "advance":
                    clock.advance(timedelta(seconds=seconds))
                else:
                    clock.set(before + timedelta(seconds=seconds))
            except ClockError:
                assert seconds < 0
                assert clock.now() == before
            else:
                assert clock.now() == before + timedelta(seconds=seconds)
            assert clock.now() >= before


class TestDeadline:
    def test_expires_exactly_at_the_timeout(self, clock):
        deadline = Deadline.after(clock, timedelta(seconds=30))
        assert deadline.at == utc(2024, 1, 1, 12, 0, 30)
        assert not deadline.expired(utc(2024, 1, 1, 12, 0, 29))
        assert deadline.expired(utc(2024, 1, 1, 12, 0, 30))

    def test_remaining_counts_down_and_stops_at_zero(self, clock):
        deadline = Deadline.after(clock, timedelta(seconds=30))
        assert deadline.remaining(utc(2024, 1, 1, 12, 0, 10)) == timedelta(seconds=20)
        assert deadline.remaining(utc(2024, 1, 1, 13)) == timedelta(0)

    def test_negative_timeout_is_refused(self, clock):
        with pytest.raises(ClockError):
            Deadline.after(clock, timedelta(seconds=-5))

    def test_naive_instant_is_refused(self):
        with pytest.raises(ModelError):
            Deadline(datetime(2024, 1, 1))


class TestTimers:
    def test_nothing_fires_before_its_time(self, clock, timers):
        fired = []
        timers.after(timedelta(seconds=60), fired.append)
        assert timers.run_due() == 0
        clock.advance(timedelta(seconds=59))
        assert timers.run_due() == 0
        assert fired == []

    def test_fires_once_due_with_its_due_instant(self, clock, timers):
        fired = []
        timers.after(timedelta(seconds=60), fired.append)
        clock.advance(timedelta(hours=2))
        assert timers.run_due() == 1
        assert timers.run_due() == 0
        assert fired == [utc(2024, 1, 1, 12, 1)]

    def test_fire_in_time_order_then_scheduling_order(self, clock, timers):
        order = []
        timers.schedule(utc(2024, 1, 1, 13), lambda at: order.append("late"))
        timers.schedule(utc(2024, 1, 1, 12, 30), lambda at: order.append("first"))
        timers.schedule(utc(2024, 1, 1, 12, 30), lambda at: order.append("second"))
        clock.advance(timedelta(hours=1))
        timers.run_due()
        assert order == ["first", "second", "late"]

    def test_run_until_stops_the_clock_at_each_due_instant(self, clock, timers):
        seen = []
        for minutes in (5, 1, 3):
            timers.after(timedelta(minutes=minutes), lambda at: seen.append((at, clock.now())))
        assert timers.advance(timedelta(minutes=10)) == 3
        assert [at for at, _ in seen] == [utc(2024, 1, 1, 12, m) for m in (1, 3, 5)]
        assert all(at == now for at, now in seen)
        assert clock.now() == utc(2024, 1, 1, 12, 10)

    def test_callbacks_may_schedule_more_timers_in_the_window(self, clock, timers):
        fired = []

        def again(at):
            fired.append(at)
            if len(fired) < 3:
                timers.after(timedelta(minutes=1), again)

        timers.after(timedelta(minutes=1), again)
        timers.advance(timedelta(minutes=10))
        assert fired == [utc(2024, 1, 1, 12, m) for m in (1, 2, 3)]

    def test_cancelled_timer_never_fires(self, clock, timers):
        fired = []
        timer = timers.after(timedelta(seconds=60), fired.append)
        assert timer.cancel() is True
        assert timer.cancel() is False
        assert timers.next_due() is None
        assert timers.pending() == 0
        timers.advance(timedelta(hours=1))
        assert fired == []

    def test_fired_timer_cannot_be_cancelled(self, clock, timers):
        timer = timers.after(timedelta(0), lambda at: None)
        timers.run_due()
        assert timer.fired is True
        assert timer.cancel() is False

    def test_past_instant_fires_on_the_next_run(self, clock, timers):
        fired = []
        timers.schedule(utc(2024, 1, 1, 11), fired.append)
        assert timers.run_due() == 1
        assert fired == [utc(2024, 1, 1, 11)]

    def test_next_due_and_pending(self, timers):
        assert timers.next_due() is None
        timers.schedule(utc(2024, 1, 2), lambda at: None)
        timers.schedule(utc(2024, 1, 1, 18), lambda at: None)
        assert timers.next_due() == utc(2024, 1, 1, 18)
        assert timers.pending() == 2

    def test_run_until_the_past_is_refused(self, timers):
        with pytest.raises(ClockError, match="back to"):
            timers.run_until(utc(2024, 1, 1))

    def test_a_system_clock_cannot_be_run_forwards(self):
        with pytest.raises(ClockError, match="VirtualClock"):
            Timers(SystemClock()).advance(timedelta(seconds=1))

    def test_negative_delay_is_refused(self, timers):
        with pytest.raises(ClockError):
            timers.after(timedelta(seconds=-1), lambda at: None)


class TestS1spTimeoutInVirtualTime:
    """The pattern the S1SP layer uses to turn a device's silence into S1CE20."""

    TIMEOUT = timedelta(seconds=120)

    def _forward(self, timers, outcomes):
        return timers.after(self.TIMEOUT, lambda at: outcomes.append(("S1CE20", at)))

    def test_silent_device_times_out_exactly_at_the_timeout(self, clock, timers):
        outcomes = []
        self._forward(timers, outcomes)
        timers.advance(timedelta(hours=1))
        assert outcomes == [("S1CE20", utc(2024, 1, 1, 12, 2))]

    def test_answering_device_cancels_the_timeout(self, clock, timers):
        outcomes = []
        timeout = self._forward(timers, outcomes)
        timers.advance(timedelta(seconds=30))
        timeout.cancel()
        outcomes.append(("answered", clock.now()))
        timers.advance(timedelta(hours=1))
        assert outcomes == [("answered", utc(2024, 1, 1, 12, 0, 30))]
