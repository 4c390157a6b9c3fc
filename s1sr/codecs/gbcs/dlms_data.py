"""DLMS COSEM ``Data`` in A-XDR: the typed values inside GBCS electricity payloads.

One ``DlmsData(type, value)`` class rather than twenty: the type tag is data on the wire
and mapping code dispatches on it. Values are checked against their type at
construction, so an out-of-range ``long-unsigned`` cannot be built, only refused.

Decoding is canonical: every accepted input re-encodes to the same bytes (booleans are
0x00 / 0xFF as in GBCS, lengths minimal, no NaN floats), so ``encode(decode(b)) == b`` holds.
"""

from __future__ import annotations

import io
import math
import struct
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from construct import (
    Construct,
    SizeofError,
    Struct,
    Terminated,
    stream_read,
    stream_write,
)

from s1sr.codecs.gbcs._construct import VarLength, build_with, encode_length, parse_with
from s1sr.codecs.gbcs.cosem_time import AxdrDate, AxdrDateTime, AxdrTime
from s1sr.codecs.primitives.base import FieldError
from s1sr.models import ModelError

MAX_DEPTH = 24  # nesting of arrays / structures accepted from the wire


class DlmsType(IntEnum):
    NULL_DATA = 0
    ARRAY = 1
    STRUCTURE = 2
    BOOLEAN = 3
    BIT_STRING = 4
    DOUBLE_LONG = 5
    DOUBLE_LONG_UNSIGNED = 6
    OCTET_STRING = 9
    VISIBLE_STRING = 10
    UTF8_STRING = 12
    BCD = 13
    INTEGER = 15
    LONG = 16
    UNSIGNED = 17
    LONG_UNSIGNED = 18
    COMPACT_ARRAY = 19
    LONG64 = 20
    LONG64_UNSIGNED = 21
    ENUM = 22
    FLOAT32 = 23
    FLOAT64 = 24
    DATE_TIME = 25
    DATE = 26
    TIME = 27
    DONT_CARE = 255


# fixed-size integers: struct format (big-endian)
_INTS: dict[DlmsType, str] = {
    DlmsType.DOUBLE_LONG: ">i",
    DlmsType.DOUBLE_LONG_UNSIGNED: ">I",
    DlmsType.BCD: ">b",
    DlmsType.INTEGER: ">b",
    DlmsType.LONG: ">h",
    DlmsType.UNSIGNED: ">B",
    DlmsType.LONG_UNSIGNED: ">H",
    DlmsType.LONG64: ">q",
    DlmsType.LONG64_UNSIGNED: ">Q",
    DlmsType.ENUM: ">B",
}
_FLOATS: dict[DlmsType, str] = {DlmsType.FLOAT32: ">f", DlmsType.FLOAT64: ">d"}
_TIMES: dict[DlmsType, type] = {
    DlmsType.DATE_TIME: AxdrDateTime,
    DlmsType.DATE: AxdrDate,
    DlmsType.TIME: AxdrTime,
}
_TIME_SIZES = {DlmsType.DATE_TIME: 12, DlmsType.DATE: 5, DlmsType.TIME: 4}
_SEQUENCES = (DlmsType.ARRAY, DlmsType.STRUCTURE)
_NONE = (DlmsType.NULL_DATA, DlmsType.DONT_CARE)


@dataclass(frozen=True)
class BitString:
    """``length`` bits, most significant first, in ``ceil(length / 8)`` octets."""

    length: int
    data: bytes

    def __post_init__(self) -> None:
        if isinstance(self.length, bool) or not isinstance(self.length, int) or self.length < 0:
            raise ModelError(f"bit-string length must be a non-negative int, got {self.length!r}")
        if not isinstance(self.data, bytes) or len(self.data) != (self.length + 7) // 8:
            raise ModelError(f"a {self.length}-bit string needs {(self.length + 7) // 8} octets")

    def bits(self) -> str:
        return "".join(f"{b:08b}" for b in self.data)[: self.length]


