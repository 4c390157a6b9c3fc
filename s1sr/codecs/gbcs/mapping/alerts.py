"""GBCS alerts <-> ``Alert``: DLMS data-notifications, GBZ alerts and the CS06 ASN.1 alert.

The alerts in scope report the execution of a future-dated command: 0x8F66 (executed)
or 0x8F67 (failed). The model keeps:

* ``code``: ``GBCS`` + the four hex digits (``GBCS8F66``); the model's alert codes start
  with a letter, so the device code alone cannot be one;
* ``target``: the device that raised it (the header's originator);
* ``raised_at``: the alert's time stamp;
* ``request_id`` / ``srv``: the originator counter and use case of the command it
  reports on (``srv`` from that command's message code);
* ``detail``: what GBCS says about the command (attribute set, status, version), as text
  for a reader. It is derived: ``from_model`` does not read it back.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs.der import DerNode, DerPayload, UniversalTag
from s1sr.codecs.gbcs.dlms_alert import future_dated_outcome, read_dlms_alert
from s1sr.codecs.gbcs.dlms_apdu import DataNotification, DlmsPayload
from s1sr.codecs.gbcs.dlms_data import DlmsData, DlmsType
from s1sr.codecs.gbcs.gbz import GbzAlertPayload
from s1sr.codecs.gbcs.mapping.values import instant_from_axdr, instant_to_axdr, zcl_instant
from s1sr.codecs.gbcs.message import GbcsMessage
from s1sr.codecs.gbcs.message_codes import ALERT_CODES, use_case_name
from s1sr.models import SRV, Alert, ModelError

ALERT_PREFIX = "GBCS"
_CODE = re.compile(r"^GBCS([0-9A-F]{4})$")


def alert_code(raw: int) -> str:
    return f"{ALERT_PREFIX}{raw:04X}"


def raw_alert_code(code: str) -> int:
    match = _CODE.match(code)
    if not match:
        raise ModelError(f"code: {code!r} is not a GBCS alert code (GBCS + 4 hex digits)")
    return int(match.group(1), 16)


def read_alert(message: GbcsMessage, srv_of: dict[str, SRV]) -> Alert:
    """The ``Alert`` a GBCS alert message carries; ``srv_of`` maps use cases to SRVs."""
    payload = message.payload
    if isinstance(payload, DlmsPayload) and isinstance(payload.apdu, DataNotification):
        code, raised, counter, about, detail = _read_dlms(payload.apdu)
    elif isinstance(payload, GbzAlertPayload):
        code, raised, counter, about, detail = _read_gbz(payload)
    elif isinstance(payload, DerPayload):
        code, raised, counter, about, detail = _read_der(payload)
    else:
        raise CodecError(f"not an alert payload: {type(payload).__name__}", "payload")
    srv = None
    if about is not None:
        name = use_case_name(about)
        srv = srv_of.get(name or "")
        detail = f"{name or f'message code 0x{about:04X}'}: {detail}"
    meaning = ALERT_CODES.get(code)
    text = f"{meaning}; {detail}" if meaning else detail
    try:
        return Alert(alert_code(code), message.header.originator, raised, counter, srv, text)
    except ModelError as exc:
        raise CodecError(str(exc), "payload") from exc


Reading = tuple[int, datetime, int | None, int | None, str]


def _read_dlms(apdu: DataNotification) -> Reading:
    try:
        alert = read_dlms_alert(apdu)
    except ModelError as exc:
        raise CodecError(str(exc), "payload.body") from exc
    raised = instant_from_axdr(alert.timestamp, "payload.body[1]")
    try:
        fd = future_dated_outcome(alert)
    except ModelError:
        return alert.alert_code, raised, None, None, f"{len(alert.content)} content items"
    a = fd.attribute
    detail = f"set {a.class_id} {a.instance_id} attribute {a.attribute_id}"
    return alert.alert_code, raised, fd.originator_counter, fd.message_code, detail


def _read_gbz(payload: GbzAlertPayload) -> Reading:
    raised = zcl_instant(payload.timestamp, "payload.timestamp")
    fd = payload.future_dated
    if fd is None:
        return payload.alert_code, raised, None, None, f"{len(payload.body)} octets of content"
    detail = f"cluster 0x{fd.cluster_id:04X} command 0x{fd.command_id:02X}"
    return payload.alert_code, raised, fd.originator_counter, fd.message_code, detail


_CS06 = 0x0012


def _read_der(payload: DerPayload) -> Reading:
    """CS06 activation alert: SEQUENCE {code, time, counter, SEQUENCE {status, version}}."""
    root = payload.root
    try:
        code, stamp, counter, result = root.children
        status, version = result.children
        if (code.tag, stamp.tag, counter.tag) != (
            UniversalTag.INTEGER,
            UniversalTag.GENERALIZED_TIME,
            UniversalTag.INTEGER,
        ):
            raise ValueError("unexpected member types")
        version_hex = version.as_bytes().hex().upper()
        detail = f"activation status {status.as_int()}, firmware version {version_hex}"
        return code.as_int(), stamp.as_datetime(), counter.as_int(), _CS06, detail
    except (TypeError, ValueError) as exc:
        raise CodecError(f"not a firmware activation alert: {exc}", "payload.root") from exc


def write_alert(alert: Alert, template: GbcsMessage, srv_of: dict[str, SRV]) -> GbcsMessage:
    """``template`` (an alert of the same kind) carrying ``alert``'s values."""
    code = raw_alert_code(alert.code)
    payload = template.payload
    if isinstance(payload, DlmsPayload) and isinstance(payload.apdu, DataNotification):
        about, new_payload = _write_dlms(payload, code, alert)
    elif isinstance(payload, GbzAlertPayload):
        about = None if payload.future_dated is None else payload.future_dated.message_code
        new_payload = _write_gbz(payload, code, alert)
    elif isinstance(payload, DerPayload):
        about, new_payload = _CS06, _write_der(payload, code, alert)
    else:
        raise ModelError(f"template: not an alert payload ({type(payload).__name__})")
    expected = None if about is None else srv_of.get(use_case_name(about) or "")
    if alert.srv is not None and alert.srv is not expected:
        raise ModelError(f"srv: the template reports on SRV {expected}, not {alert.srv}")
    header = replace(template.header, originator=alert.target)
    return replace(template, header=header, payload=new_payload)


