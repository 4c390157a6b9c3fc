"""Typed DUIS bodies of 6.15.1, 6.21, 6.23, 8.5 (security credentials) and 8.6 (opt in).

Every element of these bodies has a place in the model, so nothing goes to ``extras``:
certificates are their DER bytes (base64 in DUIS, written back without line breaks, as the
templates write them), floor sequence numbers integers, ``ApplyTimeBasedCPVChecks`` a
bool (written ``true``/``false``, the XSD canonical form), a cancellation's
3000-12-31 the model's ``LATEST_INSTANT``. 8.6 is addressed to the DCC and names the
device in ``DeviceID``, which becomes the model's target (as 11.1's ``DeviceIDList``).
"""

from __future__ import annotations

import base64
import binascii
from datetime import date

from s1sr.codecs.duis import bodies
from s1sr.codecs.duis.bodies import Framing, Reading, leaf, node, only, text
from s1sr.codecs.duis.tree import XmlElement
from s1sr.codecs.errors import CodecError
from s1sr.models import (
    EUI64,
    DeviceType,
    ModelError,
    RemotePartyRole,
    ReplacementCertificates,
    RequestBody,
    RequestHandoverRequest,
    ServiceOptInRequest,
    ServiceOptOutRequest,
    UpdateSecurityCredentialsCosRequest,
    UpdateSecurityCredentialsKrpRequest,
)
from s1sr.models.credentials import MAX_FLOOR_SEQ_NUMBER

_CERTIFICATES = (
    ("DigitalSigningCertificate", "digital_signing"),
    ("KeyAgreementCertificate", "key_agreement"),
    ("KeyAgreementTopUpCertificate", "key_agreement_top_up"),
)
_BOOLEAN = {"true": True, "1": True, "false": False, "0": False}
_KRP_GROUP = "SupplierOrNetworkOperatorCertificates"


def _certificate(element: XmlElement, name: str, path: str) -> bytes:
    return _der(bodies.child(element, name, path), f"{path}/sr:{name}")


