"""GBCS messages: framing, GBZ, DLMS COSEM (A-XDR) and ASN.1 DER, with construct.

``decode_gbcs(bytes) -> GbcsMessage`` and ``encode_gbcs(message) -> bytes`` are
inverses: every accepted input re-encodes to the same bytes. Decoding raises only
``CodecError`` (with the field path) for malformed input. Mapping to the typed SRV
models lives elsewhere; this package stops at the structure of the message.
"""

from s1sr.codecs.gbcs.cosem_time import AxdrDate, AxdrDateTime, AxdrTime
from s1sr.codecs.gbcs.der import DerNode, DerPayload, UniversalTag, decode_der, encode_der
from s1sr.codecs.gbcs.dlms_alert import (
    DlmsAlert,
    DlmsFutureDatedOutcome,
    future_dated_outcome,
    read_dlms_alert,
)
from s1sr.codecs.gbcs.dlms_apdu import (
    AccessKind,
    AccessRequest,
    AccessRequestSpec,
    AccessResponse,
    AccessResult,
    AccessResultCode,
    CosemAttributeDescriptor,
    CosemMethodDescriptor,
    DataNotification,
    DlmsPayload,
    Obis,
    SelectiveAccess,
    decode_dlms_apdu,
    encode_dlms_apdu,
)
from s1sr.codecs.gbcs.dlms_data import (
    BitString,
    CompactArray,
    DlmsData,
    DlmsType,
    TypeDescription,
    decode_dlms_data,
    encode_dlms_data,
)
from s1sr.codecs.gbcs.gbz import (
    GBZ_PROFILE_ID,
    GbzAlertPayload,
    GbzComponent,
    GbzEncryption,
    GbzFutureDatedOutcome,
    GbzPayload,
)
from s1sr.codecs.gbcs.header import CraFlag, GroupingHeader, OtherInfo
from s1sr.codecs.gbcs.message import CipheringEnvelope, GbcsMessage, decode_gbcs, encode_gbcs
from s1sr.codecs.gbcs.message_codes import USE_CASE_CODES, use_case_name
from s1sr.codecs.gbcs.payload import Payload, RawPayload
from s1sr.codecs.gbcs.payload_kind import PayloadKind

__all__ = [
    "GBZ_PROFILE_ID",
    "USE_CASE_CODES",
    "AccessKind",
    "AccessRequest",
    "AccessRequestSpec",
    "AccessResponse",
    "AccessResult",
    "AccessResultCode",
    "AxdrDate",
    "AxdrDateTime",
    "AxdrTime",
    "BitString",
    "CipheringEnvelope",
    "CompactArray",
    "CosemAttributeDescriptor",
    "CosemMethodDescriptor",
    "CraFlag",
    "DataNotification",
    "DerNode",
    "DerPayload",
    "DlmsAlert",
    "DlmsData",
    "DlmsFutureDatedOutcome",
    "DlmsPayload",
    "DlmsType",
    "GbcsMessage",
    "GbzAlertPayload",
    "GbzComponent",
    "GbzEncryption",
    "GbzFutureDatedOutcome",
    "GbzPayload",
    "GroupingHeader",
    "Obis",
    "OtherInfo",
    "Payload",
    "PayloadKind",
    "RawPayload",
    "SelectiveAccess",
    "TypeDescription",
    "UniversalTag",
    "decode_der",
    "decode_dlms_apdu",
    "decode_dlms_data",
    "decode_gbcs",
    "encode_der",
    "encode_dlms_apdu",
    "encode_dlms_data",
    "encode_gbcs",
    "future_dated_outcome",
    "read_dlms_alert",
    "use_case_name",
]