def _counter(alert: Alert) -> int:
    if alert.request_id is None:
        raise ModelError("request_id: the template reports on a command; say which")
    return alert.request_id


def _write_dlms(payload: DlmsPayload, code: int, alert: Alert) -> tuple[int | None, DlmsPayload]:
    apdu = payload.apdu
    items = list(apdu.body.items)
    stamp = read_dlms_alert(apdu).timestamp
    items[0] = DlmsData(DlmsType.LONG_UNSIGNED, code)
    items[1] = DlmsData.octet_string(instant_to_axdr(alert.raised_at, stamp).to_bytes())
    about = None
    try:
        fd = future_dated_outcome(read_dlms_alert(apdu))
    except ModelError:
        fd = None
    if fd is not None:
        raw = items[2].value
        items[2] = DlmsData.octet_string(raw[:2] + _counter(alert).to_bytes(8, "big") + raw[10:])
        about = fd.message_code
    body = DlmsData.structure(*items)
    return about, DlmsPayload(replace(apdu, body=body))


def _write_gbz(payload: GbzAlertPayload, code: int, alert: Alert) -> GbzAlertPayload:
    fd = payload.future_dated
    if fd is not None:
        fd = replace(fd, originator_counter=_counter(alert))
    return replace(payload, alert_code=code, timestamp=alert.raised_at, future_dated=fd)


def _write_der(payload: DerPayload, code: int, alert: Alert) -> DerPayload:
    children = list(payload.root.children)
    children[0] = DerNode.integer(code)
    stamp = alert.raised_at.strftime("%Y%m%d%H%M%SZ").encode("ascii")
    children[1] = DerNode(UniversalTag.GENERALIZED_TIME, stamp)
    children[2] = DerNode.integer(_counter(alert))
    return DerPayload(DerNode(payload.root.tag, tuple(children)))
