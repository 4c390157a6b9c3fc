"""The TCP DUT against the emulator's own server, and against a peer that misbehaves.

Against ``s1sr emulate``'s server (in process, on a thread): the inventory it reports, the
hooks it allows, S1CE20 reached by advancing the virtual clock, alerts after a response.
Against the peer: the inventory file for a bridge that cannot list devices, and every
transport failure ending in a ``DutError`` in time, never a hang.
"""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest

from s1sr.dut import DEFAULT_START, Capability, DeviceEntry, DutError, MissingCapability
from s1sr.dut.tcp import TcpDut
from s1sr.emulator.server import BackgroundServer, InstallationHost, factory_for
from s1sr.models import (
    S1CE20,
    Alert,
    ChangeOfModeBillingLogRequest,
    ControlRequest,
    DeviceType,
    ReadFirmwareVersionRequest,
    Request,
    ResponseCode,
    TopUpDeviceRequest,
    Utrn,
    ValueClass,
)
from tests.dut.peer import Peer

MODEL = "EX-ESME-1"
PENNIES = TopUpDeviceRequest(Utrn(counter=3, value_class=ValueClass.PENNIES, value=150, tag=1))


@pytest.fixture
def server(dmves):
    def start(*, hooks=True, timeout=timedelta(minutes=30)):
        factory = factory_for(dmves, han_id="HAN-1", s1sp_timeout=timeout)
        return BackgroundServer(InstallationHost(factory, test_hooks=hooks))

    return start


@pytest.fixture
def connect(dmves):
    opened = []

    def make(port, **kwargs):
        dut = TcpDut("127.0.0.1", port, dmves.model(MODEL), dmves=dmves, **kwargs)
        dut.open()
        opened.append(dut)
        return dut

    yield make
    for dut in opened:
        dut.close()


def srv(dut, body, request_id=1):
    inventory = dut.inventory()
    device = inventory.of_model(MODEL).id
    return Request(request_id, inventory.user_for(device), device, body)


def test_the_inventory_comes_from_the_server(server, connect):
    with server() as running:
        inventory = connect(running.port).inventory()
    assert inventory.of_model(MODEL).device_type is DeviceType.ESME
    assert inventory.of_model(MODEL).supplier in inventory.users
    assert {d.model_id for d in inventory.on_han(DeviceType.GSME)} == {"EX-GSME-1"}
    assert inventory.spares(DeviceType.PPMID)


def test_a_server_with_test_hooks_gives_clock_control_and_reset(server, connect):
    with server() as running:
        dut = connect(running.port)
        assert dut.capabilities == {Capability.CLOCK_CONTROL, Capability.RESET}
        result = dut.exchange(srv(dut, ReadFirmwareVersionRequest()))
        assert result.messages[0].code is ResponseCode.I0


def test_a_silent_device_gets_its_s1ce20_by_advancing_the_virtual_clock(server, connect):
    with server(timeout=timedelta(minutes=7)) as running:
        dut = connect(running.port)
        dut.reset()
        body = ChangeOfModeBillingLogRequest(
            start=DEFAULT_START - timedelta(days=9), end=DEFAULT_START
        )
        result = dut.exchange(srv(dut, body))
        assert [m.code for m in result.messages] == [S1CE20]
        assert dut.now() == DEFAULT_START + timedelta(minutes=7)  # the server's S1SP timeout
        hooks = [f for f in result.frames if isinstance(f.message, ControlRequest)]
        assert len(hooks) == 2  # the ReadClock barrier, then the advance: both in evidence


def test_an_s1sp_alert_is_part_of_the_exchange(server, connect):
    with server() as running:
        dut = connect(running.port)
        result = dut.exchange(srv(dut, PENNIES))
        assert any(isinstance(m, Alert) for m in result.messages)


def test_clock_hooks_and_reset_drive_the_server(server, connect):
    with server() as running:
        dut = connect(running.port)
        dut.reset()
        dut.advance(timedelta(hours=5))
        assert dut.now() == DEFAULT_START + timedelta(hours=5)
        dut.reset()
        assert dut.now() == DEFAULT_START


def test_a_server_without_hooks_declares_nothing(server, connect):
    with server(hooks=False) as running:
        dut = connect(running.port)
        assert dut.capabilities == frozenset()
        with pytest.raises(MissingCapability):
            dut.advance(timedelta(seconds=1))
        assert dut.exchange(srv(dut, ReadFirmwareVersionRequest())).messages


def test_a_bridge_that_cannot_list_devices_needs_an_inventory_file(
    dmves, emulator_dut, inventory_file, connect
):
    backend = emulator_dut(MODEL)
    with Peer(backend) as peer:
        with pytest.raises(DutError, match="--dut-inventory"):
            connect(peer.port)
        dut = connect(peer.port, inventory_file=inventory_file(backend))
        assert isinstance(dut.inventory().of_model(MODEL), DeviceEntry)
        assert dut.exchange(srv(dut, ReadFirmwareVersionRequest())).messages


def test_no_answer_in_time_is_a_dut_error(emulator_dut, inventory_file, connect):
    backend = emulator_dut(MODEL)
    with Peer(backend, mute=True, hooks=False) as peer:
        dut = connect(
            peer.port,
            inventory_file=inventory_file(backend),
            s1sp_timeout=timedelta(seconds=0),
            margin=timedelta(seconds=0.3),
        )
        with pytest.raises(DutError, match="nothing came back in time"):
            dut.exchange(srv(dut, ReadFirmwareVersionRequest()))


def test_bytes_that_are_no_frame_are_a_dut_error(emulator_dut, inventory_file, connect):
    backend = emulator_dut(MODEL)
    with Peer(backend, garbage=True) as peer:
        dut = connect(peer.port, inventory_file=inventory_file(backend))
        with pytest.raises(DutError, match="framing"):
            dut.exchange(srv(dut, ReadFirmwareVersionRequest()))


def test_nothing_listening_is_a_dut_error(dmves):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dut = TcpDut("127.0.0.1", port, dmves.model(MODEL), dmves=dmves)
    with pytest.raises(DutError, match="cannot connect"):
        dut.open()
