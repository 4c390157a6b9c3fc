"""Best-effort ZCL decoding: named fields for known commands, ``None`` otherwise."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from s1sr.codecs.gbcs import GbzComponent
from s1sr.codecs.gbcs.zcl import ZclCommand, ZclKey, ZclRecord, encode_zcl
from s1sr.models import INDEFINITE, ModelError
from tests.gbcs import samples


def component(cluster: int, frame_control: int, command: int, payload: bytes) -> GbzComponent:
    return GbzComponent(0x01, cluster, frame_control, 0, command, payload)


def test_consumer_top_up_is_named_field_by_field():
    top_up = samples.gbz_top_up_command().payload.components[0]
    command = top_up.zcl
    assert command.name == "Consumer Top Up"
    assert command["originating_device"] == 0
    assert command["top_up_code"] == samples.UTRN
    assert command.to_bytes() == top_up.zcl_payload


def test_change_payment_mode_reads_times_and_signed_values():
    payload = (
        (0).to_bytes(4, "little")
        + (7).to_bytes(4, "little")
        + (0xFFFFFFFF).to_bytes(4, "little")  # implementation time: never / cancel
        + (0x0C94).to_bytes(2, "little")
        + (-1).to_bytes(4, "little", signed=True)
    )
    command = component(0x0705, 0x01, 0x06, payload).zcl
    assert command.name == "Change Payment Mode"
    assert command["implementation_date_time"] is INDEFINITE
    assert command["proposed_payment_control_configuration"] == 0x0C94
    assert command["cut_off_value"] == -1
    assert encode_zcl(command) == payload


def test_repeated_entries_become_records():
    start = datetime(2024, 1, 1, tzinfo=UTC)
    seconds = int((start - datetime(2000, 1, 1, tzinfo=UTC)).total_seconds())
    payload = (
        bytes(4)
        + (1).to_bytes(4, "little")
        + seconds.to_bytes(4, "little")
        + (9).to_bytes(4, "little")
        + b"\x00\x01\x00"
        + b"\x01"
        + (1500).to_bytes(4, "little")
        + b"\x02"
        + (1700).to_bytes(4, "little")
    )
    command = component(0x0700, 0x09, 0x05, payload).zcl
    assert command.name == "Publish Price Matrix"
    assert command["start_time"] == start
    prices = [(e["tier_block_id"], e["price"]) for e in command["entries"]]
    assert prices == [(1, 1500), (2, 1700)]
    assert encode_zcl(command) == payload


def test_read_attributes_response_decodes_each_record():
    payload = bytes.fromhex("0602004104DEADBEEF") + bytes.fromhex("070286")
    command = component(0x0702, 0x08, 0x01, payload).zcl
    first, second = command["records"]
    assert (first["attribute_id"], first["status"], first["value"]) == (
        0x0206,
        0,
        b"\xde\xad\xbe\xef",
    )
    assert (second["attribute_id"], second["status"], second["value"]) == (0x0207, 0x86, None)
    assert encode_zcl(command) == payload


def test_default_response_is_a_profile_wide_command_in_either_direction():
    for frame_control in (0x00, 0x08):
        command = component(0x0707, frame_control, 0x0B, b"\x04\x00").zcl
        assert command.key == ZclKey(None, None, 0x0B)
        assert (command["command_id"], command["status"]) == (4, 0)


@pytest.mark.parametrize(
    ("frame_control", "command_id", "payload"),
    [
        (0x01, 0x7F, b""),  # no such prepayment command
        (0x01, 0x04, b"\x00\x05AB"),  # top-up code shorter than its length octet says
        (0x01, 0x09, b"\x00\x00\x00\x00\x00"),  # one octet too many
        (0x09, 0x04, b""),  # a to-client command id that is not defined
    ],
    ids=["unknown-command", "short-octet-string", "trailing-octet", "unknown-direction"],
)
def test_what_does_not_fit_decodes_to_none(frame_control, command_id, payload):
    assert component(0x0705, frame_control, command_id, payload).zcl is None


def test_encrypted_components_have_no_decoded_command():
    encrypted = samples.gbz_encrypted_response().payload.components[0]
    assert encrypted.encrypted and encrypted.zcl is None


def test_hand_built_commands_encode_and_unknown_keys_are_refused():
    record = ZclRecord((("low_credit_warning_level", 500),))
    command = ZclCommand(ZclKey(0x0705, False, 0x09), "Set Low Credit Warning Level", record)
    assert encode_zcl(command) == (500).to_bytes(4, "little")
    with pytest.raises(ModelError):
        encode_zcl(replace(command, key=ZclKey(0x0705, False, 0x7F)))
    assert record.get("missing") is None
    assert list(record) == ["low_credit_warning_level"]
