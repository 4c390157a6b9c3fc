"""The profile log reads back what was logged, whatever instants a read asks between.

``ProfileLog`` keeps each half hour's start as microseconds from 2000 (catch-up logs a
day at once); here a read, stamped in UTC or as London wall clock, meets a plain filter of
the logged (start, amount) pairs, on bounds drawn to the microsecond, across the BST
changes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from s1sr.emulator import london
from s1sr.emulator.meter.behaviour import ProfileAccess, ProfileStamping
from s1sr.emulator.meter.logs import ProfileLog
from s1sr.emulator.meter.measure import Electricity
from s1sr.models import Energy, EnergyUnit, ProfileEntry

FIRST = datetime(2024, 3, 30, 22, tzinfo=UTC)  # the spring change the next night
EDGES = [FIRST + n * london.SLOT for n in range(-6, 200)]  # half hours' starts, on the dot
instants = st.sampled_from(EDGES) | st.datetimes(
    min_value=datetime(2024, 3, 30, 20), max_value=datetime(2024, 4, 2)
).map(lambda at: at.replace(tzinfo=UTC))


def stamp(start: datetime, stamping: ProfileStamping) -> datetime:
    if stamping is ProfileStamping.UTC:
        return start
    return london.local(start).replace(tzinfo=UTC)


@given(
    runs=st.lists(st.lists(st.integers(0, 999), min_size=1, max_size=60), max_size=4),
    bounds=st.tuples(instants, instants).map(sorted),
    stamping=st.sampled_from(ProfileStamping),
)
def test_a_read_returns_the_logged_half_hours_stamped_within_its_bounds(runs, bounds, stamping):
    log, logged, at = ProfileLog(Electricity()), [], FIRST
    for run in runs:
        if len(run) == 1:
            log.append(at, run[0], 0)
        else:
            log.extend(at, run, 0)
        logged += [(at + n * london.SLOT, amount) for n, amount in enumerate(run)]
        at += len(run) * london.SLOT + timedelta(hours=1)  # a gap between runs
    start, end = bounds
    expected = tuple(
        ProfileEntry(stamp(begins, stamping), Energy(amount, EnergyUnit.KWH))
        for begins, amount in logged
        if start <= stamp(begins, stamping) <= end
    )
    assert log.read(start, end, ProfileAccess.FULL, stamping) == expected
