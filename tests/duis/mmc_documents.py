"""Hand-written SMETS1 answers around an MMC body, and the documents the codec builds.

The hand-written ones are the tests' independent side: SEC's schema validates them and
the expected models are written out by hand, not produced by the codec's writer.
"""

from __future__ import annotations

from s1sr.codecs.duis import RequestId
from s1sr.codecs.duis.response import DuisResponse, ResponseHeader, encode_response
from s1sr.codecs.duis.smets1 import smets1_alert, smets1_answer, smets1_response_body
from s1sr.models import EUI64, Alert, Response, utc

DEVICE = EUI64.parse("00-DB-12-34-56-78-90-B1")
USER = EUI64.parse("90-B3-D5-1F-30-01-00-00")
NOW = utc(2026, 1, 5)

_DOCUMENT = """<?xml version="1.0" encoding="UTF-8"?>
<sr:Response xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway"
    xmlns:ra="http://www.dccinterface.co.uk/ResponseAndAlert"
    xmlns:ds="http://www.w3.org/2000/09/xmldsig#" schemaVersion="5.4">
  <sr:Header>
    <sr:RequestID>90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-B1:41</sr:RequestID>
    <sr:ResponseCode>I0</sr:ResponseCode>
    <sr:ResponseDateTime>2026-01-05T00:00:00.000Z</sr:ResponseDateTime>
  </sr:Header>
  <sr:Body>
    <sr:SMETS1ResponseMessage>
      <sr:ServiceReference>{reference}</sr:ServiceReference>
      <sr:ServiceReferenceVariant>{srv}</sr:ServiceReferenceVariant>
      <sr:SMETS1SignedResponse schemaVersion="5.4">
        <sr:SMETS1Response>
          <sr:Header>
            <ra:BusinessOriginatorID>00-DB-12-34-56-78-90-B1</ra:BusinessOriginatorID>
            <ra:BusinessTargetID>90-B3-D5-1F-30-01-00-00</ra:BusinessTargetID>
            <ra:OriginatorCounter>9</ra:OriginatorCounter>
          </sr:Header>
          <sr:Body>{body}</sr:Body>
        </sr:SMETS1Response>
        <ds:Signature>
          <ds:SignedInfo>
            <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
            <ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"/>
            <ds:Reference URI="">
              <ds:Transforms>
                <ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
              </ds:Transforms>
              <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
              <ds:DigestValue>ZGVmYXVsdA==</ds:DigestValue>
            </ds:Reference>
          </ds:SignedInfo>
          <ds:SignatureValue>ZGVmYXVsdA==</ds:SignatureValue>
        </ds:Signature>
      </sr:SMETS1SignedResponse>
    </sr:SMETS1ResponseMessage>
  </sr:Body>
</sr:Response>
"""


def answer_document(srv: str, rsp: str) -> bytes:
    """A SMETS1 answer whose ``ra:SMETSData`` holds ``rsp`` (MMC XML, ``ra:`` prefix)."""
    body = f"<sr:ResponseMessage><ra:SMETSData>{rsp}</ra:SMETSData></sr:ResponseMessage>"
    reference = srv.rsplit(".", 1)[0] if srv.count(".") == 2 else srv
    return _DOCUMENT.format(srv=srv, reference=reference, body=body).encode()


def alert_document(srv: str, content: str) -> bytes:
    """A SMETS1 device alert whose ``sr:DeviceAlertMessage`` holds ``content``."""
    body = f"<sr:DeviceAlertMessage>{content}</sr:DeviceAlertMessage>"
    reference = srv.rsplit(".", 1)[0] if srv.count(".") == 2 else srv
    return _DOCUMENT.format(srv=srv, reference=reference, body=body).encode()


def built_answer(response: Response) -> bytes:
    """What the S1SP view builds for ``response`` (request 41, MMC counter 9)."""
    answer = smets1_answer(response, USER, 9, NOW)
    request = RequestId(USER, response.target, response.request_id)
    header = ResponseHeader("I0", NOW, request)
    return encode_response(DuisResponse(header, smets1_response_body(answer)))


def built_alert(alert: Alert) -> bytes:
    """What the S1SP view builds for a device ``alert`` (its request, if any, from USER)."""
    request = None
    if alert.request_id is not None:
        request = RequestId(USER, alert.target, alert.request_id)
    body = smets1_response_body(smets1_alert(alert, USER, 9))
    return encode_response(DuisResponse(ResponseHeader("I0", NOW, request), body))
