"""The S1SP's routing table: target EUI-64 to the device, its Device Model and its owner.

A route's ``endpoint`` is anything that takes a request at an instant and says what the
device did: an emulated HAN, or later a transport to a real device. A transport-backed
endpoint returns ``Silence`` at once and hands the device's answer to ``S1SP.receive``
when it arrives; the S1SP's timeout runs either way. An endpoint that can read a meter's
record of applied UTRNs (``UtrnRecord``) is asked for the duplicate-UTRN check; otherwise
the S1SP goes by its own record of the top-ups it saw accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from s1sr.dmves import DeviceModel
from s1sr.emulator.device import Outcome
from s1sr.emulator.s1sp.behaviour import S1spBehaviour
from s1sr.models import EUI64, DeviceType, Request, Utrn


@runtime_checkable
class Endpoint(Protocol):
    def handle(self, request: Request, now: datetime) -> Outcome:
        """Deliver ``request`` at ``now``; what the device did (``Silence`` if nothing yet)."""
        ...


@runtime_checkable
class UtrnRecord(Protocol):
    """An endpoint that can read a meter's record of applied UTRNs (an emulated HAN can)."""

    def has_applied_utrn(self, target: EUI64, utrn: Utrn) -> bool | None:
        """Whether ``target`` has credited ``utrn``; None when the device cannot say."""
        ...


@dataclass(frozen=True)
class Ownership:
    """Who supplies what in the target's installation (DCC User ids)."""

    supplier: EUI64 | None  # the target meter's own supplier; None for non-meters
    esme_supplier: EUI64 | None  # the installation's ESME supplier, if it has an ESME
    suppliers: frozenset[EUI64]  # every supplier of the installation

    def __post_init__(self) -> None:
        named = {s for s in (self.supplier, self.esme_supplier) if s is not None}
        if not named <= self.suppliers:
            raise ValueError("a meter's supplier must be one of the installation's suppliers")


@dataclass(frozen=True)
class Route:
    target: EUI64
    model: DeviceModel
    endpoint: Endpoint
    behaviour: S1spBehaviour
    ownership: Ownership

    @property
    def device_type(self) -> DeviceType:
        return self.model.device_type
