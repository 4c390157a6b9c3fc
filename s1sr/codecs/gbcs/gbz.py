"""GBZ: the GBCS container for ZigBee (ZCL / ZSE) commands to and from gas devices.

Layout: profile id ``0x0109``, a component count, then per component an extended
header (control flags, cluster id, 2-octet length) followed by a ZCL frame (frame
control, transaction sequence number, command id, payload). Control flags: ``0x01`` last
component, ``0x02`` the ZCL payload is encrypted (an additional header, then a ciphered
block with its own security header and MAC), ``0x10`` a GBZ from-date-time precedes the
ZCL frame. GBZ alerts replace the components with an alert code, a time stamp and a
use-case-specific body.

Multi-octet GBZ header fields are big-endian; ZCL fields are little-endian.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from construct import (
    Array,
    Bytes,
    Const,
    GreedyBytes,
    If,
    Int8ub,
    Int16ub,
    Int16ul,
    Int64ub,
    Prefixed,
    Rebuild,
    Struct,
    Terminated,
    this,
)

from s1sr.codecs.gbcs._construct import ModelAdapter, build_with, parse_with
from s1sr.codecs.gbcs.payload_kind import PayloadKind
from s1sr.codecs.gbcs.zcl import ZclCommand, decode_zcl
from s1sr.codecs.primitives import GbzTimeField
from s1sr.models import Indefinite, ModelError

GBZ_PROFILE_ID = 0x0109
CONTROL_LAST = 0x01
CONTROL_ENCRYPTED = 0x02
CONTROL_FROM_DATE_TIME = 0x10
ZCL_MANUFACTURER_SPECIFIC = 0x04
ZCL_TO_CLIENT = 0x08
ZCL_DISABLE_DEFAULT_RESPONSE = 0x10
SECURITY_HEADER_SIZE = 5
MAC_SIZE = 12
FUTURE_DATED_SIZE = 14


def _uint(value: int, bits: int, field: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 1 << bits:
        raise ModelError(f"{field} must be a uint{bits}, got {value!r}")


def _gbz_time(value: datetime | Indefinite, field: str) -> None:
    try:
        GbzTimeField.encode(value)
    except (TypeError, ValueError) as exc:
        raise ModelError(f"{field}: {exc}") from exc


@dataclass(frozen=True)
class GbzEncryption:
    """An encrypted ZCL payload, opaque (keys are out of scope)."""

    additional_header_control: int
    additional_frame_counter: int
    security_header: bytes
    ciphertext: bytes
    mac: bytes

    def __post_init__(self) -> None:
        _uint(self.additional_header_control, 8, "additional_header_control")
        _uint(self.additional_frame_counter, 8, "additional_frame_counter")
        if not isinstance(self.security_header, bytes) or len(self.security_header) != 5:
            raise ModelError("security_header must be 5 bytes")
        if not isinstance(self.ciphertext, bytes):
            raise ModelError("ciphertext must be bytes")
        if not isinstance(self.mac, bytes) or len(self.mac) != MAC_SIZE:
            raise ModelError(f"mac must be {MAC_SIZE} bytes")


@dataclass(frozen=True)
class GbzComponent:
    control: int  # extended header control field, as sent
    cluster_id: int
    frame_control: int  # ZCL frame control
    transaction_seq: int
    command_id: int
    zcl_payload: bytes = b""  # plaintext ZCL payload (empty when encrypted)
    from_date_time: datetime | Indefinite | None = None  # GBZ time, when flag 0x10
    manufacturer_code: int | None = None  # when ZCL frame control bit 2 is set
    encryption: GbzEncryption | None = None  # when flag 0x02

    def __post_init__(self) -> None:
        _uint(self.control, 8, "control")
        _uint(self.cluster_id, 16, "cluster_id")
        _uint(self.frame_control, 8, "frame_control")
        _uint(self.transaction_seq, 8, "transaction_seq")
        _uint(self.command_id, 8, "command_id")
        if not isinstance(self.zcl_payload, bytes):
            raise ModelError("zcl_payload must be bytes")
        if self.encrypted != (self.encryption is not None):
            raise ModelError("encryption goes with, and only with, control flag 0x02")
        if self.encryption is not None and not isinstance(self.encryption, GbzEncryption):
            raise ModelError("encryption must be a GbzEncryption")
        if self.encrypted and self.zcl_payload:
            raise ModelError("an encrypted component has no plaintext zcl_payload")
        wants_time = bool(self.control & CONTROL_FROM_DATE_TIME) and not self.encrypted
        if wants_time != (self.from_date_time is not None):
            raise ModelError("from_date_time goes with, and only with, control flag 0x10")
        if self.from_date_time is not None:
            _gbz_time(self.from_date_time, "from_date_time")
        wants_code = bool(self.frame_control & ZCL_MANUFACTURER_SPECIFIC)
        if wants_code != (self.manufacturer_code is not None):
            raise ModelError("manufacturer_code goes with ZCL frame control bit 2")
        if self.manufacturer_code is not None:
            _uint(self.manufacturer_code, 16, "manufacturer_code")

    @property
    def encrypted(self) -> bool:
        return bool(self.control & CONTROL_ENCRYPTED)

    @property
    def is_last(self) -> bool:
        return bool(self.control & CONTROL_LAST)

    @property
    def cluster_specific(self) -> bool:
        """ZCL frame type 1 (a cluster command); type 0 is a profile-wide command."""
        return (self.frame_control & 0x03) == 1

    @property
    def to_client(self) -> bool:
        """Direction bit: server-to-client (ZSE "publish" commands, responses)."""
        return bool(self.frame_control & ZCL_TO_CLIENT)

    @cached_property
    def zcl(self) -> ZclCommand | None:
        """The ZCL payload decoded where its command is known; ``None`` otherwise."""
        return decode_zcl(self)


@dataclass(frozen=True)
class GbzPayload:
    components: tuple[GbzComponent, ...]
    profile_id: int = GBZ_PROFILE_ID

    kind = PayloadKind.GBZ

    def __post_init__(self) -> None:
        if not isinstance(self.components, tuple) or not all(
            isinstance(c, GbzComponent) for c in self.components
        ):
            raise ModelError("components must be a tuple of GbzComponent")
        if len(self.components) > 0xFF:
            raise ModelError("at most 255 GBZ components")
        _uint(self.profile_id, 16, "profile_id")

    def to_bytes(self) -> bytes:
        return encode_gbz(self)


@dataclass(frozen=True)
class GbzFutureDatedOutcome:
    """Body of the GBZ future-dated execution alert: which command ran (or failed)."""

    message_code: int
    originator_counter: int
    cluster_id: int
    frame_control: int
    command_id: int

    def __post_init__(self) -> None:
        _uint(self.message_code, 16, "message_code")
        _uint(self.originator_counter, 64, "originator_counter")
        _uint(self.cluster_id, 16, "cluster_id")
        _uint(self.frame_control, 8, "frame_control")
        _uint(self.command_id, 8, "command_id")


@dataclass(frozen=True)
class GbzAlertPayload:
    alert_code: int
    timestamp: datetime | Indefinite  # GBZ time: seconds since 2000, big-endian
    component_count: int = 1
    future_dated: GbzFutureDatedOutcome | None = None  # alerts with message code 0x00CD
    body: bytes = b""  # any other alert's use-case-specific content, as sent

    kind = PayloadKind.GBZ

    def __post_init__(self) -> None:
        _uint(self.alert_code, 16, "alert_code")
        _gbz_time(self.timestamp, "timestamp")
        _uint(self.component_count, 8, "component_count")
        if self.future_dated is not None:
            if not isinstance(self.future_dated, GbzFutureDatedOutcome):
                raise ModelError("future_dated must be a GbzFutureDatedOutcome")
            if self.body:
                raise ModelError("a future-dated alert has no other body")
        if not isinstance(self.body, bytes):
            raise ModelError("body must be bytes")

    def to_bytes(self) -> bytes:
        return encode_gbz_alert(self)


# --- schemas ---------------------------------------------------------------------------


def _encrypted(ctx: object) -> bool:
    return bool(ctx._.control & CONTROL_ENCRYPTED)  # type: ignore[attr-defined]


_CIPHERED = Struct(
    "length" / Rebuild(Int16ub, lambda c: len(c.ciphertext) + SECURITY_HEADER_SIZE + MAC_SIZE),
    "security_header" / Bytes(SECURITY_HEADER_SIZE),
    "ciphertext" / Bytes(lambda c: c.length - SECURITY_HEADER_SIZE - MAC_SIZE),
    "mac" / Bytes(MAC_SIZE),
)

_COMPONENT_BODY = Struct(
    "additional_header" / If(_encrypted, Struct("control" / Int8ub, "frame_counter" / Int8ub)),
    "from_date_time"
    / If(
        lambda c: (c._.control & CONTROL_FROM_DATE_TIME) and not _encrypted(c),
        GbzTimeField,
    ),
    "frame_control" / Int8ub,
    "manufacturer_code" / If(this.frame_control & ZCL_MANUFACTURER_SPECIFIC, Int16ul),
    "transaction_seq" / Int8ub,
    "command_id" / Int8ub,
    "ciphered" / If(_encrypted, _CIPHERED),
    "zcl_payload" / If(lambda c: not _encrypted(c), GreedyBytes),
    Terminated,
)


def _component(c: object) -> GbzComponent:
    body = c.body  # type: ignore[attr-defined]
    encryption = None
    if body.ciphered is not None:
        encryption = GbzEncryption(
            body.additional_header.control,
            body.additional_header.frame_counter,
            bytes(body.ciphered.security_header),
            bytes(body.ciphered.ciphertext),
            bytes(body.ciphered.mac),
        )
    return GbzComponent(
        control=c.control,  # type: ignore[attr-defined]
        cluster_id=c.cluster_id,  # type: ignore[attr-defined]
        frame_control=body.frame_control,
        transaction_seq=body.transaction_seq,
        command_id=body.command_id,
        zcl_payload=b"" if body.zcl_payload is None else bytes(body.zcl_payload),
        from_date_time=body.from_date_time,
        manufacturer_code=body.manufacturer_code,
        encryption=encryption,
    )


def _component_dict(g: GbzComponent) -> dict:
    enc = g.encryption
    return {
        "control": g.control,
        "cluster_id": g.cluster_id,
        "body": {
            "additional_header": None
            if enc is None
            else {
                "control": enc.additional_header_control,
                "frame_counter": enc.additional_frame_counter,
            },
            "from_date_time": g.from_date_time,
            "frame_control": g.frame_control,
            "manufacturer_code": g.manufacturer_code,
            "transaction_seq": g.transaction_seq,
            "command_id": g.command_id,
            "ciphered": None
            if enc is None
            else {
                "security_header": enc.security_header,
                "ciphertext": enc.ciphertext,
                "mac": enc.mac,
            },
            "zcl_payload": None if enc is not None else g.zcl_payload,
        },
    }


_COMPONENT = ModelAdapter(
    Struct(
        "control" / Int8ub,
        "cluster_id" / Int16ub,
        "body" / Prefixed(Int16ub, _COMPONENT_BODY),
    ),
    _component,
    _component_dict,
)

_GBZ = Struct(
    "profile_id" / Const(GBZ_PROFILE_ID, Int16ub),
    "count" / Rebuild(Int8ub, lambda c: len(c.components)),
    "components" / Array(this.count, _COMPONENT),
    Terminated,
)

_FUTURE_DATED = Struct(
    "length" / Const(FUTURE_DATED_SIZE, Int8ub),
    "message_code" / Int16ub,
    "originator_counter" / Int64ub,
    "cluster_id" / Int16ub,
    "frame_control" / Int8ub,
    "command_id" / Int8ub,
)


def _alert_schema(future_dated: bool) -> Struct:
    return Struct(
        "profile_id" / Const(GBZ_PROFILE_ID, Int16ub),
        "component_count" / Int8ub,
        "alert_code" / Int16ub,
        "timestamp" / GbzTimeField,
        "future_dated" / If(future_dated, _FUTURE_DATED),
        "body" / GreedyBytes,
        Terminated,
    )


_GBZ_ALERT = {flag: _alert_schema(flag) for flag in (False, True)}


def decode_gbz(raw: bytes, prefix: str = "gbz") -> GbzPayload:
    parsed = parse_with(_GBZ, raw, prefix)
    return GbzPayload(tuple(parsed.components))


def encode_gbz(payload: GbzPayload) -> bytes:
    if payload.profile_id != GBZ_PROFILE_ID:
        raise ModelError(f"only GBZ profile 0x{GBZ_PROFILE_ID:04X} is supported")
    return build_with(_GBZ, {"components": list(payload.components)})


def decode_gbz_alert(raw: bytes, *, future_dated: bool, prefix: str = "gbz") -> GbzAlertPayload:
    """A GBZ alert; ``future_dated`` (message code 0x00CD) selects the typed body."""
    parsed = parse_with(_GBZ_ALERT[future_dated], raw, prefix)
    fd = parsed.future_dated
    outcome = None
    if fd is not None:
        outcome = GbzFutureDatedOutcome(
            fd.message_code, fd.originator_counter, fd.cluster_id, fd.frame_control, fd.command_id
        )
    return GbzAlertPayload(
        parsed.alert_code, parsed.timestamp, parsed.component_count, outcome, bytes(parsed.body)
    )


def encode_gbz_alert(payload: GbzAlertPayload) -> bytes:
    fd = payload.future_dated
    return build_with(
        _GBZ_ALERT[fd is not None],
        {
            "component_count": payload.component_count,
            "alert_code": payload.alert_code,
            "timestamp": payload.timestamp,
            "future_dated": None
            if fd is None
            else {
                "message_code": fd.message_code,
                "originator_counter": fd.originator_counter,
                "cluster_id": fd.cluster_id,
                "frame_control": fd.frame_control,
                "command_id": fd.command_id,
            },
            "body": payload.body,
        },
    )
