"""What every primitive adapter shares: refusals that carry construct's field path.

construct records where it is in a message as a path string ("(parsing) -> header ->
time"). Our adapters turn their own refusals into ``FieldError`` at that path, so the
single decode entry point (``s1sr.codecs.strict``) can name the field for any failure.
"""

from __future__ import annotations

import struct
from typing import Any, Literal

from construct import (
    Adapter,
    Bytes,
    BytesInteger,
    Construct,
    ConstructError,
    FormatField,
    FormatFieldError,
    Int8sb,
    Int8ub,
    Int16sb,
    Int16sl,
    Int16ub,
    Int16ul,
    Int32sb,
    Int32sl,
    Int32ub,
    Int32ul,
    Int64sb,
    Int64sl,
    Int64ub,
    Int64ul,
)

from s1sr.codecs.primitives.direct import (
    builder,
    context_free,
    parser,
    read_exact,
)

ByteOrder = Literal["big", "little"]

_INT_FIELDS: dict[tuple[int, bool, str], Construct] = {
    (1, False, "big"): Int8ub,
    (1, False, "little"): Int8ub,
    (1, True, "big"): Int8sb,
    (1, True, "little"): Int8sb,
    (2, False, "big"): Int16ub,
    (2, False, "little"): Int16ul,
    (2, True, "big"): Int16sb,
    (2, True, "little"): Int16sl,
    (4, False, "big"): Int32ub,
    (4, False, "little"): Int32ul,
    (4, True, "big"): Int32sb,
    (4, True, "little"): Int32sl,
    (8, False, "big"): Int64ub,
    (8, False, "little"): Int64ul,
    (8, True, "big"): Int64sb,
    (8, True, "little"): Int64sl,
}


class FieldError(ConstructError):
    """A value one of our adapters refused, raised at construct's current field path.

    A ``ConstructError`` so that construct's own combinators (``Select``, ``Optional``)
    treat it like any other parse failure.
    """

    def __init__(self, reason: str, path: str | None = None) -> None:
        self.reason = reason
        super().__init__(reason, path=path)


class StrictAdapter(Adapter):
    """An Adapter whose refusals become ``FieldError`` carrying the field path.

    Subclasses implement ``decode(raw)`` and ``encode(value)`` and raise ``ValueError``
    (``ModelError`` included) or ``TypeError`` for values they refuse; they never see
    construct's context or path.
    """

    def __init__(self, subcon: Construct) -> None:
        super().__init__(subcon)
        self._subparse = parser(subcon)
        self._subbuild = builder(subcon)
        self.context_free = context_free(subcon)
        # ``parser(self)``: this adapter's _parse over a fixed-size field, as one call
        self.direct_parse = (
            _fixed_adapter_parser(subcon, self.decode)
            if type(self)._parse is StrictAdapter._parse
            else None
        )

    def _parse(self, stream: Any, context: Any, path: str) -> Any:
        # Adapter._parse and _decode as one call (this is on every field's path)
        obj = self._subparse(stream, context, path)
        try:
            return self.decode(obj)
        except (ValueError, OverflowError) as exc:
            raise FieldError(str(exc), path) from exc

    def _build(self, obj: Any, stream: Any, context: Any, path: str) -> Any:
        try:
            raw = self.encode(obj)
        except (ValueError, TypeError, OverflowError) as exc:
            raise FieldError(str(exc), path) from exc
        self._subbuild(raw, stream, context, path)
        return obj

    def _decode(self, obj: Any, context: Any, path: str) -> Any:
        try:
            return self.decode(obj)
        except (ValueError, OverflowError) as exc:
            raise FieldError(str(exc), path) from exc

    def _encode(self, obj: Any, context: Any, path: str) -> Any:
        try:
            return self.encode(obj)
        except (ValueError, TypeError, OverflowError) as exc:
            raise FieldError(str(exc), path) from exc

    def decode(self, raw: Any) -> Any:
        raise NotImplementedError

    def encode(self, value: Any) -> Any:
        raise NotImplementedError


def _fixed_adapter_parser(subcon: Construct, decode: Any) -> Any:
    """``StrictAdapter._parse`` over a ``FormatField`` or a fixed-length ``Bytes`` as one
    call: the read, unpack and decode inline, each failure raised as the two-call path
    raises it (construct's stream and format errors, then ``FieldError``); ``None`` for
    any other field or one with a ``parsed`` hook."""
    if subcon.parsed is not None:
        return None
    if type(subcon) is FormatField:
        length, fmtstr = subcon.length, subcon.fmtstr
        unpack = struct.Struct(fmtstr).unpack
    elif type(subcon) is Bytes and type(subcon.length) is int and subcon.length >= 0:
        length, fmtstr, unpack = subcon.length, None, None
    else:
        return None

    def parse(stream: Any, context: Any, path: str) -> Any:
        raw = read_exact(stream, length, path)
        if unpack is not None:
            try:
                raw = unpack(raw)[0]
            except Exception:
                raise FormatFieldError(
                    f"struct {fmtstr!r} error during parsing", path=path
                ) from None
        try:
            return decode(raw)
        except (ValueError, OverflowError) as exc:
            raise FieldError(str(exc), path) from exc

    return parse


def int_field(size: int, *, signed: bool, byteorder: ByteOrder) -> Construct:
    """A fixed-width integer field of ``size`` bytes.

    Sizes 1, 2, 4 and 8 use construct's ``struct``-backed fields (fast); others (ZCL's
    uint24 and uint48) use ``BytesInteger``.
    """
    if byteorder not in ("big", "little"):
        raise ValueError(f"byteorder must be 'big' or 'little', got {byteorder!r}")
    field = _INT_FIELDS.get((size, signed, byteorder))
    if field is not None:
        return field
    if not 1 <= size <= 16:
        raise ValueError(f"integer fields are 1..16 bytes, got {size}")
    return BytesInteger(size, signed=signed, swapped=byteorder == "little")


def int_range(size: int, *, signed: bool) -> tuple[int, int]:
    """Inclusive bounds of a two's-complement (or unsigned) integer of ``size`` bytes."""
    bits = 8 * size
    if signed:
        return -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    return 0, (1 << bits) - 1


def require_int(value: object, what: str) -> int:
    """Refuse bools and non-ints before they reach ``struct`` (True would pack as 1)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, got {type(value).__name__}")
    return value
