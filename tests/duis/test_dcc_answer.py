"""The DCC's own answer to 8.6, 11.1 and 11.4 (MMC has none), and a refusal of any SRV."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from s1sr.codecs.duis import CodecError, RequestId
from s1sr.codecs.duis.dcc_answer import answer_body, dcc_answer_body, read_dcc_answer
from s1sr.codecs.duis.response import DuisResponse, ResponseHeader, decode_response, encode_response
from s1sr.codecs.duis.smets1 import smets1_answer
from s1sr.models import (
    EUI64,
    SRV,
    FirmwareOutcome,
    FirmwareVersion,
    Response,
    ResponseCode,
    UpdateFirmwareResponse,
)
from s1sr.models.opt_in import ServiceOptInResponse
from s1sr.models.ppmid_firmware import UpdatePpmidFirmwareResponse
from tests import strategies as S
from tests.duis.mmc_documents import DEVICE, NOW, USER

DCC = EUI64.parse("90-B3-D5-1F-30-00-00-02")  # the RTDS templates' DCC
CODES = [ResponseCode.I0, ResponseCode.I99, ResponseCode.E11, ResponseCode.E65]

_DOCUMENT = """<?xml version="1.0" encoding="UTF-8"?>
<sr:Response xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" schemaVersion="5.4">
  <sr:Header>
    <sr:RequestID>90-B3-D5-1F-30-01-00-00:90-B3-D5-1F-30-00-00-02:41</sr:RequestID>
    <sr:ResponseCode>{code}</sr:ResponseCode>
    <sr:ResponseDateTime>2026-01-05T00:00:00.000Z</sr:ResponseDateTime>
  </sr:Header>
  <sr:Body>
    <sr:ResponseMessage>
      <sr:ServiceReference>{srv}</sr:ServiceReference>
      <sr:ServiceReferenceVariant>{srv}</sr:ServiceReferenceVariant>{extra}
    </sr:ResponseMessage>
  </sr:Body>
