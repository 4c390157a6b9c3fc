"""The emulator DUT: its inventory, frames through the wire codec, virtual time, reset, faults."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from s1sr.codecs.wire import decode_message
from s1sr.dut import DEFAULT_START, Capability, Direction, DutError
from s1sr.models import (
    S1CE20,
    ChangeOfModeBillingLogRequest,
    DeviceType,
    ReadFirmwareVersionRequest,
    Request,
    ResponseCode,
    TopUpDeviceRequest,
    Utrn,
    ValueClass,
)

WINTER = datetime(2024, 1, 1, tzinfo=UTC)


def request_to(dut, model_id, body, request_id=1):
    inventory = dut.inventory()
    device = inventory.of_model(model_id).id
    return Request(request_id, inventory.user_for(device), device, body)


def test_declares_clock_control_and_reset(emulator_dut):
    assert emulator_dut("EX-ESME-1").capabilities == {Capability.CLOCK_CONTROL, Capability.RESET}


def test_inventory_of_an_example_han_has_both_suppliers_of_a_split_supply(emulator_dut):
    inventory = emulator_dut("EX-GSME-2").inventory()
    esme, gsme = inventory.on_han(DeviceType.ESME)[0], inventory.on_han(DeviceType.GSME)[0]
    assert (esme.model_id, gsme.model_id) == ("EX-ESME-2", "EX-GSME-2")
    assert esme.supplier != gsme.supplier
    assert inventory.other_user(gsme.id) == esme.supplier
    assert inventory.spares(DeviceType.PPMID)  # PPMIDs to swap in


def test_a_model_without_a_han_gets_one_synthesised_around_it(emulator_dut):
    inventory = emulator_dut("EX-ESME-D1").inventory()
    assert inventory.of_model("EX-ESME-D1").on_han
    assert inventory.on_han(DeviceType.CHF)


def test_every_frame_is_the_wire_encoding_of_its_message(emulator_dut):
    dut = emulator_dut("EX-ESME-1")
    result = dut.exchange(request_to(dut, "EX-ESME-1", ReadFirmwareVersionRequest()))
    assert [f.direction for f in result.frames] == [Direction.OUT, Direction.IN]
    for frame in result.frames:
        assert decode_message(frame.data) == frame.message
        assert frame.decoded()["type"] in {"Request", "Response"}
    assert result.messages[0].code is ResponseCode.I0


def test_a_silent_device_ends_in_s1ce20_at_the_deadline_in_virtual_time(emulator_dut):
    dut = emulator_dut("EX-ESME-1")  # mapped to 18.17(i): 4.4.2 before any change times out
    body = ChangeOfModeBillingLogRequest(start=WINTER, end=DEFAULT_START)
    result = dut.exchange(request_to(dut, "EX-ESME-1", body))
    assert [m.code for m in result.messages] == [S1CE20]
    assert dut.now() == DEFAULT_START + timedelta(minutes=30)
    assert result.frames[-1].virtual_time == dut.now()


def test_reset_rebuilds_at_the_default_instant(emulator_dut):
    dut = emulator_dut("EX-ESME-1")
    dut.advance(timedelta(days=3))
    dut.reset()
    assert dut.now() == DEFAULT_START


def test_the_clock_may_go_back_only_before_the_first_request(emulator_dut):
    dut = emulator_dut("EX-ESME-1")
    dut.set_clock(WINTER)
    assert dut.now() == WINTER
    dut.exchange(request_to(dut, "EX-ESME-1", ReadFirmwareVersionRequest()))
    with pytest.raises(DutError, match="cannot go back"):
        dut.set_clock(WINTER - timedelta(days=1))
    dut.set_clock(WINTER + timedelta(days=200))
    assert dut.now() == WINTER + timedelta(days=200)


def test_a_fault_applies_where_its_clause_is_carried(emulator_dut):
    pennies = TopUpDeviceRequest(Utrn(counter=1, value_class=ValueClass.PENNIES, value=150, tag=7))
    clean = emulator_dut("EX-ESME-1")
    faulty = emulator_dut("EX-ESME-1", faults=["accepts-fractional-pounds"])
    assert faulty.faults and not clean.faults
    clean_answer = clean.exchange(request_to(clean, "EX-ESME-1", pennies)).messages
    faulty_answer = faulty.exchange(request_to(faulty, "EX-ESME-1", pennies)).messages
    assert clean_answer != faulty_answer


def test_a_fault_no_model_of_the_installation_carries_is_left_out(emulator_dut):
    dut = emulator_dut("EX-ESME-D1", faults=["accepts-fractional-pounds"])  # MOC: no 18.6(b)
    assert dut.faults == ()