@dataclass(frozen=True)
class TypeDescription:
    """A compact-array element type: a simple type, a structure, or a fixed-size array."""

    type: DlmsType
    elements: tuple[TypeDescription, ...] = ()  # structure members, or the one array element
    count: int = 0  # array only: number of elements

    def __post_init__(self) -> None:
        if not isinstance(self.type, DlmsType) or self.type is DlmsType.COMPACT_ARRAY:
            raise ModelError(f"not a type a compact array can describe: {self.type!r}")
        if not all(isinstance(e, TypeDescription) for e in self.elements):
            raise ModelError("type description elements must be TypeDescriptions")
        if self.type is DlmsType.ARRAY:
            if len(self.elements) != 1 or not 0 <= self.count <= 0xFFFF:
                raise ModelError("an array description has one element type and a uint16 count")
        elif self.count or (self.elements and self.type is not DlmsType.STRUCTURE):
            raise ModelError(f"{self.type.name} description takes no elements or count")


@dataclass(frozen=True)
class CompactArray:
    description: TypeDescription
    elements: tuple[DlmsData, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.description, TypeDescription):
            raise ModelError("description must be a TypeDescription")
        if not isinstance(self.elements, tuple):
            raise ModelError("elements must be a tuple")
        for element in self.elements:
            _conforms(element, self.description)


def _conforms(value: DlmsData, desc: TypeDescription) -> None:
    if not isinstance(value, DlmsData) or value.type is not desc.type:
        raise ModelError(f"compact-array element is not a {desc.type.name}")
    if desc.type is DlmsType.STRUCTURE:
        if len(value.value) != len(desc.elements):
            raise ModelError("compact-array structure has the wrong number of members")
        for item, sub in zip(value.value, desc.elements, strict=True):
            _conforms(item, sub)
    elif desc.type is DlmsType.ARRAY:
        if len(value.value) != desc.count:
            raise ModelError("compact-array array has the wrong number of elements")
        for item in value.value:
            _conforms(item, desc.elements[0])


@dataclass(frozen=True)
class DlmsData:
    type: DlmsType
    value: Any = None

    def __post_init__(self) -> None:
        if not isinstance(self.type, DlmsType):
            raise ModelError(f"type must be a DlmsType, got {self.type!r}")
        _check_value(self.type, self.value)

    # constructors for readable code
    @classmethod
    def null(cls) -> DlmsData:
        return cls(DlmsType.NULL_DATA)

    @classmethod
    def structure(cls, *items: DlmsData) -> DlmsData:
        return cls(DlmsType.STRUCTURE, tuple(items))

    @classmethod
    def array(cls, *items: DlmsData) -> DlmsData:
        return cls(DlmsType.ARRAY, tuple(items))

    @classmethod
    def octet_string(cls, value: bytes) -> DlmsData:
        return cls(DlmsType.OCTET_STRING, value)

    @classmethod
    def of(cls, type_: DlmsType, value: Any = None) -> DlmsData:
        return cls(type_, value)

    @property
    def items(self) -> tuple[DlmsData, ...]:
        """Members of an array or structure (elements of a compact array)."""
        if self.type in _SEQUENCES:
            return self.value
        if self.type is DlmsType.COMPACT_ARRAY:
            return self.value.elements
        raise TypeError(f"{self.type.name} has no items")

    def to_bytes(self) -> bytes:
        return encode_dlms_data(self)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_value(type_: DlmsType, value: Any) -> None:
    if type_ in _NONE:
        ok = value is None
    elif type_ in _SEQUENCES:
        ok = isinstance(value, tuple) and all(isinstance(v, DlmsData) for v in value)
    elif type_ is DlmsType.BOOLEAN:
        ok = isinstance(value, bool)
    elif type_ in _INTS:
        ok = _is_int(value)
        if ok:
            try:
                struct.pack(_INTS[type_], value)
            except struct.error:
                ok = False
    elif type_ in _FLOATS:
        ok = isinstance(value, float) and not math.isnan(value)
    elif type_ is DlmsType.OCTET_STRING:
        ok = isinstance(value, bytes)
    elif type_ in (DlmsType.VISIBLE_STRING, DlmsType.UTF8_STRING):
        ok = isinstance(value, str)
        if ok and type_ is DlmsType.VISIBLE_STRING:
            ok = all(ord(c) < 256 for c in value)
    elif type_ is DlmsType.BIT_STRING:
        ok = isinstance(value, BitString)
    elif type_ in _TIMES:
        ok = isinstance(value, _TIMES[type_])
    else:  # COMPACT_ARRAY
        ok = isinstance(value, CompactArray)
    if not ok:
        raise ModelError(f"{value!r} is not a valid {type_.name} value")


