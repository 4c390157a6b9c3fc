"""The one way bytes become values (``parse_strict``) and values become bytes (``build_strict``).

Decoding untrusted bytes may fail in only one way: ``CodecError`` with the path of the
field ("header.time", "items[2].price"). construct's own errors, ``struct.error``,
``IndexError``, ``ValueError`` (``ModelError`` and ``UnicodeDecodeError`` included) and
``OverflowError`` are all converted. construct's errors and our adapters' carry the
field path; for an exception without one (a foreign exception raised in a plain
``Adapter`` or a lambda, or one of the few construct errors raised without a path) it is
recovered from the innermost construct frame of the traceback. Anything else (``TypeError``, ``KeyError``,
``AttributeError``) means the schema itself is wrong and is left to surface in tests.
Schemas are run interpreted: a compiled schema is refused. Trailing bytes are refused
even if the schema forgot ``Terminated``.

Encoding a valid model must not fail, so a failure there is a programming error, not
malformed input: ``build_strict`` raises ``EncodeError`` (a ``ValueError``, deliberately
not a ``CodecError``) with the field path, chained to the original exception.
"""

from __future__ import annotations

import io
import struct
from typing import Any

from construct import (
    CancelParsing,
    Compiled,
    Construct,
    ConstructError,
    Container,
    TerminatedError,
)

from s1sr.codecs.errors import CodecError
from s1sr.codecs.primitives.base import FieldError

_DECODE_ERRORS = (struct.error, IndexError, ValueError, OverflowError)
_ENCODE_ERRORS = (struct.error, IndexError, ValueError, OverflowError, TypeError, KeyError)
_BYTES = (bytes, bytearray, memoryview)
_ROOTS = frozenset({"(parsing)", "(building)", "(sizeof)", "???"})


class EncodeError(ValueError):
    """A value the schema cannot encode: a bug in the caller, never malformed input."""

    def __init__(self, message: str, path: str = "") -> None:
        self.reason = message
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


def field_path(construct_path: str | None, prefix: str = "") -> str:
    """construct's "(parsing) -> items -> [2] -> price" as "prefix.items[2].price"."""
    parts = [prefix] if prefix else []
    for name in (construct_path or "").split(" -> "):
        name = name.strip()
        if not name or name in _ROOTS:
            continue
        if name.startswith("[") and parts:
            parts[-1] += name
        else:
            parts.append(name)
    return ".".join(parts)


def _traceback_path(exc: BaseException) -> str | None:
    """The innermost construct path in ``exc``'s traceback (every ``_parse`` has one)."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        candidate = tb.tb_frame.f_locals.get("path")
        if isinstance(candidate, str) and candidate.startswith(("(parsing)", "(building)")):
            found = candidate
        tb = tb.tb_next
    return found


def _reason(exc: ConstructError) -> str:
    if isinstance(exc, FieldError):
        return exc.reason
    if isinstance(exc, TerminatedError):
        return "trailing bytes after the end of the message"
    text = str(exc)
    if exc.path is not None and text.startswith("Error in path"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _parse_stream(schema: Construct, stream: io.BytesIO) -> Any:
    """``schema.parse_stream(stream)``, its context built without ``Container.__setattr__``."""
    context = Container({"_parsing": True, "_building": False, "_sizing": False})
    context["_params"] = context
    try:
        return schema._parsereport(stream, context, "(parsing)")
    except CancelParsing:
        return None


def _build(schema: Construct, value: Any) -> bytes:
    """``schema.build(value)``, its context built the same way."""
    stream = io.BytesIO()
    context = Container({"_parsing": False, "_building": True, "_sizing": False})
    context["_params"] = context
    schema._build(value, stream, context, "(building)")
    return stream.getvalue()


def parse_strict(schema: Construct, data: bytes, path: str = "") -> Any:
    """Decode all of ``data`` with ``schema``; any malformation raises ``CodecError``.

    ``path`` prefixes the field path in errors (e.g. "payload" when decoding a nested body).
    """
    if isinstance(schema, Compiled):
        raise TypeError("parse untrusted bytes in interpreted mode: pass the uncompiled schema")
    if not isinstance(data, _BYTES):
        raise TypeError(f"data must be bytes, got {type(data).__name__}")
    stream = io.BytesIO(data)
    try:
        value = _parse_stream(schema, stream)
    except ConstructError as exc:
        where = exc.path or _traceback_path(exc)
        raise CodecError(_reason(exc), field_path(where, path)) from exc
    except _DECODE_ERRORS as exc:
        raise CodecError(
            f"{type(exc).__name__}: {exc}", field_path(_traceback_path(exc), path)
        ) from exc
    consumed = stream.tell()
    if consumed != len(data):
        raise CodecError(
            f"{len(data) - consumed} trailing byte(s) after offset {consumed}",
            field_path(None, path),
        )
    return value


def build_strict(schema: Construct, value: Any) -> bytes:
    """Encode ``value`` with ``schema``; a value it cannot encode raises ``EncodeError``."""
    try:
        return _build(schema, value)
    except ConstructError as exc:
        raise EncodeError(_reason(exc), field_path(exc.path or _traceback_path(exc))) from exc
    except _ENCODE_ERRORS as exc:
        raise EncodeError(f"{type(exc).__name__}: {exc}", field_path(_traceback_path(exc))) from exc
