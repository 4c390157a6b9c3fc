"""Test-hook control messages: read, set and advance the emulator's clock, reset an installation.

A conformance run never sleeps: S1CE20 timeouts, BST changes and billing dates are
reached by moving the emulator's virtual clock. Over TCP that takes messages of their
own, kept apart from SRV traffic: they are not DUIS, and the server honours them only
when started with ``--test-hooks`` (otherwise it answers ``REFUSED``). The codec just
carries them. ``target`` names a device of the installation the hook applies to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from s1sr.models.checks import check_enum, check_instance, check_int, check_text, check_timestamp
from s1sr.models.device_id import EUI64
from s1sr.models.envelope import MAX_REQUEST_ID
from s1sr.models.errors import ModelError

# The instants every wire encoding of s1sr can carry (uint32 seconds since 2000).
CLOCK_MIN = datetime(2000, 1, 1, tzinfo=UTC)
CLOCK_MAX = datetime(2136, 2, 7, 6, 28, 14, tzinfo=UTC)
MAX_ADVANCE_SECONDS = (1 << 32) - 1
MAX_REASON = 255


def _check_instant(value: datetime, field: str) -> datetime:
    check_timestamp(value, field)
    if not CLOCK_MIN <= value <= CLOCK_MAX:
        raise ModelError(f"{field}: {value.isoformat()} is outside {CLOCK_MIN} .. {CLOCK_MAX}")
    return value


@dataclass(frozen=True)
class ReadClock:
    """Ask for the clock's instant; changes nothing."""


@dataclass(frozen=True)
class SetClock:
    """Jump the clock to ``instant`` (forwards or backwards)."""

    instant: datetime

    def __post_init__(self) -> None:
        _check_instant(self.instant, "instant")


@dataclass(frozen=True)
class AdvanceClock:
    """Move the clock forwards by ``seconds``, firing every timer that falls due on the way."""

    seconds: int

    def __post_init__(self) -> None:
        check_int(self.seconds, "seconds", 0, MAX_ADVANCE_SECONDS)


@dataclass(frozen=True)
class ResetInstallation:
    """Return the installation to its commissioned state (the clock keeps its instant)."""


ControlAction = ReadClock | SetClock | AdvanceClock | ResetInstallation
_ACTIONS = (ReadClock, SetClock, AdvanceClock, ResetInstallation)


class ControlOutcome(StrEnum):
    OK = "ok"
    REFUSED = "refused"  # e.g. a server started without --test-hooks


def _check_request_id(value: int) -> None:
    check_int(value, "request_id", 0, MAX_REQUEST_ID)


@dataclass(frozen=True)
class ControlRequest:
    request_id: int
    target: EUI64
    action: ControlAction

    def __post_init__(self) -> None:
        _check_request_id(self.request_id)
        check_instance(self.target, EUI64, "target")
        check_instance(self.action, _ACTIONS, "action")


@dataclass(frozen=True)
class ControlResponse:
    """The outcome, and the clock's instant after the action (or unchanged, when refused)."""

    request_id: int
    target: EUI64
    outcome: ControlOutcome
    clock: datetime
    reason: str = ""  # why it was refused: printable ASCII

    def __post_init__(self) -> None:
        _check_request_id(self.request_id)
        check_instance(self.target, EUI64, "target")
        check_enum(self.outcome, ControlOutcome, "outcome")
        _check_instant(self.clock, "clock")
        check_text(self.reason, "reason", MAX_REASON)


ControlMessage = ControlRequest | ControlResponse
