"""A reference SMETS1 installation emulator: sans-I/O devices driven by an injected clock.

The devices, the S1SP layer and the TCP server stand on the time foundation here:
``clock`` (system and virtual clocks, S1SP timeouts), ``london`` (Europe/London in UTC
arithmetic), ``load_profile`` (consumption that accrues as virtual time passes) and
``gas_conversion`` (gas volume to kWh).

On top: ``s1sp`` (the S1SP layer: routing, its own alerts, S1CE20 on timeout), ``han``
(the CHF and its device log, PPMID, IHD, firmware upgrades per HAN), ``meter`` (ESME and
GSME), ``faults`` (the fault catalogue) and ``factory.build_installation``, which puts an
``Installation`` together from the DMVES.
"""

from s1sr.emulator.clock import Clock, ClockError, SystemClock, VirtualClock
from s1sr.emulator.device import Device, Outcome, Reply, Silence
from s1sr.emulator.factory import (
    InstallationError,
    build_installation,
    device_id_for,
    plan_installation,
    supplier_user_id,
)
from s1sr.emulator.faults import Fault, fault, load_faults
from s1sr.emulator.installation import Installation, InstallationPlan
from s1sr.emulator.s1sp import DEFAULT_TIMEOUT, S1SP, Endpoint, PendingRequest, S1spError
from s1sr.emulator.timers import Deadline, Timers

__all__ = [
    "DEFAULT_TIMEOUT",
    "S1SP",
    "Clock",
    "ClockError",
    "Deadline",
    "Device",
    "Endpoint",
    "Fault",
    "Installation",
    "InstallationError",
    "InstallationPlan",
    "Outcome",
    "PendingRequest",
    "Reply",
    "S1spError",
    "Silence",
    "SystemClock",
    "Timers",
    "VirtualClock",
    "build_installation",
    "device_id_for",
    "fault",
    "load_faults",
    "plan_installation",
    "supplier_user_id",
]
