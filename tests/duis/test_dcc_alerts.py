"""Outcomes DUIS reports by alert: 11.1 / 11.4 (DCC alerts), future-dated 6.15.1 / 6.23
(device alert 0x8F66), and any project Alert, both ways, schema-valid.

The hand-written documents are the independent side: SEC's schema validates them and the
expected models are written out by hand.
"""

from __future__ import annotations

import copy

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from lxml import etree

from s1sr.codecs.duis import CodecError, RequestId
from s1sr.codecs.duis.alerts import alert_body, outcome_body
from s1sr.codecs.duis.response import (
    DuisResponse,
    ResponseHeader,
    decode_response,
    encode_response,
)
from s1sr.emulator.han import codes
from s1sr.models import (
    EUI64,
    SRV,
    Alert,
    FirmwareOutcome,
    FirmwareVersion,
    Response,
    ResponseCode,
    UpdateFirmwareResponse,
    UpdatePpmidFirmwareResponse,
    utc,
)
from s1sr.models.credentials import (
    CertificateReplacement,
    CertificateType,
    RemotePartyRole,
    UpdateSecurityCredentialsCosResponse,
    UpdateSecurityCredentialsKrpResponse,
)
from tests import strategies as S
from tests.duis.mmc_documents import DEVICE, USER, alert_document

DCC = EUI64.parse("00-00-00-00-00-00-00-01")
HUB = EUI64.parse("00-DB-12-34-56-78-90-00")
AT = utc(2026, 1, 5, 9)
SECOND = utc(2026, 1, 5, 9, 0, 1)


def _document(body, code: str, request_id: RequestId, at=AT) -> bytes:
    """An alert's envelope is dated when it was raised (a DCC alert's only time)."""
    return encode_response(DuisResponse(ResponseHeader(code, at, request_id), body))


def _read(schema, data: bytes, srv: str | None = None):
    schema.check(etree.fromstring(data))
    return decode_response(data, schema).to_model(srv)


