"""The emulated meters, ESME and GSME: tariffs, prepayment, registers and logs.

``build_meter(model, device_id, start=...)`` makes the meter a Device Model describes;
``MeterBehaviour`` holds its knobs (``from_model`` maps clauses to them, faults override
them); ``meter_knobs()`` names them for the fault loader.
"""

from s1sr.emulator.meter.behaviour import (
    CounterReset,
    DebtPeriodRule,
    KnobError,
    LogDay,
    MeterBehaviour,
    NdcEndEcho,
    NdcIndefinite,
    ProfileAccess,
    ProfileStamping,
    check_knob,
    meter_knobs,
)
from s1sr.emulator.meter.builder import build_meter
from s1sr.emulator.meter.esme import Esme
from s1sr.emulator.meter.gsme import Gsme
from s1sr.emulator.meter.meter import Meter
from s1sr.emulator.meter.prepay import CreditTotals

__all__ = [
    "CounterReset",
    "CreditTotals",
    "DebtPeriodRule",
    "Esme",
    "Gsme",
    "KnobError",
    "LogDay",
    "Meter",
    "MeterBehaviour",
    "NdcEndEcho",
    "NdcIndefinite",
    "ProfileAccess",
    "ProfileStamping",
    "build_meter",
    "check_knob",
    "meter_knobs",
]
