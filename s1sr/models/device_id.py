"""EUI-64 device identifiers, as DUIS writes them (``00-DB-12-34-56-78-90-A0``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from s1sr.models.errors import ModelError

_TEXT = re.compile(r"^[0-9A-Fa-f]{2}(?:[-:]?[0-9A-Fa-f]{2}){7}$")


@dataclass(frozen=True, order=True)
class EUI64:
    value: int

    def __post_init__(self) -> None:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise ModelError(f"EUI-64 must be an int, got {type(self.value).__name__}")
        if not 0 <= self.value < 1 << 64:
            raise ModelError(f"EUI-64 out of range: {self.value!r}")

    @classmethod
    def parse(cls, text: str) -> EUI64:
        if not _TEXT.match(text):
            raise ModelError(f"not an EUI-64: {text!r}")
        return cls(int(re.sub(r"[-:]", "", text), 16))

    def to_bytes(self) -> bytes:
        return self.value.to_bytes(8, "big")

    @classmethod
    def from_bytes(cls, raw: bytes) -> EUI64:
        if len(raw) != 8:
            raise ModelError(f"EUI-64 needs 8 bytes, got {len(raw)}")
        return cls(int.from_bytes(raw, "big"))

    def __str__(self) -> str:
        return "-".join(f"{b:02X}" for b in self.to_bytes())
