"""The electricity meter: measures energy, keeps its day in local time, as DUIS expects.

Its factory state: credit mode, a single-rate tariff, and a household's daily shape of
consumption unless a load profile is given.
"""

from __future__ import annotations

from datetime import datetime, time

from s1sr.emulator.load_profile import DailyShapeProfile, LoadProfile
from s1sr.emulator.meter.behaviour import MeterBehaviour
from s1sr.emulator.meter.measure import Electricity
from s1sr.emulator.meter.meter import Meter
from s1sr.models import (
    EUI64,
    DayProfile,
    DeviceType,
    Energy,
    PartialDate,
    RateKind,
    Season,
    SwitchTime,
    UpdateImportTariffRequest,
    WeekProfile,
)

# Night low, a morning rise, a daytime plateau, the evening peak (48 local half hours).
HOUSEHOLD_WEIGHTS = (2,) * 12 + (4,) * 4 + (6,) * 16 + (10,) * 10 + (5,) * 6

FACTORY_TARIFF = UpdateImportTariffRequest(
    seasons=(Season("all year", PartialDate.every_year(1, 1), 1),),
    week_profiles=(WeekProfile(1, (1,) * 7),),
    day_profiles=(DayProfile(1, (SwitchTime(time(0), RateKind.TOU, 1),)),),
    special_days=(),
    tou_prices=(2450,),  # 24.50 p/kWh
    blocks=(),
    price_scale=-2,
    standing_charge=5300,  # 53 p/day
    standing_charge_scale=-2,
)


def household_electricity() -> LoadProfile:
    return DailyShapeProfile(Energy.kwh(8), HOUSEHOLD_WEIGHTS, weekend_daily=Energy.kwh(10))


class Esme(Meter):
    def __init__(
        self,
        device_id: EUI64,
        behaviour: MeterBehaviour,
        *,
        start: datetime,
        load_profile: LoadProfile | None = None,
        tariff: UpdateImportTariffRequest = FACTORY_TARIFF,
    ) -> None:
        super().__init__(
            device_id,
            DeviceType.ESME,
            behaviour,
            measure=Electricity(),
            start=start,
            load_profile=load_profile or household_electricity(),
            tariff=tariff,
        )
