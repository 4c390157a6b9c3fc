"""Billing calendar instants (6.8): the first instant, then one per period, on London's clock.

A calendar set to local midnight on the 1st must stay at local midnight through the
clock changes, so periods are added to the London wall-clock time of the first instant
(months clamp to the month's last day) and each result is converted back to UTC.
"""

from __future__ import annotations

import calendar as _calendar
from datetime import UTC, datetime, timedelta

from s1sr.emulator import london
from s1sr.models import BillingCalendar, BillingPeriodicity

_MONTHS = {
    BillingPeriodicity.MONTHLY: 1,
    BillingPeriodicity.QUARTERLY: 3,
    BillingPeriodicity.SIX_MONTHLY: 6,
    BillingPeriodicity.ANNUALLY: 12,
}
_DAYS = {BillingPeriodicity.DAILY: 1, BillingPeriodicity.WEEKLY: 7}


class BillingSchedule:
    """The instants of one calendar, handed out in order after a given instant."""

    def __init__(self, calendar: BillingCalendar, after: datetime) -> None:
        self.calendar = calendar
        self._wall = london.local(calendar.start).replace(tzinfo=None)
        self._index = self._at_or_before(after)
        self.next_at = self._instant(self._index)
        while self.next_at <= after:
            self.advance()

    def advance(self) -> datetime:
        """Move to the next instant and return it."""
        self._index += 1
        self.next_at = self._instant(self._index)
        return self.next_at

    def _at_or_before(self, after: datetime) -> int:
        """An index whose instant is not after ``after`` (0 if none), counted on the wall clock:
        instants only grow with the index, so walking on from it finds the same next instant
        as walking from the first (a daily calendar from 2000 is some 9,000 steps behind)."""
        wall = london.local(after).replace(tzinfo=None)
        periodicity = self.calendar.periodicity
        if periodicity in _DAYS:
            index = (wall - self._wall).days // _DAYS[periodicity] - 1
        else:
            months = (wall.year - self._wall.year) * 12 + wall.month - self._wall.month
            index = months // _MONTHS[periodicity] - 1
        index = max(0, index)
        while index > 0 and self._instant(index) > after:
            index -= 1
        return index

    def _instant(self, index: int) -> datetime:
        periodicity = self.calendar.periodicity
        if periodicity in _DAYS:
            wall = self._wall + timedelta(days=_DAYS[periodicity] * index)
        else:
            wall = _add_months(self._wall, _MONTHS[periodicity] * index)
        return wall.replace(tzinfo=london.LONDON).astimezone(UTC)


def _add_months(wall: datetime, months: int) -> datetime:
    month_index = wall.month - 1 + months
    year, month = wall.year + month_index // 12, month_index % 12 + 1
    day = min(wall.day, _calendar.monthrange(year, month)[1])
    return wall.replace(year=year, month=month, day=day)
