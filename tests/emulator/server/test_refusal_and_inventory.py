"""Who a malformed frame can be answered to, and what ``ReadInventory`` reports."""

from __future__ import annotations

import pytest

from s1sr.codecs.errors import CodecError
from s1sr.codecs.wire import encode_message
from s1sr.codecs.wire.checksum import crc32
from s1sr.dmves.firmware import declared_firmware
from s1sr.emulator import device_id_for, supplier_user_id
from s1sr.emulator.server import DEFAULT_START, inventory_of, refusal_for
from s1sr.models import (
    Alert,
    ControlOutcome,
    ControlRequest,
    ControlResponse,
    DeviceType,
    HanAction,
    ReadClock,
    Request,
    Response,
    ResponseCode,
    UpdateHanDeviceLogRequest,
)
from tests.emulator.installation.helpers import top_up

ERROR = CodecError("count 9 is outside 0..4", "payload.body.entries")


def _reseal(frame: bytes) -> bytes:
    return frame[:-4] + crc32(frame[:-4]).to_bytes(4, "big")


def test_a_request_is_answered_e12_at_its_own_address(han1) -> None:
    frame = encode_message(Request(41, han1.user, han1.gsme, top_up(1, 5)))
    answer = refusal_for(frame, ERROR, DEFAULT_START)
    assert answer == Response(41, han1.gsme, top_up(1, 5).srv, ResponseCode.E12)


def test_a_control_request_is_refused_naming_the_field(han1) -> None:
    frame = encode_message(ControlRequest(42, han1.chf, ReadClock()))
    answer = refusal_for(frame, ERROR, DEFAULT_START)
    assert isinstance(answer, ControlResponse)
    assert answer.request_id == 42 and answer.outcome is ControlOutcome.REFUSED
    assert answer.clock == DEFAULT_START
    assert answer.reason == "malformed control request at payload.body.entries: " + ERROR.reason


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda f: f[:-1] + bytes([f[-1] ^ 1]), id="checksum-fails"),
        pytest.param(lambda f: f[:-1], id="truncated"),
        pytest.param(lambda f: _reseal(f[:4] + b"\x00" + f[5:]), id="flags-wrong-for-kind"),
        pytest.param(lambda f: _reseal(f[:5] + b"\x63\x00\x00" + f[8:]), id="undefined-srv"),
    ],
)
def test_a_frame_whose_header_cannot_be_trusted_is_answered_by_no_one(han1, spoil) -> None:
    frame = encode_message(Request(43, han1.user, han1.esme, top_up(1, 5)))
    assert refusal_for(spoil(frame), ERROR, DEFAULT_START) is None


def test_kinds_a_server_never_answers_get_no_refusal(han1) -> None:
    alert = Alert("S1CE20", han1.esme, DEFAULT_START, 1, top_up(1, 5).srv)
    assert refusal_for(encode_message(alert), ERROR, DEFAULT_START) is None


def test_the_inventory_lists_every_device_the_s1sp_knows(make_host, han1) -> None:
    host = make_host()
    inventory = inventory_of(host.installation)
    by_id = {d.device: d for d in inventory.devices}
    plan = host.installation.plan
    assert set(by_id) == {device_id_for(m.id) for m in plan.models}
    for model in plan.models:
        entry = by_id[device_id_for(model.id)]
        assert entry.model_id == model.id
        assert entry.device_type is model.device_type
        assert entry.firmware_version == declared_firmware(model.firmware_version)
    assert by_id[han1.esme].supplier == han1.user
    assert by_id[han1.gsme].supplier == han1.user
    assert by_id[han1.chf].supplier is None and by_id[han1.chf].on_han
    assert not by_id[han1.spare_ppmid].on_han
    assert inventory.users == (han1.user,)
    assert inventory.s1sp_timeout == 1800


def test_a_split_supply_installation_lists_both_suppliers(make_host) -> None:
    inventory = inventory_of(make_host(han_id="HAN-2").installation)
    assert set(inventory.users) == {supplier_user_id("SUP-A"), supplier_user_id("SUP-B")}
    suppliers = {d.device_type: d.supplier for d in inventory.devices if d.supplier}
    assert suppliers == {
        DeviceType.ESME: supplier_user_id("SUP-A"),
        DeviceType.GSME: supplier_user_id("SUP-B"),
    }


def test_the_inventory_reports_the_han_as_it_is_now(make_host, han1) -> None:
    host = make_host()
    incoming = device_id_for("EX-PPMID-3")  # carries scope:ppmid-swap-out, as HAN-1 does
    for request_id, action, device in (
        (1, HanAction.REMOVE, han1.ppmid),
        (2, HanAction.ADD, incoming),
    ):
        change = UpdateHanDeviceLogRequest(action, device, DeviceType.PPMID)
        [response] = host.installation.exchange(Request(request_id, han1.user, han1.chf, change))
        assert response.code is ResponseCode.I0
    on_han = {d.device: d.on_han for d in inventory_of(host.installation).devices}
    assert on_han[incoming] and not on_han[han1.ppmid]


def test_an_installation_without_meters_still_names_a_user(make_host) -> None:
    inventory = inventory_of(make_host(model_id="EX-IHD-1").installation)
    assert inventory.users == (supplier_user_id("SUP-S1SR"),)
    assert all(d.supplier is None for d in inventory.devices)
