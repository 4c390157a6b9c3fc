"""DLMS COSEM APDUs as GBCS uses them: access-request, access-response, data-notification.

GBCS electricity commands are one ``access-request`` (``D9``) listing get / set / action
specifications with their data; the meter answers with one ``access-response`` (``DA``)
holding the data and a result per specification. Alerts are ``data-notification``
(``0F``) whose body is a structure (alert code, time stamp, use-case content).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

from construct import (
    Byte,
    Bytes,
    Construct,
    Error,
    GreedyBytes,
    If,
    Int8sb,
    Int8ub,
    Int16ub,
    Int32ub,
    Prefixed,
    PrefixedArray,
    Struct,
    Switch,
    Terminated,
    this,
)

from s1sr.codecs.gbcs._construct import ModelAdapter, VarLength, build_with, parse_with
from s1sr.codecs.gbcs.dlms_data import DLMS_DATA, DlmsData
from s1sr.codecs.gbcs.payload_kind import PayloadKind
from s1sr.models import ModelError

ACCESS_REQUEST_TAG = 0xD9
ACCESS_RESPONSE_TAG = 0xDA
DATA_NOTIFICATION_TAG = 0x0F

_OBIS_TEXT = re.compile(r"^(\d+)-(\d+):(\d+)\.(\d+)\.(\d+)\.(\d+)$")


def _uint(value: int, bits: int, field: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 1 << bits:
        raise ModelError(f"{field} must be a uint{bits}, got {value!r}")


def _int8(value: int, field: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not -128 <= value <= 127:
        raise ModelError(f"{field} must be an int8, got {value!r}")


@dataclass(frozen=True, order=True)
class Obis:
    """A COSEM logical name (OBIS code), written ``A-B:C.D.E.F``."""

    a: int
    b: int
    c: int
    d: int
    e: int
    f: int

    def __post_init__(self) -> None:
        for name in "abcdef":
            _uint(getattr(self, name), 8, f"OBIS {name}")

    def to_bytes(self) -> bytes:
        return bytes([self.a, self.b, self.c, self.d, self.e, self.f])

    @classmethod
    def from_bytes(cls, raw: bytes) -> Obis:
        if len(raw) != 6:
            raise ModelError(f"an OBIS code is 6 octets, got {len(raw)}")
        return cls(*raw)

    @classmethod
    def parse(cls, text: str) -> Obis:
        match = _OBIS_TEXT.match(text)
        if not match:
            raise ModelError(f"not an OBIS code: {text!r}")
        return cls(*(int(g) for g in match.groups()))

    def __str__(self) -> str:
        return f"{self.a}-{self.b}:{self.c}.{self.d}.{self.e}.{self.f}"


@dataclass(frozen=True)
class CosemAttributeDescriptor:
    class_id: int
    instance_id: Obis
    attribute_id: int

    def __post_init__(self) -> None:
        _uint(self.class_id, 16, "class_id")
        if not isinstance(self.instance_id, Obis):
            raise ModelError("instance_id must be an Obis")
        _int8(self.attribute_id, "attribute_id")


@dataclass(frozen=True)
class CosemMethodDescriptor:
    class_id: int
    instance_id: Obis
    method_id: int

    def __post_init__(self) -> None:
        _uint(self.class_id, 16, "class_id")
        if not isinstance(self.instance_id, Obis):
            raise ModelError("instance_id must be an Obis")
        _int8(self.method_id, "method_id")


class AccessKind(IntEnum):
    GET = 1
    SET = 2
    ACTION = 3
    GET_WITH_SELECTION = 4
    SET_WITH_SELECTION = 5


_SELECTIVE = (AccessKind.GET_WITH_SELECTION, AccessKind.SET_WITH_SELECTION)


@dataclass(frozen=True)
class SelectiveAccess:
    selector: int
    parameters: DlmsData

    def __post_init__(self) -> None:
        _uint(self.selector, 8, "selector")
        if not isinstance(self.parameters, DlmsData):
            raise ModelError("parameters must be DlmsData")


@dataclass(frozen=True)
class AccessRequestSpec:
    kind: AccessKind
    descriptor: CosemAttributeDescriptor | CosemMethodDescriptor
    selective_access: SelectiveAccess | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.kind, AccessKind):
            raise ModelError(f"kind must be an AccessKind, got {self.kind!r}")
        want = CosemMethodDescriptor if self.kind is AccessKind.ACTION else CosemAttributeDescriptor
        if not isinstance(self.descriptor, want):
            raise ModelError(f"{self.kind.name} needs a {want.__name__}")
        if (self.selective_access is not None) != (self.kind in _SELECTIVE):
            raise ModelError(f"selective_access goes with, and only with, {_SELECTIVE}")
        if self.selective_access is not None and not isinstance(
            self.selective_access, SelectiveAccess
        ):
            raise ModelError("selective_access must be a SelectiveAccess")


class AccessResultCode(IntEnum):
    """Data-access-result / action-result values (the common ones; others stay ints)."""

    SUCCESS = 0
    HARDWARE_FAULT = 1
    TEMPORARY_FAILURE = 2
    READ_WRITE_DENIED = 3
    OBJECT_UNDEFINED = 4
    OBJECT_CLASS_INCONSISTENT = 9
    OBJECT_UNAVAILABLE = 11
    TYPE_UNMATCHED = 12
    SCOPE_OF_ACCESS_VIOLATED = 13
    DATA_BLOCK_UNAVAILABLE = 14
    OTHER_REASON = 250


@dataclass(frozen=True)
class AccessResult:
    kind: AccessKind  # GET, SET or ACTION
    result: int  # AccessResultCode where known

    def __post_init__(self) -> None:
        if self.kind not in (AccessKind.GET, AccessKind.SET, AccessKind.ACTION):
            raise ModelError(f"a response specification is GET, SET or ACTION, not {self.kind!r}")
        _uint(self.result, 8, "result")

    @property
    def success(self) -> bool:
        return self.result == AccessResultCode.SUCCESS


def _invoke(value: int) -> None:
    _uint(value, 32, "long_invoke_id")


def _bytes(value: bytes, field: str) -> None:
    if not isinstance(value, bytes):
        raise ModelError(f"{field} must be bytes")


def _tuple_of(value: tuple, kind: type, field: str) -> None:
    if not isinstance(value, tuple) or not all(isinstance(v, kind) for v in value):
        raise ModelError(f"{field} must be a tuple of {kind.__name__}")


@dataclass(frozen=True)
class AccessRequest:
    long_invoke_id: int  # long-invoke-id-and-priority, all 32 bits as sent
    specs: tuple[AccessRequestSpec, ...]
    data: tuple[DlmsData, ...]
    date_time: bytes = b""

    tag = ACCESS_REQUEST_TAG

    def __post_init__(self) -> None:
        _invoke(self.long_invoke_id)
        _tuple_of(self.specs, AccessRequestSpec, "specs")
        _tuple_of(self.data, DlmsData, "data")
        _bytes(self.date_time, "date_time")

    @property
    def invoke_id(self) -> int:
        return self.long_invoke_id & 0xFFFFFF


@dataclass(frozen=True)
class AccessResponse:
    long_invoke_id: int
    data: tuple[DlmsData, ...]
    results: tuple[AccessResult, ...]
    date_time: bytes = b""
    request_specs: tuple[AccessRequestSpec, ...] | None = None

    tag = ACCESS_RESPONSE_TAG

    def __post_init__(self) -> None:
        _invoke(self.long_invoke_id)
        _tuple_of(self.data, DlmsData, "data")
        _tuple_of(self.results, AccessResult, "results")
        _bytes(self.date_time, "date_time")
        if self.request_specs is not None:
            _tuple_of(self.request_specs, AccessRequestSpec, "request_specs")

    @property
    def invoke_id(self) -> int:
        return self.long_invoke_id & 0xFFFFFF


@dataclass(frozen=True)
class DataNotification:
    long_invoke_id: int
    body: DlmsData
    date_time: bytes = b""

    tag = DATA_NOTIFICATION_TAG

    def __post_init__(self) -> None:
        _invoke(self.long_invoke_id)
        if not isinstance(self.body, DlmsData):
            raise ModelError("body must be DlmsData")
        _bytes(self.date_time, "date_time")

    @property
    def invoke_id(self) -> int:
        return self.long_invoke_id & 0xFFFFFF


DlmsApdu = AccessRequest | AccessResponse | DataNotification


@dataclass(frozen=True)
class DlmsPayload:
    apdu: DlmsApdu

    kind = PayloadKind.DLMS

    def __post_init__(self) -> None:
        if not isinstance(self.apdu, AccessRequest | AccessResponse | DataNotification):
            raise ModelError(f"not a GBCS DLMS APDU: {type(self.apdu).__name__}")

    def to_bytes(self) -> bytes:
        return encode_dlms_apdu(self.apdu)


# --- schemas ---------------------------------------------------------------------------


def _kind(value: int) -> AccessKind:
    try:
        return AccessKind(value)
    except ValueError:
        raise ModelError(f"unknown access specification choice {value}") from None


_KIND = ModelAdapter(Int8ub, _kind, int)
_OBIS = ModelAdapter(Bytes(6), Obis.from_bytes, Obis.to_bytes)
_ATTRIBUTE = ModelAdapter(
    Struct("class_id" / Int16ub, "instance_id" / _OBIS, "attribute_id" / Int8sb),
    lambda c: CosemAttributeDescriptor(c.class_id, c.instance_id, c.attribute_id),
    lambda d: {
        "class_id": d.class_id,
        "instance_id": d.instance_id,
        "attribute_id": d.attribute_id,
    },
)
_METHOD = ModelAdapter(
    Struct("class_id" / Int16ub, "instance_id" / _OBIS, "method_id" / Int8sb),
    lambda c: CosemMethodDescriptor(c.class_id, c.instance_id, c.method_id),
    lambda d: {"class_id": d.class_id, "instance_id": d.instance_id, "method_id": d.method_id},
)
_SPEC = ModelAdapter(
    Struct(
        "kind" / _KIND,
        "descriptor"
        / Switch(
            this.kind,
            {AccessKind.ACTION: _METHOD},
            default=_ATTRIBUTE,
        ),
        "selective"
        / If(
            lambda c: c.kind in _SELECTIVE,
            Struct("selector" / Int8ub, "parameters" / DLMS_DATA),
        ),
    ),
    lambda c: AccessRequestSpec(
        c.kind,
        c.descriptor,
        None
        if c.selective is None
        else SelectiveAccess(c.selective.selector, c.selective.parameters),
    ),
    lambda s: {
        "kind": s.kind,
        "descriptor": s.descriptor,
        "selective": None
        if s.selective_access is None
        else {"selector": s.selective_access.selector, "parameters": s.selective_access.parameters},
    },
)
_RESULT = ModelAdapter(
    Struct("kind" / _KIND, "result" / Int8ub),
    lambda c: AccessResult(c.kind, c.result),
    lambda r: {"kind": r.kind, "result": r.result},
)
_DATE_TIME = Prefixed(VarLength(), GreedyBytes)


def _flag(value: int) -> bool:
    if value > 1:
        raise ModelError(f"optional-field flag 0x{value:02X} is not 0x00 or 0x01")
    return bool(value)


_FLAG = ModelAdapter(Int8ub, _flag, int)

_ACCESS_REQUEST = Struct(
    "long_invoke_id" / Int32ub,
    "date_time" / _DATE_TIME,
    "specs" / PrefixedArray(VarLength(), _SPEC),
    "data" / PrefixedArray(VarLength(), DLMS_DATA),
)
_ACCESS_RESPONSE = Struct(
    "long_invoke_id" / Int32ub,
    "date_time" / _DATE_TIME,
    "has_request_specs" / _FLAG,
    "request_specs" / If(this.has_request_specs, PrefixedArray(VarLength(), _SPEC)),
    "data" / PrefixedArray(VarLength(), DLMS_DATA),
    "results" / PrefixedArray(VarLength(), _RESULT),
)
_DATA_NOTIFICATION = Struct(
    "long_invoke_id" / Int32ub,
    "date_time" / _DATE_TIME,
    "body" / DLMS_DATA,
)
_APDU: Construct = Struct(
    "tag" / Byte,
    "apdu"
    / Switch(
        this.tag,
        {
            ACCESS_REQUEST_TAG: _ACCESS_REQUEST,
            ACCESS_RESPONSE_TAG: _ACCESS_RESPONSE,
            DATA_NOTIFICATION_TAG: _DATA_NOTIFICATION,
        },
        default=Error,
    ),
    Terminated,
)


def decode_dlms_apdu(raw: bytes, prefix: str = "dlms") -> DlmsApdu:
    """One APDU filling ``raw`` exactly; ``CodecError`` with the field path otherwise."""
    parsed = parse_with(_APDU, raw, prefix)
    a = parsed.apdu
    if parsed.tag == ACCESS_REQUEST_TAG:
        return AccessRequest(a.long_invoke_id, tuple(a.specs), tuple(a.data), bytes(a.date_time))
    if parsed.tag == ACCESS_RESPONSE_TAG:
        specs = None if a.request_specs is None else tuple(a.request_specs)
        return AccessResponse(
            a.long_invoke_id, tuple(a.data), tuple(a.results), bytes(a.date_time), specs
        )
    return DataNotification(a.long_invoke_id, a.body, bytes(a.date_time))


def encode_dlms_apdu(apdu: DlmsApdu) -> bytes:
    if isinstance(apdu, AccessRequest):
        body = {
            "long_invoke_id": apdu.long_invoke_id,
            "date_time": apdu.date_time,
            "specs": list(apdu.specs),
            "data": list(apdu.data),
        }
    elif isinstance(apdu, AccessResponse):
        body = {
            "long_invoke_id": apdu.long_invoke_id,
            "date_time": apdu.date_time,
            "has_request_specs": apdu.request_specs is not None,
            "request_specs": None if apdu.request_specs is None else list(apdu.request_specs),
            "data": list(apdu.data),
            "results": list(apdu.results),
        }
    elif isinstance(apdu, DataNotification):
        body = {
            "long_invoke_id": apdu.long_invoke_id,
            "date_time": apdu.date_time,
            "body": apdu.body,
        }
    else:
        raise ModelError(f"not a GBCS DLMS APDU: {type(apdu).__name__}")
    return build_with(_APDU, {"tag": apdu.tag, "apdu": body})
