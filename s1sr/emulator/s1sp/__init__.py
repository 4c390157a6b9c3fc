"""The S1SP layer, apart from the devices: routing, the S1SP's own checks and alerts, and
the timeout that turns a device's silence into S1CE20 (in virtual time under emulation)."""

from s1sr.emulator.s1sp.behaviour import DuplicateUtrn, PenniesUtrn, S1spBehaviour, SupplierRule
from s1sr.emulator.s1sp.errors import S1spError
from s1sr.emulator.s1sp.layer import DEFAULT_TIMEOUT, S1SP
from s1sr.emulator.s1sp.ledger import PendingRequest
from s1sr.emulator.s1sp.routing import Endpoint, Ownership, Route, UtrnRecord

__all__ = [
    "DEFAULT_TIMEOUT",
    "S1SP",
    "DuplicateUtrn",
    "Endpoint",
    "Ownership",
    "PendingRequest",
    "PenniesUtrn",
    "Route",
    "S1spBehaviour",
    "S1spError",
    "SupplierRule",
    "UtrnRecord",
]
