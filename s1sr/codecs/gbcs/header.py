"""The GBCS grouping header carried by every general-signing block.

On the wire: ``09`` + CRA flag + 8-octet originator counter (the transaction id),
``08`` + originator EUI-64, ``08`` + recipient EUI-64, a date-time octet string
(empty, or 12 octets), and other-information: the 2-octet message code, optionally
followed by supplementary remote-party fields (for messages relayed to a third device,
e.g. CS08 to a PPMID).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from construct import Const, Construct, GreedyBytes, Int8ub, Int64ub, Prefixed, Struct

from s1sr.codecs.gbcs._construct import ModelAdapter, VarLength
from s1sr.codecs.gbcs.cosem_time import AxdrDateTime
from s1sr.codecs.primitives.eui64 import Eui64Field
from s1sr.models import EUI64, ModelError

MAX_COUNTER = (1 << 64) - 1


class CraFlag(IntEnum):
    """Command, Response or Alert: the first octet of the transaction id."""

    COMMAND = 1
    RESPONSE = 2
    ALERT = 3


def _uint(value: int, bits: int, field: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 1 << bits:
        raise ModelError(f"{field} must be a uint{bits}, got {value!r}")


def _eui(value: EUI64, field: str) -> None:
    if not isinstance(value, EUI64):
        raise ModelError(f"{field} must be an EUI64, got {type(value).__name__}")


@dataclass(frozen=True)
class OtherInfo:
    """Other-information: the message code plus optional supplementary remote-party data.

    Wire lengths: 2 (code only), 10 (+ remote party id), 18 (+ its counter), 26
    (+ supplementary originator counter) or more (+ a key-agreement certificate, DER).
    """

    message_code: int
    remote_party_id: EUI64 | None = None
    remote_party_counter: int | None = None
    originator_counter: int | None = None
    remote_party_certificate: bytes | None = None

    def __post_init__(self) -> None:
        _uint(self.message_code, 16, "message_code")
        if self.remote_party_id is not None:
            _eui(self.remote_party_id, "remote_party_id")
        if self.remote_party_counter is not None:
            if self.remote_party_id is None:
                raise ModelError("remote_party_counter needs remote_party_id")
            _uint(self.remote_party_counter, 64, "remote_party_counter")
        tail = (self.originator_counter, self.remote_party_certificate)
        if any(v is not None for v in tail) and self.remote_party_counter is None:
            raise ModelError("originator_counter / certificate need remote_party_counter")
        if all(v is not None for v in tail):
            raise ModelError("originator_counter and remote_party_certificate are exclusive")
        if self.originator_counter is not None:
            _uint(self.originator_counter, 64, "originator_counter")
        cert = self.remote_party_certificate
        if cert is not None and (not isinstance(cert, bytes) or len(cert) <= 8):
            raise ModelError("remote_party_certificate must be bytes longer than 8 octets")

    def to_bytes(self) -> bytes:
        out = self.message_code.to_bytes(2, "big")
        if self.remote_party_id is not None:
            out += self.remote_party_id.to_bytes()
        if self.remote_party_counter is not None:
            out += self.remote_party_counter.to_bytes(8, "big")
        if self.originator_counter is not None:
            out += self.originator_counter.to_bytes(8, "big")
        if self.remote_party_certificate is not None:
            out += self.remote_party_certificate
        return out

    @classmethod
    def from_bytes(cls, raw: bytes) -> OtherInfo:
        size = len(raw)
        if size not in (2, 10, 18, 26) and size <= 26:
            raise ModelError(f"other-information of {size} octets (expected 2, 10, 18, 26+)")
        code = int.from_bytes(raw[:2], "big")
        rp_id = EUI64.from_bytes(raw[2:10]) if size >= 10 else None
        rp_counter = int.from_bytes(raw[10:18], "big") if size >= 18 else None
        orig = int.from_bytes(raw[18:26], "big") if size == 26 else None
        cert = raw[18:] if size > 26 else None
        return cls(code, rp_id, rp_counter, orig, cert)


@dataclass(frozen=True)
class GroupingHeader:
    cra_flag: CraFlag
    originator_counter: int  # with the CRA flag, the GBCS transaction id
    originator: EUI64
    recipient: EUI64
    other_info: OtherInfo
    date_time: AxdrDateTime | None = None  # absent in commands and alerts

    def __post_init__(self) -> None:
        if not isinstance(self.cra_flag, CraFlag):
            raise ModelError(f"cra_flag must be a CraFlag, got {self.cra_flag!r}")
        _uint(self.originator_counter, 64, "originator_counter")
        _eui(self.originator, "originator")
        _eui(self.recipient, "recipient")
        if not isinstance(self.other_info, OtherInfo):
            raise ModelError("other_info must be an OtherInfo")
        if self.date_time is not None and not isinstance(self.date_time, AxdrDateTime):
            raise ModelError("date_time must be a AxdrDateTime or None")

    @property
    def message_code(self) -> int:
        return self.other_info.message_code

    @property
    def transaction_id(self) -> bytes:
        """CRA flag and originator counter: the 9 octets GBCS calls the transaction id."""
        return bytes([self.cra_flag]) + self.originator_counter.to_bytes(8, "big")


def _date_time(raw: bytes) -> AxdrDateTime | None:
    if not raw:
        return None
    if len(raw) != 12:
        raise ModelError(f"date-time of {len(raw)} octets (expected 0 or 12)")
    return AxdrDateTime.from_bytes(raw)


def _date_time_bytes(value: AxdrDateTime | None) -> bytes:
    return b"" if value is None else value.to_bytes()


def _cra(value: int) -> CraFlag:
    try:
        return CraFlag(value)
    except ValueError:
        raise ModelError(f"CRA flag 0x{value:02X} is not 1, 2 or 3") from None


def grouping_header() -> Construct:
    """The header fields, as a Struct parsed from just after the ``DF`` tag."""
    return Struct(
        "transaction_id_length" / Const(b"\x09"),
        "cra_flag" / ModelAdapter(Int8ub, _cra, int),
        "originator_counter" / Int64ub,
        "originator_length" / Const(b"\x08"),
        "originator" / Eui64Field,
        "recipient_length" / Const(b"\x08"),
        "recipient" / Eui64Field,
        "date_time"
        / ModelAdapter(Prefixed(VarLength(), GreedyBytes), _date_time, _date_time_bytes),
        "other_info"
        / ModelAdapter(Prefixed(VarLength(), GreedyBytes), OtherInfo.from_bytes, _info_bytes),
    )


def _info_bytes(value: OtherInfo) -> bytes:
    return value.to_bytes()


__all__ = ["CraFlag", "GroupingHeader", "OtherInfo", "grouping_header"]
