"""``InstallationHost`` without sockets: hooks, the clock, and who receives which alert."""

from __future__ import annotations

from datetime import timedelta

import pytest
from freezegun import freeze_time

from s1sr.emulator.server import DEFAULT_START, HOOKS_OFF, ProtocolError, WallClock
from s1sr.models import (
    S1CE20,
    AdvanceClock,
    Alert,
    ChangeOfModeBillingLogRequest,
    ControlOutcome,
    ControlRequest,
    ControlResponse,
    InventoryResponse,
    ReadClock,
    ReadFirmwareVersionRequest,
    ReadInventory,
    Request,
    ResetInstallation,
    Response,
    ResponseCode,
    SetClock,
    utc,
)
from s1sr.models.control import CLOCK_MAX

A, B = 1, 2  # two connections


def _silent(han1, request_id: int, now) -> Request:
    """4.4.2 before any tariff or payment mode update: the device never answers (18.17(i))."""
    return Request(
        request_id, han1.user, han1.esme, ChangeOfModeBillingLogRequest(now - timedelta(1), now)
    )


def _control(han1, action, request_id: int = 900) -> ControlRequest:
    return ControlRequest(request_id, han1.esme, action)


def test_a_request_is_answered_to_the_connection_that_sent_it(make_host, han1) -> None:
    host = make_host()
    request = Request(1, han1.user, han1.esme, ReadFirmwareVersionRequest())
    [(connection, response)] = host.receive(A, request)
    assert connection == A
    assert isinstance(response, Response) and response.code is ResponseCode.I0
    assert host.awaiting(A) == 0


def test_s1ce20_goes_to_the_requester_not_to_the_client_that_moved_time(make_host, han1) -> None:
    host = make_host()
    assert host.receive(A, _silent(han1, 7, host.now())) == []
    assert host.awaiting(A) == 1
    deliveries = host.receive(B, _control(han1, AdvanceClock(1800)))
    assert [(d.connection, type(d.message)) for d in deliveries] == [
        (A, Alert),
        (B, ControlResponse),
    ]
    alert = deliveries[0].message
    assert alert.code == S1CE20 and alert.request_id == 7
    assert alert.raised_at == DEFAULT_START + timedelta(minutes=30)
    assert host.awaiting(A) == 0


def test_moving_time_short_of_the_timeout_raises_nothing(make_host, han1) -> None:
    host = make_host()
    host.receive(A, _silent(han1, 7, host.now()))
    deliveries = host.receive(A, _control(han1, AdvanceClock(1799)))
    assert [type(d.message) for d in deliveries] == [ControlResponse]
    assert host.awaiting(A) == 1


def test_an_alert_for_a_client_that_left_is_dropped(make_host, han1) -> None:
    host = make_host()
    host.receive(A, _silent(han1, 7, host.now()))
    host.disconnected(A)
    deliveries = host.receive(B, _control(han1, AdvanceClock(3600)))
    assert [d.connection for d in deliveries] == [B]
    assert host.stats.alerts_dropped == 1


def test_a_retry_on_another_connection_takes_over_the_pending_request(make_host, han1) -> None:
    host = make_host()
    request = _silent(han1, 7, host.now())
    host.receive(A, request)
    host.disconnected(A)
    assert host.receive(B, request) == []  # still pending: nothing applied again
    deliveries = host.receive(B, _control(han1, AdvanceClock(1800)))
    assert [(d.connection, type(d.message)) for d in deliveries] == [
        (B, Alert),
        (B, ControlResponse),
    ]


def test_a_connection_may_leave_only_so_many_requests_pending(make_host, han1) -> None:
    host = make_host(max_awaiting=2)
    host.receive(A, _silent(han1, 1, host.now()))
    host.receive(A, _silent(han1, 2, host.now()))
    with pytest.raises(ProtocolError, match="awaiting"):
        host.receive(A, _silent(han1, 3, host.now()))
    assert len(host.installation.pending()) == 2  # the third was never submitted
    assert host.receive(B, _silent(han1, 3, host.now())) == []  # others are not limited


@pytest.mark.parametrize(
    "action",
    [SetClock(utc(2024, 6, 1)), AdvanceClock(60), ResetInstallation()],
    ids=["set-clock", "advance-clock", "reset"],
)
def test_without_test_hooks_actions_that_change_state_are_refused(make_host, han1, action) -> None:
    host = make_host(test_hooks=False)
    before = host.installation
    [(connection, response)] = host.receive(A, _control(han1, action))
    assert connection == A
    assert response.outcome is ControlOutcome.REFUSED
    assert response.reason == HOOKS_OFF
    assert host.installation is before


