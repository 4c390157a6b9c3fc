"""``FixedLayout``: a record of fixed-size fields read and written with one ``struct``.

A record whose fields are all fixed-size integers, fixed-length bytes, or ``StrictAdapter``s
over one of those (a switch time: three bytes of time of day, an enum byte, a rate byte)
costs a stream read, an unpack and a path string per field. When the record's bytes are
all there, one read and one unpack give the same raw values, and each adapter's
``decode`` runs on its own value in order, its refusal a ``FieldError`` at its field's path,
as ``StrictAdapter._parse`` raises it. When they are not, or when building fails
anywhere, the caller runs the field-by-field path instead, which raises exactly what it
always raised: the layout is a shortcut for the valid case only.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from typing import Any

from construct import Bytes, Construct, FormatField

from s1sr.codecs.primitives.base import FieldError, StrictAdapter

_ORDERS = frozenset("<>!")


class FixedLayout:
    """The fields' formats as one ``struct.Struct``, and each field's decode and encode."""

    def __init__(self, fmt: str, fields: Sequence[tuple[str, StrictAdapter | None]]) -> None:
        self.struct = struct.Struct(fmt)
        self.size = self.struct.size
        self.fields = tuple(
            (name, None if adapter is None else adapter.decode) for name, adapter in fields
        )
        self.encoders = tuple(
            (name, None if adapter is None else adapter.encode) for name, adapter in fields
        )
        # a "Ns" field packs a shorter or longer bytes without complaint: checked first
        self.lengths = tuple(
            (index, int(code[:-1])) for index, code in enumerate(_codes(fmt)) if code.endswith("s")
        )

    def values(self, data: bytes, path: str) -> dict[str, Any]:
        """The fields' values from exactly ``size`` bytes, in field order."""
        out = {}
        for (name, decode), raw in zip(self.fields, self.struct.unpack(data), strict=True):
            if decode is None:
                out[name] = raw
                continue
            try:
                out[name] = decode(raw)
            except (ValueError, OverflowError) as exc:  # as StrictAdapter._parse
                raise FieldError(str(exc), f"{path} -> {name}") from exc
        return out

    def packed(self, get: Callable[[str], Any]) -> bytes | None:
        """The fields' bytes, each value ``get(name)``; ``None`` if anything fails (the
        caller then builds field by field, for that path's own error)."""
        try:
            raws = [
                get(name) if encode is None else encode(get(name)) for name, encode in self.encoders
            ]
            for index, length in self.lengths:
                if type(raws[index]) is not bytes or len(raws[index]) != length:
                    return None
            return self.struct.pack(*raws)
        except Exception:
            return None


def fixed_layout(fields: Sequence[tuple[str | None, Construct]]) -> FixedLayout | None:
    """The layout of ``(name, construct)`` fields, or ``None`` if one is not fixed-size
    (or has a ``parsed`` hook, an unnamed field, or its own ``_parse``)."""
    order = None
    codes = []
    adapted: list[tuple[str, StrictAdapter | None]] = []
    for name, sc in fields:
        if name is None or sc.parsed is not None:
            return None
        adapter = None
        if isinstance(sc, StrictAdapter):
            if type(sc)._parse is not StrictAdapter._parse or type(sc)._build is not (
                StrictAdapter._build
            ):
                return None
            adapter, sc = sc, sc.subcon
            if sc.parsed is not None:
                return None
        if type(sc) is FormatField:
            if sc.fmtstr[0] not in _ORDERS or (order is not None and sc.fmtstr[0] != order):
                return None
            order = sc.fmtstr[0]
            codes.append(sc.fmtstr[1:])
        elif type(sc) is Bytes and type(sc.length) is int and sc.length >= 0:
            codes.append(f"{sc.length}s")
        else:
            return None
        adapted.append((name, adapter))
    if not adapted:
        return None
    return FixedLayout((order or ">") + "".join(codes), adapted)


def _codes(fmt: str) -> list[str]:
    """The per-field codes of a layout's format (after its byte-order character)."""
    out, digits = [], ""
    for ch in fmt[1:]:
        if ch.isdigit():
            digits += ch
        else:
            out.append(digits + ch)
            digits = ""
    return out
