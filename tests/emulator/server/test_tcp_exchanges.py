"""SRVs, S1CE20 and the test hooks over real loopback sockets."""

from __future__ import annotations

from datetime import timedelta

import pytest

from s1sr.emulator import device_id_for, plan_installation, supplier_user_id
from s1sr.emulator.server import HOOKS_OFF
from s1sr.models import (
    S1CE20,
    AdvanceClock,
    Alert,
    BillingCalendar,
    BillingPeriodicity,
    ChangeOfModeBillingLogRequest,
    ControlOutcome,
    ControlResponse,
    DailyReadLogRequest,
    DailyReadLogResponse,
    DeviceType,
    HanAction,
    InventoryResponse,
    ProfileDataRequest,
    ProfileDataResponse,
    ReadClock,
    ReadFirmwareVersionRequest,
    ReadFirmwareVersionResponse,
    ReadInventory,
    Request,
    ResetInstallation,
    Response,
    ResponseCode,
    SetClock,
    TopUpDeviceResponse,
    UpdateBillingCalendarRequest,
    UpdateBillingCalendarResponse,
    UpdateHanDeviceLogRequest,
    UpdateHanDeviceLogResponse,
    utc,
)
from tests.emulator.installation.helpers import top_up

START = utc(2024, 1, 15, 12)


def _silent(han1, request_id: int) -> Request:
    """4.4.2 before any tariff or payment mode update: it always times out (18.17(i))."""
    period = ChangeOfModeBillingLogRequest(START - timedelta(days=1), START)
    return Request(request_id, han1.user, han1.esme, period)


def _only_response(messages) -> Response:
    [response] = messages
    assert isinstance(response, Response)
    return response


def test_read_firmware_version(server, connect, han1) -> None:
    client = connect(server)
    response = _only_response(
        client.exchange(Request(1, han1.user, han1.ppmid, ReadFirmwareVersionRequest()))
    )
    assert response.code is ResponseCode.I0
    assert isinstance(response.body, ReadFirmwareVersionResponse)


def test_top_up(server, connect, han1) -> None:
    client = connect(server)
    response = _only_response(client.exchange(Request(2, han1.user, han1.esme, top_up(1, 20))))
    assert response.code is ResponseCode.I0
    amount = top_up(1, 20).utrn.amount
    assert response.body == TopUpDeviceResponse(credit_applied=amount, meter_balance=amount)


def test_update_billing_calendar(server, connect, han1) -> None:
    client = connect(server)
    calendar = BillingCalendar(utc(2024, 2, 1), BillingPeriodicity.MONTHLY)
    response = _only_response(
        client.exchange(Request(3, han1.user, han1.gsme, UpdateBillingCalendarRequest(calendar)))
    )
    assert response.code is ResponseCode.I0
    assert response.body == UpdateBillingCalendarResponse(calendar)


def test_update_han_device_log(server, connect, han1) -> None:
    client = connect(server)
    change = UpdateHanDeviceLogRequest(HanAction.REMOVE, han1.ppmid, DeviceType.PPMID)
    response = _only_response(client.exchange(Request(4, han1.user, han1.chf, change)))
    assert response.code is ResponseCode.I0
    assert isinstance(response.body, UpdateHanDeviceLogResponse)
    assert han1.ppmid not in {entry.device for entry in response.body.entries}


def test_consumption_accrues_as_the_virtual_clock_moves(server, connect, han1) -> None:
    client = connect(server)
    [moved] = client.control(AdvanceClock(3 * 86400), han1.esme)
    assert moved.clock == START + timedelta(days=3)
    daily = _only_response(
        client.exchange(Request(5, han1.user, han1.esme, DailyReadLogRequest(START, moved.clock)))
    )
    assert isinstance(daily.body, DailyReadLogResponse)
    assert len(daily.body.entries) >= 2
    profile = _only_response(
        client.exchange(
            Request(6, han1.user, han1.esme, ProfileDataRequest(START, START + timedelta(days=1)))
        )
    )
    assert isinstance(profile.body, ProfileDataResponse)
    assert len(profile.body.entries) >= 47  # a day of half hours
    assert any(entry.consumption.milli > 0 for entry in profile.body.entries)


def test_a_request_for_an_unknown_device_is_refused_by_the_s1sp(server, connect, han1) -> None:
    client = connect(server)
    response = _only_response(
        client.exchange(Request(7, han1.user, han1.stranger, ReadFirmwareVersionRequest()))
    )
    assert response.code is ResponseCode.E19


def test_s1ce20_arrives_when_virtual_time_passes_the_s1sp_timeout(server, connect, han1) -> None:
    client = connect(server)
    [inventory] = client.control(ReadInventory(), han1.esme)
    assert isinstance(inventory, InventoryResponse)
    assert client.exchange(_silent(han1, 8)) == []  # pending: nothing before the barrier
    timeout = inventory.inventory.s1sp_timeout
    assert client.control(AdvanceClock(timeout - 1), han1.esme)[0].outcome is ControlOutcome.OK
    alert, done = client.control(AdvanceClock(1), han1.esme)
    assert isinstance(alert, Alert) and isinstance(done, ControlResponse)
    assert alert.code == S1CE20 and alert.request_id == 8
    assert alert.raised_at == START + timedelta(seconds=timeout)


