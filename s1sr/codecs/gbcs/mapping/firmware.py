"""SRVs 11.2 Read Firmware Version (ECS52, GCS38, CS08) and 11.3 Activate Firmware (CS06).

* ECS52: GET of the active firmware identifier (Data, 0-0:0.2.1.255, attribute 2); the
  response's octet string is the 32-bit version.
* GCS38: ZCL Read Attributes of attribute 0x0206 on the Metering cluster; the record's
  octet string is the version.
* CS08 (a device on the HAN, e.g. a PPMID, answered through the CHF): the command is an
  ASN.1 NULL; the response is SEQUENCE { version OCTET STRING, status INTEGER }.
* CS06: SEQUENCE { image hash OCTET STRING (32), counter INTEGER, [execution time
  GeneralizedTime] } with the counter repeating the command's originator counter; no
  time means "immediately". The device answers NULL (accepted for later), or SEQUENCE
  { status INTEGER, version OCTET STRING }; a zero status is an activation, stamped
  with the response header's date-time.
"""

from __future__ import annotations

from dataclasses import replace

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs.der import DerNode, DerPayload, UniversalTag
from s1sr.codecs.gbcs.dlms_apdu import DlmsPayload
from s1sr.codecs.gbcs.dlms_data import DlmsData
from s1sr.codecs.gbcs.header import GroupingHeader
from s1sr.codecs.gbcs.mapping import dlms_access as dlms
from s1sr.codecs.gbcs.mapping import gbz_access as gbz
from s1sr.codecs.gbcs.mapping.outcome import Outcome
from s1sr.codecs.gbcs.mapping.usecase import UseCase
from s1sr.codecs.gbcs.mapping.values import (
    execution_from_der,
    execution_to_der,
    instant_from_axdr,
)
from s1sr.codecs.gbcs.message import GbcsMessage
from s1sr.codecs.gbcs.payload import Payload
from s1sr.codecs.gbcs.zcl import METERING
from s1sr.models import (
    SRV,
    ActivateFirmwareRequest,
    ActivateFirmwareResponse,
    FirmwareVersion,
    ModelError,
    ReadFirmwareVersionRequest,
    ReadFirmwareVersionResponse,
    RequestBody,
    ResponseBody,
)

ACTIVE_FIRMWARE = dlms.Address(1, "0-0:0.2.1.255", 2)
GSME_FIRMWARE_ATTRIBUTE = 0x0206
READ_ATTRIBUTES = 0x00
READ_ATTRIBUTES_RESPONSE = 0x01
OCTET_STRING = 0x41
VERSION_OCTETS = 4


def _version(raw: bytes, path: str) -> FirmwareVersion:
    if len(raw) != VERSION_OCTETS:
        raise CodecError(f"a firmware version is {VERSION_OCTETS} octets, got {len(raw)}", path)
    return FirmwareVersion(int.from_bytes(raw, "big"))


def _version_bytes(body: ResponseBody) -> bytes:
    if not isinstance(body, ReadFirmwareVersionResponse | ActivateFirmwareResponse):
        raise ModelError(f"body: no firmware version in a {type(body).__name__}")
    return body.version.value.to_bytes(VERSION_OCTETS, "big")


def _read_only(body: RequestBody) -> None:
    if not isinstance(body, ReadFirmwareVersionRequest):
        raise ModelError(f"body: expected ReadFirmwareVersionRequest, got {type(body).__name__}")


# --- ECS52 -------------------------------------------------------------------------------


def read_ecs52_request(message: GbcsMessage) -> ReadFirmwareVersionRequest:
    dlms.require(dlms.command_apdu(message), ACTIVE_FIRMWARE, "payload")
    return ReadFirmwareVersionRequest()


def write_read_request(body: RequestBody, template: GbcsMessage) -> Payload:
    """A read carries no values: the template's payload is the command."""
    _read_only(body)
    return template.payload


def read_ecs52_response(message: GbcsMessage, outcome: Outcome) -> ResponseBody | None:
    apdu = dlms.response_apdu(message)
    if len(apdu.data) != 1:
        raise CodecError(f"expected one read result, got {len(apdu.data)}", "payload.data")
    raw = dlms.read_octets(apdu.data[0], "payload.data[0]")
    return ReadFirmwareVersionResponse(_version(raw, "payload.data[0]"))


def write_ecs52_response(body: ResponseBody, template: GbcsMessage) -> Payload:
    apdu = dlms.response_apdu(template)
    data = (DlmsData.octet_string(_version_bytes(body)), *apdu.data[1:])
    return DlmsPayload(replace(apdu, data=data))


# --- GCS38 -------------------------------------------------------------------------------


