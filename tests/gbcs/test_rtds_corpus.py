"""Every RTDS file: framing and payload decode, the header agrees with the file name,
re-encoding gives the same bytes. Skipped, with the reason, where the RTDS is absent."""

from __future__ import annotations

import json

from s1sr.codecs.gbcs import (
    USE_CASE_CODES,
    CraFlag,
    DataNotification,
    DerPayload,
    DlmsPayload,
    GbzAlertPayload,
    GbzPayload,
    RawPayload,
    decode_gbcs,
    encode_gbcs,
)
from s1sr.codecs.gbcs.jsonable import to_jsonable
from s1sr.codecs.gbcs.message_codes import ALERT_MESSAGE_CODES
from s1sr.codecs.gbcs.rtds import MessageType, RtdsName, expected_payload_kind

CRA_BY_TYPE = {
    MessageType.COMMAND: CraFlag.COMMAND,
    MessageType.PRECOMMAND: CraFlag.COMMAND,
    MessageType.RESPONSE: CraFlag.RESPONSE,
    MessageType.ALERT: CraFlag.ALERT,
}


def test_framing_decodes_and_re_encodes_identically(rtds_bytes):
    message = decode_gbcs(rtds_bytes, strict=False)
    assert encode_gbcs(message) == rtds_bytes


def test_payload_decodes_strictly_to_the_use_case_kind(rtds_name, rtds_bytes):
    message = decode_gbcs(rtds_bytes)
    assert not isinstance(message.payload, RawPayload)
    assert message.payload.kind is expected_payload_kind(rtds_name.use_case)
    assert encode_gbcs(message) == rtds_bytes


def test_header_agrees_with_the_file_name(rtds_name, rtds_bytes):
    message = decode_gbcs(rtds_bytes)
    assert message.cra_flag is CRA_BY_TYPE[rtds_name.message_type]
    is_pre = rtds_name.message_type is MessageType.PRECOMMAND
    assert message.is_precommand is is_pre
    if is_pre:
        assert message.ciphering is None
    if rtds_name.message_type is MessageType.ALERT:
        assert message.message_code in ALERT_MESSAGE_CODES
        assert alert_code_of(message) == rtds_name.alert_code
    else:
        assert message.message_code == USE_CASE_CODES[rtds_name.use_case]


def alert_code_of(message):
    """The alert code, wherever the payload kind keeps it."""
    payload = message.payload
    if isinstance(payload, GbzAlertPayload):
        return payload.alert_code
    if isinstance(payload, DlmsPayload):
        assert isinstance(payload.apdu, DataNotification)
        return payload.apdu.body.items[0].value
    assert isinstance(payload, DerPayload)
    return payload.root.children[0].as_int()


def test_every_rtds_file_name_parses(rtds_corpus):
    names = [RtdsName.parse(name) for name in rtds_corpus]
    assert {n.message_type for n in names} == set(MessageType)
    assert all(expected_payload_kind(n.use_case) is not None for n in names)


def test_plaintext_zcl_commands_decode_and_re_encode(rtds_corpus):
    decoded, failures = 0, []
    for name, data in rtds_corpus.items():
        payload = decode_gbcs(data).payload
        if not isinstance(payload, GbzPayload):
            continue
        for index, component in enumerate(payload.components):
            if component.encrypted:
                continue
            command = component.zcl
            if command is None or command.to_bytes() != component.zcl_payload:
                failures.append(f"{name}[{index}]")
            else:
                decoded += 1
    assert failures == []
    assert decoded > 0


def test_json_view_of_every_file_serialises(rtds_corpus):
    for name, data in rtds_corpus.items():
        view = to_jsonable(decode_gbcs(data))
        text = json.dumps(view)
        assert view["header"]["cra_flag"] in ("COMMAND", "RESPONSE", "ALERT"), name
        assert view["payload_kind"] in text