class _DlmsDataConstruct(Construct):
    """Tagged A-XDR ``Data``, recursive, with a nesting limit for hostile input."""

    def _parse(self, stream: Any, context: Any, path: str) -> DlmsData:
        return _parse_tagged(stream, path, 0)

    def _build(self, obj: Any, stream: Any, context: Any, path: str) -> DlmsData:
        if not isinstance(obj, DlmsData):
            raise FieldError(f"expected DlmsData, got {type(obj).__name__}", path)
        data = _encode_tagged(obj)
        stream_write(stream, data, len(data), path)
        return obj

    def _sizeof(self, context: Any, path: str) -> int:
        raise SizeofError("variable-size DLMS data", path=path)


_LENGTH = VarLength()


def _read_length(stream: Any, path: str) -> int:
    return _LENGTH._parsereport(stream, None, path)


def _parse_tagged(stream: Any, path: str, depth: int) -> DlmsData:
    tag = stream_read(stream, 1, path)[0]
    try:
        type_ = DlmsType(tag)
    except ValueError:
        raise FieldError(f"unknown DLMS data tag 0x{tag:02X}", path) from None
    if type_ is DlmsType.COMPACT_ARRAY:
        return _parse_compact_array(stream, path, depth)
    return _parse_value(stream, type_, None, path, depth)


