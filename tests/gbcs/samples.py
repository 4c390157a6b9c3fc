"""GBCS messages built in code, one per shape, for tests that must run without the RTDS.

Values are made up (ids, counters, UTRNs); the shapes follow GBCS: a DD-wrapped signed
command, a bare pre-command, a response with a date-time, alerts of each payload kind.
"""

from __future__ import annotations

from datetime import UTC, datetime

from s1sr.codecs.gbcs import (
    AccessKind,
    AccessRequest,
    AccessRequestSpec,
    AccessResponse,
    AccessResult,
    AxdrDateTime,
    CipheringEnvelope,
    CosemAttributeDescriptor,
    CosemMethodDescriptor,
    CraFlag,
    DataNotification,
    DerNode,
    DerPayload,
    DlmsData,
    DlmsPayload,
    DlmsType,
    GbcsMessage,
    GbzAlertPayload,
    GbzComponent,
    GbzEncryption,
    GbzFutureDatedOutcome,
    GbzPayload,
    GroupingHeader,
    Obis,
    OtherInfo,
    SelectiveAccess,
)
from s1sr.models import EUI64

SUPPLIER = EUI64.parse("90-B3-D5-1F-30-01-00-00")
ESME = EUI64.parse("00-11-22-33-44-55-66-01")
GSME = EUI64.parse("00-11-22-33-44-55-66-02")
UTRN = b"73943333457189043313"  # public vector from domain-notes section 5
MAC = bytes(range(1, 13))
SIGNATURE = bytes(range(64))
TOKEN_GATEWAY = CosemMethodDescriptor(115, Obis(0, 0, 19, 40, 0, 255), 1)


def command_header(code: int, recipient: EUI64 = ESME, counter: int = 0x100) -> GroupingHeader:
    return GroupingHeader(CraFlag.COMMAND, counter, SUPPLIER, recipient, OtherInfo(code))


def dlms_top_up_command() -> GbcsMessage:
    """CS01a shape: token-gateway 'enter' action with the UTRN, in a DD wrapper."""
    request = AccessRequest(
        0x20000100,
        (AccessRequestSpec(AccessKind.ACTION, TOKEN_GATEWAY),),
        (DlmsData.octet_string(UTRN),),
    )
    return GbcsMessage(command_header(0x0007), DlmsPayload(request), b"", CipheringEnvelope(MAC))


def gbz_top_up_command() -> GbcsMessage:
    """CS01b shape: ZSE Consumer Top Up (Prepayment cluster 0x0705, command 0x04)."""
    component = GbzComponent(
        control=0x01,
        cluster_id=0x0705,
        frame_control=0x01,
        transaction_seq=0,
        command_id=0x04,
        zcl_payload=b"\x00" + bytes([len(UTRN)]) + UTRN,
    )
    return GbcsMessage(
        command_header(0x0097, GSME), GbzPayload((component,)), b"", CipheringEnvelope(MAC)
    )


def der_activate_firmware_precommand() -> GbcsMessage:
    """CS06 shape before signing: SEQUENCE { OCTET STRING hash, INTEGER }, no signature field."""
    root = DerNode.sequence(DerNode(0x04, bytes(range(32))), DerNode.integer(1000))
    return GbcsMessage(command_header(0x0012), DerPayload(root), signature=None)


def dlms_response() -> GbcsMessage:
    """A signed, unwrapped response with a header date-time and two set results."""
    header = GroupingHeader(
        CraFlag.RESPONSE,
        0x100,
        ESME,
        SUPPLIER,
        OtherInfo(0x001F),
        AxdrDateTime.from_datetime(datetime(2024, 3, 31, 0, 59, 59, tzinfo=UTC)),
    )
    response = AccessResponse(
        0x20000100,
        (DlmsData.null(), DlmsData.null()),
        (AccessResult(AccessKind.SET, 0), AccessResult(AccessKind.SET, 250)),
    )
    return GbcsMessage(header, DlmsPayload(response), SIGNATURE)


