"""One entry of the SRV catalogue: what a Service Reference Variant is called and targets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from s1sr.catalogue.errors import FieldValueError
from s1sr.models import SRV, DeviceType

USE_CASE = re.compile(r"^[A-Z]{2,3}\d{2}[a-z]?$")


@dataclass(frozen=True)
class SrvInfo:
    number: SRV
    name: str
    use_cases: tuple[str, ...]  # GBCS use cases of the SMETS2 equivalent; empty when none
    device_types: frozenset[DeviceType]  # the device types a request of this SRV may target
    note: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.number, SRV):
            raise FieldValueError("number", f"must be an SRV, got {self.number!r}")
        if not isinstance(self.name, str) or not self.name.strip():
            raise FieldValueError("name", "must be a non-empty string")
        if not isinstance(self.use_cases, tuple) or not all(
            isinstance(u, str) and USE_CASE.match(u) for u in self.use_cases
        ):
            raise FieldValueError("use_cases", "must be GBCS use case names such as 'ECS20b'")
        if len(set(self.use_cases)) != len(self.use_cases):
            raise FieldValueError("use_cases", "lists a use case twice")
        if (
            not isinstance(self.device_types, frozenset)
            or not self.device_types
            or not all(isinstance(d, DeviceType) for d in self.device_types)
        ):
            raise FieldValueError("device_types", "must be a non-empty frozenset of DeviceType")
        if not isinstance(self.note, str):
            raise FieldValueError("note", "must be a string")
