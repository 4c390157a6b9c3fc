"""ASN.1 DER as a generic TLV tree: the payload of CS06 (activate firmware), CS08, CS02...

The GBCS ASN.1 modules are small and fixed; a typed tree (tag, children or contents)
is enough to read them and re-encodes exactly. Accessors interpret the common universal
types (INTEGER, OCTET STRING, GeneralizedTime) where mapping code needs a value.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime
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
from s1sr.codecs.gbcs.payload_kind import PayloadKind
from s1sr.codecs.primitives.base import FieldError
from s1sr.models import ModelError

MAX_DEPTH = 24
CONSTRUCTED = 0x20


class UniversalTag(IntEnum):
    BOOLEAN = 0x01
    INTEGER = 0x02
    BIT_STRING = 0x03
    OCTET_STRING = 0x04
    NULL = 0x05
    OBJECT_IDENTIFIER = 0x06
    ENUMERATED = 0x0A
    UTF8_STRING = 0x0C
    PRINTABLE_STRING = 0x13
    UTC_TIME = 0x17
    GENERALIZED_TIME = 0x18
    SEQUENCE = 0x30
    SET = 0x31


def _identifier_bytes(tag: int) -> bytes:
    return tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")


def _check_identifier(tag: int) -> None:
    if isinstance(tag, bool) or not isinstance(tag, int) or tag < 0:
        raise ModelError(f"a DER tag must be a non-negative int, got {tag!r}")
    raw = _identifier_bytes(tag)
    if len(raw) > 4:
        raise ModelError("DER tags longer than 4 identifier octets are not supported")
    if (raw[0] & 0x1F) == 0x1F:
        rest = raw[1:]
        if not rest or rest[0] == 0x80 or any(b < 0x80 for b in rest[:-1]) or rest[-1] >= 0x80:
            raise ModelError(f"malformed high-tag-number identifier 0x{tag:X}")
        number = 0
        for octet in rest:
            number = (number << 7) | (octet & 0x7F)
        if number < 0x1F:
            raise ModelError(f"tag number {number} must use the one-octet form")
    elif len(raw) != 1:
        raise ModelError(f"identifier 0x{tag:X}: low tag numbers take one octet")


@dataclass(frozen=True)
class DerNode:
    """One TLV. ``tag`` is the identifier octet(s) as an int (``0x30`` = SEQUENCE)."""

    tag: int
    value: bytes | tuple[DerNode, ...]

    def __post_init__(self) -> None:
        _check_identifier(self.tag)
        if self.constructed:
            if not isinstance(self.value, tuple) or not all(
                isinstance(v, DerNode) for v in self.value
            ):
                raise ModelError("a constructed node holds a tuple of DerNodes")
        elif not isinstance(self.value, bytes):
            raise ModelError("a primitive node holds bytes")

    @property
    def constructed(self) -> bool:
        return bool(_identifier_bytes(self.tag)[0] & CONSTRUCTED)

    @property
    def children(self) -> tuple[DerNode, ...]:
        if not self.constructed:
            raise TypeError(f"tag 0x{self.tag:X} is primitive")
        return self.value  # type: ignore[return-value]

    def as_int(self) -> int:
        """INTEGER / ENUMERATED content, two's complement."""
        return int.from_bytes(self._primitive(), "big", signed=True)

    def as_bytes(self) -> bytes:
        return self._primitive()

    def as_datetime(self) -> datetime:
        """GeneralizedTime ``YYYYMMDDHHMMSSZ`` as an aware UTC datetime."""
        text = self._primitive().decode("ascii", errors="replace")
        try:
            return datetime.strptime(text, "%Y%m%d%H%M%SZ").replace(tzinfo=UTC)
        except ValueError as exc:
            raise ModelError(f"not a GeneralizedTime: {text!r}") from exc

    def _primitive(self) -> bytes:
        if self.constructed:
            raise TypeError(f"tag 0x{self.tag:X} is constructed")
        return self.value  # type: ignore[return-value]

    def to_bytes(self) -> bytes:
        return encode_der(self)

    @classmethod
    def integer(cls, value: int) -> DerNode:
        size = max(1, (value + (value < 0)).bit_length() // 8 + 1)
        return cls(UniversalTag.INTEGER, value.to_bytes(size, "big", signed=True))

    @classmethod
    def sequence(cls, *children: DerNode) -> DerNode:
        return cls(UniversalTag.SEQUENCE, tuple(children))


@dataclass(frozen=True)
class DerPayload:
    root: DerNode

    kind = PayloadKind.DER

    def __post_init__(self) -> None:
        if not isinstance(self.root, DerNode):
            raise ModelError("root must be a DerNode")

    def to_bytes(self) -> bytes:
        return encode_der(self.root)


_LENGTH = VarLength()


class _DerConstruct(Construct):
    def _parse(self, stream: Any, context: Any, path: str) -> DerNode:
        return _parse_node(stream, path, 0)

    def _build(self, obj: Any, stream: Any, context: Any, path: str) -> DerNode:
        if not isinstance(obj, DerNode):
            raise FieldError(f"expected DerNode, got {type(obj).__name__}", path)
        data = _encode_node(obj)
        stream_write(stream, data, len(data), path)
        return obj

    def _sizeof(self, context: Any, path: str) -> int:
        raise SizeofError("variable-size DER", path=path)


def _parse_node(stream: Any, path: str, depth: int) -> DerNode:
    if depth > MAX_DEPTH:
        raise FieldError(f"DER nested deeper than {MAX_DEPTH}", path)
    identifier = stream_read(stream, 1, path)
    if (identifier[0] & 0x1F) == 0x1F:
        while True:
            octet = stream_read(stream, 1, path)
            identifier += octet
            if octet[0] < 0x80 or len(identifier) > 4:
                break
    tag = int.from_bytes(identifier, "big")
    try:
        _check_identifier(tag)
    except ModelError as exc:
        raise FieldError(str(exc), path) from exc
    length = _LENGTH._parsereport(stream, None, path)
    content = stream_read(stream, length, path)
    if not identifier[0] & CONSTRUCTED:
        return DerNode(tag, content)
    sub = io.BytesIO(content)
    children = []
    while sub.tell() < length:
        children.append(_parse_node(sub, f"{path} -> [{len(children)}]", depth + 1))
    return DerNode(tag, tuple(children))


def _encode_node(node: DerNode) -> bytes:
    if node.constructed:
        content = b"".join(_encode_node(c) for c in node.children)
    else:
        content = node.value  # type: ignore[assignment]
    return _identifier_bytes(node.tag) + encode_length(len(content)) + content


DER = _DerConstruct()
_WHOLE = Struct("root" / DER, Terminated)


def decode_der(raw: bytes, prefix: str = "der") -> DerNode:
    """Exactly one DER element filling ``raw``."""
    return parse_with(_WHOLE, raw, prefix).root


def encode_der(node: DerNode) -> bytes:
    if not isinstance(node, DerNode):
        raise ModelError(f"expected DerNode, got {type(node).__name__}")
    return build_with(DER, node)
