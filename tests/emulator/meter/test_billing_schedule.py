"""A billing schedule set up long after its calendar's start hands out the instant a walk
from the start would reach: the next one after the given instant, then each after it."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from s1sr.emulator.meter.billing_calendar import BillingSchedule
from s1sr.models import BillingCalendar, BillingPeriodicity, utc

EPOCH = utc(2000, 1, 1)


@given(
    start=st.integers(0, 30 * 366 * 24 * 60),
    later=st.integers(-3 * 24 * 60, 30 * 366 * 24 * 60),
    periodicity=st.sampled_from(list(BillingPeriodicity)),
)
def test_a_late_schedule_starts_where_a_walk_from_the_first_instant_arrives(
    start, later, periodicity
):
    calendar = BillingCalendar(EPOCH + timedelta(minutes=start), periodicity)
    after = calendar.start + timedelta(minutes=later)
    walked = BillingSchedule(calendar, after=calendar.start - timedelta(seconds=1))
    while walked.next_at <= after:
        walked.advance()
    late = BillingSchedule(calendar, after=after)
    assert late.next_at == walked.next_at > after
    assert [late.advance() for _ in range(3)] == [walked.advance() for _ in range(3)]
