"""Reading a DLMS data-notification as a GBCS alert: code, time stamp, content.

GBCS electricity alerts are a structure whose first two members are the alert code
(``long-unsigned``) and the time stamp (a 12-octet date-time in an octet string); what
follows depends on the alert. The future-dated execution alert (message code 0x00CC)
carries one 19-octet string: the message code and originator counter of the command
that ran, and the COSEM attribute it set.
"""

from __future__ import annotations

from dataclasses import dataclass

from s1sr.codecs.gbcs.cosem_time import AxdrDateTime
from s1sr.codecs.gbcs.dlms_apdu import CosemAttributeDescriptor, DataNotification, Obis
from s1sr.codecs.gbcs.dlms_data import DlmsData, DlmsType
from s1sr.models import ModelError

FUTURE_DATED_CONTENT_SIZE = 19


@dataclass(frozen=True)
class DlmsAlert:
    alert_code: int
    timestamp: AxdrDateTime
    content: tuple[DlmsData, ...] = ()


@dataclass(frozen=True)
class DlmsFutureDatedOutcome:
    message_code: int
    originator_counter: int
    attribute: CosemAttributeDescriptor


def read_dlms_alert(notification: DataNotification) -> DlmsAlert:
    """The alert fields of a data-notification (``ModelError`` if it is not one)."""
    body = notification.body
    if body.type is not DlmsType.STRUCTURE or len(body.items) < 2:
        raise ModelError("a GBCS alert body is a structure of at least two members")
    code, stamp = body.items[0], body.items[1]
    if code.type is not DlmsType.LONG_UNSIGNED:
        raise ModelError("the alert code is a long-unsigned")
    if stamp.type is not DlmsType.OCTET_STRING or len(stamp.value) != 12:
        raise ModelError("the alert time stamp is a 12-octet string")
    return DlmsAlert(code.value, AxdrDateTime.from_bytes(stamp.value), body.items[2:])


def future_dated_outcome(alert: DlmsAlert) -> DlmsFutureDatedOutcome:
    """Which command a future-dated execution alert reports on."""
    if (
        len(alert.content) != 1
        or alert.content[0].type is not DlmsType.OCTET_STRING
        or len(alert.content[0].value) != FUTURE_DATED_CONTENT_SIZE
    ):
        raise ModelError("a future-dated alert carries one 19-octet string")
    raw = alert.content[0].value
    return DlmsFutureDatedOutcome(
        int.from_bytes(raw[0:2], "big"),
        int.from_bytes(raw[2:10], "big"),
        CosemAttributeDescriptor(
            int.from_bytes(raw[10:12], "big"),
            Obis.from_bytes(raw[12:18]),
            int.from_bytes(raw[18:19], "big", signed=True),
        ),
    )
