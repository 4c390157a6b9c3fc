"""Any project ``Alert``, and the outcomes that arrive as alerts, as the DUIS body a DCC User
receives; ``DuisResponse.to_model(srv)`` reads every one of them back.

``alert_body`` picks the form by the alert's code:

* an S1SP code (the caller's ``s1sp_codes``, the alert catalogue's; without them, the
  shape ``S1`` + 2 letters + 2 digits: S1CE20, S1PX04 ...): ``DCCAlertMessage/DCCAlert/
  S1SPAlertDSP/S1SPAlert`` (``response.s1sp_alert_body``), ``detail`` as
  ``AdditionalInformation``;
* a ``DCCAlertCode`` (``N1``..``N65``, ``N999``, ``AD1``) about an 11.1 / 11.4:
  ``FirmwareDistributionFailure`` (``dcc_alerts``);
* ``GBCS`` + 4 hex digits: the device's alert relayed by the S1SP, a
  ``SMETS1ResponseMessage`` carrying a ``DeviceAlertMessage`` (``smets1_alert``).

``outcome_body`` writes the answers DUIS reports by alert: an 11.1 / 11.4 ``Response``
with its ``UpdateFirmwareResponse`` / ``UpdatePpmidFirmwareResponse`` as the DCC's
``CSPFirmwareDeliveryStatus``, and a future-dated 6.15.1 / 6.23's ``Response`` (the
certificates replaced) as device alert 0x8F66 (``mmc_future_dated``).

The envelope around either is ``ResponseHeader(code, at, request_id)``: the request's own
RequestID, the code ``I0`` for an alert and the response's code for an outcome. Reading:
``decode_response(data).to_model(srv)``, ``srv`` being the SRV of the request the
RequestID names (an ``S1SPAlert`` and a DCC alert do not name it; a delivery status is
an 11.1's unless ``srv`` says 11.4). What a form cannot carry is a ``CodecError`` naming
the element, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import datetime

from s1sr.codecs.duis.dcc_alerts import (
    DCC_ALERT_CODES,
    dcc_alert_body,
    distribution_failure_alert,
    firmware_outcome_alert,
)
from s1sr.codecs.duis.header import RequestId
from s1sr.codecs.duis.mmc_future_dated import FUTURE_DATED_SRVS, credentials_outcome_element
from s1sr.codecs.duis.response import S1SPAlert, s1sp_alert_body
from s1sr.codecs.duis.smets1 import MmcHeader, Smets1Alert, smets1_alert, smets1_response_body
from s1sr.codecs.duis.tree import XmlElement
from s1sr.codecs.errors import CodecError
from s1sr.models import EUI64, Alert, ModelError, Response

S1SP_CODE = re.compile(r"S1[A-Z]{2}[0-9]{2}")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_S1SP_PATH = "/sr:Response/sr:Body/sr:DCCAlertMessage/sr:DCCAlert/sr:S1SPAlertDSP/sr:S1SPAlert"


def is_s1sp_code(code: str, s1sp_codes: Collection[str] | None = None) -> bool:
    return code in s1sp_codes if s1sp_codes is not None else bool(S1SP_CODE.fullmatch(code))


def _s1sp_body(alert: Alert, request_id: RequestId | None, utrn: str | None) -> XmlElement:
    detail = alert.detail
    if detail != detail.strip() or _NOT_XML.search(detail):
        raise CodecError(
            "detail: AdditionalInformation is read back stripped, in XML characters",
            f"{_S1SP_PATH}/sr:AdditionalInformation",
        )
    if alert.raised_at.microsecond % 1000:
        raise CodecError("raised_at is finer than DUIS's milliseconds", f"{_S1SP_PATH}/sr:DateTime")
    try:
        s1sp = S1SPAlert(
            alert.code, alert.raised_at, request_id, alert.target, detail or None, utrn
        )
    except ModelError as exc:
        raise CodecError(str(exc), _S1SP_PATH) from None
    return s1sp_alert_body(s1sp)


def alert_body(
    alert: Alert,
    request_id: RequestId | None,
    *,
    s1sp_codes: Collection[str] | None = None,
    utrn: str | None = None,
    user: EUI64 | None = None,
    counter: int = 0,
) -> XmlElement:
    """The DUIS body carrying ``alert``.

    ``request_id`` is the RequestID of the request the alert names (its counter must be
    ``alert.request_id``; ``None`` exactly when the alert names none). ``utrn``: the
    20 digits of a refused 2.2's UTRN, for an S1SP alert (read back, the detail starts
    with ``UTRN <digits>``). ``user`` and ``counter`` fill a device alert's MMC header
    (the DCC User: the RequestID's originator unless given; the device's counter).
    """
    if (request_id is None) != (alert.request_id is None) or (
        request_id is not None and request_id.counter != alert.request_id
    ):
        raise CodecError(
            f"request_id {request_id} does not name the alert's request {alert.request_id}",
            "/sr:Response/sr:Header/sr:RequestID",
        )
    if is_s1sp_code(alert.code, s1sp_codes):
        return _s1sp_body(alert, request_id, utrn)
    if alert.code in DCC_ALERT_CODES:
        if request_id is None:
            raise CodecError(
                "a DCC firmware alert names its request", "/sr:Response/sr:Header/sr:RequestID"
            )
        return dcc_alert_body(distribution_failure_alert(alert, request_id))
    if user is None:
        user = request_id.originator if request_id is not None else alert.target
    return smets1_response_body(smets1_alert(alert, user, counter))


def outcome_body(
    response: Response,
    request_id: RequestId,
    at: datetime,
    *,
    comms_hub: EUI64 | None = None,
    counter: int = 0,
) -> XmlElement:
    """The alert reporting ``response`` later: an 11.1 / 11.4 delivery status (the HAN's
    ``comms_hub`` needed) or a future-dated 6.15.1 / 6.23's outcome (device alert 0x8F66;
    ``counter`` is the device's MMC counter). ``at`` is when it was reported."""
    srv = str(response.srv)
    if srv in ("11.1", "11.4"):
        if comms_hub is None:
            raise CodecError(
                "comms_hub: CSPFirmwareDeliveryStatus names the comms hub",
                "/sr:Response/sr:Body/sr:DCCAlertMessage/sr:DCCAlert/sr:CSPFirmwareDeliveryStatus/"
                "sr:CommsHubDeviceID",
            )
        return dcc_alert_body(firmware_outcome_alert(response, request_id, comms_hub, at))
    if srv in FUTURE_DATED_SRVS:
        if request_id.counter != response.request_id:
            raise CodecError(
                f"request_id counter {request_id.counter} is not the response's",
                "/sr:Response/sr:Header/sr:RequestID",
            )
        element = credentials_outcome_element(response, at)
        header = MmcHeader(response.target, request_id.originator, counter)
        return smets1_response_body(Smets1Alert(header, srv, element))
    raise CodecError(
        f"SRV {srv}: only 11.1, 11.4 and future-dated 6.15.1 / 6.23 report by alert",
        "/sr:Response/sr:Body",
    )