def _attribute_component(message: GbcsMessage, command_id: int) -> int:
    payload = gbz.gbz_payload(message)
    found = [
        i
        for i, c in enumerate(payload.components)
        if c.cluster_id == METERING and not c.cluster_specific and c.command_id == command_id
    ]
    if len(found) != 1:
        raise CodecError("expected one Metering read-attributes component", "payload")
    return found[0]


def read_gcs38_request(message: GbcsMessage) -> ReadFirmwareVersionRequest:
    index = _attribute_component(message, READ_ATTRIBUTES)
    path = f"payload.components[{index}]"
    zcl = gbz.zcl_of(gbz.gbz_payload(message).components[index], path)
    if tuple(zcl["attribute_ids"]) != (GSME_FIRMWARE_ATTRIBUTE,):
        raise CodecError("expected a read of attribute 0x0206 (firmware version)", path)
    return ReadFirmwareVersionRequest()


def _gcs38_record(message: GbcsMessage) -> tuple[int, object]:
    index = _attribute_component(message, READ_ATTRIBUTES_RESPONSE)
    path = f"payload.components[{index}]"
    records = gbz.zcl_of(gbz.gbz_payload(message).components[index], path)["records"]
    if len(records) != 1 or records[0]["attribute_id"] != GSME_FIRMWARE_ATTRIBUTE:
        raise CodecError("expected one record, for attribute 0x0206", path)
    return index, records[0]


def read_gcs38_response(message: GbcsMessage, outcome: Outcome) -> ResponseBody | None:
    index, record = _gcs38_record(message)
    path = f"payload.components[{index}].records[0]"
    if record["data_type"] != OCTET_STRING:
        raise CodecError("the firmware version is not an octet string", path)
    return ReadFirmwareVersionResponse(_version(record["value"], path))


def write_gcs38_response(body: ResponseBody, template: GbcsMessage) -> Payload:
    index, record = _gcs38_record(template)
    if record["status"] != 0:
        raise ModelError("template: a failed read has no version to replace")
    new_record = type(record)(
        tuple((k, _version_bytes(body) if k == "value" else v) for k, v in record.items)
    )
    component = gbz.gbz_payload(template).components[index]
    component = gbz.with_fields(component, {"records": (new_record,)})
    return gbz.with_components(gbz.gbz_payload(template), {index: component})


# --- CS08 and CS06 (ASN.1) -------------------------------------------------------------


def _der(message: GbcsMessage) -> DerNode:
    if not isinstance(message.payload, DerPayload):
        raise CodecError("expected an ASN.1 DER payload", "payload")
    return message.payload.root


def read_cs08_request(message: GbcsMessage) -> ReadFirmwareVersionRequest:
    if _der(message).tag != UniversalTag.NULL:
        raise CodecError("a CS08 command is an ASN.1 NULL", "payload.root")
    return ReadFirmwareVersionRequest()


def _cs08_members(message: GbcsMessage) -> tuple[DerNode, DerNode]:
    root = _der(message)
    try:
        version, status = root.children
    except (TypeError, ValueError):
        raise CodecError("expected SEQUENCE { version, status }", "payload.root") from None
    if version.tag != UniversalTag.OCTET_STRING or status.tag != UniversalTag.INTEGER:
        raise CodecError("expected SEQUENCE { OCTET STRING, INTEGER }", "payload.root")
    return version, status


def read_cs08_outcome(message: GbcsMessage) -> Outcome:
    _, status = _cs08_members(message)
    return Outcome.SUCCESS if status.as_int() == 0 else Outcome.FAILURE


def read_cs08_response(message: GbcsMessage, outcome: Outcome) -> ResponseBody | None:
    version, _ = _cs08_members(message)
    return ReadFirmwareVersionResponse(_version(version.as_bytes(), "payload.root[0]"))


def write_cs08_response(body: ResponseBody, template: GbcsMessage) -> Payload:
    _, status = _cs08_members(template)
    version = DerNode(UniversalTag.OCTET_STRING, _version_bytes(body))
    return DerPayload(DerNode.sequence(version, status))


def write_cs08_outcome(message: GbcsMessage, outcome: Outcome) -> Payload:
    version, _ = _cs08_members(message)
    return DerPayload(DerNode.sequence(version, DerNode.integer(0 if outcome.is_success else 1)))


def _cs06_members(message: GbcsMessage) -> tuple[DerNode, ...]:
    root = _der(message)
    if root.tag != UniversalTag.SEQUENCE or len(root.children) not in (2, 3):
        raise CodecError("expected SEQUENCE { hash, counter [, time] }", "payload.root")
    tags = tuple(child.tag for child in root.children)
    wanted = (UniversalTag.OCTET_STRING, UniversalTag.INTEGER, UniversalTag.GENERALIZED_TIME)
    if tags != wanted[: len(tags)]:
        raise CodecError("expected SEQUENCE { OCTET STRING, INTEGER [, time] }", "payload.root")
    return root.children


