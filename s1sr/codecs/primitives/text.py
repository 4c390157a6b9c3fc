"""Length-prefixed UTF-8 text with a byte limit (free-text fields such as alert details).

construct's ``PascalString`` lets ``UnicodeDecodeError`` escape without a field path;
here a bad encoding is a ``FieldError`` at the field, and the limit is checked first.
"""

from __future__ import annotations

from construct import Construct

from s1sr.codecs.primitives.base import StrictAdapter
from s1sr.codecs.primitives.bounded import BoundedBytes


class BoundedText(StrictAdapter):
    """``lengthfield`` then at most ``max_bytes`` bytes of UTF-8 <-> ``str``."""

    def __init__(self, lengthfield: Construct, max_bytes: int) -> None:
        super().__init__(BoundedBytes(lengthfield, max_bytes))

    def decode(self, raw: bytes) -> str:
        return raw.decode("utf-8")

    def encode(self, value: str) -> bytes:
        if not isinstance(value, str):
            raise TypeError(f"expected str, got {type(value).__name__}")
        return value.encode("utf-8")
