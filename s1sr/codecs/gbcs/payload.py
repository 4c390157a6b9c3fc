"""The payload union and its dispatch: GBZ, DLMS COSEM, ASN.1 DER, or raw bytes.

The kind is chosen from the message code (the ASN.1 use cases) and then the first
octets: ``01 09`` is a GBZ profile id, ``D9`` / ``DA`` / ``0F`` a DLMS APDU.
"""

from __future__ import annotations

from dataclasses import dataclass

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs._construct import rebase
from s1sr.codecs.gbcs.der import DerPayload, decode_der
from s1sr.codecs.gbcs.dlms_apdu import (
    ACCESS_REQUEST_TAG,
    ACCESS_RESPONSE_TAG,
    DATA_NOTIFICATION_TAG,
    DlmsPayload,
    decode_dlms_apdu,
)
from s1sr.codecs.gbcs.gbz import (
    GBZ_PROFILE_ID,
    GbzAlertPayload,
    GbzPayload,
    decode_gbz,
    decode_gbz_alert,
)
from s1sr.codecs.gbcs.header import CraFlag, GroupingHeader
from s1sr.codecs.gbcs.message_codes import DER_MESSAGE_CODES, FUTURE_DATED_GBZ_ALERT
from s1sr.codecs.gbcs.payload_kind import PayloadKind
from s1sr.models import ModelError

_DLMS_TAGS = (ACCESS_REQUEST_TAG, ACCESS_RESPONSE_TAG, DATA_NOTIFICATION_TAG)


@dataclass(frozen=True)
class RawPayload:
    """Content kept as bytes: an unknown kind, or (non-strict decoding) one that failed."""

    data: bytes
    reason: str = ""

    kind = PayloadKind.RAW

    def __post_init__(self) -> None:
        if not isinstance(self.data, bytes):
            raise ModelError("data must be bytes")

    def to_bytes(self) -> bytes:
        return self.data


Payload = GbzPayload | GbzAlertPayload | DlmsPayload | DerPayload | RawPayload
_PAYLOAD_TYPES = (GbzPayload, GbzAlertPayload, DlmsPayload, DerPayload, RawPayload)


def is_payload(value: object) -> bool:
    return isinstance(value, _PAYLOAD_TYPES)


def payload_kind(content: bytes, message_code: int) -> PayloadKind:
    """Which decoder a message's content goes to."""
    if message_code in DER_MESSAGE_CODES:
        return PayloadKind.DER
    if content[:2] == GBZ_PROFILE_ID.to_bytes(2, "big"):
        return PayloadKind.GBZ
    if content[:1] and content[0] in _DLMS_TAGS:
        return PayloadKind.DLMS
    return PayloadKind.RAW


def decode_payload(content: bytes, header: GroupingHeader, *, strict: bool = True) -> Payload:
    """Decode the content of a message; see ``decode_gbcs`` for ``strict``."""
    kind = payload_kind(content, header.message_code)
    try:
        if kind is PayloadKind.DER:
            return DerPayload(decode_der(content, prefix=""))
        if kind is PayloadKind.GBZ:
            if header.cra_flag is CraFlag.ALERT:
                future = header.message_code == FUTURE_DATED_GBZ_ALERT
                return decode_gbz_alert(content, future_dated=future, prefix="")
            return decode_gbz(content, prefix="")
        if kind is PayloadKind.DLMS:
            return DlmsPayload(decode_dlms_apdu(content, prefix=""))
    except ModelError as exc:
        failure = CodecError(str(exc), f"payload.{kind.value}")
        if strict:
            raise failure from exc
        return RawPayload(content, reason=str(failure))
    except CodecError as exc:
        if strict:
            raise rebase(exc, f"payload.{kind.value}") from exc
        return RawPayload(content, reason=str(rebase(exc, f"payload.{kind.value}")))
    return RawPayload(content, reason="unknown payload kind")


def encode_payload(payload: Payload) -> bytes:
    if not is_payload(payload):
        raise ModelError(f"not a payload: {type(payload).__name__}")
    return payload.to_bytes()