def read_cs06_request(message: GbcsMessage) -> ActivateFirmwareRequest:
    members = _cs06_members(message)
    when = None
    if len(members) == 3:
        text = members[2].as_bytes().decode("ascii", errors="replace")
        when = execution_from_der(text, "payload.root[2]")
    return ActivateFirmwareRequest(members[0].as_bytes(), when)


def write_cs06_request(body: RequestBody, template: GbcsMessage) -> Payload:
    if not isinstance(body, ActivateFirmwareRequest):
        raise ModelError(f"body: expected ActivateFirmwareRequest, got {type(body).__name__}")
    members = _cs06_members(template)
    children = [DerNode(UniversalTag.OCTET_STRING, body.firmware_hash), members[1]]
    if body.execute_at is not None:
        text = execution_to_der(body.execute_at).encode("ascii")
        children.append(DerNode(UniversalTag.GENERALIZED_TIME, text))
    return DerPayload(DerNode.sequence(*children))


def sync_cs06(payload: Payload, old: GroupingHeader, new: GroupingHeader) -> Payload:
    """The counter in the payload repeats the originator counter: it follows it."""
    if not isinstance(payload, DerPayload) or payload.root.tag != UniversalTag.SEQUENCE:
        return payload
    children = list(payload.root.children)
    if len(children) < 2 or children[1].tag != UniversalTag.INTEGER:
        return payload
    if children[1].as_int() != old.originator_counter:
        return payload
    children[1] = DerNode.integer(new.originator_counter)
    return DerPayload(DerNode.sequence(*children))


def _cs06_result(message: GbcsMessage) -> tuple[DerNode, DerNode] | None:
    root = _der(message)
    if root.tag == UniversalTag.NULL:
        return None
    try:
        status, version = root.children
    except (TypeError, ValueError):
        raise CodecError("expected NULL or SEQUENCE { status, version }", "payload.root") from None
    if status.tag != UniversalTag.INTEGER or version.tag != UniversalTag.OCTET_STRING:
        raise CodecError("expected SEQUENCE { INTEGER, OCTET STRING }", "payload.root")
    return status, version


def read_cs06_outcome(message: GbcsMessage) -> Outcome:
    result = _cs06_result(message)
    if result is None or result[0].as_int() == 0:
        return Outcome.SUCCESS
    return Outcome.FAILURE


def read_cs06_response(message: GbcsMessage, outcome: Outcome) -> ResponseBody | None:
    result = _cs06_result(message)
    if result is None or message.header.date_time is None:
        return None
    activated = instant_from_axdr(message.header.date_time, "header.date_time")
    return ActivateFirmwareResponse(_version(result[1].as_bytes(), "payload.root[1]"), activated)


def write_cs06_response(body: ResponseBody, template: GbcsMessage) -> Payload:
    if not isinstance(body, ActivateFirmwareResponse):
        raise ModelError(f"body: expected ActivateFirmwareResponse, got {type(body).__name__}")
    result = _cs06_result(template)
    if result is None:
        raise ModelError("template: a NULL response has no version to carry")
    stamp = template.header.date_time
    if stamp is None or instant_from_axdr(stamp, "template") != body.activated_at:
        raise ModelError("body: activated_at is the template header's date-time")
    version = DerNode(UniversalTag.OCTET_STRING, _version_bytes(body))
    return DerPayload(DerNode.sequence(result[0], version))


def write_cs06_outcome(message: GbcsMessage, outcome: Outcome) -> Payload:
    result = _cs06_result(message)
    if result is None:
        raise ModelError("template: a NULL response cannot report a failure")
    status = DerNode.integer(0 if outcome.is_success else 1)
    return DerPayload(DerNode.sequence(status, result[1]))


ECS52 = UseCase(
    "ECS52",
    SRV.READ_FIRMWARE_VERSION,
    read_ecs52_request,
    write_read_request,
    read_response=read_ecs52_response,
    write_response=write_ecs52_response,
)
GCS38 = UseCase(
    "GCS38",
    SRV.READ_FIRMWARE_VERSION,
    read_gcs38_request,
    write_read_request,
    read_response=read_gcs38_response,
    write_response=write_gcs38_response,
)
CS08 = UseCase(
    "CS08",
    SRV.READ_FIRMWARE_VERSION,
    read_cs08_request,
    write_read_request,
    read_response=read_cs08_response,
    write_response=write_cs08_response,
    read_outcome=read_cs08_outcome,
    write_outcome=write_cs08_outcome,
)
CS06 = UseCase(
    "CS06",
    SRV.ACTIVATE_FIRMWARE,
    read_cs06_request,
    write_cs06_request,
    read_response=read_cs06_response,
    write_response=write_cs06_response,
    read_outcome=read_cs06_outcome,
    write_outcome=write_cs06_outcome,
    sync_envelope=sync_cs06,
)
USE_CASES = (ECS52, GCS38, CS08, CS06)
