"""The MMC answers of 6.15.1, 6.21, 6.23 and 8.5: ``ra:ExecutionOutcome`` both ways.

Each of the four answers (``UpdateSecurityCredentialsKRPRsp``,
``RequestHandoverOfDCCControlledDeviceRsp``, ``UpdateSecurityCredentialsCoSRsp``,
``ServiceOptOutRsp``) holds an optional ``ExecutionOutcome``; MMC leaves it out for a
future-dated request, whose execution a ``FutureDatedCommandOutcomeDeviceAlert`` reports
later. The project's response lists the certificates the device replaced (certificate
type, remote party role, new party): each is one ``ReplacementOutcome`` whose
``StatusCode`` is ``success``. MMC holds more than the model (the authorising counter, the
replacement mode, the new floor sequence numbers, a failed replacement's status, the
existing party and certificate hashes): such an answer still decodes faithfully
(``Smets1Response``), and typing it is a ``CodecError`` naming the element, never a
silent drop.
"""

from __future__ import annotations

from s1sr.codecs.duis.constants import RA
from s1sr.codecs.duis.tree import XmlElement
from s1sr.codecs.errors import CodecError
from s1sr.models import EUI64, ModelError
from s1sr.models.credentials import (
    CertificateReplacement,
    CertificateType,
    RemotePartyRole,
    RequestHandoverResponse,
    ServiceOptOutResponse,
    UpdateSecurityCredentialsCosResponse,
    UpdateSecurityCredentialsKrpResponse,
)

# The response model of each SRV whose MMC answer is an ExecutionOutcome.
CREDENTIALS_RESPONSES = {
    "6.15.1": UpdateSecurityCredentialsKrpResponse,
    "6.21": RequestHandoverResponse,
    "6.23": UpdateSecurityCredentialsCosResponse,
    "8.5": ServiceOptOutResponse,
}
CredentialsResponse = (
    UpdateSecurityCredentialsKrpResponse
    | RequestHandoverResponse
    | UpdateSecurityCredentialsCosResponse
    | ServiceOptOutResponse
)
# ReplacementOutcome's children, in the schema's order, and the ones the model holds.
_OUTCOME_ORDER = (
    "StatusCode",
    "CertificateType",
    "RemotePartyRole",
    "ExistingRemotePartyID",
    "NewRemotePartyID",
    "ExistingCertificateHash",
    "NewCertificateHash",
)
_HELD = ("StatusCode", "CertificateType", "RemotePartyRole", "NewRemotePartyID")
# StatusASN1's required ResponseCode: the GBCS ASN.1 value, success(0) in every status.
_SUCCESS_CODE = (("ResponseCode", "0"),)


def _ra(name: str, text: str | None = None, *children: XmlElement) -> XmlElement:
    return XmlElement(RA, name, text, children)


def outcome_children(body: CredentialsResponse) -> tuple[XmlElement, ...]:
    """The answer's children: none for a future-dated request, else one ExecutionOutcome."""
    if not body.replaced:
        return ()
    outcomes = tuple(
        _ra(
            "ReplacementOutcome",
            None,
            XmlElement(RA, "StatusCode", None, (_ra("ASN1Status", "success"),), _SUCCESS_CODE),
            _ra("CertificateType", str(item.certificate_type)),
            _ra("RemotePartyRole", str(item.role)),
            _ra("NewRemotePartyID", str(item.new_party)),
        )
        for item in body.replaced
    )
    return (_ra("ExecutionOutcome", None, *outcomes),)


def _text(element: XmlElement, path: str) -> str:
    if element.children or element.attributes or not (element.text or "").strip():
        raise CodecError("needs a text value", path)
    return (element.text or "").strip()


def _replacement(element: XmlElement, path: str) -> CertificateReplacement:
    names = [child.name for child in element.children]
    for child in element.children:
        if child.namespace != RA or child.name not in _OUTCOME_ORDER:
            raise CodecError(f"{child.name} has no place in a ReplacementOutcome", path)
        if child.name not in _HELD:
            raise CodecError(
                "the project's response holds no such field", f"{path}/ra:{child.name}"
            )
    if names != sorted(set(names), key=_OUTCOME_ORDER.index):
        raise CodecError(f"out of order or repeated: {', '.join(names)}", path)
    leaves = {child.name: child for child in element.children}
    for required in _HELD:
        if required not in leaves:
            raise CodecError(f"ra:{required} missing: the model lists replaced certificates", path)
    status = leaves["StatusCode"]
    where = f"{path}/ra:StatusCode"
    if len(status.children) != 1 or status.children[0].name != "ASN1Status" or status.text:
        raise CodecError("one ra:ASN1Status needed", where)
    if status.attributes != _SUCCESS_CODE:
        raise CodecError("the model holds only ResponseCode 0 (success)", where)
    verdict = _text(status.children[0], f"{where}/ra:ASN1Status")
    if verdict != "success":
        raise CodecError(
            f"{verdict!r:.40}: the model holds only certificates replaced", where + "/ra:ASN1Status"
        )
    kind = _text(leaves["CertificateType"], f"{path}/ra:CertificateType")
    role = _text(leaves["RemotePartyRole"], f"{path}/ra:RemotePartyRole")
    party = _text(leaves["NewRemotePartyID"], f"{path}/ra:NewRemotePartyID")
    try:
        certificate_type = CertificateType(kind)
    except ValueError:
        raise CodecError(f"{kind!r:.40} has no project CertificateType", path) from None
    try:
        remote_role = RemotePartyRole(role)
    except ValueError:
        raise CodecError(f"{role!r:.40} has no project RemotePartyRole", path) from None
    try:
        new_party = EUI64.parse(party)
    except (ModelError, ValueError) as exc:
        raise CodecError(f"not an EUI-64: {exc}", f"{path}/ra:NewRemotePartyID") from None
    return CertificateReplacement(certificate_type, remote_role, new_party)


def read_outcome(
    srv: str, payload: XmlElement, path: str, outcome_name: str = "ExecutionOutcome"
) -> CredentialsResponse:
    """The typed response of a successful answer (``path`` names ``payload``); a
    future-dated outcome's alert names its ``ra:ExecutionOutcome`` ``outcome_name``."""
    if len(payload.children) > 1 or (payload.children and payload.text):
        raise CodecError(f"at most one ra:{outcome_name}", path)
    replaced: list[CertificateReplacement] = []
    if payload.children:
        outcome = payload.children[0]
        where = f"{path}/ra:{outcome.name}"
        if outcome.namespace != RA or outcome.name != outcome_name:
            raise CodecError(f"{outcome.name} has no place in the answer", path)
        if outcome.attributes or outcome.text:
            raise CodecError("ExecutionOutcome holds elements only", where)
        if not outcome.children:
            raise CodecError("no replacement listed: the model's empty list means not run", where)
        for child in outcome.children:
            if child.name != "ReplacementOutcome" or child.namespace != RA:
                raise CodecError(
                    "the project's response holds no such field", f"{where}/ra:{child.name}"
                )
        for index, child in enumerate(outcome.children, 1):
            if child.attributes or child.text:
                raise CodecError("ReplacementOutcome holds elements only", where)
            replaced.append(_replacement(child, f"{where}/ra:ReplacementOutcome[{index}]"))
    try:
        return CREDENTIALS_RESPONSES[srv](tuple(replaced))
    except ModelError as exc:
        raise CodecError(str(exc), path) from None