def test_s1ce20_reaches_the_client_that_asked_not_the_one_moving_time(
    server, connect, han1
) -> None:
    asker, mover = connect(server), connect(server)
    assert asker.exchange(_silent(han1, 9)) == []
    [done] = mover.control(AdvanceClock(3600), han1.esme)
    assert isinstance(done, ControlResponse)
    [alert] = asker.receive()
    assert isinstance(alert, Alert) and alert.request_id == 9


def test_without_test_hooks_the_clock_cannot_be_moved(start_server, connect, han1) -> None:
    client = connect(start_server(test_hooks=False))
    for action in (SetClock(utc(2030, 1, 1)), AdvanceClock(60), ResetInstallation()):
        [refused] = client.control(action, han1.esme)
        assert refused.outcome is ControlOutcome.REFUSED
        assert refused.reason == HOOKS_OFF
    [clock] = client.control(ReadClock(), han1.esme)
    assert clock.outcome is ControlOutcome.OK
    assert clock.clock.year >= 2025  # the host's clock, not a virtual one
    [inventory] = client.control(ReadInventory(), han1.esme)
    assert isinstance(inventory, InventoryResponse)


def test_without_test_hooks_s1ce20_comes_after_a_real_timeout(start_server, connect, han1) -> None:
    client = connect(start_server(test_hooks=False, s1sp_timeout=1), timeout=10.0)
    now = client.control(ReadClock(), han1.esme)[0].clock
    request = Request(
        10, han1.user, han1.esme, ChangeOfModeBillingLogRequest(now - timedelta(days=1), now)
    )
    client.send(request)
    [alert] = client.receive()
    assert isinstance(alert, Alert)
    assert alert.code == S1CE20 and alert.request_id == 10
    assert alert.raised_at >= now + timedelta(seconds=1)


def test_a_retried_top_up_is_answered_again_and_credited_once(server, connect, han1) -> None:
    first = connect(server)
    request = Request(11, han1.user, han1.esme, top_up(3, 10))
    original = first.exchange(request)
    first.close()
    retry = connect(server)
    assert retry.exchange(request) == original  # the same answer, from the S1SP's memory
    later = _only_response(retry.exchange(Request(12, han1.user, han1.esme, top_up(4, 5))))
    assert later.body.meter_balance == top_up(3, 10).utrn.amount + top_up(4, 5).utrn.amount


def test_a_pending_request_retried_after_a_reconnect_gets_its_s1ce20(server, connect, han1) -> None:
    first = connect(server)
    assert first.exchange(_silent(han1, 13)) == []
    first.close()
    retry = connect(server)
    assert retry.exchange(_silent(han1, 13)) == []
    alert, _done = retry.control(AdvanceClock(1800), han1.esme)
    assert isinstance(alert, Alert) and alert.request_id == 13


def test_reset_then_set_clock_starts_a_run_anywhere_in_time(server, connect, han1) -> None:
    client = connect(server)
    client.exchange(Request(14, han1.user, han1.esme, top_up(5, 10)))
    [refused] = client.control(SetClock(utc(2023, 6, 1)), han1.esme)
    assert refused.outcome is ControlOutcome.REFUSED
    assert client.control(ResetInstallation(), han1.esme)[0].outcome is ControlOutcome.OK
    [moved] = client.control(SetClock(utc(2023, 6, 1)), han1.esme)
    assert moved.outcome is ControlOutcome.OK and moved.clock == utc(2023, 6, 1)
    again = _only_response(client.exchange(Request(15, han1.user, han1.esme, top_up(5, 10))))
    assert again.code is ResponseCode.I0  # factory state: the UTRN is new to the meter


@pytest.mark.parametrize("han_id", ["HAN-1", "HAN-2", "HAN-3"])
def test_the_inventory_over_tcp_names_every_device_and_supplier(
    start_server, connect, dmves, han_id: str
) -> None:
    plan = plan_installation(dmves, han_id=han_id)
    client = connect(start_server(han_id=han_id))
    [answer] = client.control(ReadInventory(), device_id_for(plan.chf.id))
    inventory = answer.inventory
    assert {d.model_id for d in inventory.devices} == {m.id for m in plan.models}
    assert {d.device for d in inventory.devices} == {device_id_for(m.id) for m in plan.models}
    assert set(inventory.users) == {supplier_user_id(name) for name in plan.suppliers.values()}
    meters = [d for d in inventory.devices if d.device_type in (DeviceType.ESME, DeviceType.GSME)]
    assert {d.supplier for d in meters} == set(inventory.users)
