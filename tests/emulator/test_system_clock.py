"""SystemClock reads the wall clock: the one place freezegun belongs."""

from __future__ import annotations

from datetime import UTC, timedelta

from freezegun import freeze_time

from s1sr.emulator.clock import SystemClock
from s1sr.emulator.timers import Deadline, Timers
from s1sr.models import utc


def test_now_is_the_wall_clock_in_utc():
    with freeze_time("2024-06-01 12:34:56"):
        now = SystemClock().now()
    assert now == utc(2024, 6, 1, 12, 34, 56)
    assert now.utcoffset() == timedelta(0)


def test_now_follows_the_wall_clock():
    clock = SystemClock()
    with freeze_time("2024-06-01 12:00:00") as frozen:
        first = clock.now()
        frozen.tick(timedelta(seconds=90))
        second = clock.now()
    assert second - first == timedelta(seconds=90)


def test_real_timeout_fires_once_the_wall_clock_passes_it():
    with freeze_time("2024-06-01 12:00:00") as frozen:
        clock = SystemClock()
        timers = Timers(clock)
        fired = []
        timers.after(timedelta(seconds=30), fired.append)
        deadline = Deadline.after(clock, timedelta(seconds=30))
        frozen.tick(timedelta(seconds=29))
        assert timers.run_due() == 0
        assert deadline.remaining(clock.now()) == timedelta(seconds=1)
        frozen.tick(timedelta(seconds=5))
        assert timers.run_due() == 1
        assert deadline.expired(clock.now())
    assert fired == [utc(2024, 6, 1, 12, 0, 30)]
    assert fired[0].tzinfo is UTC