</sr:Response>
"""


def _document(srv: str, code: str, extra: str = "") -> bytes:
    return _DOCUMENT.format(srv=srv, code=code, extra=extra).encode()


def _encode(response: Response) -> bytes:
    header = ResponseHeader(str(response.code), NOW, RequestId(USER, DCC, response.request_id))
    return encode_response(DuisResponse(header, dcc_answer_body(response)))


@st.composite
def dcc_answers(draw) -> Response:
    srv = draw(st.sampled_from(list(SRV)))
    code = draw(st.sampled_from(CODES))
    body = ServiceOptInResponse() if srv is SRV.SERVICE_OPT_IN and code is ResponseCode.I0 else None
    return Response(draw(st.integers(0, (1 << 64) - 1)), draw(S.eui64s()), srv, code, body)


@given(dcc_answers())
def test_dcc_answers_round_trip_schema_valid(schema, response):
    data = _encode(response)
    schema.check(etree.fromstring(data))
    assert read_dcc_answer(decode_response(data, schema), response.target) == response


EXAMPLES = [
    (
        "8.6",
        "I0",
        Response(41, DEVICE, SRV.SERVICE_OPT_IN, ResponseCode.I0, ServiceOptInResponse()),
    ),
    ("8.6", "E11", Response(41, DEVICE, SRV.SERVICE_OPT_IN, ResponseCode.E11)),
    ("11.1", "I99", Response(41, DEVICE, SRV.UPDATE_FIRMWARE, ResponseCode.I99)),
    ("11.4", "E11", Response(41, DEVICE, SRV.UPDATE_PPMID_FIRMWARE, ResponseCode.E11)),
]


@pytest.mark.parametrize(
    ("srv", "code", "expected"), EXAMPLES, ids=[f"{e[0]}-{e[1]}" for e in EXAMPLES]
)
def test_a_hand_written_dcc_answer_gives_the_expected_model(schema, srv, code, expected):
    data = _document(srv, code)
    schema.check(etree.fromstring(data))
    assert read_dcc_answer(decode_response(data, schema), DEVICE) == expected
    assert decode_response(_encode(expected), schema).body == decode_response(data, schema).body


def test_the_real_e65_acknowledgement_reads_as_a_response_without_body(responses):
    data = (responses / "acknowledgement-error.xml").read_bytes()
    response = read_dcc_answer(decode_response(data))
    assert response.srv is SRV.READ_FIRMWARE_VERSION and response.code is ResponseCode.E65
    assert response.body is None and response.target == EUI64.parse("88-73-84-57-00-2F-96-6C")


@pytest.mark.parametrize(
    ("srv", "extra", "named"),
    [
        (
            "8.6",
            "<sr:DSPOptIn><sr:DeviceID>00-DB-12-34-56-78-90-B1</sr:DeviceID>"
            "<sr:DSPBrokerSecurityCredentialsKeyAgreement>AAAA"
            "</sr:DSPBrokerSecurityCredentialsKeyAgreement></sr:DSPOptIn>",
            "DSPOptIn",
        ),
        (
            "11.1",
            "<sr:DSPUpdateFirmwareWarning><sr:NotApplicableFirmwareDeviceIDList>"
            "<sr:DeviceID>00-DB-12-34-56-78-90-B1</sr:DeviceID>"
            "</sr:NotApplicableFirmwareDeviceIDList></sr:DSPUpdateFirmwareWarning>",
            "DSPUpdateFirmwareWarning",
        ),
        ("11.2", "<sr:GBCSPayload>AAAA</sr:GBCSPayload>", "GBCSPayload"),
    ],
)
def test_what_the_model_cannot_hold_is_a_codec_error_naming_it(schema, srv, extra, named):
    data = _document(srv, "I0", extra)
    decoded = decode_response(data)
    with pytest.raises(CodecError) as caught:
        read_dcc_answer(decoded, DEVICE)
    assert caught.value.path.endswith(f"sr:{named}")


@pytest.mark.parametrize(
    "response",
    [
        Response(
            41,
            DEVICE,
            SRV.UPDATE_FIRMWARE,
            ResponseCode.I0,
            UpdateFirmwareResponse(FirmwareVersion(1), FirmwareOutcome.ACCEPTED),
        ),
        Response(
            41,
            DEVICE,
            SRV.UPDATE_PPMID_FIRMWARE,
            ResponseCode.I0,
            UpdatePpmidFirmwareResponse(FirmwareVersion(1), FirmwareOutcome.FAILED),
        ),
        Response(41, DEVICE, SRV.SERVICE_OPT_IN, ResponseCode.E11, ServiceOptInResponse()),
        Response(41, DEVICE, SRV.SERVICE_OPT_IN, ResponseCode.I0),
    ],
    ids=["11.1-outcome", "11.4-outcome", "8.6-E11-with-body", "8.6-I0-without"],
)
def test_a_response_the_dcc_answer_cannot_carry_is_refused(response):
    with pytest.raises(CodecError, match=r"ResponseMessage|exactly when I0"):
        dcc_answer_body(response)


@pytest.mark.parametrize(
    "srv", [SRV.SERVICE_OPT_IN, SRV.UPDATE_FIRMWARE, SRV.UPDATE_PPMID_FIRMWARE]
)
def test_mmc_has_no_answer_for_the_dcc_answered_srvs_and_answer_body_picks_the_dccs(schema, srv):
    refused = Response(41, DEVICE, srv, ResponseCode.E11)
    with pytest.raises(CodecError, match="the DCC answers it"):
        smets1_answer(refused, USER, 9, NOW)
    body = answer_body(refused, USER, 9, NOW)
    assert body.name == "ResponseMessage" and [c.name for c in body.children] == [
        "ServiceReference",
        "ServiceReferenceVariant",
    ]


def test_answer_body_gives_the_mmc_answer_for_the_others(schema):
    refused = Response(41, DEVICE, SRV.SERVICE_OPT_OUT, ResponseCode.E11)
    body = answer_body(refused, USER, 9, NOW)
    header = ResponseHeader("E11", NOW, RequestId(USER, DEVICE, 41))
    decoded = decode_response(encode_response(DuisResponse(header, body)), schema)
    assert body.name == "SMETS1ResponseMessage" and decoded.to_model() == refused


@given(st.sampled_from(EXAMPLES), st.data())
def test_mutated_dcc_answers_raise_only_codec_error(schema, example, data):
    raw = bytearray(_document(example[0], example[1]))
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        if data.draw(st.booleans()):
            raw[at] = data.draw(st.integers(0, 255))
        else:
            del raw[at : at + data.draw(st.integers(1, 16))]
    for checked in (None, schema):
        try:
            read_dcc_answer(decode_response(bytes(raw), checked), DEVICE)
        except CodecError as exc:
            assert exc.reason
