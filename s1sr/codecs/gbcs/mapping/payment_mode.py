"""SRV 1.6 Update Payment Mode: ECS02 / ECS03 (ESME) and GCS02 / GCS03 (GSME).

ESME: the Account object (class 111, 0-1:19.0.0.255) has its mode set in attribute 2
(``{payment mode, account status}``: mode 1 credit, 2 prepayment), its credit / charge
configuration in attribute 11 (not modelled, kept from the template) and its activation
time in attribute 13: the execution time. ECS03 (to prepayment) also sets the
disablement threshold (GBCS extended data 0-0:94.44.128.22, passive value and its
activation time).

GSME: ZSE Change Payment Mode (Prepayment cluster, 0x06): the implementation date-time
is the execution time; bit 1 (prepayment enabled) of the proposed payment control
configuration is the mode, and a change of mode toggles bits 0 and 1 (disconnection
and prepayment enabled) together, as the RTDS credit / prepayment values differ; in
prepayment the cut-off value is the disablement threshold.

The devices answer with results only (and the GSME with its emergency credit
settings), which do not say the mode: a response's model is its outcome.
"""

from __future__ import annotations

from datetime import datetime

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs.dlms_apdu import AccessRequest
from s1sr.codecs.gbcs.dlms_data import DlmsData
from s1sr.codecs.gbcs.mapping import dlms_access as dlms
from s1sr.codecs.gbcs.mapping import gbz_access as gbz
from s1sr.codecs.gbcs.mapping.usecase import UseCase
from s1sr.codecs.gbcs.mapping.values import (
    execution_from_axdr,
    execution_from_zcl,
    execution_to_axdr,
    execution_to_zcl,
    fine_money_from_wire,
    fine_money_to_wire,
)
from s1sr.codecs.gbcs.message import GbcsMessage
from s1sr.codecs.gbcs.payload import Payload
from s1sr.codecs.gbcs.zcl import PREPAYMENT
from s1sr.models import (
    SRV,
    ModelError,
    PaymentMode,
    RequestBody,
    UpdatePaymentModeRequest,
)

ACCOUNT = "0-1:19.0.0.255"
MODE = dlms.Address(111, ACCOUNT, 2)
ACTIVATION = dlms.Address(111, ACCOUNT, 13)
THRESHOLD_OBIS = "0-0:94.44.128.22"
THRESHOLD = dlms.Address(9000, THRESHOLD_OBIS, 4)
THRESHOLD_ACTIVATION = dlms.Address(9000, THRESHOLD_OBIS, 6)
DLMS_MODES = {1: PaymentMode.CREDIT, 2: PaymentMode.PREPAYMENT}
CHANGE_PAYMENT_MODE = 0x06
PREPAYMENT_ENABLED = 0x0002
MODE_BITS = 0x0003  # disconnection enabled, prepayment enabled


def _body(body: RequestBody) -> UpdatePaymentModeRequest:
    if not isinstance(body, UpdatePaymentModeRequest):
        raise ModelError(f"body: expected UpdatePaymentModeRequest, got {type(body).__name__}")
    return body


def _execution(apdu: AccessRequest, address: dlms.Address, path: str) -> datetime | None:
    return execution_from_axdr(dlms.read_datetime(dlms.data_at(apdu, address, path), path), path)


def read_dlms(message: GbcsMessage) -> UpdatePaymentModeRequest:
    apdu = dlms.command_apdu(message)
    mode_value, _status = dlms.read_struct(
        dlms.data_at(apdu, MODE, "payload.mode"), "payload.mode", 2
    )
    raw_mode = dlms.read_int(mode_value, "payload.mode")
    if raw_mode not in DLMS_MODES:
        raise CodecError(
            f"payment mode {raw_mode} is neither credit nor prepayment", "payload.mode"
        )
    execute_at = _execution(apdu, ACTIVATION, "payload.execute_at")
    threshold = None
    raw = dlms.optional_data(apdu, THRESHOLD)
    if raw is not None:
        path = "payload.disablement_threshold"
        threshold = fine_money_from_wire(dlms.read_int(raw, path), path)
        if _execution(apdu, THRESHOLD_ACTIVATION, path) != execute_at:
            raise CodecError("the threshold activates at another time than the mode", path)
    return UpdatePaymentModeRequest(DLMS_MODES[raw_mode], threshold, execute_at)


