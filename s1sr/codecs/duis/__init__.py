"""DUIS: the typed models as DCC User Interface XML, signed and verified (sans-I/O).

``decode_request`` / ``encode_request`` for ``sr:Request``, ``decode_response`` /
``encode_response`` for ``sr:Response`` (GBCS payloads, SMETS1 MMC responses, device and
S1SP alerts, the DCC's firmware alerts; ``alerts.alert_body`` / ``alerts.outcome_body``
write any project ``Alert`` and the outcomes DUIS reports by alert, and
``DuisResponse.to_model(srv)`` reads them back), ``sign`` / ``verify`` for the DCC Boxed signature profile, and
``DuisSchema`` for validation against SEC's schema. Untrusted XML is parsed without
DTDs, entities or network, within size and depth bounds; any malformed, invalid or
hostile document raises ``CodecError`` naming the element path.
"""

from s1sr.codecs.duis.header import SRVS, CommandVariant, RequestId, SrvInfo
from s1sr.codecs.duis.request import (
    DuisRequest,
    RequestHeader,
    decode_request,
    encode_request,
)
from s1sr.codecs.duis.schema import SCHEMA_ENV, DuisSchema, SchemaNotFound
from s1sr.codecs.duis.signature import (
    KeyStore,
    SignatureError,
    Verified,
    sign,
    sign_s1sp_alert,
    verify,
    verify_s1sp_alert,
)
from s1sr.codecs.duis.tree import XmlElement
from s1sr.codecs.errors import CodecError

__all__ = [
    "SCHEMA_ENV",
    "SRVS",
    "CodecError",
    "CommandVariant",
    "DuisRequest",
    "DuisSchema",
    "KeyStore",
    "RequestHeader",
    "RequestId",
    "SchemaNotFound",
    "SignatureError",
    "SrvInfo",
    "Verified",
    "XmlElement",
    "decode_request",
    "encode_request",
    "sign",
    "sign_s1sp_alert",
    "verify",
    "verify_s1sp_alert",
]
