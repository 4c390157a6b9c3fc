"""Each in-scope SRV over DUIS: I99, then a signed callback whose model is the in-process one.

The server and an in-process ``EmulatorDut`` of HAN-1 take the same requests in the same
order from the same instant; every callback verifies against the DCC's key (its S1SP part
too), is valid against SEC's schema when ../shared holds it, and decodes to what the
in-process emulator answered. S1CE20 arrives when the hooks move the clock past the S1SP
timeout; a 2.2 in pence is refused by an S1SPAlert carrying the UTRN; ``GET now`` answers
once the callbacks queued before it were delivered.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from dataclasses import replace
from datetime import timedelta

import pytest

from s1sr.catalogue import load_catalogue
from s1sr.codecs.duis import CommandVariant, KeyStore, verify, verify_s1sp_alert
from s1sr.codecs.duis.dcc_alerts import FIRMWARE_SRVS
from s1sr.codecs.duis.dcc_answer import read_dcc_answer
from s1sr.codecs.duis.response import DuisResponse, decode_response
from s1sr.codecs.duis.smets1 import DCC_ANSWERED
from s1sr.dmves import load_dmves
from s1sr.dut.duis.encode import framing_for
from s1sr.dut.emulator import EmulatorDut
from s1sr.emulator import device_id_for
from s1sr.emulator.duis import SERVICE_D, SERVICE_S
from s1sr.models import (
    EUI64,
    S1CE20,
    SRV,
    Alert,
    ChangeOfModeBillingLogRequest,
    DeviceType,
    ModelError,
    Money,
    Request,
    Response,
    TopUpDeviceRequest,
    UpdatePrepayConfigurationRequest,
    Utrn,
    ValueClass,
)
from s1sr.models.examples import REQUEST_EXAMPLES, SETTINGS
from s1sr.models.jsonview import from_jsonable
from tests.emulator.duis.conftest import Han1, post
from tests.emulator.meter.builders import flat_tariff

ORDER = (DeviceType.ESME, DeviceType.GSME, DeviceType.CHF, DeviceType.PPMID, DeviceType.IHD)
DEVICES = {
    DeviceType.ESME: Han1.esme,
    DeviceType.GSME: Han1.gsme,
    DeviceType.CHF: Han1.chf,
    DeviceType.PPMID: Han1.ppmid,
    DeviceType.IHD: Han1.ihd,
}


# The library's example of each SRV, where DUIS can carry it, else a plainer one: its
# tariff's standing charge is beyond DUIS's xs:short; DUIS 2.1 and 2.3 set every value.
_EVERY_SETTING = replace(
    SETTINGS,
    emergency_credit_threshold=Money(100),
    max_credit_threshold=Money(5000),
    max_meter_balance=Money(20000),
)
_DEBT = next(body for body in REQUEST_EXAMPLES if body.srv is SRV("2.3"))
_HAN_LOG = next(body for body in REQUEST_EXAMPLES if body.srv is SRV("8.11"))
_PLAINER = {
    SRV("8.11"): replace(_HAN_LOG, device=device_id_for("EX-PPMID-2")),
    SRV("1.1.1"): flat_tariff(),
    SRV("2.3"): replace(
        _DEBT, time_debt_2=Money(0), payment_debt=Money(0), recovery_2=_DEBT.recovery_1
    ),
    SRV("2.1"): UpdatePrepayConfigurationRequest(_EVERY_SETTING),
}
BODIES = tuple(_PLAINER.get(body.srv, body) for body in REQUEST_EXAMPLES)


def _target(srv: SRV) -> EUI64:
    types = load_catalogue().srv(srv).device_types
    return DEVICES[next(t for t in ORDER if t in types)]


def _send(server, signer, model: Request) -> DuisResponse:
    dcc_only = str(model.srv) in DCC_ANSWERED
    variant = CommandVariant.DCC_ONLY if dcc_only else CommandVariant.ON_DEMAND
    device_type = next(t for t, device in DEVICES.items() if device == model.target)
    data = signer.sign(model, variant, framing_for(model, device_type))  # what the client sends
    status, body = post(server, SERVICE_D if dcc_only else SERVICE_S, data)
    assert status == 200, body
    ack = decode_response(body)
    assert ack.header.code == "I99"
    return ack


def _checked(data: bytes, keystore: KeyStore, schema) -> DuisResponse:
    verify(data, keystore)
    response = decode_response(data, schema)
    if response.kind == "SMETS1ResponseMessage" or response.s1sp_alert() is not None:
        verify_s1sp_alert(data, keystore)  # a DCC firmware alert has no S1SP part
    return response


def _model(response: DuisResponse, request: Request) -> Response | Alert:
    if response.kind == "ResponseMessage":
        return read_dcc_answer(response, request.target)
    model = response.to_model(str(request.srv))
    if isinstance(model, Alert) and model.srv is None:  # an S1SPAlert names no SRV
        model = replace(model, srv=request.srv)
    return model


def _same(got: Response | Alert, expected: Response | Alert) -> None:
    if isinstance(expected, Alert):
        assert isinstance(got, Alert)
        assert (got.code, got.target, got.request_id, got.srv, got.raised_at) == (
            expected.code,
            expected.target,
            expected.request_id,
            expected.srv,
            expected.raised_at,
        )
        assert expected.detail in got.detail
    else:
        assert got == expected


def test_every_srv_answers_i99_then_the_in_process_answer_by_callback(
    start_server, signer, receiver, keystore, shared_schema
) -> None:
    server = start_server()
    dmves = load_dmves(None)
    local = EmulatorDut(dmves, dmves.model("EX-ESME-1"))
    seen = 0
    carried_less = []
    unwritable = []
    sent: dict[int, Request] = {}
    for body in BODIES:
        model = signer.model(_target(body.srv), body)
        sent[model.request_id] = model
        try:
            _send(server, signer, model)
        except ModelError:  # an example DUIS's form cannot hold (neither side gets it)
            unwritable.append(str(body.srv))
            continue
        expected = list(local.exchange(model).messages)
        behind = (local.now() - _at(_hook(server, "now")["now"])).total_seconds()
        if behind > 0:  # the in-process DUT waited for the S1SP timeout: the hooks catch up
            _hook(server, "clock", {"advance_seconds": int(behind)})
        acks = sum(_firmware_outcome(m) for m in expected)  # the DCC's I0, then the outcome
        got = receiver.wait(seen + len(expected) + acks)[seen:]
        seen += len(expected) + acks
        got = [data for data in got if not _dcc_acknowledgement(data, keystore, shared_schema)]
        for data, want in zip(got, expected, strict=True):
            response = _checked(data, keystore, shared_schema)
            assert response.header.request_id.counter == want.request_id
            decoded = _model(response, sent[want.request_id])
            if isinstance(want, Response) and decoded != want:
                # MMC carries less than the device reported (a command's answer is
                # MessageSuccess alone): the code is the device's, the readout holds the rest
                assert decoded.body is None and decoded.code == want.code, (body.srv, decoded)
                carried_less.append(str(body.srv))
                readout = _readout(server, response.header.request_id)
                assert from_jsonable(readout) == want
            else:
                _same(decoded, want)
    assert len({str(b.srv) for b in BODIES}) == 21
    assert "11.2" not in carried_less and "4.6.1" not in carried_less
    assert len(unwritable) <= 2, unwritable  # each SRV's DUIS form: tests/duis


def _firmware_outcome(message: Response | Alert) -> bool:
    return (
        isinstance(message, Response) and str(message.srv) in FIRMWARE_SRVS and bool(message.body)
    )


def _dcc_acknowledgement(data: bytes, keystore: KeyStore, schema) -> bool:
    response = _checked(data, keystore, schema)
    return (
        response.kind == "ResponseMessage"
        and response.srv in FIRMWARE_SRVS
        and response.header.code == "I0"
    )


def _readout(server, request_id) -> dict:
    url = f"{server.url}/s1sr/test-hooks/readout?request-id={request_id}"
    with urllib.request.urlopen(url, timeout=10) as answer:
        return json.loads(answer.read())["response"]


def _hook(server, name: str, document: dict | None = None) -> dict:
    data = None if document is None else json.dumps(document).encode()
    request = urllib.request.Request(
        f"{server.url}/s1sr/test-hooks/{name}",
        data=data,
        headers={"Content-Type": "application/json"},
        method="GET" if data is None else "POST",
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())


def test_s1ce20_arrives_once_the_hooks_pass_the_s1sp_timeout(
    start_server, signer, receiver, keystore, shared_schema
) -> None:
    server = start_server()
    inventory = from_jsonable(_hook(server, "inventory"))
    start = _hook(server, "now")["now"]
    silent = signer.model(
        Han1.esme, ChangeOfModeBillingLogRequest(_at(start) - timedelta(days=1), _at(start))
    )
    _send(server, signer, silent)
    assert _hook(server, "clock", {"advance_seconds": inventory.s1sp_timeout - 1})
    assert receiver.bodies == []
    now = _hook(server, "clock", {"advance_seconds": 1})["now"]
    [data] = receiver.bodies  # delivered before the hook answered
    response = _checked(data, keystore, shared_schema)
    alert = response.s1sp_alert()
    assert (
        alert.code == S1CE20
        and str(alert.request_id) == str(response.header.request_id)
        and alert.request_id.counter == silent.request_id
    )
    assert alert.at == _at(now) == _at(start) + timedelta(seconds=inventory.s1sp_timeout)
    assert _hook(server, "reset", {}) == {"ok": True}


def test_get_now_answers_once_every_callback_queued_before_it_was_delivered(
    start_server, signer, receiver
) -> None:
    """The DCC User's barrier after a request: ``GET now`` waits for the callbacks."""
    server = start_server()
    receiver.release.clear()  # the callback of the request is held at the receiver
    model = signer.model(Han1.esme, REQUEST_EXAMPLES[-2])
    _send(server, signer, model)
    answered = threading.Event()
    asked = threading.Thread(target=lambda: (_hook(server, "now"), answered.set()), daemon=True)
    asked.start()
    assert not answered.wait(0.3)  # the callback is not delivered yet: no answer
    receiver.release.set()
    assert answered.wait(10)
    named = [decode_response(data).header.request_id.counter for data in receiver.bodies]
    assert named and set(named) == {model.request_id}  # delivered before GET now answered