def write_dlms(body: RequestBody, template: GbcsMessage) -> Payload:
    request = _body(body)
    apdu = dlms.command_apdu(template)
    changes: dict[int, DlmsData] = {}
    mode_at = dlms.require(apdu, MODE, "template")
    mode_value, status = apdu.data[mode_at].items
    wire_mode = {v: k for k, v in DLMS_MODES.items()}[request.mode]
    changes[mode_at] = DlmsData.structure(dlms.like(mode_value, wire_mode), status)
    addresses = [ACTIVATION]
    threshold_at = dlms.find(apdu, THRESHOLD)
    if (threshold_at is None) != (request.disablement_threshold is None):
        raise ModelError("disablement_threshold: the template's ECS02 / ECS03 shape differs")
    if threshold_at is not None and request.disablement_threshold is not None:
        wire = fine_money_to_wire(request.disablement_threshold)
        changes[threshold_at] = dlms.like(apdu.data[threshold_at], wire)
        addresses.append(THRESHOLD_ACTIVATION)
    for address in addresses:
        index = dlms.require(apdu, address, "template")
        old = dlms.read_datetime(apdu.data[index], "template")
        new = execution_to_axdr(request.execute_at, old)
        changes[index] = DlmsData.octet_string(new.to_bytes())
    return dlms.payload_of(dlms.with_data(apdu, changes))


def _change_payment_mode(message: GbcsMessage, path: str) -> int:
    payload = gbz.gbz_payload(message)
    return gbz.one_command(payload, PREPAYMENT, CHANGE_PAYMENT_MODE, path)


def read_gbz(message: GbcsMessage) -> UpdatePaymentModeRequest:
    index = _change_payment_mode(message, "payload")
    path = f"payload.components[{index}]"
    zcl = gbz.zcl_of(gbz.gbz_payload(message).components[index], path)
    config = zcl["proposed_payment_control_configuration"]
    mode = PaymentMode.PREPAYMENT if config & PREPAYMENT_ENABLED else PaymentMode.CREDIT
    threshold = None
    if mode is PaymentMode.PREPAYMENT:
        threshold = fine_money_from_wire(zcl["cut_off_value"], f"{path}.cut_off_value")
    execute_at = execution_from_zcl(zcl["implementation_date_time"])
    return UpdatePaymentModeRequest(mode, threshold, execute_at)


def write_gbz(body: RequestBody, template: GbcsMessage) -> Payload:
    request = _body(body)
    payload = gbz.gbz_payload(template)
    index = _change_payment_mode(template, "template")
    component = payload.components[index]
    zcl = component.zcl
    if zcl is None:
        raise ModelError("template: Change Payment Mode does not decode")
    config = zcl["proposed_payment_control_configuration"]
    was_prepayment = bool(config & PREPAYMENT_ENABLED)
    if was_prepayment != (request.mode is PaymentMode.PREPAYMENT):
        config ^= MODE_BITS
    values: dict[str, object] = {
        "proposed_payment_control_configuration": config,
        "implementation_date_time": execution_to_zcl(
            request.execute_at, zcl["implementation_date_time"]
        ),
    }
    if request.disablement_threshold is not None:
        values["cut_off_value"] = fine_money_to_wire(request.disablement_threshold)
    return gbz.with_components(payload, {index: gbz.with_fields(component, values)})


ECS02 = UseCase("ECS02", SRV.UPDATE_PAYMENT_MODE, read_dlms, write_dlms)
ECS03 = UseCase("ECS03", SRV.UPDATE_PAYMENT_MODE, read_dlms, write_dlms)
GCS02 = UseCase("GCS02", SRV.UPDATE_PAYMENT_MODE, read_gbz, write_gbz)
GCS03 = UseCase("GCS03", SRV.UPDATE_PAYMENT_MODE, read_gbz, write_gbz)
USE_CASES = (ECS02, ECS03, GCS02, GCS03)