def _der(element: XmlElement, where: str) -> bytes:
    if element.children or not (element.text or "").strip():
        raise CodecError("needs a base64 certificate", where)
    raw = "".join((element.text or "").split())
    try:
        value = base64.b64decode(raw.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise CodecError("not base64", where) from None
    if not value:
        raise CodecError("an empty certificate", where)
    return value


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def _floor(element: XmlElement, name: str, path: str) -> int | None:
    if element.find(name) is None:
        return None
    return bodies.integer(element, name, path, 0, MAX_FLOOR_SEQ_NUMBER)


def _boolean(element: XmlElement, name: str, path: str) -> bool:
    return _BOOLEAN[bodies.boolean_text(element, name, path)]


def _read_certificates(element: XmlElement, path: str) -> ReplacementCertificates:
    only(element, tuple(name for name, _ in _CERTIFICATES), path)
    found = {
        field: _certificate(element, name, path)
        for name, field in _CERTIFICATES
        if element.find(name) is not None
    }
    return ReplacementCertificates(**found)


def _certificate_leaves(certificates: ReplacementCertificates) -> tuple[XmlElement, ...]:
    return tuple(
        leaf(name, _b64(getattr(certificates, field)))
        for name, field in _CERTIFICATES
        if getattr(certificates, field) is not None
    )


def _read_path(body: XmlElement, path: str) -> tuple[bytes, ...]:
    where = f"{path}/sr:CertificationPathCertificates"
    element = bodies.child(body, "CertificationPathCertificates", path)
    if any(c.name != "Certificate" for c in element.children):
        raise CodecError("only sr:Certificate has a place here", where)
    if not 1 <= len(element.children) <= 3:
        raise CodecError(f"needs 1 to 3 sr:Certificate, got {len(element.children)}", where)
    return tuple(_der(c, f"{where}/sr:Certificate[{i}]") for i, c in enumerate(element.children, 1))


def _path_and_checks(model: RequestBody) -> tuple[XmlElement, ...]:
    return (
        node(
            "CertificationPathCertificates",
            *(leaf("Certificate", _b64(c)) for c in model.certification_path),
        ),
        leaf("ApplyTimeBasedCPVChecks", "true" if model.apply_time_based_cpv_checks else "false"),
    )


def _role(body: XmlElement, path: str) -> RemotePartyRole:
    raw = text(body, "RemotePartyRole", path)
    try:
        return RemotePartyRole(raw)
    except ValueError:
        raise CodecError(
            f"not a RemotePartyRole: {raw!r:.30}", f"{path}/sr:RemotePartyRole"
        ) from None


# --- 6.15.1 and 6.21 ---------------------------------------------------------------------

_REMOTE_PARTY = (
    "ExecutionDateTime",
    "RemotePartyRole",
    "RemotePartyFloorSeqNumber",
    "RemotePartyPrepaymentTopUpFloorSeqNumber",
    "ReplacementCertificates",
    "CertificationPathCertificates",
    "ApplyTimeBasedCPVChecks",
)


def _read_remote_party(cls: type, body: XmlElement, reading: Reading, grouped: bool) -> RequestBody:
    path = reading.path
    only(body, _REMOTE_PARTY, path)
    where = f"{path}/sr:ReplacementCertificates"
    replacement = bodies.child(body, "ReplacementCertificates", path)
    if grouped:
        only(replacement, (_KRP_GROUP,), where)
        replacement = bodies.child(replacement, _KRP_GROUP, where)
        where = f"{where}/sr:{_KRP_GROUP}"
    return cls(
        _role(body, path),
        _read_certificates(replacement, where),
        _read_path(body, path),
        _boolean(body, "ApplyTimeBasedCPVChecks", path),
        _floor(body, "RemotePartyFloorSeqNumber", path),
        _floor(body, "RemotePartyPrepaymentTopUpFloorSeqNumber", path),
        bodies.execution(body, reading),
    )


def _write_remote_party(model: RequestBody, grouped: bool) -> list[XmlElement]:
    children = list(bodies.execution_leaves(model.execute_at))
    children.append(leaf("RemotePartyRole", model.role.value))
    if model.floor_seq_number is not None:
        children.append(leaf("RemotePartyFloorSeqNumber", str(model.floor_seq_number)))
    if model.top_up_floor_seq_number is not None:
        children.append(
            leaf("RemotePartyPrepaymentTopUpFloorSeqNumber", str(model.top_up_floor_seq_number))
        )
    certificates = _certificate_leaves(model.certificates)
    if grouped:
        certificates = (node(_KRP_GROUP, *certificates),)
    children.append(node("ReplacementCertificates", *certificates))
    children.extend(_path_and_checks(model))
    return children


def read_krp(body: XmlElement, reading: Reading) -> RequestBody:
    return _read_remote_party(UpdateSecurityCredentialsKrpRequest, body, reading, grouped=True)


def write_krp(model: UpdateSecurityCredentialsKrpRequest, framing: Framing) -> list[XmlElement]:
    return _write_remote_party(model, grouped=True)


def read_handover(body: XmlElement, reading: Reading) -> RequestBody:
    return _read_remote_party(RequestHandoverRequest, body, reading, grouped=False)


def write_handover(model: RequestHandoverRequest, framing: Framing) -> list[XmlElement]:
    return _write_remote_party(model, grouped=False)


# --- 6.23 --------------------------------------------------------------------------------

_COS = (
    "ExecutionDateTime",
    "SupplierFloorSeqNumber",
    "SupplierPrepaymentTopUpFloorSeqNumber",
    "SupplierReplacementCertificates",
    "CertificationPathCertificates",
    "ApplyTimeBasedCPVChecks",
    "ImportMPxN",
)


def read_cos(body: XmlElement, reading: Reading) -> RequestBody:
    path = reading.path
    only(body, _COS, path)
    replacement = bodies.child(body, "SupplierReplacementCertificates", path)
    return UpdateSecurityCredentialsCosRequest(
        bodies.integer(body, "SupplierFloorSeqNumber", path, 0, MAX_FLOOR_SEQ_NUMBER),
        _read_certificates(replacement, f"{path}/sr:SupplierReplacementCertificates"),
        _read_path(body, path),
        _boolean(body, "ApplyTimeBasedCPVChecks", path),
        text(body, "ImportMPxN", path),
        _floor(body, "SupplierPrepaymentTopUpFloorSeqNumber", path),
        bodies.execution(body, reading),
    )


def write_cos(model: UpdateSecurityCredentialsCosRequest, framing: Framing) -> list[XmlElement]:
    children = list(bodies.execution_leaves(model.execute_at))
    children.append(leaf("SupplierFloorSeqNumber", str(model.floor_seq_number)))
    if model.top_up_floor_seq_number is not None:
        children.append(
            leaf("SupplierPrepaymentTopUpFloorSeqNumber", str(model.top_up_floor_seq_number))
        )
    children.append(
        node("SupplierReplacementCertificates", *_certificate_leaves(model.certificates))
    )
    children.extend(_path_and_checks(model))
    children.append(leaf("ImportMPxN", model.import_mpxn))
    return children


# --- 8.5 ---------------------------------------------------------------------------------

_OPT_OUT = (
    "ExecutionDateTime",
    "ACBFloorSeqNumber",
    "ReplacementCertificates",
    "CertificationPathCertificates",
    "ApplyTimeBasedCPVChecks",
)


def read_opt_out(body: XmlElement, reading: Reading) -> RequestBody:
    path = reading.path
    only(body, _OPT_OUT, path)
    execute_at = bodies.execution(body, reading)
    if execute_at is None:
        raise CodecError("sr:ExecutionDateTime missing (8.5 is always future-dated)", path)
    replacement = bodies.child(body, "ReplacementCertificates", path)
    return ServiceOptOutRequest(
        execute_at,
        bodies.integer(body, "ACBFloorSeqNumber", path, 0, MAX_FLOOR_SEQ_NUMBER),
        _read_certificates(replacement, f"{path}/sr:ReplacementCertificates"),
        _read_path(body, path),
        _boolean(body, "ApplyTimeBasedCPVChecks", path),
    )


def write_opt_out(model: ServiceOptOutRequest, framing: Framing) -> list[XmlElement]:
    return [
        *bodies.execution_leaves(model.execute_at),
        leaf("ACBFloorSeqNumber", str(model.acb_floor_seq_number)),
        node("ReplacementCertificates", *_certificate_leaves(model.certificates)),
        *_path_and_checks(model),
    ]


# --- 8.6 (addressed to the DCC, the device in the body) -------------------------------------

_DEVICE_TYPES = {t.value: t for t in DeviceType}
_MPXNS = ("ImportMPxN", "SecondaryImportMPAN", "ExportMPAN")


def read_opt_in(body: XmlElement, reading: Reading) -> tuple[RequestBody, EUI64]:
    path = reading.path
    only(body, ("DeviceID", "DeviceType", "MPxNs", "OptInDate"), path)
    try:
        device = EUI64.parse(text(body, "DeviceID", path))
    except ModelError as exc:
        raise CodecError(str(exc), f"{path}/sr:DeviceID") from None
    kind = text(body, "DeviceType", path)
    if kind not in _DEVICE_TYPES:
        raise CodecError(
            f"device type {kind!r:.20} is not one of the project's {', '.join(_DEVICE_TYPES)}",
            f"{path}/sr:DeviceType",
        )
    where = f"{path}/sr:MPxNs"
    mpxns = bodies.child(body, "MPxNs", path)
    only(mpxns, _MPXNS, where)
    found = [text(mpxns, name, where) if mpxns.find(name) is not None else None for name in _MPXNS]
    if found[0] is None:
        raise CodecError("sr:ImportMPxN missing", where)
    raw = text(body, "OptInDate", path)
    try:
        when = date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        when = None
    if when is None:
        raise CodecError(f"not a date without a zone: {raw!r:.30}", f"{path}/sr:OptInDate")
    return ServiceOptInRequest(_DEVICE_TYPES[kind], found[0], when, found[1], found[2]), device


def write_opt_in(model: ServiceOptInRequest, framing: Framing, device: EUI64) -> list[XmlElement]:
    mpxns = [
        leaf(name, value)
        for name, value in zip(
            _MPXNS,
            (model.import_mpxn, model.secondary_import_mpan, model.export_mpan),
            strict=True,
        )
        if value is not None
    ]
    return [
        leaf("DeviceID", str(device)),
        leaf("DeviceType", model.device_type.value),
        node("MPxNs", *mpxns),
        leaf("OptInDate", model.opt_in_date.isoformat()),
    ]
