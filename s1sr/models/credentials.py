"""SRVs that replace a device's security credentials: 6.15.1, 6.21, 6.23 and 8.5.

Split supply with certificates (an FOC Uplift 2.1 scope item) is the world these SRVs
serve: a supplier or network operator replaces its own certificates on a device (6.15.1
Update Security Credentials (KRP)), takes over a device the DCC controls (6.21), the
incoming supplier's certificates replace the old supplier's at a change of supplier (6.23),
and the ACB's are replaced at a service opt-out (8.5). A request carries the replacement
certificates (DER X.509, kept as bytes: the model does not judge them), the certification
path that chains them to the root (1 to 3 certificates), the floor sequence numbers the
device takes with the new party, and whether time-based certification path checks apply.
``execute_at`` is when a future-dated request runs; ``LATEST_INSTANT`` cancels a pending
one, as elsewhere. A response lists the certificates the device replaced; it is empty for
a future-dated request, whose execution is reported later (MMC gives no details then).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import ClassVar

from s1sr.models.checks import (
    check_bool,
    check_bytes,
    check_enum,
    check_instance,
    check_int,
    check_optional_int,
    check_optional_timestamp,
    check_timestamp,
    check_tuple,
)
from s1sr.models.device_id import EUI64
from s1sr.models.envelope import RequestBody, ResponseBody
from s1sr.models.errors import ModelError
from s1sr.models.srv import SRV

MAX_CERTIFICATE_BYTES = 4096  # a bound for the model; SMKI certificates are ~0.5 KiB
MAX_PATH_CERTIFICATES = 3  # DUIS CertificationPathCertificates
MAX_FLOOR_SEQ_NUMBER = (1 << 63) - 1  # DUIS floorSequenceNumber
MAX_MPXN = 13  # DUIS ImportMPxN: 1 to 13 characters


class RemotePartyRole(StrEnum):
    """DUIS RemotePartyRole: whose credentials a 6.15.1 or 6.21 replaces."""

    ACB = "ACB"
    NETWORK_OPERATOR = "NetworkOperator"
    RECOVERY = "Recovery"
    ROOT = "Root"
    SUPPLIER = "Supplier"
    TRANS_COS = "TransCoS"
    LOAD_CONTROLLER = "LoadController"


class CertificateType(StrEnum):
    """Which of a remote party's certificates (DUIS ReplacementCertificates children)."""

    DIGITAL_SIGNING = "DigitalSigning"
    KEY_AGREEMENT = "KeyAgreement"
    KEY_AGREEMENT_TOP_UP = "KeyAgreementTopUp"


def _check_certificate(value: bytes, field: str) -> bytes:
    return check_bytes(value, field, 1, MAX_CERTIFICATE_BYTES)


@dataclass(frozen=True)
class ReplacementCertificates:
    """The new certificates, each optional here; each SRV says which it requires."""

    digital_signing: bytes | None = None
    key_agreement: bytes | None = None
    key_agreement_top_up: bytes | None = None

    def __post_init__(self) -> None:
        for name in ("digital_signing", "key_agreement", "key_agreement_top_up"):
            value = getattr(self, name)
            if value is not None:
                _check_certificate(value, name)

    def require(self, field: str, *names: str) -> None:
        for name in names:
            if getattr(self, name) is None:
                raise ModelError(f"{field}.{name}: this SRV requires it")


def _check_common(
    certificates: ReplacementCertificates,
    path: tuple[bytes, ...],
    apply_checks: bool,
    execute_at: datetime | None,
) -> None:
    check_instance(certificates, ReplacementCertificates, "certificates")
    check_tuple(path, "certification_path", bytes, 1, MAX_PATH_CERTIFICATES)
    for index, certificate in enumerate(path):
        _check_certificate(certificate, f"certification_path[{index}]")
    check_bool(apply_checks, "apply_time_based_cpv_checks")
    check_optional_timestamp(execute_at, "execute_at")


def _check_floors(floor: int | None, top_up_floor: int | None) -> None:
    check_optional_int(floor, "floor_seq_number", 0, MAX_FLOOR_SEQ_NUMBER)
    check_optional_int(top_up_floor, "top_up_floor_seq_number", 0, MAX_FLOOR_SEQ_NUMBER)


@dataclass(frozen=True)
class _RemotePartyCredentials:
    """The body 6.15.1 and 6.21 share (DUIS gives them the same sequence)."""

    role: RemotePartyRole
    certificates: ReplacementCertificates
    certification_path: tuple[bytes, ...]
    apply_time_based_cpv_checks: bool
    floor_seq_number: int | None = None
    top_up_floor_seq_number: int | None = None
    execute_at: datetime | None = None  # None: immediately; LATEST_INSTANT: cancel

    def __post_init__(self) -> None:
        check_enum(self.role, RemotePartyRole, "role")
        _check_floors(self.floor_seq_number, self.top_up_floor_seq_number)
        _check_common(
            self.certificates,
            self.certification_path,
            self.apply_time_based_cpv_checks,
            self.execute_at,
        )