def test_without_test_hooks_the_clock_is_the_host_clock_and_reads_are_answered(
    make_host, han1
) -> None:
    host = make_host(test_hooks=False)
    assert isinstance(host.installation.clock, WallClock)
    with freeze_time("2025-03-04 05:06:07.89"):
        [(_, clock)] = host.receive(A, _control(han1, ReadClock()))
        [(_, inventory)] = host.receive(A, _control(han1, ReadInventory()))
    assert clock.outcome is ControlOutcome.OK
    assert clock.clock == utc(2025, 3, 4, 5, 6, 7)
    assert isinstance(inventory, InventoryResponse)
    assert han1.esme in {d.device for d in inventory.inventory.devices}


def test_the_virtual_clock_only_moves_with_control_messages(make_host, han1) -> None:
    host = make_host()
    [(_, moved)] = host.receive(A, _control(han1, SetClock(utc(2024, 3, 31, 0, 59, 59))))
    assert moved.outcome is ControlOutcome.OK
    assert moved.clock == utc(2024, 3, 31, 0, 59, 59)
    [(_, advanced)] = host.receive(A, _control(han1, AdvanceClock(1)))
    assert advanced.clock == utc(2024, 3, 31, 1)
    assert host.next_due() is None  # virtual time: nothing fires by itself


def test_setting_the_clock_back_rebuilds_a_pristine_installation(make_host, han1) -> None:
    host = make_host()
    first = host.installation
    [(_, response)] = host.receive(A, _control(han1, SetClock(utc(2023, 12, 1))))
    assert response.outcome is ControlOutcome.OK
    assert response.clock == utc(2023, 12, 1)
    assert host.installation is not first
    assert host.stats.rebuilds == 1


def test_the_clock_goes_back_only_after_a_reset_once_requests_were_made(make_host, han1) -> None:
    host = make_host()
    host.receive(A, Request(1, han1.user, han1.esme, ReadFirmwareVersionRequest()))
    [(_, refused)] = host.receive(A, _control(han1, SetClock(utc(2023, 12, 1))))
    assert refused.outcome is ControlOutcome.REFUSED
    assert "reset" in refused.reason
    assert refused.clock == DEFAULT_START
    [(_, reset)] = host.receive(A, _control(han1, ResetInstallation()))
    assert reset.outcome is ControlOutcome.OK and reset.clock == DEFAULT_START
    [(_, moved)] = host.receive(A, _control(han1, SetClock(utc(2023, 12, 1))))
    assert moved.outcome is ControlOutcome.OK and moved.clock == utc(2023, 12, 1)


def test_a_reset_forgets_pending_requests(make_host, han1) -> None:
    host = make_host()
    host.receive(A, _silent(han1, 7, host.now()))
    host.receive(A, _control(han1, ResetInstallation()))
    assert host.awaiting(A) == 0
    deliveries = host.receive(A, _control(han1, AdvanceClock(3600)))
    assert [type(d.message) for d in deliveries] == [ControlResponse]


def test_advancing_past_the_last_instant_the_wire_can_carry_is_refused(make_host, han1) -> None:
    host = make_host()
    host.receive(A, _control(han1, SetClock(CLOCK_MAX - timedelta(seconds=10))))
    [(_, refused)] = host.receive(A, _control(han1, AdvanceClock(11)))
    assert refused.outcome is ControlOutcome.REFUSED
    assert refused.clock == CLOCK_MAX - timedelta(seconds=10)


@pytest.mark.parametrize("kind", ["response", "control-response"])
def test_messages_only_a_server_sends_are_a_protocol_error(make_host, han1, kind: str) -> None:
    host = make_host()
    sent = (
        Response(1, han1.esme, ReadFirmwareVersionRequest.srv, ResponseCode.I0)
        if kind == "response"
        else ControlResponse(1, han1.esme, ControlOutcome.OK, DEFAULT_START)
    )
    with pytest.raises(ProtocolError, match="does not send"):
        host.receive(A, sent)


def test_on_the_host_clock_the_s1sp_timeout_fires_when_due(make_host, han1) -> None:
    with freeze_time("2024-05-01 10:00:00") as frozen:
        host = make_host(test_hooks=False, s1sp_timeout=2)
        host.receive(A, _silent(han1, 7, host.now()))
        assert host.next_due() == utc(2024, 5, 1, 10, 0, 2)
        frozen.tick(1.5)
        assert host.fire_due() == []
        frozen.tick(1.0)
        [(connection, alert)] = host.fire_due()
    assert connection == A
    assert alert.code == S1CE20 and alert.raised_at == utc(2024, 5, 1, 10, 0, 2)
    assert host.next_due() is None
