"""CPU time for one device to live a virtual year of half-hourly consumption.

Run: ``python benchmarks/bench_load_profile.py``. Target (issue 4): under one CPU second.
Three ways a device can live the year, all on a VirtualClock:

- ``step``: the clock advances half an hour at a time and the device catches up each step
  (17,520 ``energy_between`` calls), keeping a cumulative register and a profile log;
- ``walk``: one catch-up over the whole year with ``half_hours`` (the profile data log);
- ``leap``: one ``energy_between`` over the whole year (a register read after a year).
"""

from __future__ import annotations

import time
from datetime import timedelta

from s1sr.emulator.clock import VirtualClock
from s1sr.emulator.load_profile import DailyShapeProfile, LoadProfile
from s1sr.models import Energy, utc

START = utc(2024, 1, 1)
END = utc(2025, 1, 1)  # a leap year, with both BST changes
HALF_HOUR = timedelta(minutes=30)
WEIGHTS = [1] * 12 + [2] * 20 + [5] * 12 + [3] * 4


def step(profile: LoadProfile) -> int:
    clock = VirtualClock(START)
    register, log, caught_up = 0, [], START
    while clock.now() < END:
        now = clock.advance(HALF_HOUR)
        used = profile.energy_between(caught_up, now)
        register += used
        log.append((caught_up, used))
        caught_up = now
    return register


def walk(profile: LoadProfile) -> int:
    log = list(profile.half_hours(START, END))
    return sum(half_hour.milli for half_hour in log)


def leap(profile: LoadProfile) -> int:
    return profile.energy_between(START, END)


def measure(name: str, run: object, profile: LoadProfile, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        total = run(profile)
        best = min(best, time.process_time() - started)
    print(f"{name:5} {best * 1000:9.2f} ms CPU  (total {total} Wh)")
    return best


def main() -> None:
    profile = DailyShapeProfile(
        Energy.kwh(10), WEIGHTS, weekend_daily=Energy.kwh(12), weekend_weights=WEIGHTS[::-1]
    )
    print(f"virtual year {START.date()} to {END.date()}, best of 5, process time")
    results = [measure(name, run, profile) for name, run in (("step", step), ("walk", walk))]
    measure("leap", leap, profile, repeat=50)
    print("target under 1 s:", "met" if max(results) < 1.0 else "MISSED")


if __name__ == "__main__":
    main()
