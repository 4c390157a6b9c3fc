"""Random sequences of requests, retries and clock moves through the S1SP: each request
reaches the device once, each silent one gets exactly one S1CE20, stamped at its deadline
and never delivered before it."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from s1sr.emulator import S1SP, VirtualClock
from s1sr.emulator.s1sp import Ownership, Route, S1spBehaviour
from s1sr.models import (
    EUI64,
    S1CE20,
    Alert,
    ChangeOfModeBillingLogRequest,
    DeviceType,
    Request,
    Response,
    utc,
)
from tests.emulator.installation.conftest import START
from tests.emulator.installation.helpers import model, read_firmware
from tests.emulator.installation.test_s1sp_layer import Scripted

METER = EUI64(0x1111)
USER = EUI64(0xAAAA)
TIMEOUT = timedelta(minutes=30)
SILENT = ChangeOfModeBillingLogRequest(utc(2024, 1, 1), utc(2024, 1, 2))


class S1spMachine(RuleBasedStateMachine):
    @initialize()
    def setup(self) -> None:
        self.clock = VirtualClock(START)
        self.endpoint = Scripted()
        self.s1sp = S1SP(self.clock, timeout=TIMEOUT)
        meter = model("M", DeviceType.ESME)
        ownership = Ownership(USER, USER, frozenset({USER}))
        self.s1sp.add_route(
            Route(METER, meter, self.endpoint, S1spBehaviour.from_model(meter), ownership)
        )
        self.sent: list[tuple[Request, object]] = []  # (request, when first submitted)
        self.delivered: list[object] = []
        self.next_id = 1

    @rule(silent=st.booleans())
    def submit_new(self, silent: bool) -> None:
        request = Request(self.next_id, USER, METER, SILENT if silent else read_firmware())
        self.next_id += 1
        answer = self.s1sp.submit(request)
        self.sent.append((request, self.clock.now()))
        assert len(answer) == (0 if silent else 1)
        self.delivered.extend(answer)

    @rule(data=st.data())
    def retry(self, data: st.DataObject) -> None:
        if not self.sent:
            return
        request, _ = data.draw(st.sampled_from(self.sent))
        self.s1sp.submit(request)  # re-delivery of what it already answered: not collected

    @rule(minutes=st.integers(0, 90))
    def advance(self, minutes: int) -> None:
        self.delivered.extend(self.s1sp.advance(timedelta(minutes=minutes)))

    @rule()
    def poll(self) -> None:
        self.delivered.extend(self.s1sp.poll())

    @invariant()
    def each_request_reached_the_device_once(self) -> None:
        seen = Counter(request.request_id for request, _ in self.endpoint.seen)
        assert all(count == 1 for count in seen.values())
        assert len(seen) == len(self.sent)

    @invariant()
    def each_silent_request_has_one_s1ce20_at_its_deadline_never_early(self) -> None:
        alerts = [m for m in self.delivered if isinstance(m, Alert)]
        by_request = Counter(a.request_id for a in alerts)
        assert all(count == 1 for count in by_request.values())
        submitted = {request.request_id: at for request, at in self.sent}
        for alert in alerts:
            assert alert.code == S1CE20
            assert alert.raised_at == submitted[alert.request_id] + TIMEOUT <= self.clock.now()
        for pending in self.s1sp.pending():
            assert pending.deadline > self.clock.now()
            assert pending.request.request_id not in by_request

    @invariant()
    def every_answered_request_got_one_response(self) -> None:
        responses = Counter(m.request_id for m in self.delivered if isinstance(m, Response))
        assert all(count == 1 for count in responses.values())

    def teardown(self) -> None:
        if not hasattr(self, "s1sp"):
            return
        self.delivered.extend(self.s1sp.advance(TIMEOUT))
        alerted = {m.request_id for m in self.delivered if isinstance(m, Alert)}
        silent = {r.request_id for r, _ in self.sent if r.body == SILENT}
        assert alerted == silent  # none lost, none for a request that was answered


TestS1spMachine = S1spMachine.TestCase
