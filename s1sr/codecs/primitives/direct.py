"""A field's parse and build as one direct call, without construct's per-call wrappers.

Every field of a record costs construct several Python calls: ``_parsereport`` (which
only adds the ``parsed`` hook), then ``_parse``; an ``Int8ub`` then reads through
``stream_read`` and unpacks by format string. For the small fields this format is made
of, the wrappers cost more than the work. ``parser(sc)`` and ``builder(sc)`` return the
same operation as one callable: the ``parsed`` hook is still honoured, and a construct
``FormatField`` (``Int8ub``, ``Int32sb`` ...) reads and writes with its precompiled
``struct.Struct`` and a fixed-length ``Bytes`` reads directly, raising exactly what
construct raises (type, message, path). It is
still interpreted construct: nothing is compiled, every other field runs its own code.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any, NoReturn

from construct import (
    Bytes,
    Construct,
    FormatField,
    FormatFieldError,
    StreamError,
    Terminated,
)

Parse = Callable[[Any, Any, str], Any]
Build = Callable[[Any, Any, Any, str], Any]


def parser(sc: Construct) -> Parse:
    """``sc._parsereport``, as one call: ``(stream, context, path) -> value``."""
    if sc.parsed is not None:
        return sc._parsereport
    direct = getattr(sc, "direct_parse", None)  # one of ours that offers a one-call form
    if direct is not None:
        return direct
    if type(sc) is FormatField:
        return _format_parser(sc)
    if type(sc) is Bytes and type(sc.length) is int and sc.length >= 0:
        return _bytes_parser(sc.length)
    return sc._parse


def context_free(sc: Construct) -> bool:
    """Whether ``sc`` neither reads nor writes construct's context, so which context it is
    given cannot matter: fixed-size integers and bytes, and our constructs that say so
    (``context_free``: adapters, length-, count- and presence-prefixed fields and model
    records over such fields; an adapter's ``decode`` never sees the context). Arrays
    (``_index``) and anything computed from the context are not."""
    if type(sc) is FormatField:
        return True
    if type(sc) is Bytes:
        return type(sc.length) is int
    if sc is Terminated:  # reads one byte of the stream, nothing else
        return True
    return getattr(sc, "context_free", False) is True


def builder(sc: Construct) -> Build:
    """``sc._build``, as one call: ``(value, stream, context, path) -> built value``."""
    if type(sc) is FormatField:
        return _format_builder(sc)
    return sc._build


def _format_parser(sc: FormatField) -> Parse:
    length = sc.length
    fmtstr = sc.fmtstr
    unpack = struct.Struct(fmtstr).unpack

    def parse(stream: Any, context: Any, path: str) -> Any:
        # construct's stream_read, then FormatField._parse, with their messages
        data = read_exact(stream, length, path)
        try:
            return unpack(data)[0]
        except Exception:
            raise FormatFieldError(f"struct {fmtstr!r} error during parsing", path=path) from None

    return parse


def _bytes_parser(length: int) -> Parse:
    def parse(stream: Any, context: Any, path: str) -> bytes:
        # Bytes(length)._parse: construct's stream_read, with its messages
        return read_exact(stream, length, path)

    return parse


def read_exact(stream: Any, length: int, path: str) -> bytes:
    """construct's ``stream_read``: exactly ``length`` bytes, or its errors."""
    try:
        data = stream.read(length)
    except Exception:
        read_failed(length, path)
    if len(data) != length:
        read_short(data, length, path)
    return data


def read_failed(length: int, path: str) -> NoReturn:
    """construct's ``stream_read`` error for a stream that cannot be read."""
    raise StreamError(f"stream.read() failed, requested {length} bytes", path=path) from None


def read_short(data: bytes, length: int, path: str) -> NoReturn:
    """construct's ``stream_read`` error for a read that came back short."""
    raise StreamError(
        f"stream read less than specified amount, expected {length:d}, found {len(data):d}",
        path=path,
    )


def _format_builder(sc: FormatField) -> Build:
    length = sc.length
    fmtstr = sc.fmtstr
    pack = struct.Struct(fmtstr).pack

    def build(obj: Any, stream: Any, context: Any, path: str) -> Any:
        # FormatField._build, then construct's stream_write, with their messages
        try:
            data = pack(obj)
        except Exception:
            raise FormatFieldError(
                f"struct {fmtstr!r} error during building, given value {obj!r}", path=path
            ) from None
        try:
            written = stream.write(data)
        except Exception:
            raise StreamError(f"stream.write() failed, given {data!r}", path=path) from None
        if written != length:
            raise StreamError(
                f"stream written less than specified, expected {length:d}, written {written:d}",
                path=path,
            )
        return obj

    return build
