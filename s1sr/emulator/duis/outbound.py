"""The DCC's signed ``sr:Response`` documents: acknowledgements, device answers, alerts.

- an acknowledgement (I0, I99 or an E code): a ``ResponseMessage`` naming the SRV alone,
  as DCC Boxed's acknowledgements do;
- a device's answer: a ``SMETS1ResponseMessage`` whose ``SMETS1SignedResponse`` holds the
  MMC answer (``smets1_answer``), the response's own code in the DUIS header; for 8.6, 11.1
  and 11.4, which MMC has no answer for, the DCC's own payload-less ``ResponseMessage``
  (``dcc_answer.answer_body`` picks);
- an 11.1 / 11.4 the device answered: the DCC's immediate ``ResponseMessage`` (I0), then
  the outcome as the DCC alert ``CSPFirmwareDeliveryStatus`` (``alerts.outcome_body``);
- every alert through ``alerts.alert_body``: an S1SP alert (every code of the alert
  catalogue, S1CE20 and the project-defined S1PX.., kept exactly as the S1SP raised it) as
  ``DCCAlertMessage/DCCAlert/S1SPAlertDSP/S1SPAlert`` naming the request, with the UTRN of a
  refused 2.2; a DCC alert code as ``FirmwareDistributionFailure``; any other (device) alert
  as a ``SMETS1ResponseMessage`` carrying a ``DeviceAlertMessage``.

The document is signed with the DCC's key, and the S1SP-signed part inside it (an S1SPAlert
or MMC message) with the same key (the emulated DCC is its own S1SP). An answer DUIS cannot
carry is logged and sent as a ``ResponseMessage`` naming the SRV with the response's code,
never dropped; the test hooks' readout holds what it could not carry.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from s1sr.catalogue import load_catalogue
from s1sr.codecs.duis import CodecError, RequestId, sign
from s1sr.codecs.duis.alerts import alert_body, outcome_body
from s1sr.codecs.duis.dcc_answer import answer_body
from s1sr.codecs.duis.mmc_logs import LOG_SRVS
from s1sr.codecs.duis.response import (
    DuisResponse,
    ResponseHeader,
    encode_response,
    gbcs_response_body,
)
from s1sr.codecs.duis.smets1 import DCC_ANSWERED
from s1sr.codecs.duis.tree import XmlElement
from s1sr.emulator.duis.identity import SigningPair
from s1sr.models import EUI64, Alert, ModelError, Response, TopUpDeviceRequest
from s1sr.models import Request as ModelRequest

log = logging.getLogger(__name__)


def s1sp_codes(renamed: dict[str, str] | None = None) -> frozenset[str]:
    """The codes the S1SP raises itself: the alert catalogue's, and their variant names."""
    codes = {alert.code for alert in load_catalogue().alerts}
    return frozenset(codes | set((renamed or {}).values()))


class Builder:
    def __init__(self, pair: SigningPair, s1sp_alert_codes: frozenset[str]) -> None:
        self.pair = pair
        self.s1sp_alert_codes = s1sp_alert_codes

    def _finish(self, response: DuisResponse, *, nested: bool) -> bytes:
        pair = self.pair
        data = encode_response(
            response,
            s1sp_key=pair.key if nested else None,
            s1sp_certificate=pair.certificate if nested else None,
        )
        return sign(data, pair.key, pair.certificate)

    def acknowledgement(self, request_id: RequestId, srv: str, code: str, at: datetime) -> bytes:
        header = ResponseHeader(code, at, request_id)
        return self._finish(DuisResponse(header, gbcs_response_body(srv, None)), nested=False)

    def answer(self, request_id: RequestId, srv: str, response: Response, at: datetime) -> bytes:
        """The device's (or the S1SP's) answer to a request, for the callback."""
        header = ResponseHeader(str(response.code), at, request_id, _reply_id(request_id))
        user, counter = request_id.originator, request_id.counter
        try:
            try:
                body = answer_body(response, user, counter, at)
            except (CodecError, ModelError):
                body = answer_body(_carried(response), user, counter, at)
        except (CodecError, ModelError) as exc:
            log.warning(
                "SRV %s: DUIS cannot carry %s (%s): sent without a body", srv, response, exc
            )
            return self.acknowledgement(request_id, srv, str(response.code), at)
        return self._finish(DuisResponse(header, body), nested=body.name != "ResponseMessage")

    def outcome(
        self, request_id: RequestId, response: Response, comms_hub: EUI64, at: datetime
    ) -> bytes:
        """An 11.1 / 11.4's outcome as the DCC's ``CSPFirmwareDeliveryStatus``, sent after the
        DCC's immediate ``ResponseMessage`` (``outcome_body``; comms hub: the HAN's CHF)."""
        srv = str(response.srv)
        try:
            body = outcome_body(response, request_id, at, comms_hub=comms_hub)
        except (CodecError, ModelError) as exc:
            log.warning("SRV %s: DUIS cannot carry %s (%s): its code alone", srv, response, exc)
            return self.acknowledgement(request_id, srv, str(response.code), at)
        header = ResponseHeader(str(response.code), at, request_id)
        return self._finish(DuisResponse(header, body), nested=False)

    def alert(
        self, request_id: RequestId | None, request: ModelRequest | None, alert: Alert
    ) -> bytes:
        """Any alert, written by ``alert_body`` (S1SP, DCC firmware or device alert)."""
        utrn = None
        if request is not None and isinstance(request.body, TopUpDeviceRequest):
            utrn = request.body.utrn.digits
        counter = request_id.counter if request_id is not None else 0
        body = alert_body(
            alert, request_id, s1sp_codes=self.s1sp_alert_codes, utrn=utrn, counter=counter
        )
        header = ResponseHeader("I0", alert.raised_at, request_id)
        return self._finish(DuisResponse(header, body), nested=_s1sp_signed(body))


def _s1sp_signed(body: XmlElement) -> bool:
    """Whether ``body`` holds a part the S1SP signs (an S1SPAlert or an MMC message)."""
    if body.name == "DCCAlertMessage":
        dcc_alert = body.find("DCCAlert")
        return dcc_alert is not None and dcc_alert.find("S1SPAlertDSP") is not None
    return body.name != "ResponseMessage"


def _carried(response: Response) -> Response:
    """What MMC can carry of a ``response`` it cannot carry whole: a command's answer is
    ``MessageSuccess`` alone, so what the device reported beyond it (credit, the tariff
    applied) is left to the test hooks' readout.
    11.2 and the read logs keep their body: without one, MMC says the command failed."""
    srv = str(response.srv)
    if response.body is None or srv == "11.2" or srv in LOG_SRVS or srv in DCC_ANSWERED:
        return response
    return replace(response, body=None)


def _reply_id(request_id: RequestId) -> RequestId:
    """The ResponseID DCC Boxed writes: the request's, target and originator swapped."""
    return RequestId(request_id.target, request_id.originator, request_id.counter)
