"""Construct building blocks shared by the GBCS schemas.

GBCS borrows the DLMS A-XDR / ASN.1 BER definite length form for every length-prefixed
field, so ``VarLength`` is used by the framing, the A-XDR data and the DER codec alike.
Lengths must be minimal: a decoder that accepted padded lengths could not promise
``encode(decode(b)) == b``.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from construct import (
    Adapter,
    Bytes,
    Construct,
    ConstructError,
    SizeofError,
    Subconstruct,
    ValidationError,
    stream_read,
    stream_write,
)

from s1sr.codecs.errors import CodecError
from s1sr.models import EUI64, ModelError

MAX_LENGTH_OCTETS = 4

T = TypeVar("T")


def encode_length(value: int) -> bytes:
    """The minimal definite-length encoding of ``value``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ModelError(f"a length must be a non-negative int, got {value!r}")
    if value < 0x80:
        return bytes([value])
    octets = (value.bit_length() + 7) // 8
    if octets > MAX_LENGTH_OCTETS:
        raise ModelError(f"length {value} does not fit in {MAX_LENGTH_OCTETS} octets")
    return bytes([0x80 | octets]) + value.to_bytes(octets, "big")


class VarLength(Construct):
    """A-XDR / BER definite length: ``0x00-0x7F``, or ``0x8n`` then n big-endian octets."""

    def _parse(self, stream: Any, context: Any, path: str) -> int:
        first = stream_read(stream, 1, path)[0]
        if first < 0x80:
            return first
        octets = first & 0x7F
        if octets == 0 or octets > MAX_LENGTH_OCTETS:
            raise ValidationError(f"unsupported length form 0x{first:02X}", path=path)
        value = int.from_bytes(stream_read(stream, octets, path), "big")
        if value < 0x80 or value >> (8 * (octets - 1)) == 0:
            raise ValidationError(f"non-minimal length encoding ({value})", path=path)
        return value

    def _build(self, obj: Any, stream: Any, context: Any, path: str) -> int:
        try:
            data = encode_length(obj)
        except ModelError as exc:
            raise ValidationError(str(exc), path=path) from exc
        stream_write(stream, data, len(data), path)
        return obj

    def _sizeof(self, context: Any, path: str) -> int:
        raise SizeofError("variable-length field", path=path)


class OptionalTail(Subconstruct):
    """A trailing field that is either absent (end of stream: ``None``) or present.

    The signature of a general-signing block is such a field: pre-commands stop before it.
    """

    def _parse(self, stream: Any, context: Any, path: str) -> Any:
        position = stream.tell()
        if not stream.read(1):
            return None
        stream.seek(position)
        return self.subcon._parsereport(stream, context, path)

    def _build(self, obj: Any, stream: Any, context: Any, path: str) -> Any:
        if obj is None:
            return None
        return self.subcon._build(obj, stream, context, path)

    def _sizeof(self, context: Any, path: str) -> int:
        raise SizeofError("optional trailing field", path=path)


class ModelAdapter(Adapter):
    """An adapter whose conversions may refuse a value with ``ModelError``.

    The refusal becomes a construct ``ValidationError`` carrying the field path, so the
    public decoders can report where the bytes went wrong.
    """

    def __init__(
        self,
        subcon: Construct,
        decode: Callable[[Any], Any],
        encode: Callable[[Any], Any],
    ) -> None:
        super().__init__(subcon)
        self._decoder = decode
        self._encoder = encode

    def _decode(self, obj: Any, context: Any, path: str) -> Any:
        try:
            return self._decoder(obj)
        except (ModelError, ValueError) as exc:
            raise ValidationError(str(exc), path=path) from exc

    def _encode(self, obj: Any, context: Any, path: str) -> Any:
        try:
            return self._encoder(obj)
        except (ModelError, ValueError, TypeError, AttributeError) as exc:
            raise ValidationError(str(exc), path=path) from exc


def eui64_field() -> Construct:
    """Eight octets as an ``EUI64``."""
    return ModelAdapter(Bytes(8), EUI64.from_bytes, _eui64_bytes)


def _eui64_bytes(value: EUI64) -> bytes:
    if not isinstance(value, EUI64):
        raise ModelError(f"expected an EUI64, got {type(value).__name__}")
    return value.to_bytes()


def clean_path(path: str | None, prefix: str = "") -> str:
    """Construct's ``(parsing) -> a -> b`` as ``prefix.a.b``."""
    parts = [p.strip() for p in (path or "").split("->")]
    parts = [p for p in parts if p and not p.startswith("(")]
    if prefix:
        parts.insert(0, prefix)
    return ".".join(parts)


_STRAY = (
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    OverflowError,
    AttributeError,
    struct.error,
    UnicodeError,
    RecursionError,
)


def parse_with(schema: Construct, data: bytes, prefix: str) -> Any:
    """Parse ``data``; any failure becomes ``CodecError`` with a dotted field path."""
    try:
        return schema.parse(data)
    except CodecError as exc:
        raise CodecError(exc.reason, _join(prefix, exc.path)) from exc
    except ConstructError as exc:
        raise CodecError(_reason(exc), clean_path(exc.path, prefix)) from exc
    except _STRAY as exc:
        raise CodecError(f"{type(exc).__name__}: {exc}", prefix) from exc


def build_with(schema: Construct, value: Any, what: str) -> bytes:
    """Build bytes; a value the schema cannot hold is a ``ModelError`` (a caller's bug)."""
    try:
        return schema.build(value)
    except ConstructError as exc:
        raise ModelError(f"cannot encode {clean_path(exc.path, what)}: {_reason(exc)}") from exc
    except (struct.error, OverflowError, TypeError, ValueError) as exc:
        if isinstance(exc, ModelError):
            raise
        raise ModelError(f"cannot encode {what}: {exc}") from exc


@contextmanager
def model_errors_as_codec(path: str) -> Iterator[None]:
    """Models built from parsed fields may still refuse them: that is malformed input too."""
    try:
        yield
    except ModelError as exc:
        raise CodecError(str(exc), path) from exc


def rebase(exc: CodecError, prefix: str) -> CodecError:
    """The same error, reported under ``prefix``."""
    return CodecError(exc.reason, _join(prefix, exc.path))


def _join(prefix: str, path: str) -> str:
    return ".".join(p for p in (prefix, path) if p)


def _reason(exc: ConstructError) -> str:
    text = str(exc)
    if text.startswith("Error in path"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
    return text or type(exc).__name__
