"""SRV 2.2 Top Up Device: CS01a (ESME, DLMS) and CS01b (GSME, GBZ).

CS01a invokes method 1 (enter) of the token gateway (class 115, 0-0:19.40.0.255) with
the UTRN as a 20-octet ASCII string. CS01b sends the ZSE Consumer Top Up command
(Prepayment cluster 0x0705, command 0x04) with the UTRN as its top-up code; the GSME
answers with Consumer Top Up Response (result, value added, credit remaining), which
is the model's ``TopUpDeviceResponse``. A UTRN the model refuses (wrong check digit,
undefined value class) is a ``CodecError`` at ``payload.utrn``: the model cannot carry it.
"""

from __future__ import annotations

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs.dlms_data import DlmsData
from s1sr.codecs.gbcs.mapping import dlms_access as dlms
from s1sr.codecs.gbcs.mapping import gbz_access as gbz
from s1sr.codecs.gbcs.mapping.outcome import Outcome, outcome_of, with_outcome
from s1sr.codecs.gbcs.mapping.usecase import UseCase
from s1sr.codecs.gbcs.mapping.values import money_from_wire, money_to_wire
from s1sr.codecs.gbcs.message import GbcsMessage
from s1sr.codecs.gbcs.payload import Payload
from s1sr.models import (
    SRV,
    ModelError,
    RequestBody,
    ResponseBody,
    TopUpDeviceRequest,
    TopUpDeviceResponse,
    Utrn,
)

TOKEN_GATEWAY_ENTER = dlms.Address(115, "0-0:19.40.0.255", 1, method=True)
PREPAYMENT = 0x0705
CONSUMER_TOP_UP = 0x04
CONSUMER_TOP_UP_RESPONSE = 0x03
TOP_UP_ACCEPTED = 0x00
TOP_UP_REJECTED = 0x01  # rejected: invalid top up


def _utrn(raw: bytes) -> Utrn:
    try:
        return Utrn.parse(raw.decode("ascii"))
    except UnicodeDecodeError:
        raise CodecError("the UTRN is not ASCII digits", "payload.utrn") from None
    except ModelError as exc:
        raise CodecError(str(exc), "payload.utrn") from exc


def _body(body: RequestBody) -> TopUpDeviceRequest:
    if not isinstance(body, TopUpDeviceRequest):
        raise ModelError(f"body: expected TopUpDeviceRequest, got {type(body).__name__}")
    return body


def read_dlms_request(message: GbcsMessage) -> TopUpDeviceRequest:
    apdu = dlms.command_apdu(message)
    raw = dlms.read_octets(dlms.data_at(apdu, TOKEN_GATEWAY_ENTER, "payload"), "payload.utrn")
    return TopUpDeviceRequest(_utrn(raw))


def write_dlms_request(body: RequestBody, template: GbcsMessage) -> Payload:
    utrn = _body(body).utrn.digits.encode("ascii")
    apdu = dlms.command_apdu(template)
    return dlms.payload_of(dlms.set_data(apdu, TOKEN_GATEWAY_ENTER, DlmsData.octet_string(utrn)))


def read_gbz_request(message: GbcsMessage) -> TopUpDeviceRequest:
    payload = gbz.gbz_payload(message)
    index = gbz.one_command(payload, PREPAYMENT, CONSUMER_TOP_UP, "payload")
    zcl = gbz.zcl_of(payload.components[index], f"payload.components[{index}]")
    return TopUpDeviceRequest(_utrn(zcl["top_up_code"]))


def write_gbz_request(body: RequestBody, template: GbcsMessage) -> Payload:
    utrn = _body(body).utrn.digits.encode("ascii")
    payload = gbz.gbz_payload(template)
    index = gbz.one_command(payload, PREPAYMENT, CONSUMER_TOP_UP, "template")
    component = gbz.with_fields(payload.components[index], {"top_up_code": utrn})
    return gbz.with_components(payload, {index: component})


def _top_up_response(message: GbcsMessage) -> int | None:
    payload = gbz.gbz_payload(message)
    found = gbz.find_commands(payload, PREPAYMENT, CONSUMER_TOP_UP_RESPONSE, to_client=True)
    return found[0] if len(found) == 1 else None


def read_gbz_outcome(message: GbcsMessage) -> Outcome:
    """A Consumer Top Up Response with a result other than 'accepted' is a refusal."""
    index = _top_up_response(message)
    if index is None:
        return outcome_of(message.payload)
    zcl = gbz.zcl_of(gbz.gbz_payload(message).components[index], f"payload.components[{index}]")
    return Outcome.SUCCESS if zcl["result_type"] == TOP_UP_ACCEPTED else Outcome.FAILURE


def read_gbz_response(message: GbcsMessage, outcome: Outcome) -> ResponseBody | None:
    index = _top_up_response(message)
    if index is None:
        return None
    path = f"payload.components[{index}]"
    zcl = gbz.zcl_of(gbz.gbz_payload(message).components[index], path)
    return TopUpDeviceResponse(
        credit_applied=money_from_wire(zcl["top_up_value"], f"{path}.top_up_value"),
        meter_balance=money_from_wire(zcl["credit_remaining"], f"{path}.credit_remaining"),
    )


def write_gbz_response(body: ResponseBody, template: GbcsMessage) -> Payload:
    if not isinstance(body, TopUpDeviceResponse):
        raise ModelError(f"body: expected TopUpDeviceResponse, got {type(body).__name__}")
    index = _top_up_response(template)
    if index is None:
        raise ModelError("template: no Consumer Top Up Response to carry the body")
    payload = gbz.gbz_payload(template)
    changes = {"top_up_value": money_to_wire(body.credit_applied)}
    if body.meter_balance is not None:
        changes["credit_remaining"] = money_to_wire(body.meter_balance)
    component = gbz.with_fields(payload.components[index], changes)
    return gbz.with_components(payload, {index: component})


def write_gbz_outcome(template: GbcsMessage, outcome: Outcome) -> Payload:
    index = _top_up_response(template)
    if index is None:
        return with_outcome(template.payload, outcome)
    result = TOP_UP_ACCEPTED if outcome.is_success else TOP_UP_REJECTED
    payload = gbz.gbz_payload(template)
    component = gbz.with_fields(payload.components[index], {"result_type": result})
    return gbz.with_components(payload, {index: component})


CS01A = UseCase("CS01a", SRV.TOP_UP_DEVICE, read_dlms_request, write_dlms_request)
CS01B = UseCase(
    "CS01b",
    SRV.TOP_UP_DEVICE,
    read_gbz_request,
    write_gbz_request,
    read_response=read_gbz_response,
    write_response=write_gbz_response,
    read_outcome=read_gbz_outcome,
    write_outcome=write_gbz_outcome,
)
USE_CASES = (CS01A, CS01B)
