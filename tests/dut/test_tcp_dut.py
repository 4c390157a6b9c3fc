"""The TCP DUT against a small wire-format peer: hooks probed, barrier, and every failure an
ERROR-grade ``DutError``, never a hang."""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest

from s1sr.dut import DEFAULT_START, Capability, DutError, MissingCapability
from s1sr.dut.tcp import TcpDut
from s1sr.models import (
    S1CE20,
    ChangeOfModeBillingLogRequest,
    ControlRequest,
    ControlResponse,
    ReadFirmwareVersionRequest,
    Request,
    ResponseCode,
    TopUpDeviceRequest,
    Utrn,
    ValueClass,
)
from tests.dut.peer import Peer

MODEL = "EX-ESME-1"


@pytest.fixture
def backend(emulator_dut):
    return emulator_dut(MODEL)


@pytest.fixture
def connect(dmves, backend, inventory_file):
    opened = []

    def make(peer, **kwargs):
        dut = TcpDut(
            "127.0.0.1",
            peer.port,
            dmves.model(MODEL),
            dmves=dmves,
            inventory_file=inventory_file(backend),
            **kwargs,
        )
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


def test_a_peer_with_test_hooks_gives_clock_control_and_reset(backend, connect):
    with Peer(backend) as peer:
        dut = connect(peer)
        assert dut.capabilities == {Capability.CLOCK_CONTROL, Capability.RESET}
        result = dut.exchange(srv(dut, ReadFirmwareVersionRequest()))
        assert result.messages[0].code is ResponseCode.I0


def test_the_barrier_brings_the_alerts_and_the_virtual_time(backend, connect):
    with Peer(backend) as peer:
        dut = connect(peer)
        body = ChangeOfModeBillingLogRequest(
            start=DEFAULT_START - timedelta(days=9), end=DEFAULT_START
        )
        result = dut.exchange(srv(dut, body))
        assert [m.code for m in result.messages] == [S1CE20]
        hooks = [
            f for f in result.frames if isinstance(f.message, ControlRequest | ControlResponse)
        ]
        assert len(hooks) == 2  # the ReadClock barrier and its answer, kept as evidence
        assert dut.now() == DEFAULT_START + timedelta(minutes=30)


def test_an_s1sp_alert_reaches_the_exchange(backend, connect):
    pennies = TopUpDeviceRequest(Utrn(counter=3, value_class=ValueClass.PENNIES, value=150, tag=1))
    with Peer(backend) as peer:
        dut = connect(peer)
        result = dut.exchange(srv(dut, pennies))
        assert any(m.__class__.__name__ == "Alert" for m in result.messages)


def test_clock_hooks_and_reset_drive_the_peer(backend, connect):
    with Peer(backend) as peer:
        dut = connect(peer)
        dut.advance(timedelta(hours=5))
        assert dut.now() == DEFAULT_START + timedelta(hours=5)
        dut.reset()
        assert dut.now() == DEFAULT_START


def test_a_peer_without_hooks_declares_nothing_and_a_clock_move_is_missing(backend, connect):
    with Peer(backend, hooks=False) as peer:
        dut = connect(peer)
        assert dut.capabilities == frozenset()
        with pytest.raises(MissingCapability):
            dut.advance(timedelta(seconds=1))
        assert dut.exchange(srv(dut, ReadFirmwareVersionRequest())).messages


def test_no_answer_in_time_is_a_dut_error(backend, connect):
    with Peer(backend, mute=True) as peer:
        dut = connect(peer, io_timeout=0.3)
        with pytest.raises(DutError, match="nothing came back in time"):
            dut.exchange(srv(dut, ReadFirmwareVersionRequest()))


def test_bytes_that_are_no_frame_are_a_dut_error(backend, connect):
    with Peer(backend, garbage=True) as peer:
        dut = connect(peer)
        with pytest.raises(DutError, match="framing"):
            dut.exchange(srv(dut, ReadFirmwareVersionRequest()))


def test_nothing_listening_is_a_dut_error(dmves, backend, inventory_file):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dut = TcpDut(
        "127.0.0.1", port, dmves.model(MODEL), dmves=dmves, inventory_file=inventory_file(backend)
    )
    with pytest.raises(DutError, match="cannot connect"):
        dut.open()


def test_a_tcp_dut_needs_an_inventory(dmves):
    with pytest.raises(DutError, match="--dut-inventory"):
        TcpDut("127.0.0.1", 1, dmves.model(MODEL), dmves=dmves)
