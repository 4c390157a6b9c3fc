"""Build the meter a Device Model describes, with a fault's knob values laid over it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType

from s1sr.dmves import DeviceModel
from s1sr.emulator.load_profile import LoadProfile
from s1sr.emulator.meter.behaviour import MeterBehaviour
from s1sr.emulator.meter.esme import Esme
from s1sr.emulator.meter.gsme import Gsme
from s1sr.emulator.meter.meter import Meter
from s1sr.models import EUI64, DeviceType

_NO_OVERRIDES: Mapping[str, object] = MappingProxyType({})


def build_meter(
    model: DeviceModel,
    device_id: EUI64,
    *,
    start: datetime,
    overrides: Mapping[str, object] = _NO_OVERRIDES,
    load_profile: LoadProfile | None = None,
) -> Meter:
    """An ESME or GSME behaving as ``model``'s clauses say, then as ``overrides`` say.

    ``overrides`` are fault knob values (``meter_knobs()``); an unknown knob, a bad value,
    or a Device Model that is not a meter raises ``KnobError``.
    """
    behaviour = MeterBehaviour.from_model(model).with_overrides(overrides)
    meter_class = Esme if model.device_type is DeviceType.ESME else Gsme
    return meter_class(device_id, behaviour, start=start, load_profile=load_profile)
