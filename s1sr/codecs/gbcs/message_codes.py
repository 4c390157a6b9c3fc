"""GBCS message codes (other-information) and alert codes for the use cases in scope.

A message code names the GBCS use case a message belongs to; several codes mark a
payload that is ASN.1 DER rather than GBZ or DLMS, which the payload dispatch needs.
Codes outside this table are still decoded: the name is then unknown, nothing else.
"""

from __future__ import annotations

USE_CASE_CODES: dict[str, int] = {
    "CCS01": 0x0001,
    "CCS02": 0x0002,
    "CS01a": 0x0007,
    "CS06": 0x0012,
    "ECS01a": 0x0019,
    "ECS02": 0x001A,
    "ECS03": 0x001B,
    "ECS07": 0x001E,
    "ECS08": 0x001F,
    "ECS20a": 0x002E,
    "ECS20b": 0x002F,
    "ECS20c": 0x0030,
    "ECS21a": 0x0033,
    "ECS22b": 0x0037,
    "ECS30": 0x0046,
    "ECS52": 0x0059,
    "GCS01a": 0x006B,
    "GCS02": 0x006C,
    "GCS03": 0x006D,
    "GCS04": 0x006E,
    "GCS05": 0x006F,
    "GCS15c": 0x0076,
    "GCS16a": 0x0077,
    "GCS17": 0x0078,
    "GCS25": 0x007E,
    "GCS38": 0x0084,
    "CS01b": 0x0097,
    "GCS15b": 0x00C3,
    "GCS15d": 0x00C4,
    "ECS30a": 0x00D7,
    "GCS25a": 0x00D8,
    "ECS08a": 0x00DE,
    "CS08": 0x0129,
}

# Alerts that carry the outcome of another message: their code is not a use case's.
FIRMWARE_ACTIVATION_ALERT = 0x00CA  # future-dated CS06, ASN.1
FUTURE_DATED_DLMS_ALERT = 0x00CC
FUTURE_DATED_GBZ_ALERT = 0x00CD

ALERT_MESSAGE_CODES: dict[int, str] = {
    FIRMWARE_ACTIVATION_ALERT: "future-dated firmware activation alert",
    FUTURE_DATED_DLMS_ALERT: "future-dated execution of instruction alert (DLMS COSEM)",
    FUTURE_DATED_GBZ_ALERT: "future-dated execution of instruction alert (GBZ)",
}

# Message codes whose payload is ASN.1 DER (security credentials, joins, firmware
# activation, device join details, GPF device log backup / restore, CS08...).
DER_MESSAGE_CODES: frozenset[int] = frozenset(
    {0x0008, 0x000A, 0x000B, 0x000C, 0x000D, 0x000E, 0x000F, 0x0010, 0x0012, 0x0013}
    | {0x007F, 0x008C, 0x00AB, 0x00AF, 0x00B2, 0x00CA, 0x00CB, 0x0128, 0x0129}
    | set(range(0x0100, 0x010A))
)

ALERT_CODES: dict[int, str] = {
    0x8F66: "future-dated command executed",
    0x8F67: "future-dated command failed",
}

_BY_CODE = {code: name for name, code in USE_CASE_CODES.items()}


def use_case_name(message_code: int) -> str | None:
    """The GBCS use case (``"CS01a"``) or alert name for a message code, if known."""
    return _BY_CODE.get(message_code) or ALERT_MESSAGE_CODES.get(message_code)