def dlms_alert() -> GbcsMessage:
    """A data-notification alert: (alert code, time stamp, use-case content)."""
    body = DlmsData.structure(
        DlmsData(DlmsType.LONG_UNSIGNED, 0x8F66),
        DlmsData.octet_string(
            AxdrDateTime.from_datetime(datetime(2030, 1, 15, 9, tzinfo=UTC)).to_bytes()
        ),
        # the future-dated command: message code, originator counter, attribute it set
        DlmsData.octet_string(
            b"\x00\x1f"
            + (0x100).to_bytes(8, "big")
            + b"\x23\x28"
            + bytes([0, 0, 94, 44, 128, 2, 6])
        ),
    )
    header = GroupingHeader(CraFlag.ALERT, 0x7D0, ESME, SUPPLIER, OtherInfo(0x00CC))
    return GbcsMessage(header, DlmsPayload(DataNotification(0x200007D0, body)), SIGNATURE)


def gbz_future_dated_alert() -> GbcsMessage:
    payload = GbzAlertPayload(
        0x8F66,
        datetime(2030, 1, 15, 9, tzinfo=UTC),
        1,
        GbzFutureDatedOutcome(0x006F, 1001, 0x0707, 0x01, 0x00),
    )
    header = GroupingHeader(CraFlag.ALERT, 0xBB8, GSME, SUPPLIER, OtherInfo(0x00CD))
    return GbcsMessage(header, payload, SIGNATURE)


def gbz_encrypted_response() -> GbcsMessage:
    """A response whose ZCL payload is encrypted, then a plaintext default response."""
    encrypted = GbzComponent(
        control=0x02,
        cluster_id=0x0705,
        frame_control=0x19,
        transaction_seq=0,
        command_id=0x01,
        encryption=GbzEncryption(0x00, 0x00, b"\x31\x00\x00\x00\x00", b"\xaa" * 40, MAC),
    )
    default = GbzComponent(
        control=0x01,
        cluster_id=0x0705,
        frame_control=0x08,
        transaction_seq=1,
        command_id=0x0B,
        zcl_payload=b"\x0a\x8b",
    )
    header = GroupingHeader(CraFlag.RESPONSE, 0x200, GSME, SUPPLIER, OtherInfo(0x00C4))
    return GbcsMessage(
        header, GbzPayload((encrypted, default)), b"", CipheringEnvelope(MAC, 0x11, 7)
    )


def dlms_get_request() -> GbcsMessage:
    """A get-with-selection request (profile data shape) with a range selective access."""
    profile = CosemAttributeDescriptor(7, Obis(1, 0, 99, 1, 0, 255), 2)
    clock = DlmsData.structure(
        DlmsData(DlmsType.LONG_UNSIGNED, 8),
        DlmsData.octet_string(bytes([0, 0, 1, 0, 0, 255])),
        DlmsData(DlmsType.INTEGER, 2),
        DlmsData(DlmsType.LONG_UNSIGNED, 0),
    )
    start = AxdrDateTime.from_datetime(datetime(2024, 10, 26, 23, tzinfo=UTC)).to_bytes()
    end = AxdrDateTime.from_datetime(datetime(2024, 10, 27, 23, tzinfo=UTC)).to_bytes()
    selection = SelectiveAccess(
        1,
        DlmsData.structure(
            clock, DlmsData.octet_string(start), DlmsData.octet_string(end), DlmsData.array()
        ),
    )
    spec = AccessRequestSpec(AccessKind.GET_WITH_SELECTION, profile, selection)
    return GbcsMessage(
        command_header(0x0037),
        DlmsPayload(AccessRequest(0x20000300, (spec,), (DlmsData.null(),))),
        b"",
        CipheringEnvelope(MAC),
    )


ALL = {
    "dlms-top-up-command": dlms_top_up_command,
    "gbz-top-up-command": gbz_top_up_command,
    "der-activate-firmware-precommand": der_activate_firmware_precommand,
    "dlms-response": dlms_response,
    "dlms-alert": dlms_alert,
    "gbz-future-dated-alert": gbz_future_dated_alert,
    "gbz-encrypted-response": gbz_encrypted_response,
    "dlms-get-request": dlms_get_request,
}