def _at(text: str):
    from datetime import datetime

    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_a_top_up_in_pence_is_refused_by_an_s1sp_alert_with_the_utrn(
    start_server, signer, receiver, keystore, shared_schema
) -> None:
    server = start_server()
    pence = Utrn(counter=7, value_class=ValueClass.PENNIES, value=1050, tag=0x5EED0007)
    model = signer.model(Han1.esme, TopUpDeviceRequest(pence))
    _send(server, signer, model)
    [data] = receiver.wait(1)
    response = _checked(data, keystore, shared_schema)
    assert response.kind == "DCCAlertMessage"
    alert = response.s1sp_alert()
    assert alert.code == "S1PX01"  # the S1SP's code, kept exactly
    assert alert.utrn == pence.digits
    assert alert.request_id.counter == model.request_id and alert.device == Han1.esme


def test_hooks_refuse_bad_documents_and_setting_the_clock_back(start_server, signer, receiver):
    server = start_server()
    for document in ({"advance_seconds": -1}, {"advance_seconds": 1.5}, {"set": "yesterday"}, {}):
        with pytest.raises(urllib.error.HTTPError) as refused:
            _hook(server, "clock", document)
        assert refused.value.code == 400
    _send(server, signer, signer.model(Han1.esme, REQUEST_EXAMPLES[-2]))
    with pytest.raises(urllib.error.HTTPError) as refused:
        _hook(server, "clock", {"set": "2020-01-01T00:00:00Z"})
    assert refused.value.code == 409
    with pytest.raises(urllib.error.HTTPError) as missing:
        _readout(server, "02-53-55-6E-4B-04-C4-65:02-53-31-54-B7-6F-3C-7A:1")
    assert missing.value.code == 404


