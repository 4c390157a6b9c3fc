"""A ``DeviceAlertMessage`` in a ``SMETS1Response``: the device's alert, as MMC types it.

``ra:DeviceAlertMessageType`` is ``ra:GBCSData*`` then an optional
``ra:DeviceAlertContent/{GBCSHexAlertCode?, AlertDescription, Timestamp, Payload?}``.
The project's ``Alert`` holds the code, the device, the time, the request and SRV it
concerns and a text, so the view maps (as the GBCS view names device alerts):

* ``GBCSHexAlertCode`` (two bytes) <-> ``code`` ``GBCS`` + four hex digits (``GBCS8F66``);
* ``AlertDescription`` (at most 250 characters) <-> ``detail``, exactly;
* ``Timestamp`` <-> ``raised_at`` (milliseconds at most);
* the MMC header's ``BusinessOriginatorID`` <-> ``target``;
* the ``sr:Header`` ``RequestID`` counter <-> ``request_id``; the message's
  ``ServiceReferenceVariant`` <-> ``srv``.

The model holds no ``GBCSData`` and no typed ``Payload`` (billing data log, firmware
verification, supply outage ...), and needs a code: such an alert is kept faithfully by
``smets1()`` and ``to_model`` is a ``CodecError``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from s1sr.codecs.duis import mmc_values as v
from s1sr.codecs.duis.constants import RA, SR
from s1sr.codecs.duis.tree import XmlElement
from s1sr.codecs.errors import CodecError
from s1sr.models import EUI64, SRV, Alert, ModelError

MAX_DESCRIPTION = 250
_GBCS_CODE = re.compile(r"GBCS([0-9A-F]{4})")
_HEX_CODE = re.compile(r"[0-9A-Fa-f]{4}")
# XML 1.0 characters: anything else cannot be written, so has no MMC form.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CONTENT = ("GBCSHexAlertCode", "AlertDescription", "Timestamp", "Payload")


@dataclass(frozen=True)
class DeviceAlertContent:
    """``ra:DeviceAlertContent`` without a payload: what the project's ``Alert`` holds."""

    code: int | None  # GBCSHexAlertCode, two bytes
    description: str
    at: datetime

    def __post_init__(self) -> None:
        if self.code is not None and not 0 <= self.code <= 0xFFFF:
            raise ModelError("code: a GBCS alert code is two bytes")
        if not isinstance(self.description, str) or len(self.description) > MAX_DESCRIPTION:
            raise ModelError(f"description: a str of at most {MAX_DESCRIPTION} characters")
        if _NOT_XML.search(self.description):
            raise ModelError("description: a character XML cannot carry")
        if not isinstance(self.at, datetime) or self.at.tzinfo is None:
            raise ModelError("at must be an aware datetime")


def read_device_alert(message: XmlElement, path: str) -> DeviceAlertContent:
    """The content of an ``sr:DeviceAlertMessage``; what the model cannot hold is refused."""
    for child in message.children:
        if child.namespace != RA or child.name not in ("GBCSData", "DeviceAlertContent"):
            raise CodecError(f"{child.name} has no place here", path)
    if message.find("GBCSData") is not None:
        raise CodecError("the model's Alert holds no GBCSData", f"{path}/ra:GBCSData")
    found = message.find_all("DeviceAlertContent")
    if len(found) != 1:
        raise CodecError("one ra:DeviceAlertContent needed", path)
    content, where = found[0], f"{path}/ra:DeviceAlertContent"
    names = [child.name for child in content.children]
    for child in content.children:
        if child.namespace != RA or child.name not in _CONTENT:
            raise CodecError(f"{child.name} has no place here", where)
    if len(set(names)) != len(names):
        raise CodecError("an element repeated", where)
    if "Payload" in names:
        raise CodecError("the model's Alert holds no typed alert Payload", f"{where}/ra:Payload")
    code = None
    if "GBCSHexAlertCode" in names:
        at = f"{where}/ra:GBCSHexAlertCode"
        text = v.text_of(content.find("GBCSHexAlertCode"), at)
        if not _HEX_CODE.fullmatch(text):
            raise CodecError(f"{text!r:.20} is not a two-byte GBCS alert code", at)
        code = int(text, 16)
    description = content.find("AlertDescription")
    stamp = content.find("Timestamp")
    if description is None or stamp is None:
        raise CodecError("ra:AlertDescription and ra:Timestamp are required", where)
    if description.children or description.attributes:
        raise CodecError("AlertDescription is text", f"{where}/ra:AlertDescription")
    at = v.instant(stamp, f"{where}/ra:Timestamp")
    try:
        return DeviceAlertContent(code, description.text or "", at)
    except ModelError as exc:
        raise CodecError(str(exc), where) from None


def device_alert_element(content: DeviceAlertContent) -> XmlElement:
    """The ``sr:DeviceAlertMessage`` that carries ``content``."""
    children = []
    if content.code is not None:
        children.append(v.leaf("GBCSHexAlertCode", f"{content.code:04X}"))
    children.append(v.leaf("AlertDescription", content.description))
    children.append(v.write_instant("Timestamp", content.at))
    inner = XmlElement(RA, "DeviceAlertContent", None, tuple(children))
    return XmlElement(SR, "DeviceAlertMessage", None, (inner,))


def to_alert(
    content: DeviceAlertContent, device: EUI64, request_id: int | None, srv: str | None
) -> Alert:
    """The project's ``Alert``: the device raised it; the request and SRV from the envelope."""
    if content.code is None:
        raise CodecError("a device alert without GBCSHexAlertCode has no Alert code", "")
    try:
        return Alert(
            code=f"GBCS{content.code:04X}",
            target=device,
            raised_at=content.at,
            request_id=request_id,
            srv=None if srv is None else SRV(srv),
            detail=content.description,
        )
    except (ModelError, ValueError) as exc:
        raise CodecError(str(exc), "") from None


def from_alert(alert: Alert) -> DeviceAlertContent:
    """The MMC content of ``alert``; a code that is not ``GBCS`` + 4 hex digits has none."""
    match = _GBCS_CODE.fullmatch(alert.code)
    if match is None:
        raise CodecError(
            f"alert code {alert.code!r}: MMC carries a GBCS hex alert code (GBCS + 4 hex)",
            "ra:GBCSHexAlertCode",
        )
    if alert.raised_at.microsecond % 1000:
        raise CodecError("raised_at is finer than MMC's milliseconds", "ra:Timestamp")
    try:
        return DeviceAlertContent(int(match.group(1), 16), alert.detail, alert.raised_at)
    except ModelError as exc:
        raise CodecError(str(exc), "ra:AlertDescription") from None
