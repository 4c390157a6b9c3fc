"""sr:Response: real DCC Boxed responses, GBCS payloads, S1SP alerts as the project's Alert."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from s1sr.codecs.duis import CodecError, RequestId
from s1sr.codecs.duis.response import (
    DuisResponse,
    ResponseHeader,
    S1SPAlert,
    decode_response,
    encode_response,
    gbcs_response_body,
    s1sp_alert_body,
)
from s1sr.models import S1CE20, ReadFirmwareVersionResponse, Response, Utrn
from tests import strategies as S
from tests.duis.conftest import canonical

NAMES = ["ECS52_11.2_SUCCESS_RESPONSE_DUIS.XML", "readfw-response.xml", "acknowledgement-error.xml"]


@pytest.mark.parametrize("name", NAMES)
def test_real_responses_decode_and_re_encode(name, responses, schema):
    data = (responses / name).read_bytes()
    response = decode_response(data, schema)
    assert response.srv == "11.2"
    encoded = encode_response(response)
    schema.check(etree.fromstring(encoded))
    assert canonical(encoded) == canonical(data)
    assert decode_response(encoded) == response


def test_gbcs_payload_decodes_to_the_typed_response(responses):
    response = decode_response((responses / "readfw-response.xml").read_bytes())
    assert response.header.code == "I0"
    model = response.to_model()
    assert isinstance(model, Response)
    assert isinstance(model.body, ReadFirmwareVersionResponse)
    assert str(model.target) == "88-73-84-57-00-2F-96-1E"


def test_an_error_acknowledgement_has_its_code_and_no_payload(responses):
    response = decode_response((responses / "acknowledgement-error.xml").read_bytes())
    assert response.header.code == "E65"
    assert response.gbcs_payload() is None
    with pytest.raises(CodecError):
        response.to_model()


REQUEST_ID = RequestId.parse("90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A1:7")
NOT_WHOLE_POUNDS = Utrn.parse("73947252416745201637")  # pennies: refused under 18.6(b)


def test_an_s1sp_alert_refusing_a_utrn_keeps_code_and_utrn(schema):
    alert = S1SPAlert(
        "S1PX06",
        datetime(2026, 1, 5, 9, tzinfo=UTC),
        REQUEST_ID,
        None,
        None,
        NOT_WHOLE_POUNDS.digits,
    )
    response = DuisResponse(ResponseHeader("I0", alert.at), s1sp_alert_body(alert))
    data = encode_response(response)
    schema.check(etree.fromstring(data))
    decoded = decode_response(data, schema)
    assert decoded.s1sp_alert() == alert
    model = decoded.to_model()
    assert model.code == "S1PX06" and model.request_id == 7
    assert NOT_WHOLE_POUNDS.digits in model.detail


ALERTS = st.builds(
    S1SPAlert,
    st.sampled_from([S1CE20, "S1PX01", "ABC-12", "x"]),
    S.timestamps(),
    st.none() | st.builds(RequestId, S.eui64s(), S.eui64s(), st.integers(0, (1 << 64) - 1)),
    st.none() | S.eui64s(),
    st.none() | st.text(st.characters(codec="ascii", min_codepoint=33), min_size=1, max_size=30),
    st.none() | S.utrns().map(lambda u: u.digits),
)


@given(ALERTS)
def test_s1sp_alerts_round_trip(alert):
    body = s1sp_alert_body(alert)
    response = DuisResponse(ResponseHeader("I0", alert.at), body)
    assert decode_response(encode_response(response)).s1sp_alert() == alert


@given(S.timestamps(), st.binary(min_size=1, max_size=200), st.sampled_from(["I0", "I99", "E65"]))
def test_gbcs_responses_round_trip(at, payload, code):
    response = DuisResponse(
        ResponseHeader(code, at, REQUEST_ID), gbcs_response_body("11.2", payload)
    )
    decoded = decode_response(encode_response(response))
    assert decoded == response and decoded.gbcs_payload() == payload
