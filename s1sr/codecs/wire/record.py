"""``Record``: construct's ``Struct`` without the bookkeeping, for the wire format's hot path.

``Struct`` builds two ``Container``s per parse and copies half a dozen context keys
into each, and every named field adds a ``Renamed`` layer; for the small records of
this format that cost more than the fields themselves (a top-up request's payload took
18 us to parse). ``Record`` reads and writes its fields in order into one dict (``RecordContext``),
which is also the context they see (so ``this.thresholds`` works as in a ``Struct``),
and extends the field path itself. It is still interpreted construct: every field's
own ``_parse``/``_build`` runs, and errors carry construct's path ("body -> entries ->
[3] -> timestamp"). The context carries the keys construct's own
``Struct`` expects of its parent (``_params``, ``_parsing``, ...), so a ``Struct``
nested inside still works.
"""

from __future__ import annotations

from typing import Any

from construct import Construct, Renamed, SizeofError

from s1sr.codecs.primitives import FieldError
from s1sr.codecs.primitives.direct import builder, context_free, parser


class Record(Construct):
    """Named (and unnamed, e.g. ``Terminated``) fields in order <-> a ``RecordContext``."""

    def __init__(self, *subcons: Construct) -> None:
        super().__init__()
        self.subcons = subcons
        self.fields = tuple(
            (sc.name, sc.subcon) if isinstance(sc, Renamed) else (None, sc) for sc in subcons
        )
        self.names = tuple(name for name, _ in self.fields if name is not None)
        self._parsers = tuple((name, parser(sc)) for name, sc in self.fields)
        self._builders = tuple((name, builder(sc)) for name, sc in self.fields)
        # Fields that never read the context (a frame's payload: a user id, a body and
        # Terminated) are given this record's values alone, not construct's context keys.
        self.context_free = all(context_free(sc) for _, sc in self.fields)
        try:
            self._size: int | None = sum(sc.sizeof() for sc in subcons)
        except SizeofError:
            self._size = None

    def _parse(self, stream: Any, context: Any, path: str) -> Any:
        obj = RecordContext() if self.context_free else _context(context, stream)
        for name, parse in self._parsers:
            if name is None:
                parse(stream, obj, path)
            else:
                obj[name] = parse(stream, obj, f"{path} -> {name}")
        return obj

    def _build(self, obj: Any, stream: Any, context: Any, path: str) -> Any:
        built = RecordContext() if self.context_free else _context(context, stream)
        for name, build in self._builders:
            if name is None:
                build(None, stream, built, path)
                continue
            try:
                value = obj[name]
            except (KeyError, TypeError):
                raise FieldError(f"missing field {name!r}", path) from None
            built[name] = build(value, stream, built, f"{path} -> {name}")
        return built

    def _sizeof(self, context: Any, path: str) -> int:
        if self._size is None:
            raise SizeofError("a record with a variable-size field", path=path)
        return self._size


class RecordContext(dict):  # type: ignore[type-arg]
    """A record's values, which are also the context its fields see.

    What construct's ``Container`` offers its code (keys read and written as attributes:
    ``context._index = i``, ``this.thresholds``) on a plain ``dict``: a ``Container`` is
    an ``OrderedDict`` with ``__getattr__`` in Python, and building one per record cost
    more than most records' fields.
    """

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value

    def __delattr__(self, name: str) -> None:
        try:
            del self[name]
        except KeyError:
            raise AttributeError(name) from None


def _context(parent: Any, stream: Any) -> RecordContext:
    """The keys ``Struct`` puts in its context, read with ``dict.get`` (no ``__getattr__``)."""
    get = parent.get
    context = RecordContext(
        _=parent,
        _params=get("_params"),
        _root=get("_root"),
        _parsing=get("_parsing"),
        _building=get("_building"),
        _sizing=get("_sizing"),
        _io=stream,
        _index=get("_index"),
    )
    if context["_root"] is None:
        context["_root"] = context
    return context
