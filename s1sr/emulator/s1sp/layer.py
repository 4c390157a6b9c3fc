"""The S1SP: routes SRVs to devices, raises its own alerts, and times out silent devices.

Sans-I/O. ``submit`` answers what can be answered at once (the device's reply, or the
S1SP's own refusal); a device's ``Silence`` starts the S1SP timeout on the clock's timers,
and when it elapses S1CE20 is queued for ``poll``. Under a ``VirtualClock``, ``exchange``
moves virtual time to the deadline itself, so a conformance run never waits for a real
timeout; with a ``SystemClock`` and a real device behind a transport endpoint, the same
layer waits with an injected ``sleep`` (or the caller polls) and the device's late answer
arrives through ``receive``.

The timeout is not published for SMETS1. The default, 30 minutes, is the project's choice:
long enough for any on-demand SRV over a SMETS1 WAN, and free in virtual time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from functools import partial

from s1sr.catalogue import Catalogue, load_catalogue
from s1sr.emulator.clock import Clock, VirtualClock
from s1sr.emulator.device import Outcome, Reply, Silence
from s1sr.emulator.s1sp import codes
from s1sr.emulator.s1sp.behaviour import SilenceTimeout
from s1sr.emulator.s1sp.checks import UtrnHistory, authorise, check_utrn
from s1sr.emulator.s1sp.errors import S1spError
from s1sr.emulator.s1sp.ledger import Ledger, PendingRequest, Record, State
from s1sr.emulator.s1sp.routing import Route, UtrnRecord
from s1sr.emulator.timers import Deadline, Timers
from s1sr.models import (
    EUI64,
    Message,
    Request,
    Response,
    ResponseCode,
    TopUpDeviceRequest,
    Utrn,
    timeout_alert,
)

DEFAULT_TIMEOUT = timedelta(minutes=30)
DEFAULT_HISTORY = 100_000
_FAULTY_TIMEOUTS = {
    SilenceTimeout.ONE_SECOND: timedelta(seconds=1),
    SilenceTimeout.TWENTY_FIVE_HOURS: timedelta(hours=25),
}

Sleep = Callable[[timedelta], None]


class S1SP:
    def __init__(
        self,
        clock: Clock,
        *,
        timeout: timedelta = DEFAULT_TIMEOUT,
        timers: Timers | None = None,
        catalogue: Catalogue | None = None,
        sleep: Sleep | None = None,
        history: int = DEFAULT_HISTORY,
    ) -> None:
        if not isinstance(timeout, timedelta) or timeout <= timedelta(0):
            raise ValueError(f"the S1SP timeout must be a positive timedelta, got {timeout!r}")
        if timers is not None and timers.clock is not clock:
            raise ValueError("the timers must run on the S1SP's clock")
        self._clock = clock
        self._timeout = timeout
        self._timers = timers or Timers(clock)
        self._catalogue = catalogue or load_catalogue()
        self._sleep = sleep
        self._routes: dict[EUI64, Route] = {}
        self._ledger = Ledger(history)
        self._outbox: list[Message] = []
        self._accepted: defaultdict[EUI64, dict[Utrn, None]] = defaultdict(dict)  # in order
        self._seen: defaultdict[EUI64, set[Utrn]] = defaultdict(set)
        self.late_answers = 0  # device answers that arrived after S1CE20 (evidence)

    @property
    def clock(self) -> Clock:
        return self._clock

    @property
    def timeout(self) -> timedelta:
        return self._timeout

    @property
    def timers(self) -> Timers:
        return self._timers

    # --- routing --------------------------------------------------------------------

    def add_route(self, route: Route) -> None:
        if route.target in self._routes:
            raise ValueError(f"a route to {route.target} exists already")
        self._routes[route.target] = route

    def add_routes(self, routes: Iterable[Route]) -> None:
        for route in routes:
            self.add_route(route)

    def route(self, target: EUI64) -> Route:
        return self._routes[target]

    @property
    def routes(self) -> tuple[Route, ...]:
        return tuple(self._routes.values())

    # --- requests -------------------------------------------------------------------

    def submit(self, request: Request) -> list[Message]:
        """Take a request now; the messages that answer it at once (none while pending)."""
        if not isinstance(request, Request):
            raise TypeError(f"expected a Request, got {type(request).__name__}")
        self._timers.run_due()
        seen = self._ledger.get(request)
        if seen is not None:
            if seen.request != request:
                return [self._refusal(request, codes.INVALID)]
            return list(seen.messages)  # a retry: the same answer, nothing applied again
        now = self._clock.now()
        answer = self._screen(request, now)
        if answer is not None:
            self._ledger.add(Record(request, now, State.ANSWERED, answer))
            return list(answer)
        outcome = self._routes[request.target].endpoint.handle(request, now)
        return self._settle(request, now, outcome)

    def poll(self) -> list[Message]:
        """Fire the timeouts due now; every queued message (S1CE20s, late answers)."""
        self._timers.run_due()
        queued, self._outbox = self._outbox, []
        return queued

    def pending(self) -> tuple[PendingRequest, ...]:
        records = sorted(self._ledger.pending(), key=lambda r: r.deadline.at)  # type: ignore[union-attr]
        return tuple(
            PendingRequest(r.request, r.received_at, r.deadline.at, r.reason)  # type: ignore[union-attr]
            for r in records
        )

    def exchange(self, request: Request, *, wait: bool = True) -> list[Message]:
        """``submit``, then (``wait``) until the request is answered or has timed out.

        Under a VirtualClock the wait moves virtual time to the S1SP deadline, firing any
        other timers due on the way; their messages stay queued for ``poll``.
        """
        answer = self.submit(request)
        record = self._ledger.get(request)
        if not wait or record is None or record.request != request:
            return answer
        if record.state is State.PENDING:
            self._wait_for(record)
        late = [m for m in self._outbox if any(m is r for r in record.messages)]
        self._outbox = [m for m in self._outbox if not any(m is r for r in late)]
        return answer + late

    def receive(self, reply: Reply) -> bool:
        """A device's answer that came after ``submit`` (a transport-backed endpoint).

        Queued for ``poll`` if its request is still pending; False (and counted as late)
        if the S1SP has already timed it out or never forwarded it.
        """
        response = reply.response
        record = self._ledger.find_pending(response.target, response.request_id)
        if record is None:
            self.late_answers += 1
            return False
        if record.timer is not None:
            record.timer.cancel()
        record.state = State.ANSWERED
        messages = self._answered(record.request, reply)
        record.messages.extend(messages)
        self._outbox.extend(messages)
        return True

    # --- virtual time ---------------------------------------------------------------

    def advance(self, delta: timedelta) -> list[Message]:
        """Move a virtual clock on by ``delta``, firing timeouts at their instants; ``poll``."""
        self._timers.advance(delta)
        return self.poll()

    def run_until(self, instant: datetime) -> list[Message]:
        self._timers.run_until(instant)
        return self.poll()

    # --- state ----------------------------------------------------------------------

    def accepted_utrns(self, target: EUI64) -> frozenset[Utrn]:
        """UTRNs a meter has accepted through this S1SP (its own record, see ``_applied``)."""
        return frozenset(self._accepted.get(target, ()))

    def reset(self) -> None:
        """Forget every request, UTRN and queued message; cancel pending timeouts."""
        for record in self._ledger.clear():
            if record.timer is not None:
                record.timer.cancel()
        self._outbox.clear()
        self._accepted.clear()
        self._seen.clear()
        self.late_answers = 0

    # --- internals ------------------------------------------------------------------

    def _screen(self, request: Request, now: datetime) -> list[Message] | None:
        route = self._routes.get(request.target)
        if route is None:
            return [self._refusal(request, codes.UNKNOWN_DEVICE)]
        if route.device_type not in self._catalogue.srv(request.srv).device_types:
            return [self._refusal(request, codes.INCOMPATIBLE)]
        answer = self._check(route, request, now)
        if isinstance(request.body, TopUpDeviceRequest):
            self._seen[route.target].add(request.body.utrn)
        return answer

    def _check(self, route: Route, request: Request, now: datetime) -> list[Message] | None:
        return authorise(route, request, now) or check_utrn(
            route, request, now, partial(self._applied, route), partial(self._utrns, route)
        )

    def _utrns(self, route: Route) -> UtrnHistory:
        """The UTRNs this S1SP has seen for the meter, and those it saw accepted, in order."""
        return frozenset(self._seen[route.target]), tuple(self._accepted[route.target])

    def _applied(self, route: Route, utrn: Utrn) -> bool:
        """The device's own record where the endpoint can read it, else the S1SP's."""
        if isinstance(route.endpoint, UtrnRecord):
            known = route.endpoint.has_applied_utrn(route.target, utrn)
            if known is not None:
                return known
        return utrn in self._accepted.get(route.target, ())

    def _settle(self, request: Request, now: datetime, outcome: Outcome) -> list[Message]:
        if isinstance(outcome, Reply):
            messages = self._answered(request, outcome)
            self._ledger.add(Record(request, now, State.ANSWERED, list(messages)))
            return messages
        if not isinstance(outcome, Silence):
            raise S1spError(f"an endpoint returned {type(outcome).__name__}, not an Outcome")
        record = Record(request, now, State.PENDING, reason=outcome.reason)
        record.deadline = Deadline.after(self._clock, self._silence_timeout(request.target))
        record.timer = self._timers.schedule(
            record.deadline.at, lambda due: self._expire(record, due)
        )
        self._ledger.add(record)
        return []

    def _silence_timeout(self, target: EUI64) -> timedelta:
        """The wait before S1CE20: the S1SP's timeout unless a fault moves it."""
        rule = self._routes[target].behaviour.s1sp_silence_timeout
        return _FAULTY_TIMEOUTS.get(rule, self._timeout)

    def _answered(self, request: Request, reply: Reply) -> list[Message]:
        response = reply.response
        if response.request_id != request.request_id or response.target != request.target:
            raise S1spError(
                f"the device answered request {response.request_id} to {response.target} "
                f"for request {request.request_id} to {request.target}"
            )
        body = request.body
        if isinstance(body, TopUpDeviceRequest) and response.code.is_success:
            self._accepted[request.target][body.utrn] = None
        return [response, *reply.alerts]

    def _expire(self, record: Record, due: datetime) -> None:
        if record.state is not State.PENDING:
            return
        record.state = State.TIMED_OUT
        request = record.request
        alert = timeout_alert(request.target, due, request.request_id, request.srv, record.reason)
        record.messages.append(alert)
        self._outbox.append(alert)

    def _wait_for(self, record: Record) -> None:
        deadline = record.deadline
        assert deadline is not None
        if isinstance(self._clock, VirtualClock):
            self._timers.run_until(max(deadline.at, self._clock.now()))
            return
        if self._sleep is None:
            raise S1spError(
                "cannot wait on a real clock without a sleep function: pass sleep= to the "
                "S1SP, or submit() and poll() after the deadline"
            )
        while record.state is State.PENDING:
            remaining = deadline.remaining(self._clock.now())
            if remaining > timedelta(0):
                self._sleep(remaining)
            self._timers.run_due()

    @staticmethod
    def _refusal(request: Request, code: ResponseCode) -> Response:
        return Response(request.request_id, request.target, request.srv, code)
