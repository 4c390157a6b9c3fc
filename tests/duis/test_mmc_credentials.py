"""The MMC answers of 6.15.1, 6.21, 6.23 and 8.5 (``ra:ExecutionOutcome``) both ways."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from s1sr.codecs.duis import CodecError
from s1sr.codecs.duis.response import decode_response
from s1sr.codecs.duis.smets1 import Smets1Response
from s1sr.models import (
    EUI64,
    SRV,
    CertificateReplacement,
    CertificateType,
    RemotePartyRole,
    Response,
    ResponseCode,
)
from s1sr.models.credentials import (
    RequestHandoverResponse,
    ServiceOptOutResponse,
    UpdateSecurityCredentialsCosResponse,
    UpdateSecurityCredentialsKrpResponse,
)
from tests import strategies as S
from tests.duis.mmc_documents import DEVICE, answer_document, built_answer

CLASSES = {
    "6.15.1": UpdateSecurityCredentialsKrpResponse,
    "6.21": RequestHandoverResponse,
    "6.23": UpdateSecurityCredentialsCosResponse,
    "8.5": ServiceOptOutResponse,
}
RSP = {
    "6.15.1": "UpdateSecurityCredentialsKRPRsp",
    "6.21": "RequestHandoverOfDCCControlledDeviceRsp",
    "6.23": "UpdateSecurityCredentialsCoSRsp",
    "8.5": "ServiceOptOutRsp",
}
NEW = EUI64.parse("90-B3-D5-1F-30-02-00-00")


def _replacement(kind: str, role: str, party: str = "90-B3-D5-1F-30-02-00-00") -> str:
    return (
        '<ra:ReplacementOutcome><ra:StatusCode ResponseCode="0"><ra:ASN1Status>success</ra:ASN1Status>'
        f"</ra:StatusCode><ra:CertificateType>{kind}</ra:CertificateType>"
        f"<ra:RemotePartyRole>{role}</ra:RemotePartyRole>"
        f"<ra:NewRemotePartyID>{party}</ra:NewRemotePartyID></ra:ReplacementOutcome>"
    )


def _rsp(srv: str, inner: str = "", success: str = "true") -> str:
    return f'<ra:{RSP[srv]} MessageSuccess="{success}">{inner}</ra:{RSP[srv]}>'


def _outcome(*replacements: str) -> str:
    return f"<ra:ExecutionOutcome>{''.join(replacements)}</ra:ExecutionOutcome>"


# One hand-written answer per SRV, and the model it means (written out by hand).
EXAMPLES = [
    (
        "6.15.1",
        _rsp(
            "6.15.1",
            _outcome(
                _replacement("DigitalSigning", "Supplier"),
                _replacement("KeyAgreement", "Supplier"),
            ),
        ),
        UpdateSecurityCredentialsKrpResponse(
            (
                CertificateReplacement(
                    CertificateType.DIGITAL_SIGNING, RemotePartyRole.SUPPLIER, NEW
                ),
                CertificateReplacement(
                    CertificateType.KEY_AGREEMENT, RemotePartyRole.SUPPLIER, NEW
                ),
            )
        ),
    ),
    (
        "6.21",
        _rsp("6.21", _outcome(_replacement("DigitalSigning", "NetworkOperator"))),
        RequestHandoverResponse(
            (
                CertificateReplacement(
                    CertificateType.DIGITAL_SIGNING, RemotePartyRole.NETWORK_OPERATOR, NEW
                ),
            )
        ),
    ),
    ("6.23", _rsp("6.23"), UpdateSecurityCredentialsCosResponse(())),  # future-dated
    (
        "8.5",
        _rsp("8.5", _outcome(_replacement("KeyAgreement", "ACB", "00-DB-12-34-56-78-00-04"))),
        ServiceOptOutResponse(
            (
                CertificateReplacement(
                    CertificateType.KEY_AGREEMENT,
                    RemotePartyRole.ACB,
                    EUI64.parse("00-DB-12-34-56-78-00-04"),
                ),
            )
        ),
    ),
]


@st.composite
def credentials_responses(draw) -> Response:
    srv = draw(st.sampled_from(sorted(CLASSES)))
    body = draw(st.none() | S.credentials_responses(CLASSES[srv]))
    code = draw(st.sampled_from([ResponseCode.I0, ResponseCode.E11, ResponseCode.E12]))
    return Response(draw(st.integers(0, (1 << 64) - 1)), draw(S.eui64s()), SRV(srv), code, body)


def _with_code(data: bytes, code: ResponseCode) -> bytes:
    return data.replace(b"<sr:ResponseCode>I0<", f"<sr:ResponseCode>{code}<".encode())


@given(credentials_responses())
def test_credentials_answers_round_trip_schema_valid(schema, response):
    data = _with_code(built_answer(response), response.code)
    schema.check(etree.fromstring(data))
    decoded = decode_response(data, schema)
    answer = decoded.smets1()
    assert isinstance(answer, Smets1Response) and answer.srv == str(response.srv)
    assert answer.success is (response.body is not None)
    assert decoded.to_model() == response


@pytest.mark.parametrize(("srv", "rsp", "body"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_a_hand_written_credentials_answer_gives_the_expected_model(schema, srv, rsp, body):
    data = answer_document(srv, rsp)
    schema.check(etree.fromstring(data))
    response = decode_response(data, schema).to_model()
    assert response == Response(41, DEVICE, SRV(srv), ResponseCode.I0, body)
    again = built_answer(response)
    schema.check(etree.fromstring(again))
    assert decode_response(again, schema).to_model() == response


@pytest.mark.parametrize("srv", sorted(CLASSES))
def test_a_refusal_is_message_success_false_with_the_code_in_the_header(schema, srv):
    refused = Response(41, DEVICE, SRV(srv), ResponseCode.E11)
    data = _with_code(built_answer(refused), ResponseCode.E11)
    schema.check(etree.fromstring(data))
    assert f'<ra:{RSP[srv]} MessageSuccess="false"/>'.encode() in data
    assert decode_response(data, schema).to_model() == refused


REFUSED = [
    (  # MMC names the replacement mode; the model has no place for it
        "<ra:ExecutionOutcome><ra:CredentialsReplacementMode>SupplierBySupplier"
        "</ra:CredentialsReplacementMode></ra:ExecutionOutcome>",
        "CredentialsReplacementMode",
    ),
    (
        "<ra:ExecutionOutcome><ra:RemotePartySeqNumberChange><ra:RemotePartyFloorSeqNumber>5"
        "</ra:RemotePartyFloorSeqNumber></ra:RemotePartySeqNumberChange></ra:ExecutionOutcome>",
        "RemotePartySeqNumberChange",
    ),
    (
        _outcome(
            _replacement("DigitalSigning", "Supplier").replace(
                "</ra:NewRemotePartyID>",
                "</ra:NewRemotePartyID><ra:NewCertificateHash>AAAA</ra:NewCertificateHash>",
            )
        ),
        "NewCertificateHash",
    ),
    (_outcome(_replacement("DigitalSigning", "Supplier").replace(">success<", ">other<")), "other"),
    (_outcome(_replacement("KeyCertSign", "Root")), "KeyCertSign"),
    (
        _outcome(
            _replacement("DigitalSigning", "Supplier").replace(
                'ResponseCode="0"', 'ResponseCode="3"'
            )
        ),
        "ResponseCode 0",
    ),
    ("<ra:ExecutionOutcome/>", "not run"),
    (
        _outcome(_replacement("KeyAgreement", "Supplier"), _replacement("KeyAgreement", "ACB")),
        "more than once",
    ),
    (
        _outcome(
            _replacement("DigitalSigning", "Supplier").replace(
                "<ra:NewRemotePartyID>90-B3-D5-1F-30-02-00-00</ra:NewRemotePartyID>", ""
            )
        ),
        "NewRemotePartyID missing",
    ),
]


@pytest.mark.parametrize(("inner", "named"), REFUSED, ids=[r[1] for r in REFUSED])
def test_what_the_model_cannot_hold_is_a_codec_error_naming_it(schema, inner, named):
    data = answer_document("6.15.1", _rsp("6.15.1", inner))
    schema.check(etree.fromstring(data))
    decoded = decode_response(data, schema)
    assert decoded.smets1().payload.children  # decoded faithfully ...
    with pytest.raises(CodecError, match=named) as caught:  # ... but not typed
        decoded.to_model()
    assert "UpdateSecurityCredentialsKRPRsp" in caught.value.path


def test_a_failed_answer_carrying_an_outcome_is_refused(schema):
    inner = _outcome(_replacement("DigitalSigning", "Supplier"))
    data = answer_document("6.21", _rsp("6.21", inner, success="false"))
    schema.check(etree.fromstring(data))
    with pytest.raises(CodecError, match="failed answer"):
        decode_response(data, schema).to_model()


def _seeds() -> list[bytes]:
    return [answer_document(srv, rsp) for srv, rsp, _ in EXAMPLES]


@st.composite
def mutated(draw) -> bytes:
    """A seed with leaves changed, elements dropped or doubled, or bytes cut and flipped."""
    data = draw(st.sampled_from(_seeds()))
    if draw(st.booleans()):
        raw = bytearray(data)
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(raw) - 1))
            if draw(st.booleans()):
                raw[at] = draw(st.integers(0, 255))
            else:
                del raw[at : at + draw(st.integers(1, 16))]
        return bytes(raw)
    root = etree.fromstring(data)
    body = root.find(".//{*}SMETS1Response/{*}Body")
    for _ in range(draw(st.integers(1, 3))):
        elements = [e for e in body.iter() if isinstance(e.tag, str) and e is not body]
        element = draw(st.sampled_from(elements))
        parent = element.getparent()
        kind = draw(st.sampled_from(["text", "drop", "duplicate", "attribute"]))
        if kind == "text" and not len(element):
            element.text = draw(st.text(st.sampled_from("0123456789-AFaf success"), max_size=24))
        elif kind == "drop" and parent is not body:
            parent.remove(element)
        elif kind == "duplicate":
            parent.insert(parent.index(element), copy.deepcopy(element))
        elif kind == "attribute":
            element.set("MessageSuccess", draw(st.sampled_from(["true", "false", "1", "x"])))
    return etree.tostring(root)


@given(mutated())
def test_mutated_credentials_answers_raise_only_codec_error(schema, data):
    for checked in (None, schema):
        try:
            decode_response(data, checked).to_model()
        except CodecError as exc:
            assert exc.reason
