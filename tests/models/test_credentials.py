"""The models of 6.15.1, 6.21, 6.23, 8.5, 8.6 and 11.4 refuse what DUIS does not allow."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from s1sr.models import (
    EUI64,
    DeviceType,
    ModelError,
    RemotePartyRole,
    ReplacementCertificates,
    RequestHandoverRequest,
    ServiceOptInRequest,
    ServiceOptOutRequest,
    UpdatePpmidFirmwareRequest,
    UpdateSecurityCredentialsCosRequest,
    UpdateSecurityCredentialsKrpRequest,
    UpdateSecurityCredentialsKrpResponse,
    utc,
)
from s1sr.models.credentials import (
    MAX_FLOOR_SEQ_NUMBER,
    CertificateReplacement,
    CertificateType,
)
from s1sr.models.examples import FIRMWARE_IMAGE, example_of

KRP = example_of(UpdateSecurityCredentialsKrpRequest)
COS = example_of(UpdateSecurityCredentialsCosRequest)
OPT_OUT = example_of(ServiceOptOutRequest)
OPT_IN = example_of(ServiceOptInRequest)
KEY_ONLY = ReplacementCertificates(key_agreement=b"\x30")


def _replace(model, **changes):
    return lambda: dataclasses.replace(model, **changes)


INVALID = [
    ("role", _replace(KRP, role="Supplier")),
    ("floor_seq_number", _replace(KRP, floor_seq_number=MAX_FLOOR_SEQ_NUMBER + 1)),
    ("top_up_floor_seq_number", _replace(KRP, top_up_floor_seq_number=-1)),
    ("certification_path", _replace(KRP, certification_path=())),
    ("certification_path", _replace(KRP, certification_path=(b"\x30",) * 4)),
    ("certification_path", _replace(KRP, certification_path=[b"\x30"])),
    ("certification_path[0]", _replace(KRP, certification_path=(b"",))),
    ("apply_time_based_cpv_checks", _replace(KRP, apply_time_based_cpv_checks=1)),
    ("execute_at", _replace(KRP, execute_at=date(2030, 1, 1))),
    ("digital_signing", lambda: ReplacementCertificates(digital_signing=b"")),
    ("key_agreement", lambda: ReplacementCertificates(key_agreement=bytes(4097))),
    (
        "certificates.digital_signing",
        lambda: RequestHandoverRequest(RemotePartyRole.SUPPLIER, KEY_ONLY, (b"\x30",), True),
    ),
    ("certificates.digital_signing", _replace(COS, certificates=KEY_ONLY)),
    ("floor_seq_number", _replace(COS, floor_seq_number=None)),
    ("import_mpxn", _replace(COS, import_mpxn="")),
    ("import_mpxn", _replace(COS, import_mpxn="13123456781234")),
    ("import_mpxn", _replace(COS, import_mpxn="13A")),
    ("execute_at", _replace(OPT_OUT, execute_at=None)),
    ("acb_floor_seq_number", _replace(OPT_OUT, acb_floor_seq_number=-1)),
    (
        "certificates.key_agreement",
        _replace(OPT_OUT, certificates=ReplacementCertificates(digital_signing=b"\x30")),
    ),
    (
        "certificates.key_agreement_top_up",
        _replace(OPT_OUT, certificates=ReplacementCertificates(None, b"\x30", b"\x30")),
    ),
    ("device_type", _replace(OPT_IN, device_type="ESME")),
    ("secondary_import_mpan", _replace(OPT_IN, secondary_import_mpan="131234567811")),
    ("export_mpan", _replace(OPT_IN, export_mpan="1312345678111x")),
    ("opt_in_date", _replace(OPT_IN, opt_in_date=utc(2030, 1, 1))),
    ("image", lambda: UpdatePpmidFirmwareRequest(FIRMWARE_IMAGE[:40])),
    ("image", lambda: UpdatePpmidFirmwareRequest(FIRMWARE_IMAGE + b"x")),
    (
        "replaced",
        lambda: UpdateSecurityCredentialsKrpResponse(
            (CertificateReplacement(CertificateType.KEY_AGREEMENT, RemotePartyRole.ACB, EUI64(1)),)
            * 2
        ),
    ),
    (
        "new_party",
        lambda: CertificateReplacement(CertificateType.KEY_AGREEMENT, RemotePartyRole.ACB, 1),
    ),
]


@pytest.mark.parametrize(
    ("field", "build"), INVALID, ids=[f"{i:02d}-{field}" for i, (field, _) in enumerate(INVALID)]
)
def test_invalid_value_is_refused_naming_the_field(field, build):
    with pytest.raises(ModelError) as caught:
        build()
    assert str(caught.value).startswith(f"{field}:"), str(caught.value)


def test_krp_may_replace_no_certificate_of_a_kind_the_schema_leaves_optional():
    """DUIS leaves all three KRP certificates optional; the model does not ask for more."""
    bare = dataclasses.replace(KRP, certificates=ReplacementCertificates())
    assert bare.certificates.digital_signing is None


def test_ppmid_image_names_the_hash_11_3_activates_it_by():
    request = UpdatePpmidFirmwareRequest(FIRMWARE_IMAGE)
    assert request.version.value == 0x01020304
    assert len(request.image_hash) == 32


def test_opt_in_holds_every_mpxn_of_an_electricity_meter():
    assert (OPT_IN.device_type, OPT_IN.secondary_import_mpan, OPT_IN.export_mpan) == (
        DeviceType.ESME,
        "1312345678222",
        "1312345678333",
    )
