"""Devices under test: one interface, with the emulator, TCP and python-plugin adapters.

``DeviceUnderTest`` (base.py) is what the suite drives; ``MessageDut`` is the short way in
for a manufacturer's own harness; ``open_dut`` turns a ``--dut`` spec into an opened
adapter. Only ``s1sr.dut.emulator`` imports the emulator, and only when asked for.
"""

from s1sr.dmves.firmware import declared_firmware
from s1sr.dut.base import DEFAULT_START, DeviceUnderTest, DutExchange
from s1sr.dut.capability import Capability
from s1sr.dut.errors import CannotCarry, DutError, MissingCapability
from s1sr.dut.factory import open_dut
from s1sr.dut.final import is_final
from s1sr.dut.frames import Direction, Frame, frame
from s1sr.dut.inventory import DeviceEntry, Inventory
from s1sr.dut.messages import MessageDut
from s1sr.dut.spec import DutKind, DutSpec, DutSpecError

__all__ = [
    "DEFAULT_START",
    "CannotCarry",
    "Capability",
    "DeviceEntry",
    "DeviceUnderTest",
    "Direction",
    "DutError",
    "DutExchange",
    "DutKind",
    "DutSpec",
    "DutSpecError",
    "Frame",
    "Inventory",
    "MessageDut",
    "MissingCapability",
    "declared_firmware",
    "frame",
    "is_final",
    "open_dut",
]
