"""The gas meter: measures volume, prices it in kWh, and may keep its day in UTC.

Whether its block counters reset at 00:00 UTC and whether its daily read log keeps UTC
days are knobs (``CounterReset``, ``LogDay``); ``consumption`` turns them into the
18.18(f), 18.21(e) and 18.21(f) effects. Its factory tariff is a two-band block tariff,
so every log it writes carries block counters.
"""

from __future__ import annotations

from datetime import datetime, time

from s1sr.emulator.gas_conversion import GasConversion
from s1sr.emulator.load_profile import DailyShapeProfile, LoadProfile
from s1sr.emulator.meter.behaviour import MeterBehaviour
from s1sr.emulator.meter.esme import HOUSEHOLD_WEIGHTS
from s1sr.emulator.meter.measure import Gas
from s1sr.emulator.meter.meter import Meter
from s1sr.models import (
    EUI64,
    BlockTariff,
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

FACTORY_TARIFF = UpdateImportTariffRequest(
    seasons=(Season("all year", PartialDate.every_year(1, 1), 1),),
    week_profiles=(WeekProfile(1, (1,) * 7),),
    day_profiles=(DayProfile(1, (SwitchTime(time(0), RateKind.BLOCK, 1),)),),
    special_days=(),
    tou_prices=(),
    blocks=(BlockTariff(thresholds=(Energy.kwh(20),), prices=(650, 600)),),  # 6.50 / 6.00 p
    price_scale=-2,
    standing_charge=3100,  # 31 p/day
    standing_charge_scale=-2,
)


def household_gas() -> LoadProfile:
    return DailyShapeProfile(Energy.m3(3), HOUSEHOLD_WEIGHTS, weekend_daily=Energy.m3("3.5"))


class Gsme(Meter):
    def __init__(
        self,
        device_id: EUI64,
        behaviour: MeterBehaviour,
        *,
        start: datetime,
        load_profile: LoadProfile | None = None,
        tariff: UpdateImportTariffRequest = FACTORY_TARIFF,
        conversion: GasConversion | None = None,
    ) -> None:
        super().__init__(
            device_id,
            DeviceType.GSME,
            behaviour,
            measure=Gas(conversion),
            start=start,
            load_profile=load_profile or household_gas(),
            tariff=tariff,
        )
