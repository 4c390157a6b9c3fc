"""The GBCS message: general-ciphering (``DD``) and general-signing (``DF``) framing.

Shapes seen on the wire:

* command: ``DD`` wrapper (authenticated, not encrypted) around a ``DF`` block that ends
  with a signature octet string (empty unless the command is critical), then a 12-octet MAC;
* response: the same, or a bare ``DF`` block with its signature field;
* alert: a bare ``DF`` block;
* DUIS pre-command: a bare ``DF`` block that stops after the payload, before the
  signature field (the DCC signs and wraps it later).

The general-ciphering header fields GBCS leaves empty (transaction id, system titles,
date-time, other-information: all zero-length; key-info absent) are checked, not stored:
the grouping header inside the ``DF`` block carries them.
"""

from __future__ import annotations

from dataclasses import dataclass

from construct import (
    Bytes,
    Const,
    GreedyBytes,
    Int8ub,
    Int32ub,
    Prefixed,
    Rebuild,
    Struct,
    Terminated,
)

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs._construct import (
    OptionalTail,
    VarLength,
    build_with,
    model_errors_as_codec,
    parse_with,
)
from s1sr.codecs.gbcs.header import CraFlag, GroupingHeader, grouping_header
from s1sr.codecs.gbcs.payload import Payload, decode_payload, encode_payload, is_payload
from s1sr.models import ModelError

GENERAL_CIPHERING_TAG = 0xDD
GENERAL_SIGNING_TAG = 0xDF
MAC_SIZE = 12
SECURITY_HEADER_SIZE = 5
DEFAULT_SECURITY_CONTROL = 0x11

_GENERAL_CIPHERING = Struct(
    "tag" / Const(bytes([GENERAL_CIPHERING_TAG])),
    "empty_header_fields" / Const(bytes(6)),
    "length" / Rebuild(VarLength(), lambda ctx: len(ctx.content) + SECURITY_HEADER_SIZE + MAC_SIZE),
    "security_control" / Int8ub,
    "invocation_counter" / Int32ub,
    "content" / Bytes(lambda ctx: ctx.length - SECURITY_HEADER_SIZE - MAC_SIZE),
    "mac" / Bytes(MAC_SIZE),
    Terminated,
)

_GENERAL_SIGNING = Struct(
    "tag" / Const(bytes([GENERAL_SIGNING_TAG])),
    "header" / grouping_header(),
    "content" / Prefixed(VarLength(), GreedyBytes),
    "signature" / OptionalTail(Prefixed(VarLength(), GreedyBytes)),
    Terminated,
)


@dataclass(frozen=True)
class CipheringEnvelope:
    """The ``DD`` wrapper: security header and MAC, both opaque here (keys are out of scope)."""

    mac: bytes
    security_control: int = DEFAULT_SECURITY_CONTROL
    invocation_counter: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.mac, bytes) or len(self.mac) != MAC_SIZE:
            raise ModelError(f"mac must be {MAC_SIZE} bytes")
        sc, ic = self.security_control, self.invocation_counter
        if isinstance(sc, bool) or not isinstance(sc, int) or not 0 <= sc <= 0xFF:
            raise ModelError(f"security_control must be an octet, got {sc!r}")
        if isinstance(ic, bool) or not isinstance(ic, int) or not 0 <= ic < 1 << 32:
            raise ModelError(f"invocation_counter must be a uint32, got {ic!r}")


@dataclass(frozen=True)
class GbcsMessage:
    header: GroupingHeader
    payload: Payload
    signature: bytes | None = b""  # None: no signature field at all (a DUIS pre-command)
    ciphering: CipheringEnvelope | None = None  # None: a bare general-signing block

    def __post_init__(self) -> None:
        if not isinstance(self.header, GroupingHeader):
            raise ModelError("header must be a GroupingHeader")
        if not is_payload(self.payload):
            raise ModelError(f"payload has an unknown type: {type(self.payload).__name__}")
        if self.signature is not None and not isinstance(self.signature, bytes):
            raise ModelError("signature must be bytes or None")
        if self.ciphering is not None and not isinstance(self.ciphering, CipheringEnvelope):
            raise ModelError("ciphering must be a CipheringEnvelope or None")
        if self.signature is None and (
            self.header.cra_flag is not CraFlag.COMMAND or self.ciphering is not None
        ):
            raise ModelError("only a bare command (a pre-command) has no signature field")

    @property
    def cra_flag(self) -> CraFlag:
        return self.header.cra_flag

    @property
    def message_code(self) -> int:
        return self.header.message_code

    @property
    def is_precommand(self) -> bool:
        return self.signature is None

    @property
    def mac(self) -> bytes | None:
        return None if self.ciphering is None else self.ciphering.mac


def decode_gbcs(data: bytes, *, strict: bool = True) -> GbcsMessage:
    """Decode one GBCS message.

    Framing errors always raise ``CodecError``. With ``strict`` (the default) so does a
    payload whose structure does not decode; otherwise that payload is kept as
    ``RawPayload`` with the reason, so the framing still round-trips.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise CodecError(f"expected bytes, got {type(data).__name__}")
    data = bytes(data)
    if not data:
        raise CodecError("empty message", "tag")
    ciphering: CipheringEnvelope | None = None
    signed = data
    prefix = ""
    if data[0] == GENERAL_CIPHERING_TAG:
        outer = parse_with(_GENERAL_CIPHERING, data, "ciphering")
        with model_errors_as_codec("ciphering"):
            ciphering = CipheringEnvelope(
                bytes(outer.mac), outer.security_control, outer.invocation_counter
            )
        signed = bytes(outer.content)
        prefix = "ciphering.content"
        if not signed or signed[0] != GENERAL_SIGNING_TAG:
            raise CodecError("general-ciphering content is not a general-signing block", prefix)
    elif data[0] != GENERAL_SIGNING_TAG:
        raise CodecError(f"unknown frame tag 0x{data[0]:02X} (expected DD or DF)", "tag")
    block = parse_with(_GENERAL_SIGNING, signed, prefix)
    with model_errors_as_codec(_join(prefix, "header")):
        header = GroupingHeader(
            block.header.cra_flag,
            block.header.originator_counter,
            block.header.originator,
            block.header.recipient,
            block.header.other_info,
            block.header.date_time,
        )
    payload = decode_payload(bytes(block.content), header, strict=strict)
    signature = None if block.signature is None else bytes(block.signature)
    with model_errors_as_codec(_join(prefix, "signature")):
        return GbcsMessage(header, payload, signature, ciphering)


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def encode_gbcs(message: GbcsMessage) -> bytes:
    """The wire bytes of ``message``: the inverse of ``decode_gbcs``."""
    if not isinstance(message, GbcsMessage):
        raise ModelError(f"expected a GbcsMessage, got {type(message).__name__}")
    h = message.header
    signed = build_with(
        _GENERAL_SIGNING,
        {
            "header": {
                "cra_flag": h.cra_flag,
                "originator_counter": h.originator_counter,
                "originator": h.originator,
                "recipient": h.recipient,
                "date_time": h.date_time,
                "other_info": h.other_info,
            },
            "content": encode_payload(message.payload),
            "signature": message.signature,
        },
    )
    env = message.ciphering
    if env is None:
        return signed
    return build_with(
        _GENERAL_CIPHERING,
        {
            "security_control": env.security_control,
            "invocation_counter": env.invocation_counter,
            "content": signed,
            "mac": env.mac,
        },
    )
