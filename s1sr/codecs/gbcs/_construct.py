"""Construct building blocks shared by the GBCS schemas.

GBCS borrows the DLMS A-XDR / ASN.1 BER definite length form for every length-prefixed
field, so ``VarLength`` is used by the framing, the A-XDR data and the DER codec alike.
Lengths must be minimal: a decoder that accepted padded lengths could not promise
``encode(decode(b)) == b``.

Parsing and building go through the project's single strict entry point
(``s1sr.codecs.strict``), so GBCS errors carry field paths in the same form as every
other codec's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from construct import Construct, SizeofError, Subconstruct, stream_read, stream_write

from s1sr.codecs.errors import CodecError
from s1sr.codecs.primitives.base import FieldError, StrictAdapter
from s1sr.codecs.strict import build_strict, parse_strict
from s1sr.models import ModelError

MAX_LENGTH_OCTETS = 4


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
            raise FieldError(f"unsupported length form 0x{first:02X}", path)
        value = int.from_bytes(stream_read(stream, octets, path), "big")
        if value < 0x80 or value >> (8 * (octets - 1)) == 0:
            raise FieldError(f"non-minimal length encoding ({value})", path)
        return value

    def _build(self, obj: Any, stream: Any, context: Any, path: str) -> int:
        try:
            data = encode_length(obj)
        except ModelError as exc:
            raise FieldError(str(exc), path) from exc
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


class ModelAdapter(StrictAdapter):
    """A ``StrictAdapter`` from two functions: wire value -> model, model -> wire value."""

    def __init__(
        self,
        subcon: Construct,
        decode: Callable[[Any], Any],
        encode: Callable[[Any], Any],
    ) -> None:
        super().__init__(subcon)
        self._decoder = decode
        self._encoder = encode

    def decode(self, raw: Any) -> Any:
        return self._decoder(raw)

    def encode(self, value: Any) -> Any:
        try:
            return self._encoder(value)
        except AttributeError as exc:  # not the model type the field holds
            raise TypeError(str(exc)) from exc


def parse_with(schema: Construct, data: bytes, prefix: str) -> Any:
    """Parse all of ``data``; any failure is ``CodecError`` with a dotted field path."""
    return parse_strict(schema, data, prefix)


def build_with(schema: Construct, value: Any) -> bytes:
    """Build bytes; a value the schema cannot hold raises ``EncodeError`` (a caller's bug)."""
    return build_strict(schema, value)


@contextmanager
def model_errors_as_codec(path: str) -> Iterator[None]:
    """Models built from parsed fields may still refuse them: that is malformed input too."""
    try:
        yield
    except ModelError as exc:
        raise CodecError(str(exc), path) from exc


def rebase(exc: CodecError, prefix: str) -> CodecError:
    """The same error, reported under ``prefix``."""
    return CodecError(exc.reason, ".".join(p for p in (prefix, exc.path) if p))