def _parse_value(
    stream: Any, type_: DlmsType, desc: TypeDescription | None, path: str, depth: int
) -> DlmsData:
    if depth > MAX_DEPTH:
        raise FieldError(f"DLMS data nested deeper than {MAX_DEPTH}", path)
    if type_ in _NONE:
        return DlmsData(type_)
    if type_ in _SEQUENCES:
        if desc is None:
            count = _read_length(stream, path)
            items = [_parse_tagged(stream, f"{path} -> [{i}]", depth + 1) for i in range(count)]
        elif type_ is DlmsType.ARRAY:
            items = [
                _parse_value(
                    stream, desc.elements[0].type, desc.elements[0], f"{path} -> [{i}]", depth + 1
                )
                for i in range(desc.count)
            ]
        else:
            items = [
                _parse_value(stream, sub.type, sub, f"{path} -> [{i}]", depth + 1)
                for i, sub in enumerate(desc.elements)
            ]
        return DlmsData(type_, tuple(items))
    if type_ is DlmsType.BOOLEAN:
        raw = stream_read(stream, 1, path)[0]
        if raw not in (0x00, 0xFF):
            raise FieldError(f"boolean octet 0x{raw:02X} is not 0x00 or 0xFF", path)
        return DlmsData(type_, bool(raw))
    if type_ in _INTS:
        fmt = _INTS[type_]
        return DlmsData(
            type_, struct.unpack(fmt, stream_read(stream, struct.calcsize(fmt), path))[0]
        )
    if type_ in _FLOATS:
        fmt = _FLOATS[type_]
        value = struct.unpack(fmt, stream_read(stream, struct.calcsize(fmt), path))[0]
        if math.isnan(value):
            raise FieldError("NaN floats are not accepted", path)
        return DlmsData(type_, value)
    if type_ in _TIMES:
        raw = stream_read(stream, _TIME_SIZES[type_], path)
        return DlmsData(type_, _TIMES[type_].from_bytes(raw))
    if type_ is DlmsType.BIT_STRING:
        bits = _read_length(stream, path)
        return DlmsData(type_, BitString(bits, stream_read(stream, (bits + 7) // 8, path)))
    raw = stream_read(stream, _read_length(stream, path), path)
    if type_ is DlmsType.OCTET_STRING:
        return DlmsData(type_, raw)
    if type_ is DlmsType.VISIBLE_STRING:
        return DlmsData(type_, raw.decode("latin-1"))
    try:
        return DlmsData(type_, raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise FieldError("utf8-string is not valid UTF-8", path) from None


def _parse_description(stream: Any, path: str, depth: int) -> TypeDescription:
    if depth > MAX_DEPTH:
        raise FieldError(f"type description nested deeper than {MAX_DEPTH}", path)
    tag = stream_read(stream, 1, path)[0]
    try:
        type_ = DlmsType(tag)
    except ValueError:
        raise FieldError(f"unknown DLMS type tag 0x{tag:02X}", path) from None
    if type_ is DlmsType.ARRAY:
        count = int.from_bytes(stream_read(stream, 2, path), "big")
        return TypeDescription(type_, (_parse_description(stream, path, depth + 1),), count)
    if type_ is DlmsType.STRUCTURE:
        count = _read_length(stream, path)
        return TypeDescription(
            type_, tuple(_parse_description(stream, path, depth + 1) for _ in range(count))
        )
    if type_ is DlmsType.COMPACT_ARRAY:
        raise FieldError("a compact array cannot describe a compact array", path)
    return TypeDescription(type_)


def _parse_compact_array(stream: Any, path: str, depth: int) -> DlmsData:
    desc = _parse_description(stream, f"{path} -> description", depth + 1)
    contents = stream_read(stream, _read_length(stream, path), path)
    sub = io.BytesIO(contents)
    elements = []
    while sub.tell() < len(contents):
        start = sub.tell()
        elements.append(
            _parse_value(sub, desc.type, desc, f"{path} -> [{len(elements)}]", depth + 1)
        )
        if sub.tell() == start:
            raise FieldError("zero-size compact-array element", path)
    try:
        return DlmsData(DlmsType.COMPACT_ARRAY, CompactArray(desc, tuple(elements)))
    except ModelError as exc:
        raise FieldError(str(exc), path) from exc


def _encode_tagged(data: DlmsData) -> bytes:
    if data.type is DlmsType.COMPACT_ARRAY:
        ca: CompactArray = data.value
        contents = b"".join(_encode_value(e) for e in ca.elements)
        return (
            bytes([DlmsType.COMPACT_ARRAY])
            + _encode_description(ca.description)
            + encode_length(len(contents))
            + contents
        )
    return bytes([data.type]) + _encode_value(data, tagged_items=True)


def _encode_value(data: DlmsData, tagged_items: bool = False) -> bytes:
    type_, value = data.type, data.value
    if type_ in _NONE:
        return b""
    if type_ in _SEQUENCES:
        if tagged_items:
            return encode_length(len(value)) + b"".join(_encode_tagged(v) for v in value)
        return b"".join(_encode_value(v) for v in value)
    if type_ is DlmsType.BOOLEAN:
        return b"\xff" if value else b"\x00"
    if type_ in _INTS:
        return struct.pack(_INTS[type_], value)
    if type_ in _FLOATS:
        return struct.pack(_FLOATS[type_], value)
    if type_ in _TIMES:
        return value.to_bytes()
    if type_ is DlmsType.BIT_STRING:
        return encode_length(value.length) + value.data
    if type_ is DlmsType.OCTET_STRING:
        raw = value
    elif type_ is DlmsType.VISIBLE_STRING:
        raw = value.encode("latin-1")
    else:
        raw = value.encode("utf-8")
    return encode_length(len(raw)) + raw


def _encode_description(desc: TypeDescription) -> bytes:
    if desc.type is DlmsType.ARRAY:
        return b"\x01" + desc.count.to_bytes(2, "big") + _encode_description(desc.elements[0])
    if desc.type is DlmsType.STRUCTURE:
        return (
            b"\x02"
            + encode_length(len(desc.elements))
            + b"".join(_encode_description(e) for e in desc.elements)
        )
    return bytes([desc.type])


DLMS_DATA = _DlmsDataConstruct()
_WHOLE = Struct("data" / DLMS_DATA, Terminated)


def decode_dlms_data(raw: bytes) -> DlmsData:
    """One tagged A-XDR ``Data`` filling ``raw`` exactly (``CodecError`` otherwise)."""
    return parse_with(_WHOLE, raw, "").data


def encode_dlms_data(data: DlmsData) -> bytes:
    if not isinstance(data, DlmsData):
        raise ModelError(f"expected DlmsData, got {type(data).__name__}")
    return build_with(DLMS_DATA, data)
