"""The DCC's own answer (a ``ResponseMessage`` with no payload), where MMC has none.

MMC (the S1SP's ``SMETS1ResponseMessage``) has no answer element for 8.6, 11.1 and 11.4:
they are addressed to the DCC (CommandVariant 8), which answers with a DUIS
``ResponseMessage`` naming the SRV and, in its ``sr:Header``, the code. Its optional
``DSPOptIn`` (8.6: the DSP broker's certificates), ``DSPUpdateFirmwareWarning`` and
``DSPUpdatePPMIDFirmwareWarning`` (11.1, 11.4: devices the image does not apply to) have
no place in the project's models, so reading one is a ``CodecError`` naming it. The
device's outcome of 11.1 and 11.4 arrives later as a DCC alert (``CSPFirmwareDeliveryStatus``,
``FirmwareDistributionFailure``, ``PPMIDAlert``), so an ``UpdateFirmwareResponse`` or
``UpdatePpmidFirmwareResponse`` cannot be written here either.

The same payload-less ``ResponseMessage`` is how the DCC refuses any SRV (E11 and the other
E codes): ``dcc_answer_body`` writes it for a ``Response`` without a body, whatever the SRV.
"""

from __future__ import annotations

from datetime import datetime

from s1sr.codecs.duis.header import srv_info
from s1sr.codecs.duis.response import DuisResponse, gbcs_response_body
from s1sr.codecs.duis.smets1 import DCC_ANSWERED, smets1_answer, smets1_response_body
from s1sr.codecs.duis.tree import XmlElement
from s1sr.codecs.errors import CodecError
from s1sr.models import EUI64, SRV, ModelError, Response, ResponseCode
from s1sr.models.opt_in import ServiceOptInResponse

_PATH = "/sr:Response/sr:Body/sr:ResponseMessage"
_NAMED = ("ServiceReference", "ServiceReferenceVariant")


def dcc_answer_body(response: Response) -> XmlElement:
    """The ``ResponseMessage`` carrying ``response`` (its code goes in the ``sr:Header``).

    A body is written only as 8.6's ``ServiceOptInResponse``, which an I0 answer to 8.6
    always is (DUIS tells its success by the code alone).
    """
    srv = str(response.srv)
    body = response.body
    if srv == "8.6" and (body is not None) != (response.code is ResponseCode.I0):
        raise CodecError("an answer to 8.6 has a ServiceOptInResponse exactly when I0", _PATH)
    if body is not None and not isinstance(body, ServiceOptInResponse):
        raise CodecError(f"the DCC's ResponseMessage carries no {type(body).__name__}", _PATH)
    return gbcs_response_body(srv, None)


def read_dcc_answer(response: DuisResponse, device: EUI64 | None = None) -> Response:
    """The project's ``Response`` of a payload-less ``ResponseMessage``.

    ``device`` is the target: 8.6, 11.1 and 11.4's RequestID names the DCC, not the
    device (the request's body does); without it, the RequestID's target.
    """
    if response.kind != "ResponseMessage":
        raise CodecError(
            f"a {response.kind}, not the DCC's ResponseMessage", "/sr:Response/sr:Body"
        )
    for child in response.body.children:
        if child.name not in _NAMED:
            raise CodecError(
                "the project's Response holds no such element", f"{_PATH}/sr:{child.name}"
            )
    srv = response.srv
    if srv is None:
        raise CodecError("sr:ServiceReferenceVariant missing", _PATH)
    try:
        info = srv_info(srv)
        named = SRV(srv)
    except (CodecError, ModelError, ValueError):
        raise CodecError(
            f"SRV {srv!r:.20} is not in scope", f"{_PATH}/sr:ServiceReferenceVariant"
        ) from None
    reference = response.body.find("ServiceReference")
    if reference is None or (reference.text or "").strip() != info.reference:
        raise CodecError("ServiceReference does not match the variant", _PATH)
    request = response.header.request_id
    if request is None:
        raise CodecError("an answer names its request", "/sr:Response/sr:Header")
    try:
        code = ResponseCode(response.header.code)
    except ValueError:
        raise CodecError(
            f"response code {response.header.code} has no project ResponseCode",
            "/sr:Response/sr:Header/sr:ResponseCode",
        ) from None
    body = ServiceOptInResponse() if srv == "8.6" and code is ResponseCode.I0 else None
    try:
        return Response(
            request.counter, device if device is not None else request.target, named, code, body
        )
    except ModelError as exc:
        raise CodecError(str(exc), _PATH) from None


def answer_body(
    response: Response, user: EUI64, counter: int, at: datetime | None = None
) -> XmlElement:
    """What a DCC User receives for a SMETS1 device's ``response``: the S1SP's MMC answer,
    or the DCC's own for the SRVs MMC has none for (8.6, 11.1, 11.4)."""
    if str(response.srv) in DCC_ANSWERED:
        return dcc_answer_body(response)
    return smets1_response_body(smets1_answer(response, user, counter, at))
