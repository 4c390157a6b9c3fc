"""Reading and patching DLMS COSEM payloads by what they address (class, OBIS, attribute).

GBCS electricity commands are one access-request listing SET / ACTION / GET specs with
their data in parallel; mappers look values up by COSEM address rather than position,
and rebuild a command by replacing data in a template so everything they do not model
(the order of specs, activation entries, padding members) stays as it was.
Readers raise ``CodecError`` with the caller's path when the data is not the shape GBCS
gives that attribute.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs.cosem_time import AxdrDate, AxdrDateTime, AxdrTime
from s1sr.codecs.gbcs.dlms_apdu import (
    AccessKind,
    AccessRequest,
    AccessResponse,
    CosemMethodDescriptor,
    DlmsPayload,
    Obis,
)
from s1sr.codecs.gbcs.dlms_data import DlmsData, DlmsType
from s1sr.codecs.gbcs.message import GbcsMessage
from s1sr.models import ModelError

INTEGER_TYPES = (
    DlmsType.INTEGER,
    DlmsType.LONG,
    DlmsType.UNSIGNED,
    DlmsType.LONG_UNSIGNED,
    DlmsType.DOUBLE_LONG,
    DlmsType.DOUBLE_LONG_UNSIGNED,
    DlmsType.LONG64,
    DlmsType.LONG64_UNSIGNED,
    DlmsType.ENUM,
)


@dataclass(frozen=True)
class Address:
    """A COSEM attribute (or, with ``method``, a method) of one object."""

    class_id: int
    obis: str
    member: int
    method: bool = False

    def __str__(self) -> str:
        kind = "method" if self.method else "attribute"
        return f"{self.class_id} {self.obis} {kind} {self.member}"


def command_apdu(message: GbcsMessage) -> AccessRequest:
    payload = message.payload
    if not isinstance(payload, DlmsPayload) or not isinstance(payload.apdu, AccessRequest):
        raise CodecError("expected a DLMS access-request", "payload")
    return payload.apdu


def response_apdu(message: GbcsMessage) -> AccessResponse:
    payload = message.payload
    if not isinstance(payload, DlmsPayload) or not isinstance(payload.apdu, AccessResponse):
        raise CodecError("expected a DLMS access-response", "payload")
    return payload.apdu


def address_of(request: AccessRequest, index: int) -> Address:
    d = request.specs[index].descriptor
    if isinstance(d, CosemMethodDescriptor):
        return Address(d.class_id, str(d.instance_id), d.method_id, method=True)
    return Address(d.class_id, str(d.instance_id), d.attribute_id)


def find(request: AccessRequest, address: Address) -> int | None:
    """Index of the spec (and its data) addressing ``address``, if the request has one."""
    for index in range(len(request.specs)):
        if address_of(request, index) == address:
            return index
    return None


def require(request: AccessRequest, address: Address, path: str) -> int:
    index = find(request, address)
    if index is None:
        raise CodecError(f"the command does not address {address}", path)
    if index >= len(request.data):
        raise CodecError(f"no data for {address}", path)
    return index


def data_at(request: AccessRequest, address: Address, path: str) -> DlmsData:
    return request.data[require(request, address, path)]


def optional_data(request: AccessRequest, address: Address) -> DlmsData | None:
    index = find(request, address)
    return None if index is None or index >= len(request.data) else request.data[index]


def with_data(request: AccessRequest, changes: Mapping[int, DlmsData]) -> AccessRequest:
    """The request with the data at each index replaced."""
    data = list(request.data)
    for index, value in changes.items():
        data[index] = value
    return replace(request, data=tuple(data))


def set_data(request: AccessRequest, address: Address, value: DlmsData) -> AccessRequest:
    """Replace the data sent for ``address`` (which the template must address)."""
    index = find(request, address)
    if index is None:
        raise ModelError(f"the template does not address {address}: it cannot carry that value")
    return with_data(request, {index: value})


def payload_of(request: AccessRequest) -> DlmsPayload:
    return DlmsPayload(request)


def is_action(request: AccessRequest, index: int) -> bool:
    return request.specs[index].kind is AccessKind.ACTION


# --- typed readers -----------------------------------------------------------------------


def read_int(value: DlmsData, path: str, *types: DlmsType) -> int:
    allowed = types or INTEGER_TYPES
    if value.type not in allowed:
        names = "/".join(t.name.lower() for t in allowed)
        raise CodecError(f"expected {names}, got {value.type.name.lower()}", path)
    return value.value


def read_bool(value: DlmsData, path: str) -> bool:
    if value.type is not DlmsType.BOOLEAN:
        raise CodecError(f"expected boolean, got {value.type.name.lower()}", path)
    return value.value


def read_octets(value: DlmsData, path: str, size: int | None = None) -> bytes:
    if value.type is not DlmsType.OCTET_STRING:
        raise CodecError(f"expected octet-string, got {value.type.name.lower()}", path)
    if size is not None and len(value.value) != size:
        raise CodecError(f"expected {size} octets, got {len(value.value)}", path)
    return value.value


def read_struct(value: DlmsData, path: str, size: int | None = None) -> tuple[DlmsData, ...]:
    if value.type is not DlmsType.STRUCTURE:
        raise CodecError(f"expected structure, got {value.type.name.lower()}", path)
    if size is not None and len(value.value) != size:
        raise CodecError(f"expected {size} members, got {len(value.value)}", path)
    return value.value


def read_array(value: DlmsData, path: str) -> tuple[DlmsData, ...]:
    if value.type is DlmsType.ARRAY:
        return value.value
    if value.type is DlmsType.COMPACT_ARRAY:
        return value.value.elements
    raise CodecError(f"expected array, got {value.type.name.lower()}", path)


def read_datetime(value: DlmsData, path: str) -> AxdrDateTime:
    return AxdrDateTime.from_bytes(read_octets(value, path, 12))


def read_date(value: DlmsData, path: str) -> AxdrDate:
    return AxdrDate.from_bytes(read_octets(value, path, 5))


def read_time(value: DlmsData, path: str) -> AxdrTime:
    return AxdrTime.from_bytes(read_octets(value, path, 4))


def read_obis(value: DlmsData, path: str) -> Obis:
    return Obis.from_bytes(read_octets(value, path, 6))


def like(value: DlmsData, new: int) -> DlmsData:
    """An integer of the same DLMS type as ``value`` (keeps the template's wire type)."""
    return DlmsData(value.type, new)
