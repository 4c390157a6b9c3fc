"""SMETS1ResponseMessage: the S1SP's MMC answer typed both ways, schema-valid and signed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from s1sr.codecs.duis import CodecError, RequestId
from s1sr.codecs.duis.response import (
    DuisResponse,
    ResponseHeader,
    decode_response,
    encode_response,
)
from s1sr.codecs.duis.smets1 import (
    ACKNOWLEDGED,
    MmcHeader,
    Smets1Response,
    rsp_element,
    smets1_response_body,
)
from s1sr.models import (
    EUI64,
    DailyReadLogResponse,
    ReadFirmwareVersionResponse,
    ResponseCode,
    utc,
)
from tests import strategies as S

COUNTERS = st.integers(0, (1 << 64) - 1)
EXTRAS = st.lists(
    st.sampled_from(
        [
            ("SupplementaryRemotePartyID", "90-B3-D5-1F-30-01-00-00"),
            ("SupplementaryRemotePartyCounter", "17"),
            ("SupplementaryOriginatorCounter", "18"),
            ("GBCSHexadecimalMessageCode", "0067"),
        ]
    ),
    unique_by=lambda pair: pair[0],
).map(lambda pairs: tuple(sorted(pairs, key=lambda p: [n for n, _ in EXTRA_ORDER].index(p[0]))))
EXTRA_ORDER = [
    ("SupplementaryRemotePartyID", ""),
    ("SupplementaryRemotePartyCounter", ""),
    ("SupplementaryOriginatorCounter", ""),
    ("GBCSHexadecimalMessageCode", ""),
]


@st.composite
def answers(draw) -> Smets1Response:
    srv = draw(st.sampled_from(sorted(ACKNOWLEDGED | {"11.2", "11.3"})))
    success = draw(st.none() | st.booleans())
    version = None
    if srv in ("11.2", "11.3") and draw(st.booleans()):
        version = draw(S.firmware_versions())
    header = MmcHeader(
        draw(S.eui64s()),
        draw(S.eui64s()),
        draw(COUNTERS),
        draw(st.none() | st.just(srv)),
        draw(st.none() | S.timestamps()),
        draw(EXTRAS),
    )
    return Smets1Response(header, srv, success, rsp_element(srv, success, version))


def _message(answer: Smets1Response, code: str = "I0") -> bytes:
    request = RequestId(answer.header.target, answer.header.originator, 41)
    header = ResponseHeader(code, answer.header.at or utc(2026, 1, 5), request)
    return encode_response(DuisResponse(header, smets1_response_body(answer)))


@given(answers())
def test_smets1_answers_round_trip_and_validate(schema, answer):
    data = _message(answer)
    schema.check(etree.fromstring(data))
    decoded = decode_response(data, schema)
    assert decoded.smets1() == answer
    if answer.srv == "11.2" and answer.success is not False and answer.firmware_version is None:
        with pytest.raises(CodecError, match="FirmwareVersion"):
            decoded.to_model()
        return
    model = decoded.to_model()
    assert model.request_id == 41 and model.code is ResponseCode.I0
    assert str(model.srv) == answer.srv and model.target == answer.header.originator
    if answer.srv == "11.2" and answer.success is not False:
        assert model.body == ReadFirmwareVersionResponse(answer.firmware_version)
    else:
        assert model.body is None


def test_an_empty_read_log_answer_is_an_empty_log_and_a_failed_one_has_no_body(schema):
    header = MmcHeader(
        EUI64.parse("00-DB-12-34-56-78-90-B1"), EUI64.parse("90-B3-D5-1F-30-01-00-00"), 1
    )
    answer = Smets1Response(header, "4.6.1", True, rsp_element("4.6.1", True))
    decoded = decode_response(_message(answer), schema)
    assert decoded.smets1() == answer
    assert decoded.to_model().body == DailyReadLogResponse(())
    failed = Smets1Response(header, "4.6.1", False, rsp_element("4.6.1", False))
    assert decode_response(_message(failed), schema).to_model().body is None


def test_the_s1sp_signs_its_answer_and_the_signature_verifies(keys, schema):
    from s1sr.codecs.duis import SignatureError, verify_s1sp_alert
    from s1sr.models import FirmwareVersion

    header = MmcHeader(
        EUI64.parse("00-DB-12-34-56-78-90-B1"), EUI64.parse("90-B3-D5-1F-30-01-00-00"), 9, "11.2"
    )
    answer = Smets1Response(
        header, "11.2", True, rsp_element("11.2", True, FirmwareVersion(0x01020304))
    )
    response = DuisResponse(
        ResponseHeader("I0", utc(2026, 1, 5), RequestId(header.target, header.originator, 41)),
        smets1_response_body(answer),
    )
    entry = keys.named("dsp-xml-sign-90B3D51F30000002-ds")
    data = encode_response(
        response, s1sp_key=entry.private_key(), s1sp_certificate=entry.certificate
    )
    schema.check(etree.fromstring(data))
    assert verify_s1sp_alert(data, keys).signer.name == entry.name
    assert decode_response(data, schema).smets1() == answer
    with pytest.raises(SignatureError):
        verify_s1sp_alert(data.replace(b">01020304<", b">01020305<"), keys)
    with pytest.raises(SignatureError):
        verify_s1sp_alert(encode_response(response), keys)  # the placeholder