@dataclass(frozen=True)
class UpdateSecurityCredentialsKrpRequest(_RemotePartyCredentials, RequestBody):
    """6.15.1: a remote party (supplier, network operator, ...) replaces its certificates."""

    srv: ClassVar[SRV] = SRV.UPDATE_SECURITY_CREDENTIALS_KRP


@dataclass(frozen=True)
class RequestHandoverRequest(_RemotePartyCredentials, RequestBody):
    """6.21: a User takes over a device the DCC controls; a signing certificate is required."""

    srv: ClassVar[SRV] = SRV.REQUEST_HANDOVER_OF_DCC_CONTROLLED_DEVICE

    def __post_init__(self) -> None:
        super().__post_init__()
        self.certificates.require("certificates", "digital_signing")


@dataclass(frozen=True)
class UpdateSecurityCredentialsCosRequest(RequestBody):
    """6.23: at a change of supplier, the incoming supplier's certificates replace the old."""

    srv: ClassVar[SRV] = SRV.UPDATE_SECURITY_CREDENTIALS_COS

    floor_seq_number: int
    certificates: ReplacementCertificates
    certification_path: tuple[bytes, ...]
    apply_time_based_cpv_checks: bool
    import_mpxn: str  # the meter's import MPAN or MPRN, as DUIS writes it
    top_up_floor_seq_number: int | None = None
    execute_at: datetime | None = None  # None: immediately; LATEST_INSTANT: cancel

    def __post_init__(self) -> None:
        check_int(self.floor_seq_number, "floor_seq_number", 0, MAX_FLOOR_SEQ_NUMBER)
        _check_floors(None, self.top_up_floor_seq_number)
        _check_common(
            self.certificates,
            self.certification_path,
            self.apply_time_based_cpv_checks,
            self.execute_at,
        )
        self.certificates.require("certificates", "digital_signing")
        check_mpxn(self.import_mpxn, "import_mpxn", 1)


@dataclass(frozen=True)
class ServiceOptOutRequest(RequestBody):
    """8.5: the consumer opts out of DCC services; the ACB's certificates are replaced.

    Always future-dated (DUIS makes ExecutionDateTime mandatory); no top-up certificate.
    """

    srv: ClassVar[SRV] = SRV.SERVICE_OPT_OUT

    execute_at: datetime
    acb_floor_seq_number: int
    certificates: ReplacementCertificates
    certification_path: tuple[bytes, ...]
    apply_time_based_cpv_checks: bool

    def __post_init__(self) -> None:
        check_timestamp(self.execute_at, "execute_at")
        check_int(self.acb_floor_seq_number, "acb_floor_seq_number", 0, MAX_FLOOR_SEQ_NUMBER)
        _check_common(
            self.certificates,
            self.certification_path,
            self.apply_time_based_cpv_checks,
            self.execute_at,
        )
        self.certificates.require("certificates", "key_agreement")
        if self.certificates.key_agreement_top_up is not None:
            raise ModelError("certificates.key_agreement_top_up: an ACB has no top-up key")


def check_mpxn(value: str, field: str, lo: int) -> str:
    """An MPAN or MPRN as DUIS carries it: ASCII digits (MPANs 13, MPRNs up to 10)."""
    if not isinstance(value, str):
        raise ModelError(f"{field}: must be a str, got {type(value).__name__}")
    if not lo <= len(value) <= MAX_MPXN or not (value.isascii() and value.isdigit()):
        raise ModelError(f"{field}: needs {lo} to {MAX_MPXN} digits, got {value!r}")
    return value


@dataclass(frozen=True)
class CertificateReplacement:
    """One certificate the device replaced, and the remote party it now names."""

    certificate_type: CertificateType
    role: RemotePartyRole
    new_party: EUI64

    def __post_init__(self) -> None:
        check_enum(self.certificate_type, CertificateType, "certificate_type")
        check_enum(self.role, RemotePartyRole, "role")
        check_instance(self.new_party, EUI64, "new_party")


@dataclass(frozen=True)
class _CredentialsOutcome:
    replaced: tuple[CertificateReplacement, ...] = ()  # empty: future-dated, not run yet

    def __post_init__(self) -> None:
        check_tuple(self.replaced, "replaced", CertificateReplacement, 0, 3)
        kinds = [item.certificate_type for item in self.replaced]
        if len(set(kinds)) != len(kinds):
            raise ModelError("replaced: a certificate type appears more than once")


@dataclass(frozen=True)
class UpdateSecurityCredentialsKrpResponse(_CredentialsOutcome, ResponseBody):
    srv: ClassVar[SRV] = SRV.UPDATE_SECURITY_CREDENTIALS_KRP


@dataclass(frozen=True)
class RequestHandoverResponse(_CredentialsOutcome, ResponseBody):
    srv: ClassVar[SRV] = SRV.REQUEST_HANDOVER_OF_DCC_CONTROLLED_DEVICE


@dataclass(frozen=True)
class UpdateSecurityCredentialsCosResponse(_CredentialsOutcome, ResponseBody):
    srv: ClassVar[SRV] = SRV.UPDATE_SECURITY_CREDENTIALS_COS


@dataclass(frozen=True)
class ServiceOptOutResponse(_CredentialsOutcome, ResponseBody):
    srv: ClassVar[SRV] = SRV.SERVICE_OPT_OUT
