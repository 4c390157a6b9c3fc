"""What an emulated device is, to the S1SP layer: a state machine fed requests and instants.

A device never reads a clock and never sleeps. It is handed the instant a request reaches it
and returns an ``Outcome``. Silence is an outcome of its own: the S1SP layer, not the device,
turns silence into S1CE20 once the S1SP timeout has elapsed (in virtual time under emulation).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime

from s1sr.models import EUI64, Alert, DeviceType, Request, Response


@dataclass(frozen=True)
class Reply:
    """The device answered; it may also raise alerts (e.g. a firmware upgrade's failure)."""

    response: Response
    alerts: tuple[Alert, ...] = ()


@dataclass(frozen=True)
class Silence:
    """The device does not answer (S1SR 18.17(i), 18.18(g), 18.19(a)).

    ``reason`` is evidence for a human reading the log, never used to decide a verdict.
    """

    reason: str


Outcome = Reply | Silence


class Device(ABC):
    """One device on a HAN. Subclasses hold its state; ``handle`` is its only way in."""

    device_id: EUI64
    device_type: DeviceType

    @abstractmethod
    def handle(self, request: Request, now: datetime) -> Outcome:
        """Apply ``request`` as received at ``now`` (aware UTC) and say what the device does."""

    def catch_up(self, now: datetime) -> None:  # noqa: B027 - optional hook, default no-op
        """Bring time-driven state (consumption, logs, snapshots) up to ``now``.

        Called by the installation before each request and when the clock is read for
        reports; lazy catch-up is what lets a virtual year pass in well under a second.
        """
