"""Integer codes <-> Python Enum members, refusing codes the mapping does not define."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from construct import Construct

from s1sr.codecs.primitives.base import StrictAdapter, require_int


class EnumAdapter(StrictAdapter):
    """An integer field decoded to a member of ``enum_type``.

    Without ``mapping`` the members' own values are the codes (they must be ints); with
    it, any enum (a ``StrEnum`` such as ``ResponseCode``) gets explicit wire codes. An
    undefined code is refused with its raw value; construct's own ``Enum`` would instead
    pass it through as a bare int.
    """

    def __init__(
        self,
        subcon: Construct,
        enum_type: type[Enum],
        mapping: Mapping[int, Enum] | None = None,
    ) -> None:
        super().__init__(subcon)
        if mapping is None:
            mapping = {member.value: member for member in enum_type}
        by_member: dict[Enum, int] = {}
        for code, member in mapping.items():
            require_int(code, f"{enum_type.__name__} wire code")
            if not isinstance(member, enum_type):
                raise TypeError(f"{member!r} is not a {enum_type.__name__}")
            if member in by_member:
                raise ValueError(f"{member!r} has two wire codes")
            by_member[member] = code
        self.enum_type = enum_type
        self.by_code = dict(mapping)
        self.by_member = by_member

    def decode(self, raw: int) -> Enum:
        try:
            return self.by_code[raw]
        except KeyError:
            raise ValueError(
                f"undefined {self.enum_type.__name__} code {raw} (0x{raw:02X})"
            ) from None

    def encode(self, value: Enum) -> int:
        if not isinstance(value, self.enum_type):
            raise TypeError(f"expected a {self.enum_type.__name__}, got {value!r}")
        try:
            return self.by_member[value]
        except KeyError:
            raise ValueError(f"{value!r} has no wire code") from None
