"""What catch-up shares between meters is what cannot differ between them.

Each test builds its own meters, so the days a load profile resolves and the rate codes a
tariff gives each day are shared by every meter on an equal profile or an equal tariff
read the same way; a meter that reads seasons otherwise gets its own codes.
"""

from __future__ import annotations

from s1sr.emulator.load_profile import DailyShapeProfile, _Engine
from s1sr.models import DeviceType, Energy, utc
from tests.emulator.meter.builders import drive, season_tariff

START = utc(2024, 3, 29, 12)
SHAPE = (1, 2, 3, 4) * 12


def test_equal_load_profiles_share_their_resolved_days_and_answer_as_alone():
    first = DailyShapeProfile(Energy.kwh(9), SHAPE, weekend_daily=Energy.kwh(11))
    second = DailyShapeProfile(Energy.kwh(9), SHAPE, weekend_daily=Energy.kwh(11))
    other = DailyShapeProfile(Energy.kwh(9), SHAPE)
    assert first._engine is second._engine
    assert other._engine is not first._engine
    alone = _Engine(first.slot_micro(False), first.slot_micro(True))
    for instant in (START, utc(2024, 3, 31, 1, 17), utc(2024, 10, 27, 1, 45), utc(2031, 6, 1)):
        assert second.milli_at(instant) == alone.milli_at(instant)
        assert other.milli_at(instant) != alone.milli_at(instant)  # its weekends differ


def test_meters_on_one_tariff_share_day_codes_only_when_they_read_seasons_alike():
    tariff = season_tariff([(1, 1), (4, 1)])  # season n runs TOU rate n
    stuck = {"follows_season_calendar": False}
    drivers = [
        drive(DeviceType.ESME, ["18.1(v)"], start=START),
        drive(DeviceType.ESME, ["18.1(v)"], start=START, overrides=stuck),
        drive(DeviceType.ESME, ["18.1(v)"], start=START),
    ]
    for driver in drivers:
        driver.ok(tariff)
        driver.advance(days=4)  # into April: the second season
    codes = [driver.meter.timeline.day_codes for driver in drivers]
    assert codes[0] == codes[2] == (1,) * 48
    assert codes[1] == (0,) * 48
    for driver in drivers:
        timeline = driver.meter.timeline
        assert timeline.day_codes == driver.meter.state.plan.day_codes(timeline.day)
