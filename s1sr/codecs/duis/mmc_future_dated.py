"""The outcome of a future-dated 6.15.1 or 6.23: a device alert in a ``SMETS1Response``.

A future-dated 6.15.1 / 6.23 is answered at once without an ``ExecutionOutcome``
(``mmc_credentials``: ``replaced=()``, not run yet); when the device runs it, the S1SP
relays device alert 0x8F66 (future-dated command executed) whose
``ra:Payload/ra:FutureDatedCommandOutcomeDeviceAlert/ra:UpdateSecurityCredentialsDeviceAlert/
ra:UpdateSecurityCredentialsExecutionOutcome`` lists the certificates replaced. The project
reads it as what it is, the command's outcome: ``Response(request, device, srv, code,
UpdateSecurityCredentialsKrpResponse | UpdateSecurityCredentialsCosResponse(replaced))``,
the SRV from the ``SMETS1ResponseMessage``'s ``ServiceReferenceVariant``, the request and
code from the ``sr:Header``, the device from the MMC header. The replacements are read
as in an immediate answer (``read_outcome``: a status other than success, hashes, the
existing party id are a ``CodecError`` naming them). What DUIS adds and the model does not
hold: ``AlertDescription`` (written ``FUTURE_DATED_DESCRIPTION``, not read back) and the
``Timestamp`` (the caller's ``at``). An outcome payload under another alert code (0x8F67,
failure) is a ``CodecError``: the model holds replaced certificates only.
"""

from __future__ import annotations

from datetime import datetime

from s1sr.codecs.duis import mmc_values as v
from s1sr.codecs.duis.constants import RA, SR
from s1sr.codecs.duis.mmc_credentials import CREDENTIALS_RESPONSES, outcome_children, read_outcome
from s1sr.codecs.duis.tree import XmlElement
from s1sr.codecs.errors import CodecError
from s1sr.models import EUI64, SRV, ModelError, Response, ResponseCode

FUTURE_DATED_SRVS = ("6.15.1", "6.23")  # the MMC schema: "execution of 6.15.1 or 6.23"
EXECUTED = 0x8F66  # future-dated command executed (0x8F67: failed)
FUTURE_DATED_DESCRIPTION = "Future dated command executed"
_NAMES = (
    "Payload",
    "FutureDatedCommandOutcomeDeviceAlert",
    "UpdateSecurityCredentialsDeviceAlert",
)
_OUTCOME = "UpdateSecurityCredentialsExecutionOutcome"


def _ra(name: str, *children: XmlElement) -> XmlElement:
    return XmlElement(RA, name, None, children)


def credentials_payload(message: XmlElement) -> XmlElement | None:
    """The ``UpdateSecurityCredentialsDeviceAlert`` of an ``sr:DeviceAlertMessage``, if any."""
    element = message.find("DeviceAlertContent")
    for name in _NAMES:
        if element is None:
            return None
        element = element.find(name)
    return element


def credentials_outcome_element(response: Response, at: datetime) -> XmlElement:
    """The ``sr:DeviceAlertMessage`` reporting a future-dated 6.15.1 / 6.23's ``response``."""
    srv = str(response.srv)
    path = "ra:DeviceAlertContent/ra:Payload/ra:FutureDatedCommandOutcomeDeviceAlert"
    body = response.body
    if srv not in FUTURE_DATED_SRVS or not isinstance(body, CREDENTIALS_RESPONSES[srv]):
        what = "no body" if body is None else type(body).__name__
        raise CodecError(f"SRV {srv} with {what}: the alert reports 6.15.1 or 6.23's outcome", path)
    if not body.replaced:
        raise CodecError("no certificate replaced: the outcome lists one or more", path)
    if response.code is not ResponseCode.I0:
        raise CodecError(f"code {response.code}: a command executed answers I0", path)
    (outcome,) = outcome_children(body)
    renamed = XmlElement(RA, _OUTCOME, None, outcome.children)
    payload = _ra(_NAMES[0], _ra(_NAMES[1], _ra(_NAMES[2], renamed)))
    content = _ra(
        "DeviceAlertContent",
        v.leaf("GBCSHexAlertCode", f"{EXECUTED:04X}"),
        v.leaf("AlertDescription", FUTURE_DATED_DESCRIPTION),
        v.write_instant("Timestamp", at),
        payload,
    )
    return XmlElement(SR, "DeviceAlertMessage", None, (content,))


def read_credentials_outcome(
    message: XmlElement,
    device: EUI64,
    srv: str | None,
    code: ResponseCode,
    request_id: int | None,
    path: str,
) -> Response:
    """The ``Response`` a future-dated 6.15.1 / 6.23's outcome alert reports."""
    content_path = f"{path}/ra:DeviceAlertContent"
    content = message.find("DeviceAlertContent")
    if content is None or message.find("GBCSData") is not None or len(message.children) != 1:
        raise CodecError("one ra:DeviceAlertContent and no ra:GBCSData needed", path)
    order = ("GBCSHexAlertCode", "AlertDescription", "Timestamp", "Payload")
    names = [child.name for child in content.children]
    if any(c.namespace != RA or c.name not in order for c in content.children) or names != sorted(
        set(names), key=order.index
    ):
        raise CodecError(f"out of order, repeated or unknown: {', '.join(names)}", content_path)
    alert_code = content.find("GBCSHexAlertCode")
    where = f"{content_path}/ra:GBCSHexAlertCode"
    if alert_code is None or v.text_of(alert_code, where).upper() != f"{EXECUTED:04X}":
        raise CodecError("an outcome reported other than by 0x8F66: the model holds none", where)
    for name in ("AlertDescription", "Timestamp"):
        if content.find(name) is None:
            raise CodecError(f"ra:{name} missing", content_path)
    v.instant(content.find("Timestamp"), f"{content_path}/ra:Timestamp")
    payload, where = content.find("Payload"), f"{content_path}/ra:Payload"
    for name in _NAMES[1:]:
        if payload is None or len(payload.children) != 1 or payload.attributes:
            raise CodecError(f"one ra:{name} needed", where)
        payload = payload.children[0]
        if payload.namespace != RA or payload.name != name:
            raise CodecError(f"{payload.name}: the model holds no such outcome", where)
        where = f"{where}/ra:{name}"
    if srv not in FUTURE_DATED_SRVS:
        raise CodecError(
            f"SRV {srv}: the outcome alert reports 6.15.1 or 6.23",
            "/sr:Response/sr:Body/sr:SMETS1ResponseMessage/sr:ServiceReferenceVariant",
        )
    if request_id is None:
        raise CodecError("an outcome names its request", "/sr:Response/sr:Header/sr:RequestID")
    body = read_outcome(srv, payload, where, _OUTCOME)
    if not body.replaced:
        raise CodecError("no certificate replaced", f"{where}/ra:{_OUTCOME}")
    try:
        return Response(request_id, device, SRV(srv), code, body)
    except ModelError as exc:
        raise CodecError(str(exc), where) from None
