"""SRVs 6.15.1, 6.21, 6.23 and 8.5: replacing a device's security credentials."""

from __future__ import annotations

from construct import Int16ub, Int64ub

from s1sr.codecs.primitives import BoundedBytes, Eui64Field
from s1sr.codecs.wire.control import BooleanAdapter
from s1sr.codecs.wire.fields import (
    ModelAdapter,
    Presence,
    Timestamp,
    ascii_text,
    enum_field,
    tuple_of,
)
from s1sr.models.credentials import (
    MAX_CERTIFICATE_BYTES,
    MAX_MPXN,
    MAX_PATH_CERTIFICATES,
    CertificateReplacement,
    CertificateType,
    RemotePartyRole,
    ReplacementCertificates,
    RequestHandoverRequest,
    RequestHandoverResponse,
    ServiceOptOutRequest,
    ServiceOptOutResponse,
    UpdateSecurityCredentialsCosRequest,
    UpdateSecurityCredentialsCosResponse,
    UpdateSecurityCredentialsKrpRequest,
    UpdateSecurityCredentialsKrpResponse,
)

Certificate = BoundedBytes(Int16ub, MAX_CERTIFICATE_BYTES)
FloorSeqNumber = Int64ub
Boolean = BooleanAdapter()

ReplacementCertificatesField = ModelAdapter(
    ReplacementCertificates,
    "digital_signing" / Presence(Certificate),
    "key_agreement" / Presence(Certificate),
    "key_agreement_top_up" / Presence(Certificate),
)
CertificationPath = tuple_of(Certificate, MAX_PATH_CERTIFICATES, min_count=1)


def _remote_party(model: type) -> ModelAdapter:
    return ModelAdapter(
        model,
        "role" / enum_field(RemotePartyRole),
        "certificates" / ReplacementCertificatesField,
        "certification_path" / CertificationPath,
        "apply_time_based_cpv_checks" / Boolean,
        "floor_seq_number" / Presence(FloorSeqNumber),
        "top_up_floor_seq_number" / Presence(FloorSeqNumber),
        "execute_at" / Presence(Timestamp),
    )


KRP_REQUEST = _remote_party(UpdateSecurityCredentialsKrpRequest)
HANDOVER_REQUEST = _remote_party(RequestHandoverRequest)
COS_REQUEST = ModelAdapter(
    UpdateSecurityCredentialsCosRequest,
    "floor_seq_number" / FloorSeqNumber,
    "certificates" / ReplacementCertificatesField,
    "certification_path" / CertificationPath,
    "apply_time_based_cpv_checks" / Boolean,
    "import_mpxn" / ascii_text(MAX_MPXN),
    "top_up_floor_seq_number" / Presence(FloorSeqNumber),
    "execute_at" / Presence(Timestamp),
)
OPT_OUT_REQUEST = ModelAdapter(
    ServiceOptOutRequest,
    "execute_at" / Timestamp,
    "acb_floor_seq_number" / FloorSeqNumber,
    "certificates" / ReplacementCertificatesField,
    "certification_path" / CertificationPath,
    "apply_time_based_cpv_checks" / Boolean,
)

CertificateReplacementField = ModelAdapter(
    CertificateReplacement,
    "certificate_type" / enum_field(CertificateType),
    "role" / enum_field(RemotePartyRole),
    "new_party" / Eui64Field,
)


def _outcome(model: type) -> ModelAdapter:
    return ModelAdapter(model, "replaced" / tuple_of(CertificateReplacementField, 3))


KRP_RESPONSE = _outcome(UpdateSecurityCredentialsKrpResponse)
HANDOVER_RESPONSE = _outcome(RequestHandoverResponse)
COS_RESPONSE = _outcome(UpdateSecurityCredentialsCosResponse)
OPT_OUT_RESPONSE = _outcome(ServiceOptOutResponse)
