"""6.15.1, 6.21, 6.23, 8.5, 8.6 and 11.4 as typed DUIS bodies: both ways, schema-valid,
also in the variants the shared templates do not hold; what the model cannot take is
one CodecError naming the element."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from s1sr.codecs.duis import CodecError, decode_request, encode_request
from s1sr.codecs.duis.bodies import Framing
from s1sr.codecs.duis.views import TypedRequest, from_typed, to_model, typed
from s1sr.models import (
    EUI64,
    DeviceType,
    RemotePartyRole,
    ReplacementCertificates,
    Request,
    RequestHandoverRequest,
    ServiceOptInRequest,
    ServiceOptOutRequest,
    UpdatePpmidFirmwareRequest,
    UpdateSecurityCredentialsCosRequest,
    UpdateSecurityCredentialsKrpRequest,
    utc,
)
from s1sr.models.dates import LATEST_INSTANT
from s1sr.models.examples import FIRMWARE_IMAGE
from tests import strategies as S
from tests.duis.conftest import template
from tests.duis.strategies import opt_ins, ppmid_firmware_updates

SUPPLIER = EUI64.parse("90-B3-D5-1F-30-01-00-00")
DCC = EUI64.parse("90-B3-D5-1F-30-00-00-02")
ESME = EUI64.parse("00-DB-12-34-56-78-90-A0")
PPMID = EUI64.parse("00-DB-12-34-56-78-90-A4")
DS, KA, TOP_UP, CA = (bytes([0x30, n]) * 40 for n in range(4))

NEW_BODIES = {
    "6.15.1": st.tuples(S.update_security_credentials_krp_requests(), st.just(Framing())),
    "6.21": st.tuples(S.request_handover_requests(), st.just(Framing())),
    "6.23": st.tuples(S.update_security_credentials_cos_requests(), st.just(Framing())),
    "8.5": st.tuples(S.service_opt_out_requests(), st.just(Framing())),
    "8.6": opt_ins(),
    "11.4": ppmid_firmware_updates(),
}


def _view(body, framing=None, request_id=7, target=ESME) -> TypedRequest:
    return TypedRequest(Request(request_id, SUPPLIER, target, body), framing or Framing())


@pytest.mark.parametrize("srv", NEW_BODIES)
def test_typed_to_xml_to_typed_is_the_identity_and_schema_valid(schema, srv):
    @given(NEW_BODIES[srv], S.eui64s(), st.integers(0, (1 << 64) - 1))
    def check(pair, target, counter):
        body, framing = pair
        view = _view(body, framing, counter, target)
        data = encode_request(from_typed(view))
        schema.check(etree.fromstring(data))
        assert typed(decode_request(data, schema)) == view

    check()


# Variants the shared templates do not hold, each written out: other roles, no optional
# floors, only some certificates, three path certificates, immediate and cancelled forms,
# a gas meter's opt-in with its MPRN alone, a PPMID image whose version DUIS repeats.
VARIANTS = {
    "6.15.1 network operator, top-up key only, immediate, no floors": _view(
        UpdateSecurityCredentialsKrpRequest(
            RemotePartyRole.NETWORK_OPERATOR,
            ReplacementCertificates(key_agreement_top_up=TOP_UP),
            (CA, DS, KA),
            False,
        )
    ),
    "6.15.1 supplier, no certificate at all (the schema allows it)": _view(
        UpdateSecurityCredentialsKrpRequest(
            RemotePartyRole.SUPPLIER, ReplacementCertificates(), (CA,), True, 5
        )
    ),
    "6.21 future-dated, signing certificate only": _view(
        RequestHandoverRequest(
            RemotePartyRole.SUPPLIER,
            ReplacementCertificates(DS),
            (CA,),
            False,
            execute_at=utc(2031, 3, 30, 1, 30),
        )
    ),
    "6.21 cancelled": _view(
        RequestHandoverRequest(
            RemotePartyRole.NETWORK_OPERATOR,
            ReplacementCertificates(DS, KA),
            (CA, CA),
            True,
            1,
            execute_at=LATEST_INSTANT,
        )
    ),
    "6.23 immediate, MPRN, no top-up floor": _view(
        UpdateSecurityCredentialsCosRequest(
            12, ReplacementCertificates(DS, KA), (CA,), False, "7654321"
        )
    ),
    "8.5 cancelled, with a signing certificate": _view(
        ServiceOptOutRequest(LATEST_INSTANT, 3, ReplacementCertificates(DS, KA), (CA,), False)
    ),
    "8.6 gas meter, MPRN only": _view(
        ServiceOptInRequest(DeviceType.GSME, "1234567890", utc(2030, 4, 1).date()),
        Framing(addressee=DCC),
        target=EUI64.parse("00-DB-12-34-56-78-90-C2"),
    ),
    "11.4 version as the image's header says": _view(
        UpdatePpmidFirmwareRequest(FIRMWARE_IMAGE), Framing(addressee=DCC), target=PPMID
    ),
}


@pytest.mark.parametrize("view", VARIANTS.values(), ids=VARIANTS.keys())
def test_variants_beyond_the_templates_are_schema_valid_and_round_trip(schema, view):
    data = encode_request(from_typed(view))
    schema.check(etree.fromstring(data))
    request = decode_request(data, schema)
    assert typed(request) == view
    assert to_model(request) == view.model


def test_8_6_and_11_4_travel_to_the_dcc_and_name_the_device_in_the_body():
    for view in (
        VARIANTS["8.6 gas meter, MPRN only"],
        VARIANTS["11.4 version as the image's header says"],
    ):
        request = from_typed(view)
        assert request.header.request_id.target == DCC
        assert typed(request).model.target == view.model.target != DCC


def _template(srv_part: str) -> bytes:
    return template(srv_part).read_bytes()


def _edited(srv_part: str, old: bytes, new: bytes) -> bytes:
    data = _template(srv_part)
    assert old in data
    return data.replace(old, new, 1)


REFUSED = [
    (
        "8.5 without its mandatory execution time",
        "_8.5_",
        b"<sr:ExecutionDateTime>2015-01-15T00:00:00.00Z</sr:ExecutionDateTime>",
        b"",
        "ServiceOptOut",
    ),
    (
        "a certificate that is not base64",
        "_6.21_",
        b"<sr:Certificate>MIIB",
        b"<sr:Certificate>!!!!MIIB",
        "CertificationPathCertificates/sr:Certificate[1]",
    ),
    (
        "an opt-in of a device type the project does not model",
        "8.6_SERVICE",
        b"<sr:DeviceType>ESME</sr:DeviceType>",
        b"<sr:DeviceType>GPF</sr:DeviceType>",
        "sr:DeviceType",
    ),
    (
        "an opt-in date with a zone",
        "8.6_SERVICE",
        b"<sr:OptInDate>2015-02-01</sr:OptInDate>",
        b"<sr:OptInDate>2015-02-01Z</sr:OptInDate>",
        "sr:OptInDate",
    ),
    (
        "a PPMID image for several devices",
        "11.4_UPDATE",
        b"<sr:DeviceIDList>00-DB-12-34-56-78-90-A4</sr:DeviceIDList>",
        b"<sr:DeviceIDList>00-DB-12-34-56-78-90-A4,00-DB-12-34-56-78-90-A5</sr:DeviceIDList>",
        "sr:DeviceIDList",
    ),
    (
        "a floor sequence number beyond the schema's",
        "CS02bSupplierByTransCoS_6.23_FUTURE",
        b"<sr:SupplierFloorSeqNumber>0<",
        b"<sr:SupplierFloorSeqNumber>9223372036854775808<",
        "sr:SupplierFloorSeqNumber",
    ),
    (
        "a handover without the signing certificate",
        "_6.21_",
        b"<sr:DigitalSigningCertificate>",
        b"<sr:KeyAgreementCertificate>",
        "RequestHandoverOfDCCControlledDevice",
    ),
]


@pytest.mark.parametrize(
    ("srv_part", "old", "new", "where"),
    [case[1:] for case in REFUSED],
    ids=[case[0] for case in REFUSED],
)
def test_what_the_model_cannot_take_is_one_codec_error_naming_the_element(
    srv_part, old, new, where
):
    if b"<sr:DigitalSigningCertificate>" == old:
        data = _template(srv_part)
        start = data.index(old)
        end = data.index(b"</sr:DigitalSigningCertificate>") + len(
            b"</sr:DigitalSigningCertificate>"
        )
        data = data[:start] + data[end:]
    else:
        data = _edited(srv_part, old, new)
    with pytest.raises(CodecError) as caught:
        to_model(decode_request(data))
    assert where in caught.value.path, caught.value.path


def test_a_template_certificate_is_kept_byte_for_byte():
    request = decode_request(_template("CS02gLoadControllerBySupplier_6.15.1_CANCELLATION"))
    model = to_model(request).body
    assert model.role is RemotePartyRole.LOAD_CONTROLLER
    assert model.execute_at == LATEST_INSTANT
    assert model.certificates.key_agreement_top_up is None
    assert model.certificates.digital_signing[:2] == b"\x30\x82"
    assert replace(model, execute_at=None).execute_at is None
