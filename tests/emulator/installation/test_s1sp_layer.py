"""The S1SP layer on its own: routing, refusals, S1CE20 in virtual time, retries, late answers."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest

from s1sr.emulator import S1SP, SystemClock, Timers, VirtualClock
from s1sr.emulator.device import Outcome, Reply, Silence
from s1sr.emulator.s1sp import Endpoint, Ownership, Route, S1spBehaviour, S1spError
from s1sr.models import (
    EUI64,
    S1CE20,
    SRV,
    Alert,
    ChangeOfModeBillingLogRequest,
    DeviceType,
    ModelError,
    Request,
    Response,
    ResponseCode,
    utc,
)
from tests.emulator.installation.conftest import START
from tests.emulator.installation.helpers import Requests, codes, model, read_firmware, top_up

METER = EUI64(0x1111)
CHF = EUI64(0x2222)
USER = EUI64(0xAAAA)
LOG_READ = ChangeOfModeBillingLogRequest(utc(2024, 1, 1), utc(2024, 1, 15))


class Scripted:
    """An endpoint that answers per SRV: a Reply, or Silence for the SRVs in ``silent``."""

    def __init__(
        self, silent: frozenset[SRV] = frozenset({SRV.RETRIEVE_CHANGE_OF_MODE_TARIFF_BILLING_LOG})
    ) -> None:
        self.silent = silent
        self.seen: list[tuple[Request, datetime]] = []
        self.alerts: tuple[Alert, ...] = ()

    def handle(self, request: Request, now: datetime) -> Outcome:
        self.seen.append((request, now))
        if request.srv in self.silent:
            return Silence("scripted silence")
        response = Response(request.request_id, request.target, request.srv, ResponseCode.I0)
        return Reply(response, self.alerts)


class ManualClock:
    """A clock that is not a VirtualClock: only the injected sleep moves it."""

    def __init__(self, start: datetime) -> None:
        self.instant = start
        self.slept: list[timedelta] = []

    def now(self) -> datetime:
        return self.instant

    def sleep(self, delta: timedelta) -> None:
        self.slept.append(delta)
        self.instant += delta


def _s1sp(clock, endpoint: Endpoint, **kwargs) -> S1SP:
    s1sp = S1SP(clock, **kwargs)
    ownership = Ownership(USER, USER, frozenset({USER}))
    for target, device_type in ((METER, DeviceType.ESME), (CHF, DeviceType.CHF)):
        device_model = model(f"M-{device_type}", device_type)
        behaviour = S1spBehaviour.from_model(device_model)
        own = (
            ownership
            if device_type is DeviceType.ESME
            else Ownership(None, USER, frozenset({USER}))
        )
        s1sp.add_route(Route(target, device_model, endpoint, behaviour, own))
    return s1sp


@pytest.fixture
def endpoint() -> Scripted:
    return Scripted()


@pytest.fixture
def s1sp(vclock, endpoint) -> S1SP:
    return _s1sp(vclock, endpoint)


@pytest.fixture
def send(req: Requests):
    def _send(body, target=METER, request_id=None) -> Request:
        return req(USER, target, body, request_id)

    return _send


class TestRouting:
    def test_a_reply_is_passed_through_with_the_devices_alerts(self, s1sp, endpoint, send):
        endpoint.alerts = (Alert("S1PX05", METER, START, request_id=99),)
        request = send(top_up(1, 5))
        messages = s1sp.submit(request)
        assert codes(messages) == ["I0", "S1PX05"]
        assert endpoint.seen == [(request, START)]

    def test_an_unknown_target_is_refused_and_nothing_is_forwarded(self, s1sp, endpoint, send):
        messages = s1sp.submit(send(top_up(1, 5), target=EUI64(0x9999)))
        assert codes(messages) == ["E19"]
        assert endpoint.seen == []

    def test_an_srv_the_device_type_does_not_take_is_refused(self, s1sp, endpoint, send):
        messages = s1sp.submit(send(top_up(1, 5), target=CHF))
        assert codes(messages) == ["E11"]
        assert endpoint.seen == []

    def test_the_device_is_handed_the_current_instant(self, s1sp, endpoint, send, vclock):
        vclock.advance(timedelta(days=3))
        s1sp.submit(send(read_firmware()))
        assert endpoint.seen[0][1] == START + timedelta(days=3)

    def test_a_second_route_to_the_same_target_is_refused(self, s1sp, endpoint):
        route = s1sp.route(METER)
        with pytest.raises(ValueError, match="exists already"):
            s1sp.add_route(route)

    def test_a_reply_for_another_request_is_an_error(self, vclock, send):
        class Wrong:
            def handle(self, request, now):
                return Reply(
                    Response(request.request_id + 1, request.target, request.srv, ResponseCode.I0)
                )

        with pytest.raises(S1spError, match="answered request"):
            _s1sp(vclock, Wrong()).submit(send(read_firmware()))


class TestTimeout:
    def test_silence_answers_nothing_at_once_and_is_pending(self, s1sp, send):
        request = send(LOG_READ)
        assert s1sp.submit(request) == []
        (pending,) = s1sp.pending()
        assert pending.request == request
        assert pending.forwarded_at == START
        assert pending.deadline == START + timedelta(minutes=30)
        assert pending.reason == "scripted silence"

    def test_s1ce20_arrives_exactly_at_the_timeout_not_before(self, s1sp, send, vclock):
        request = send(LOG_READ)
        s1sp.submit(request)
        assert s1sp.advance(timedelta(minutes=30) - timedelta(microseconds=1)) == []
        assert len(s1sp.pending()) == 1
        (alert,) = s1sp.advance(timedelta(microseconds=1))
        assert alert.code == S1CE20
        assert alert.raised_at == START + timedelta(minutes=30)
        assert (alert.request_id, alert.target, alert.srv) == (
            request.request_id,
            METER,
            SRV.RETRIEVE_CHANGE_OF_MODE_TARIFF_BILLING_LOG,
        )
        assert s1sp.pending() == ()

    def test_a_late_poll_still_stamps_the_alert_at_its_deadline(self, s1sp, send, vclock):
        s1sp.submit(send(LOG_READ))
        vclock.advance(timedelta(hours=5))
        (alert,) = s1sp.poll()
        assert alert.raised_at == START + timedelta(minutes=30)

    def test_exchange_moves_virtual_time_to_the_deadline_and_returns_s1ce20(
        self, s1sp, send, vclock
    ):
        messages = s1sp.exchange(send(LOG_READ))
        assert codes(messages) == [S1CE20]
        assert vclock.now() == START + timedelta(minutes=30)
        assert s1sp.poll() == []

    def test_exchange_without_wait_returns_at_once(self, s1sp, send, vclock):
        assert s1sp.exchange(send(LOG_READ), wait=False) == []
        assert vclock.now() == START
        assert len(s1sp.pending()) == 1

    def test_exchange_of_an_answered_request_does_not_move_time(self, s1sp, send, vclock):
        assert codes(s1sp.exchange(send(read_firmware()))) == ["I0"]
        assert vclock.now() == START

    def test_the_timeout_is_configurable(self, vclock, endpoint, send):
        s1sp = _s1sp(vclock, endpoint, timeout=timedelta(minutes=5))
        assert codes(s1sp.exchange(send(LOG_READ))) == [S1CE20]
        assert vclock.now() == START + timedelta(minutes=5)

    @pytest.mark.parametrize(
        "timeout",
        [timedelta(0), timedelta(seconds=-1), 30],
        ids=["zero", "negative", "not-a-timedelta"],
    )
    def test_a_timeout_that_is_not_positive_is_refused(self, vclock, timeout):
        with pytest.raises(ValueError, match="positive timedelta"):
            S1SP(vclock, timeout=timeout)

    def test_timers_of_another_clock_are_refused(self, vclock):
        with pytest.raises(ValueError, match="must run on the"):
            S1SP(vclock, timers=Timers(VirtualClock(START)))

    def test_other_alerts_falling_due_during_an_exchange_stay_queued_for_poll(
        self, s1sp, send, vclock
    ):
        first = send(LOG_READ)
        s1sp.submit(first)
        vclock.advance(timedelta(minutes=10))
        second = send(LOG_READ)
        messages = s1sp.exchange(second)
        assert [m.request_id for m in messages] == [second.request_id]
        (queued,) = s1sp.poll()
        assert queued.request_id == first.request_id
        assert queued.raised_at == START + timedelta(minutes=30)

    def test_pending_requests_are_listed_in_deadline_order(self, s1sp, send, vclock):
        first, second = send(LOG_READ), send(LOG_READ)
        s1sp.submit(first)
        vclock.advance(timedelta(minutes=1))
        s1sp.submit(second)
        assert [p.request for p in s1sp.pending()] == [first, second]


class TestRetries:
    def test_a_retried_answered_request_gets_the_same_answer_and_is_not_reapplied(
        self, s1sp, endpoint, send
    ):
        request = send(top_up(1, 5))
        first = s1sp.submit(request)
        again = s1sp.submit(request)
        assert again == first
        assert len(endpoint.seen) == 1

    def test_a_retry_while_pending_forwards_nothing_and_one_s1ce20_follows(
        self, s1sp, endpoint, send
    ):
        request = send(LOG_READ)
        s1sp.submit(request)
        assert s1sp.submit(request) == []
        alerts = s1sp.advance(timedelta(hours=1))
        assert codes(alerts) == [S1CE20]
        assert len(endpoint.seen) == 1

    def test_a_retry_after_the_timeout_gets_the_s1ce20_again_and_nothing_new(self, s1sp, send):
        request = send(LOG_READ)
        (alert,) = s1sp.exchange(request)
        assert s1sp.submit(request) == [alert]
        assert s1sp.poll() == []

    def test_an_s1sp_refusal_is_repeated_on_retry(self, s1sp, endpoint, send):
        request = send(top_up(1, 5), target=EUI64(0x9999))
        assert codes(s1sp.submit(request)) == codes(s1sp.submit(request)) == ["E19"]

    def test_a_request_id_reused_for_another_request_is_refused(self, s1sp, endpoint, send):
        s1sp.submit(send(top_up(1, 5), request_id=7))
        messages = s1sp.submit(send(top_up(2, 5), request_id=7))
        assert codes(messages) == ["E12"]
        assert len(endpoint.seen) == 1

    def test_the_same_request_id_from_another_user_is_another_request(self, s1sp, endpoint, req):
        s1sp.route(METER)
        s1sp.submit(req(USER, METER, read_firmware(), 7))
        s1sp.submit(req(USER, CHF, read_firmware(), 7))
        assert len(endpoint.seen) == 2


class TestRealClock:
    def test_exchange_on_a_real_clock_waits_with_the_injected_sleep(self, endpoint, send):
        clock = ManualClock(START)
        s1sp = _s1sp(clock, endpoint, timeout=timedelta(minutes=2), sleep=clock.sleep)
        messages = s1sp.exchange(send(LOG_READ))
        assert codes(messages) == [S1CE20]
        assert clock.slept == [timedelta(minutes=2)]
        assert messages[0].raised_at == START + timedelta(minutes=2)

    def test_without_a_sleep_exchange_refuses_to_wait_but_poll_works(self, endpoint, send):
        clock = ManualClock(START)
        s1sp = _s1sp(clock, endpoint)
        with pytest.raises(S1spError, match="sleep"):
            s1sp.exchange(send(LOG_READ))
        assert s1sp.poll() == []
        clock.instant += timedelta(minutes=30)
        assert codes(s1sp.poll()) == [S1CE20]

    def test_the_system_clock_with_a_real_timeout(self, endpoint, send):
        s1sp = _s1sp(
            SystemClock(),
            endpoint,
            timeout=timedelta(milliseconds=2),
            sleep=lambda d: time.sleep(d.total_seconds()),
        )
        assert codes(s1sp.exchange(send(LOG_READ))) == [S1CE20]

    def test_a_late_answer_while_pending_is_queued_and_cancels_the_timeout(
        self, s1sp, send, vclock
    ):
        request = send(LOG_READ)
        s1sp.submit(request)
        vclock.advance(timedelta(minutes=3))
        answer = Response(request.request_id, METER, request.srv, ResponseCode.I0)
        assert s1sp.receive(Reply(answer)) is True
        assert s1sp.poll() == [answer]
        assert s1sp.advance(timedelta(hours=1)) == []
        assert s1sp.submit(request) == [answer]

    def test_an_answer_after_the_timeout_is_dropped_and_counted(self, s1sp, send):
        request = send(LOG_READ)
        s1sp.exchange(request)
        answer = Response(request.request_id, METER, request.srv, ResponseCode.I0)
        assert s1sp.receive(Reply(answer)) is False
        assert s1sp.late_answers == 1
        assert s1sp.poll() == []


class TestReset:
    def test_reset_forgets_requests_and_cancels_timeouts(self, s1sp, endpoint, send):
        answered = send(read_firmware())
        s1sp.submit(answered)
        s1sp.submit(send(LOG_READ))
        s1sp.reset()
        assert s1sp.pending() == ()
        assert s1sp.advance(timedelta(hours=1)) == []
        s1sp.submit(answered)
        assert len(endpoint.seen) == 3


def test_ownership_names_only_installation_suppliers():
    with pytest.raises(ValueError, match="installation's suppliers"):
        Ownership(USER, None, frozenset())


def test_submit_takes_requests_only(s1sp):
    with pytest.raises(TypeError):
        s1sp.submit("2.2")


def test_a_request_is_still_validated_by_the_model():
    with pytest.raises(ModelError):
        Request(-1, USER, METER, read_firmware())
