"""The emulator's TCP server: one installation, the s1sr wire format (docs/wire-format.md).

``InstallationHost`` (the installation shared by every connection, clock and hooks),
``Connection`` (one client's byte stream as a sans-I/O state machine) and ``Limits`` hold
every decision; ``EmulatorServer`` is the asyncio loop that moves bytes and time for them,
and ``BackgroundServer`` runs it on a thread of its own. ``s1sr emulate`` is the command.
"""

from s1sr.emulator.server.background import BackgroundServer
from s1sr.emulator.server.connection import CloseReason, Connection
from s1sr.emulator.server.host import (
    DEFAULT_START,
    HOOKS_OFF,
    ConnectionId,
    Delivery,
    HostStats,
    InstallationFactory,
    InstallationHost,
    ProtocolError,
    factory_for,
)
from s1sr.emulator.server.inventory import inventory_of
from s1sr.emulator.server.limits import Limits
from s1sr.emulator.server.refusal import refusal_for
from s1sr.emulator.server.tcp import EmulatorServer
from s1sr.emulator.server.wall_clock import WallClock

__all__ = [
    "DEFAULT_START",
    "HOOKS_OFF",
    "BackgroundServer",
    "CloseReason",
    "Connection",
    "ConnectionId",
    "Delivery",
    "EmulatorServer",
    "HostStats",
    "InstallationFactory",
    "InstallationHost",
    "Limits",
    "ProtocolError",
    "WallClock",
    "factory_for",
    "inventory_of",
    "refusal_for",
]