def test_transform_only_is_i0_at_once_and_executes_nothing(
    start_server, signer, receiver, keystore
) -> None:
    from s1sr.emulator.duis import SERVICE_T

    server = start_server()
    activate = next(body for body in BODIES if body.srv is SRV("11.3"))
    status, body = post(
        server, SERVICE_T, signer.sign(signer.model(Han1.esme, activate), CommandVariant.TRANSFORM)
    )
    verify(body, keystore)
    assert status == 200 and decode_response(body).header.code == "I0"
    second = signer.model(Han1.esme, REQUEST_EXAMPLES[-2])
    _send(server, signer, second)
    receiver.wait(1)
    _hook(server, "now")  # the barrier: every callback of the second request has arrived
    named = [decode_response(data).header.request_id.counter for data in receiver.bodies]
    assert named and set(named) == {second.request_id}  # only the second request's answers


def test_a_dcc_boxed_template_signed_with_its_supplier_key_gets_an_answer(
    start_server, receiver
) -> None:
    from tests.emulator.duis.conftest import shared

    keys = shared("keys")
    template = shared("templates") / "CS01b_2.2_SUCCESS_REQUEST_DUIS.XML"
    if not template.is_file():
        pytest.skip(f"{template} absent")
    from s1sr.codecs.duis import sign
    from s1sr.codecs.duis.signature import load_certificate, load_private_key
    from s1sr.emulator.duis import DuisServer, build_endpoint
    from s1sr.emulator.server import InstallationHost, factory_for

    trusted = KeyStore(keys)
    host = InstallationHost(factory_for(load_dmves(None), han_id="HAN-1"), test_hooks=True)
    endpoint = build_endpoint(host, trusted, receiver.url)
    with DuisServer(endpoint) as server:
        name = "xml-sign-90B3D51F30010000-ds"
        data = sign(
            template.read_bytes(),
            load_private_key(keys / f"{name}.key"),
            load_certificate(keys / f"{name}.pem"),
        )
        status, body = post(server, SERVICE_S, data)
        assert status == 200
        verify(body, trusted)  # signed with DCC Boxed's own DSP key
        answer = decode_response(body)
        assert answer.header.code == "E19"  # the template's meter is not in HAN-1
        assert str(answer.header.request_id).startswith("90-B3-D5-1F-30-01-00-00:")
