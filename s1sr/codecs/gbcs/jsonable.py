"""Decoded GBCS messages as plain JSON-able data, for the CLI and for evidence logs.

Bytes become upper-case hex, enums their names, identifiers their usual text forms;
derived facts a reader wants (use case name, decoded ZCL, UTC instants) are added
next to the raw fields, never instead of them.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from enum import Enum
from typing import Any

from s1sr.codecs.gbcs.cosem_time import AxdrDateTime
from s1sr.codecs.gbcs.der import DerNode, UniversalTag
from s1sr.codecs.gbcs.dlms_apdu import Obis
from s1sr.codecs.gbcs.dlms_data import DlmsData
from s1sr.codecs.gbcs.gbz import GbzAlertPayload, GbzComponent
from s1sr.codecs.gbcs.message import GbcsMessage
from s1sr.codecs.gbcs.message_codes import ALERT_CODES, use_case_name
from s1sr.codecs.gbcs.zcl import ZclCommand, ZclRecord
from s1sr.models import EUI64, Indefinite


def to_jsonable(value: Any) -> Any:
    """A JSON-serialisable view of any decoded GBCS value."""
    if value is None or (
        isinstance(value, bool | int | float | str) and not isinstance(value, Enum)
    ):
        return value
    if isinstance(value, Enum):
        return value.name
    if isinstance(value, bytes | bytearray):
        return bytes(value).hex().upper()
    if isinstance(value, EUI64 | Obis):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Indefinite):
        return "never (0xFFFFFFFF)"
    if isinstance(value, DlmsData):
        return {"type": value.type.name, "value": to_jsonable(value.value)}
    if isinstance(value, DerNode):
        return _der(value)
    if isinstance(value, ZclRecord):
        return {key: to_jsonable(item) for key, item in value.items}
    if isinstance(value, ZclCommand):
        return {"name": value.name, "fields": to_jsonable(value.record)}
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: _field(f.name, getattr(value, f.name)) for f in dataclasses.fields(value)}
        out.update(_extras(value))
        return out
    return str(value)


# identifiers engineers read in hex (GBCS tables list them so): name -> hex digits
_HEX_FIELDS = {
    "message_code": 4,
    "cluster_id": 4,
    "profile_id": 4,
    "alert_code": 4,
    "control": 2,
    "frame_control": 2,
    "command_id": 2,
    "security_control": 2,
}


def _field(name: str, value: Any) -> Any:
    digits = _HEX_FIELDS.get(name)
    if digits and isinstance(value, int) and not isinstance(value, bool | Enum):
        return f"0x{value:0{digits}X}"
    return to_jsonable(value)


def _extras(value: Any) -> dict[str, Any]:
    if isinstance(value, GbcsMessage):
        return {
            "use_case": use_case_name(value.message_code),
            "is_precommand": value.is_precommand,
            "payload_kind": value.payload.kind.value,
        }
    if isinstance(value, GbzComponent):
        return {"zcl": to_jsonable(value.zcl)}
    if isinstance(value, GbzAlertPayload):
        return {"alert_name": ALERT_CODES.get(value.alert_code)}
    if isinstance(value, AxdrDateTime):
        instant = value.to_datetime()
        return {"utc": None if instant is None else instant.isoformat()}
    return {}


def _der(node: DerNode) -> dict[str, Any]:
    try:
        name = UniversalTag(node.tag).name
    except ValueError:
        name = None
    out: dict[str, Any] = {"tag": f"0x{node.tag:02X}", "name": name}
    if node.constructed:
        out["children"] = [_der(child) for child in node.children]
    else:
        out["value"] = node.as_bytes().hex().upper()
        if node.tag in (UniversalTag.INTEGER, UniversalTag.ENUMERATED) and node.as_bytes():
            out["int"] = node.as_int()
        elif node.tag == UniversalTag.GENERALIZED_TIME:
            out["text"] = node.as_bytes().decode("ascii", errors="replace")
    return out