def millisecond_times():
    return S.timestamps().map(lambda t: t.replace(microsecond=t.microsecond // 1000 * 1000))


@st.composite
def firmware_outcomes(draw) -> Response:
    ppmid = draw(st.booleans())
    kind = UpdatePpmidFirmwareResponse if ppmid else UpdateFirmwareResponse
    body = kind(draw(S.firmware_versions()), draw(st.sampled_from(FirmwareOutcome)))
    code = draw(st.sampled_from([ResponseCode.I0, ResponseCode.I99]))
    return Response(draw(S.request_ids()), draw(S.eui64s()), body.srv, code, body)


@given(firmware_outcomes(), S.eui64s(), S.eui64s(), millisecond_times())
def test_a_firmware_outcome_round_trips_as_a_delivery_status(schema, response, user, hub, at):
    request_id = RequestId(user, DCC, response.request_id)
    data = _document(
        outcome_body(response, request_id, at, comms_hub=hub), str(response.code), request_id
    )
    assert _read(schema, data, str(response.srv)) == response


@st.composite
def credentials_outcomes(draw) -> Response:
    kind = draw(
        st.sampled_from(
            [UpdateSecurityCredentialsKrpResponse, UpdateSecurityCredentialsCosResponse]
        )
    )
    replaced = draw(S.certificate_replacements().filter(bool))
    return Response(
        draw(S.request_ids()), draw(S.eui64s()), kind.srv, ResponseCode.I0, kind(replaced)
    )


@given(credentials_outcomes(), S.eui64s(), millisecond_times(), st.integers(0, (1 << 64) - 1))
def test_a_future_dated_credentials_outcome_round_trips(schema, response, user, at, counter):
    request_id = RequestId(user, response.target, response.request_id)
    data = _document(outcome_body(response, request_id, at, counter=counter), "I0", request_id)
    assert _read(schema, data) == response


@st.composite
def firmware_alerts(draw) -> Alert:
    """What the emulator raises about 11.1 / 11.4 (S1PX04, S1PX05) and DCC-coded failures."""
    srv = draw(st.sampled_from([SRV.UPDATE_FIRMWARE, SRV.UPDATE_PPMID_FIRMWARE]))
    code = draw(
        st.sampled_from([codes.UPGRADE_STOPPED, codes.FIRMWARE_FAILED, "N999", "N42", "AD1"])
    )
    detail = (
        ""
        if code[0] in "NA"
        else draw(st.text(st.characters(min_codepoint=33, max_codepoint=126), max_size=80))
    )
    return Alert(
        code, draw(S.eui64s()), draw(millisecond_times()), draw(S.request_ids()), srv, detail
    )


@given(firmware_alerts(), S.eui64s())
def test_firmware_alerts_round_trip_given_the_srv_of_the_request(schema, alert, user):
    request_id = RequestId(user, DCC, alert.request_id)
    data = _document(alert_body(alert, request_id), "I0", request_id, alert.raised_at)
    assert _read(schema, data, str(alert.srv)) == alert


@given(S.alerts(), S.eui64s())
def test_any_project_alert_round_trips_or_is_refused(schema, alert, user):
    request_id = (
        None if alert.request_id is None else RequestId(user, alert.target, alert.request_id)
    )
    try:
        body = alert_body(alert, request_id)
    except CodecError:
        event("refused")
        return
    data = _document(body, "I0", request_id, alert.raised_at)
    event("carried")
    assert _read(schema, data, None if alert.srv is None else str(alert.srv)) == alert


def test_the_emulators_stopped_upgrade_alert_travels_as_an_s1sp_alert(schema):
    alert = Alert(
        codes.UPGRADE_STOPPED, DEVICE, AT, 7, SRV.UPDATE_FIRMWARE, "upgrade to 7E570001 stopped"
    )
    request_id = RequestId(USER, DCC, 7)
    body = alert_body(alert, request_id)
    assert body.find("DCCAlert").children[0].name == "S1SPAlertDSP"
    assert _read(schema, _document(body, "I0", request_id), "11.1") == alert


_DCC_ALERT = """<?xml version="1.0" encoding="UTF-8"?>
<sr:Response xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" schemaVersion="5.4">
  <sr:Header>
    <sr:RequestID>90-B3-D5-1F-30-01-00-00:00-00-00-00-00-00-00-01:41</sr:RequestID>
    <sr:ResponseCode>I0</sr:ResponseCode>
    <sr:ResponseDateTime>2026-01-05T09:00:01.000Z</sr:ResponseDateTime>
  </sr:Header>
  <sr:Body>
    <sr:DCCAlertMessage>
      <sr:DCCAlertCode>{code}</sr:DCCAlertCode>
      <sr:DCCAlert>{alert}</sr:DCCAlert>
    </sr:DCCAlertMessage>
  </sr:Body>
</sr:Response>
"""
DELIVERY = """<sr:CSPFirmwareDeliveryStatus>
  <sr:UpdateFirmwareRequestID>90-B3-D5-1F-30-01-00-00:00-00-00-00-00-00-00-01:41</sr:UpdateFirmwareRequestID>
  <sr:CommsHubDeviceID>00-DB-12-34-56-78-90-00</sr:CommsHubDeviceID>
  <sr:TargetDeviceID>00-db-12-34-56-78-90-b1</sr:TargetDeviceID>
  <sr:FirmwareVersion>7E570001</sr:FirmwareVersion>
  <sr:TimeStamp>2026-01-05T10:00:00+01:00</sr:TimeStamp>
  <sr:CommsHubTransferStatus>{status}</sr:CommsHubTransferStatus>
</sr:CSPFirmwareDeliveryStatus>"""
FAILURE = """<sr:FirmwareDistributionFailure>
  <sr:UpdateFirmwareRequestID>90-B3-D5-1F-30-01-00-00:00-00-00-00-00-00-00-01:41</sr:UpdateFirmwareRequestID>
  <sr:MeterIDs>{meters}</sr:MeterIDs>
</sr:FirmwareDistributionFailure>"""
PPMID = """<sr:PPMIDAlert>
  <sr:DeviceID>00-DB-12-34-56-78-90-B1</sr:DeviceID>
  <sr:DeviceAlertCode>8f84</sr:DeviceAlertCode>
  <sr:Timestamp>2026-01-05T09:00:00Z</sr:Timestamp>{upgrade}
</sr:PPMIDAlert>"""
UPGRADE = """<sr:PPMIDFirmwareUpgradeAlert><sr:FirmwareVersion>7E570001</sr:FirmwareVersion>
<sr:ActivateImageResultCode>ActivationSuccess</sr:ActivateImageResultCode></sr:PPMIDFirmwareUpgradeAlert>"""
FUTURE_DATED = """<ra:DeviceAlertContent>
  <ra:GBCSHexAlertCode>{code}</ra:GBCSHexAlertCode>
  <ra:AlertDescription>executed</ra:AlertDescription>
  <ra:Timestamp>2026-01-05T09:00:00Z</ra:Timestamp>
  <ra:Payload><ra:FutureDatedCommandOutcomeDeviceAlert><ra:UpdateSecurityCredentialsDeviceAlert>
    <ra:UpdateSecurityCredentialsExecutionOutcome><ra:ReplacementOutcome>
      <ra:StatusCode ResponseCode="0"><ra:ASN1Status>{status}</ra:ASN1Status></ra:StatusCode>
      <ra:CertificateType>KeyAgreement</ra:CertificateType>
      <ra:RemotePartyRole>Supplier</ra:RemotePartyRole>
      <ra:NewRemotePartyID>90-B3-D5-1F-30-02-00-00</ra:NewRemotePartyID>
    </ra:ReplacementOutcome></ra:UpdateSecurityCredentialsExecutionOutcome>
  </ra:UpdateSecurityCredentialsDeviceAlert></ra:FutureDatedCommandOutcomeDeviceAlert></ra:Payload>
</ra:DeviceAlertContent>"""


def dcc_alert(alert: str, code: str = "N999") -> bytes:
    return _DCC_ALERT.format(code=code, alert=alert).encode()


def test_a_hand_written_delivery_status_is_the_11_1_response(schema):
    data = dcc_alert(DELIVERY.format(status="Success"))
    body = UpdateFirmwareResponse(FirmwareVersion(0x7E570001), FirmwareOutcome.ACCEPTED)
    assert _read(schema, data) == Response(41, DEVICE, SRV.UPDATE_FIRMWARE, ResponseCode.I0, body)


def test_a_hand_written_failed_delivery_to_a_ppmid_is_the_11_4_response(schema):
    data = dcc_alert(DELIVERY.format(status="Failure"))
    body = UpdatePpmidFirmwareResponse(FirmwareVersion(0x7E570001), FirmwareOutcome.FAILED)
    expected = Response(41, DEVICE, SRV.UPDATE_PPMID_FIRMWARE, ResponseCode.I0, body)
    assert _read(schema, data, "11.4") == expected


def test_a_hand_written_distribution_failure_is_an_alert_naming_the_request(schema):
    data = dcc_alert(FAILURE.format(meters="00-DB-12-34-56-78-90-B1"), "N42")
    assert _read(schema, data) == Alert("N42", DEVICE, SECOND, 41, SRV.UPDATE_FIRMWARE)


def test_a_distribution_failure_to_several_meters_is_refused_naming_meter_ids(schema):
    data = dcc_alert(FAILURE.format(meters="00-DB-12-34-56-78-90-B1,00-DB-12-34-56-78-90-B2"))
    with pytest.raises(CodecError, match="one device") as caught:
        _read(schema, data)
    assert caught.value.path.endswith("sr:MeterIDs")


def test_a_hand_written_ppmid_alert_is_a_device_alert(schema):
    data = dcc_alert(PPMID.format(upgrade=""))
    assert _read(schema, data, "11.4") == Alert(
        "GBCS8F84", DEVICE, AT, 41, SRV.UPDATE_PPMID_FIRMWARE
    )


def test_a_ppmid_activation_result_is_refused_naming_it(schema):
    data = dcc_alert(PPMID.format(upgrade=UPGRADE))
    with pytest.raises(CodecError, match="activation result") as caught:
        _read(schema, data)
    assert caught.value.path.endswith("sr:PPMIDFirmwareUpgradeAlert")


def test_a_hand_written_future_dated_outcome_is_the_6_23_response(schema):
    data = alert_document("6.23", FUTURE_DATED.format(code="8f66", status="success"))
    replaced = (
        CertificateReplacement(
            CertificateType.KEY_AGREEMENT,
            RemotePartyRole.SUPPLIER,
            EUI64.parse("90-B3-D5-1F-30-02-00-00"),
        ),
    )
    expected = Response(
        41, DEVICE, SRV("6.23"), ResponseCode.I0, UpdateSecurityCredentialsCosResponse(replaced)
    )
    assert _read(schema, data) == expected


@pytest.mark.parametrize(
    ("code", "status", "srv", "found"),
    [
        ("8F67", "success", "6.23", "0x8F66"),
        ("8F66", "failure", "6.23", "ASN1Status"),
        ("8F66", "success", "2.2", "6.15.1 or 6.23"),
    ],
)
def test_a_future_dated_outcome_the_model_cannot_hold_is_refused(schema, code, status, srv, found):
    data = alert_document(srv, FUTURE_DATED.format(code=code, status=status))
    with pytest.raises(CodecError) as caught:
        _read(schema, data)
    assert found in f"{caught.value.reason} {caught.value.path}"


def test_writing_what_no_alert_carries_is_refused_naming_it():
    response = Response(7, DEVICE, SRV.UPDATE_FIRMWARE, ResponseCode.E12)
    with pytest.raises(CodecError, match="ResponseMessage"):
        outcome_body(response, RequestId(USER, DCC, 7), AT, comms_hub=HUB)
    body = UpdateFirmwareResponse(FirmwareVersion(1), FirmwareOutcome.ACCEPTED)
    accepted = Response(7, DEVICE, SRV.UPDATE_FIRMWARE, ResponseCode.I0, body)
    with pytest.raises(CodecError) as caught:
        outcome_body(accepted, RequestId(USER, DCC, 7), AT)
    assert caught.value.path.endswith("sr:CommsHubDeviceID")
    with pytest.raises(CodecError, match="counter"):
        outcome_body(accepted, RequestId(USER, DCC, 8), AT, comms_hub=HUB)
    not_run = Response(
        7, DEVICE, SRV("6.15.1"), ResponseCode.I0, UpdateSecurityCredentialsKrpResponse(())
    )
    with pytest.raises(CodecError, match="no certificate replaced"):
        outcome_body(not_run, RequestId(USER, DEVICE, 7), AT)
    with pytest.raises(CodecError, match="holds no text"):
        alert_body(Alert("N42", DEVICE, AT, 7, SRV.UPDATE_FIRMWARE, "why"), RequestId(USER, DCC, 7))
    with pytest.raises(CodecError, match="does not name"):
        alert_body(Alert("S1PX04", DEVICE, AT, 7), RequestId(USER, DCC, 8))


SEEDS = [
    dcc_alert(DELIVERY.format(status="Success")),
    dcc_alert(FAILURE.format(meters="00-DB-12-34-56-78-90-B1"), "N42"),
    dcc_alert(PPMID.format(upgrade="")),
    alert_document("6.15.1", FUTURE_DATED.format(code="8F66", status="success")),
]
LEAF_TEXT = st.text(st.sampled_from("0123456789-+.:TZ xAFeSucs,"), max_size=30)


@st.composite
def mutated(draw) -> bytes:
    root = etree.fromstring(draw(st.sampled_from(SEEDS)))
    body = root.find("{*}Body")
    for _ in range(draw(st.integers(1, 3))):
        elements = [e for e in body.iter() if isinstance(e.tag, str) and e is not body]
        element = draw(st.sampled_from(elements))
        kind = draw(st.sampled_from(["text", "drop", "duplicate", "truncate"]))
        parent = element.getparent()
        if kind == "text" and not len(element):
            element.text = draw(LEAF_TEXT)
        elif kind == "drop" and parent is not None and parent is not body:
            parent.remove(element)
        elif kind == "duplicate" and parent is not None:
            parent.insert(parent.index(element), copy.deepcopy(element))
    data = etree.tostring(root)
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


@given(mutated())
def test_mutated_alerts_raise_only_codec_error(schema, data):
    for checked in (None, schema):
        try:
            decode_response(data, checked).to_model("11.1")
            event("typed")
        except CodecError:
            event("refused")


def test_every_seed_types_unmutated(schema):
    for seed in SEEDS:
        assert decode_response(seed, schema).to_model() is not None
