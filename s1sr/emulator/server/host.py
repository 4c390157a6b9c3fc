"""``InstallationHost``: one installation shared by every connection of a server, without I/O.

A connection hands it each decoded message with the connection's id; it answers with
deliveries (connection id, message), so an S1CE20 that falls due while another client moves
the virtual clock reaches the client that sent the request, not the one that moved time.

Two modes. With test hooks the installation runs on a ``VirtualClock`` that only control
messages move: ``SetClock`` forwards and ``AdvanceClock`` fire every S1SP timeout on the way;
``SetClock`` backwards is allowed only while the installation is pristine (no SRV since it
was built or reset), by rebuilding it at that instant, since device logs only move on.
``ResetInstallation`` returns to factory state and makes the installation pristine, so
"reset, then set the clock" starts a run anywhere in time. Without test hooks the clock is
the host's (``WallClock``) and the caller fires the S1SP's timeouts at ``next_due``; control
messages that would change anything are refused, while ``ReadClock`` and ``ReadInventory``
are always answered.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from s1sr.codecs.wire import WireMessage
from s1sr.dmves import Dmves
from s1sr.emulator.clock import Clock, ClockError, VirtualClock
from s1sr.emulator.factory import build_installation
from s1sr.emulator.installation import Installation
from s1sr.emulator.server.inventory import inventory_of
from s1sr.emulator.server.wall_clock import WallClock
from s1sr.models import (
    AdvanceClock,
    Alert,
    ControlOutcome,
    ControlRequest,
    ControlResponse,
    InventoryResponse,
    Message,
    ReadClock,
    ReadInventory,
    Request,
    ResetInstallation,
    Response,
    SetClock,
)
from s1sr.models.control import CLOCK_MAX, CLOCK_MIN, MAX_REASON

log = logging.getLogger(__name__)

DEFAULT_START = datetime(2024, 1, 15, 12, 0, tzinfo=UTC)
"""Where a virtual clock starts: a winter weekday in GMT (the suite's own starting point)."""

HOOKS_OFF = "test hooks are off: start the server with --test-hooks to change the clock or reset"

InstallationFactory = Callable[[Clock], Installation]
ConnectionId = int
_Key = tuple[int, int]  # (target, request id): what an S1SP alert names


def factory_for(dmves: Dmves, **options: Any) -> InstallationFactory:
    """An ``InstallationFactory`` of ``build_installation(dmves, clock=..., **options)``."""

    def build(clock: Clock) -> Installation:
        return build_installation(dmves, clock=clock, **options)

    return build


class Delivery(NamedTuple):
    connection: ConnectionId
    message: WireMessage


class ProtocolError(Exception):
    """The client broke the protocol in a way no reply can address: its connection closes."""


@dataclass
class HostStats:
    requests: int = 0
    controls: int = 0
    alerts_routed: int = 0
    alerts_dropped: int = 0  # their client had gone, or they answered no request
    rebuilds: int = 0


class InstallationHost:
    def __init__(
        self,
        factory: InstallationFactory,
        *,
        test_hooks: bool,
        start: datetime = DEFAULT_START,
        max_awaiting: int = 1024,
    ) -> None:
        self._factory = factory
        self.test_hooks = test_hooks
        self._max_awaiting = max_awaiting
        clock: Clock = VirtualClock(start) if test_hooks else WallClock()
        self._installation = factory(clock)
        self._pristine = True
        self._owners: dict[_Key, ConnectionId] = {}
        self._owned: dict[ConnectionId, set[_Key]] = {}
        self.stats = HostStats()

    @property
    def installation(self) -> Installation:
        return self._installation

    def now(self) -> datetime:
        """The installation's instant in whole seconds (what a control response carries)."""
        instant = self._installation.clock.now().replace(microsecond=0)
        return min(max(instant, CLOCK_MIN), CLOCK_MAX)

    def awaiting(self, connection: ConnectionId) -> int:
        """Requests of this connection still waiting for their answer (S1CE20 or late reply)."""
        return len(self._owned.get(connection, ()))

    # --- messages in ------------------------------------------------------------------

    def receive(self, origin: ConnectionId, message: WireMessage) -> list[Delivery]:
        """Everything ``message`` causes, in order; ``ProtocolError`` for a message no
        client sends (a response, an alert, a control response or an inventory)."""
        if isinstance(message, Request):
            return self._request(origin, message)
        if isinstance(message, ControlRequest):
            return self._control(origin, message)
        raise ProtocolError(f"a client does not send a {type(message).__name__}")

    def disconnected(self, connection: ConnectionId) -> None:
        """Forget the connection: alerts for its pending requests are dropped (unless a retry
        of the request arrives on another connection first, which then owns it)."""
        for key in self._owned.pop(connection, set()):
            if self._owners.get(key) == connection:
                del self._owners[key]

    # --- time that passes by itself (no test hooks) -----------------------------------

    def next_due(self) -> datetime | None:
        """When the S1SP next has something to raise; None on a virtual clock (only control
        messages move it) or when nothing is pending."""
        if isinstance(self._installation.clock, VirtualClock):
            return None
        return self._installation.s1sp.timers.next_due()

    def fire_due(self) -> list[Delivery]:
        """Raise what is due now (S1CE20s) and address it."""
        return self._route(self._installation.poll())

    # --- internals --------------------------------------------------------------------

    def _request(self, origin: ConnectionId, request: Request) -> list[Delivery]:
        if self.awaiting(origin) >= self._max_awaiting:
            raise ProtocolError(
                f"{self._max_awaiting} requests of this connection are awaiting an answer"
            )
        self.stats.requests += 1
        answers = self._installation.submit(request)
        self._pristine = False
        out = [Delivery(origin, m) for m in answers]
        if not any(_answers(m, request) for m in answers):
            self._own((request.target.value, request.request_id), origin)
        return out + self._route(self._installation.poll())

    def _control(self, origin: ConnectionId, control: ControlRequest) -> list[Delivery]:
        self.stats.controls += 1
        action = control.action
        if isinstance(action, ReadClock):
            return [Delivery(origin, self._reply(control))]
        if isinstance(action, ReadInventory):
            inventory = inventory_of(self._installation)
            response = InventoryResponse(control.request_id, control.target, self.now(), inventory)
            return [Delivery(origin, response)]
        if not self.test_hooks:
            return [Delivery(origin, self._reply(control, HOOKS_OFF))]
        try:
            raised = self._apply(action)
        except (ClockError, ValueError) as exc:
            return [Delivery(origin, self._reply(control, str(exc)))]
        return [*self._route(raised), Delivery(origin, self._reply(control))]

    def _apply(self, action: object) -> list[Message]:
        """Apply a state-changing action; the messages it raised (S1CE20s)."""
        installation = self._installation
        clock = installation.clock
        if isinstance(action, AdvanceClock):
            if clock.now() + timedelta(seconds=action.seconds) > CLOCK_MAX:
                raise ValueError(f"advancing {action.seconds} s passes {CLOCK_MAX.isoformat()}")
            return installation.advance(timedelta(seconds=action.seconds))
        if isinstance(action, SetClock):
            if action.instant >= clock.now():
                return installation.run_until(action.instant)
            if not self._pristine:
                raise ValueError(
                    f"the clock cannot go back to {action.instant.isoformat()} after requests "
                    "were made: reset the installation first"
                )
            self._rebuild(action.instant)
            return []
        if isinstance(action, ResetInstallation):
            installation.reset()
            self._forget_all()
            self._pristine = True
            return []
        raise ValueError(f"unsupported control action {type(action).__name__}")

    def _rebuild(self, start: datetime) -> None:
        """Factory state on a new virtual clock at ``start`` (nothing to carry over)."""
        self._installation = self._factory(VirtualClock(start))
        self._forget_all()
        self._pristine = True
        self.stats.rebuilds += 1

    def _reply(self, control: ControlRequest, refusal: str | None = None) -> ControlResponse:
        if refusal is None:
            return ControlResponse(
                control.request_id, control.target, ControlOutcome.OK, self.now()
            )
        reason = "".join(c if " " <= c <= "~" else "?" for c in refusal)[:MAX_REASON]
        return ControlResponse(
            control.request_id, control.target, ControlOutcome.REFUSED, self.now(), reason
        )

    def _own(self, key: _Key, connection: ConnectionId) -> None:
        previous = self._owners.get(key)
        if previous is not None:
            self._owned.get(previous, set()).discard(key)
        self._owners[key] = connection
        self._owned.setdefault(connection, set()).add(key)

    def _route(self, messages: list[Message]) -> list[Delivery]:
        out = []
        for message in messages:
            owner = None
            if isinstance(message, Alert | Response) and message.request_id is not None:
                key = (message.target.value, message.request_id)
                owner = self._owners.pop(key, None)
                if owner is not None:
                    self._owned.get(owner, set()).discard(key)
            if owner is None:
                self.stats.alerts_dropped += 1
                log.info("no client awaits %s; dropped", message)
                continue
            self.stats.alerts_routed += 1
            out.append(Delivery(owner, message))
        return out

    def _forget_all(self) -> None:
        self._owners.clear()
        self._owned.clear()


def _answers(message: Message, request: Request) -> bool:
    """Whether ``message`` finally answers ``request`` (a response to it, or an alert naming it)."""
    if isinstance(message, Response):
        return message.request_id == request.request_id and message.target == request.target
    if isinstance(message, Alert):
        return message.request_id == request.request_id
    return False
