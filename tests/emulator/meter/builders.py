"""Builders for the meter tests: Device Models with chosen clauses, requests, a driver.

``Driver`` holds one meter and the instant it is at, so a test reads as a sequence of
requests and clock moves. Device Models are built here rather than picked from the
shipped DMVES so each test says exactly which clauses the meter has.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from s1sr.catalogue import Cohort, GroupId
from s1sr.dmves import DeviceModel
from s1sr.emulator.device import Outcome, Reply, Silence
from s1sr.emulator.load_profile import DailyShapeProfile, FlatProfile, LoadProfile
from s1sr.emulator.meter import Meter, build_meter
from s1sr.models import (
    EUI64,
    BlockTariff,
    DayProfile,
    DeviceType,
    Energy,
    NdcScheduleEntry,
    NdcScript,
    NonDisablementCalendar,
    PartialDate,
    RateKind,
    Request,
    RequestBody,
    ResponseBody,
    Season,
    SwitchTime,
    UpdateImportTariffRequest,
    Utrn,
    ValueClass,
    Weekday,
    WeekProfile,
)

METER_ID = EUI64(0x00DB1234567890A0)
SUPPLIER = EUI64(0x90B3D51F30010000)
ALL_WEEK = tuple(Weekday)


def device_model(
    device_type: DeviceType, clauses: Iterable[str] = (), **changes: Any
) -> DeviceModel:
    """A FOC meter Device Model mapped to exactly ``clauses``."""
    fields: dict[str, Any] = {
        "id": f"T-{device_type}",
        "manufacturer": "Test Meters (invented)",
        "model": "TM-1",
        "firmware_version": "1.0.0",
        "device_type": device_type,
        "cohort": Cohort.FOC,
        "group_id": GroupId.EA,
        "bilingual": False,
        "example": True,
        "clauses": frozenset(clauses),
    }
    fields.update(changes)
    return DeviceModel(**fields)


@dataclass
class Driver:
    """One meter and the virtual instant it is at."""

    meter: Meter
    now: datetime
    _ids: int = field(default=0, repr=False)

    def send(self, body: RequestBody) -> Outcome:
        self._ids += 1
        return self.meter.handle(Request(self._ids, SUPPLIER, METER_ID, body), self.now)

    def ok(self, body: RequestBody) -> ResponseBody:
        """Send and insist on a success response; return its body."""
        outcome = self.send(body)
        assert isinstance(outcome, Reply), outcome
        assert outcome.response.code.is_success, outcome.response
        assert outcome.response.body is not None
        return outcome.response.body

    def refused(self, body: RequestBody) -> bool:
        outcome = self.send(body)
        return isinstance(outcome, Reply) and not outcome.response.code.is_success

    def silent(self, body: RequestBody) -> bool:
        return isinstance(self.send(body), Silence)

    def to(self, instant: datetime) -> Driver:
        self.now = instant
        self.meter.catch_up(instant)
        return self

    def advance(self, **delta: float) -> Driver:
        return self.to(self.now + timedelta(**delta))


def drive(
    device_type: DeviceType,
    clauses: Iterable[str] = (),
    *,
    start: datetime,
    overrides: Mapping[str, object] | None = None,
    load_profile: LoadProfile | None = None,
) -> Driver:
    meter = build_meter(
        device_model(device_type, clauses),
        METER_ID,
        start=start,
        overrides=overrides or {},
        load_profile=load_profile,
    )
    return Driver(meter, start)


def utrn(counter: int, value: int, value_class: ValueClass = ValueClass.POUNDS) -> Utrn:
    return Utrn(counter=counter, value_class=value_class, value=value, tag=0x5EED0000 + counter)


def flat_tariff(
    pence_per_kwh: int = 20,
    *,
    standing: int = 0,
    seasons: tuple[Season, ...] | None = None,
    execute_at: datetime | None = None,
) -> UpdateImportTariffRequest:
    """One TOU rate in whole pence per kWh; ``seasons`` each run TOU rate (their index + 1)."""
    if seasons is None:
        seasons = (Season("all", PartialDate.every_year(1, 1), 1),)
    weeks = tuple(WeekProfile(i + 1, (i + 1,) * 7) for i in range(len(seasons)))
    days = tuple(
        DayProfile(i + 1, (SwitchTime(time(0), RateKind.TOU, i + 1),)) for i in range(len(seasons))
    )
    return UpdateImportTariffRequest(
        seasons=seasons,
        week_profiles=weeks,
        day_profiles=days,
        special_days=(),
        tou_prices=(pence_per_kwh,) * len(seasons),
        blocks=(),
        price_scale=0,
        standing_charge=standing,
        standing_charge_scale=0,
        execute_at=execute_at,
    )


def season_tariff(starts: Iterable[tuple[int, int]]) -> UpdateImportTariffRequest:
    """Seasons starting on the given (month, day)s, season n running TOU rate n."""
    seasons = tuple(
        Season(f"s{i + 1}", PartialDate.every_year(month, day), i + 1)
        for i, (month, day) in enumerate(starts)
    )
    return flat_tariff(seasons=seasons)


def block_tariff(threshold_kwh: int = 10) -> UpdateImportTariffRequest:
    """One block tariff of two bands (10 p, then 5 p per kWh) running all day."""
    return UpdateImportTariffRequest(
        seasons=(Season("all", PartialDate.every_year(1, 1), 1),),
        week_profiles=(WeekProfile(1, (1,) * 7),),
        day_profiles=(DayProfile(1, (SwitchTime(time(0), RateKind.BLOCK, 1),)),),
        special_days=(),
        tou_prices=(),
        blocks=(BlockTariff((Energy.kwh(threshold_kwh),), (10, 5)),),
        price_scale=0,
        standing_charge=0,
        standing_charge_scale=0,
    )


def ndc_entry(
    start: PartialDate,
    end: PartialDate | Any,
    *,
    script: NdcScript = NdcScript.START,
    at: time = time(0),
) -> NdcScheduleEntry:
    return NdcScheduleEntry(script, at, start, end, weekdays=ALL_WEEK)


def ndc(*entries: NdcScheduleEntry) -> NonDisablementCalendar:
    return NonDisablementCalendar(special_days=(), schedule=tuple(entries))


def kilowatt() -> LoadProfile:
    """A flat 1 kW load: 0.5 kWh every half hour, easy to reason about."""
    return FlatProfile(1000)


def flat_gas(m3_per_day: str = "4.8") -> LoadProfile:
    """An even gas draw: 0.1 m3 every half hour at the default 4.8 m3 a day."""
    return DailyShapeProfile(Energy.m3(m3_per_day), (1,) * 48)
