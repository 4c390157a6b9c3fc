"""Count- and length-prefixed data with a maximum: tuples of elements, and byte strings.

The count is checked against ``max_count`` (and, for fixed-size elements, against the
bytes left) before any element is read, so a lying count costs nothing: construct's
``PrefixedArray`` would start a loop of up to 2**32 iterations. Elements get their index
in the error path ("items -> [3] -> price"). Byte strings check their length the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from construct import Construct, SizeofError, Subconstruct, stream_size, stream_tell

from s1sr.codecs.primitives.base import FieldError
from s1sr.codecs.primitives.direct import builder, context_free, parser


class BoundedTuple(Subconstruct):
    """``count`` (from ``countfield``) elements of ``subcon``, ``min_count <= count <= max_count``."""

    def __init__(
        self, countfield: Construct, subcon: Construct, max_count: int, *, min_count: int = 0
    ) -> None:
        super().__init__(subcon)
        if not 0 <= min_count <= max_count:
            raise ValueError(f"need 0 <= min_count <= max_count, got {min_count}, {max_count}")
        self.countfield = countfield
        self._parse_count = parser(countfield)
        self._build_count = builder(countfield)
        self._parse_item = parser(subcon)
        self._build_item = builder(subcon)
        # Elements that never read the context need no ``_index`` in it
        self.context_free = context_free(countfield) and context_free(subcon)
        self.min_count = min_count
        self.max_count = max_count
        try:
            self.element_size: int | None = subcon.sizeof()
        except SizeofError:
            self.element_size = None

    def _check_count(self, count: int, path: str) -> None:
        if not self.min_count <= count <= self.max_count:
            raise FieldError(
                f"count {count} is outside {self.min_count}..{self.max_count}", path=path
            )

    def _parse(self, stream: Any, context: Any, path: str) -> tuple[Any, ...]:
        count = self._parse_count(stream, context, path)
        if not self.min_count <= count <= self.max_count:
            self._check_count(count, path)
        if count and self.element_size:  # no element, no bytes needed: nothing to check
            left = stream_size(stream) - stream_tell(stream, path)
            if count * self.element_size > left:
                raise FieldError(
                    f"count {count} needs {count * self.element_size} bytes, {left} left",
                    path=path,
                )
        parse = self._parse_item
        if self.context_free:
            return tuple([parse(stream, context, f"{path} -> [{index}]") for index in range(count)])
        items = []
        for index in range(count):
            context["_index"] = index  # as Container.__setattr__ does
            items.append(parse(stream, context, f"{path} -> [{index}]"))
        return tuple(items)

    def _build(self, obj: Any, stream: Any, context: Any, path: str) -> tuple[Any, ...]:
        if type(obj) is not tuple and (
            isinstance(obj, str | bytes | bytearray) or not isinstance(obj, Sequence)
        ):
            raise FieldError(f"expected a sequence, got {type(obj).__name__}", path=path)
        self._check_count(len(obj), path)
        self._build_count(len(obj), stream, context, path)
        build = self._build_item
        if self.context_free:
            return tuple(
                [
                    build(item, stream, context, f"{path} -> [{index}]")
                    for index, item in enumerate(obj)
                ]
            )
        built = []
        for index, item in enumerate(obj):
            context["_index"] = index  # as Container.__setattr__ does
            built.append(build(item, stream, context, f"{path} -> [{index}]"))
        return tuple(built)

    def _sizeof(self, context: Any, path: str) -> int:
        raise SizeofError("a bounded tuple's size depends on its count", path=path)


class BoundedBytes(Subconstruct):
    """A length-prefixed byte string of at most ``max_length`` bytes, refused before reading."""

    def __init__(self, lengthfield: Construct, max_length: int) -> None:
        super().__init__(lengthfield)
        if max_length < 0:
            raise ValueError(f"max_length must be >= 0, got {max_length}")
        self.max_length = max_length
        self._parse_length = parser(lengthfield)
        self._build_length = builder(lengthfield)
        self.context_free = context_free(lengthfield)

    def _parse(self, stream: Any, context: Any, path: str) -> bytes:
        length = self._parse_length(stream, context, path)
        if not 0 <= length <= self.max_length:
            raise FieldError(f"length {length} is outside 0..{self.max_length}", path=path)
        left = stream_size(stream) - stream_tell(stream, path)
        if length > left:
            raise FieldError(f"length {length} but only {left} bytes left", path=path)
        return stream.read(length)

    def _build(self, obj: Any, stream: Any, context: Any, path: str) -> bytes:
        if not isinstance(obj, bytes | bytearray):
            raise FieldError(f"expected bytes, got {type(obj).__name__}", path=path)
        if len(obj) > self.max_length:
            raise FieldError(f"length {len(obj)} is outside 0..{self.max_length}", path=path)
        self._build_length(len(obj), stream, context, path)
        stream.write(bytes(obj))
        return bytes(obj)

    def _sizeof(self, context: Any, path: str) -> int:
        raise SizeofError("a bounded byte string's size depends on its length", path=path)
