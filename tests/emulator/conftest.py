"""Fixtures for the emulator's time foundation: a virtual clock and its timers."""

from __future__ import annotations

import pytest

from s1sr.emulator.clock import VirtualClock
from s1sr.emulator.timers import Timers
from s1sr.models import utc


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(utc(2024, 1, 1, 12))


@pytest.fixture
def timers(clock: VirtualClock) -> Timers:
    return Timers(clock)
