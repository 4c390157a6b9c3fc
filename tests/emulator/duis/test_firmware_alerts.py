"""11.1 and 11.4 over DUIS: the DCC's immediate ``ResponseMessage`` (I0), then the outcome as
its ``CSPFirmwareDeliveryStatus`` naming HAN-1's comms hub, whose model (read with the
request's SRV) is the in-process answer; a second upgrade that stops the first (18.65(d))
gives the first request its S1SPAlert S1PX04."""

from __future__ import annotations

from s1sr.codecs.duis.dcc_alerts import read_dcc_alert
from s1sr.dmves import load_dmves
from s1sr.dut.emulator import EmulatorDut
from s1sr.models import (
    FirmwareVersion,
    Response,
    UpdateFirmwareRequest,
    UpdatePpmidFirmwareRequest,
    ota_image,
)
from tests.emulator.duis.conftest import Han1
from tests.emulator.duis.test_exchanges import _checked, _send


def _image(version: int):
    return ota_image(FirmwareVersion(version), b"payload")


def _local() -> EmulatorDut:
    dmves = load_dmves(None)
    return EmulatorDut(dmves, dmves.model("EX-ESME-1"))


def test_11_1_and_11_4_give_the_ack_then_a_delivery_status_equal_to_in_process(
    start_server, signer, receiver, keystore, shared_schema
) -> None:
    sent = [
        signer.model(Han1.esme, UpdateFirmwareRequest(_image(0x0102))),
        signer.model(Han1.ppmid, UpdatePpmidFirmwareRequest(_image(0x0103))),
    ]
    for model in sent:  # each on its own HAN-1 (a second upgrade would stop the first)
        server, local, before = start_server(), _local(), len(receiver.bodies)
        _send(server, signer, model)
        [want] = local.exchange(model).messages
        assert isinstance(want, Response) and want.body is not None
        ack, outcome = receiver.wait(before + 2)[before:]
        first = _checked(ack, keystore, shared_schema)
        assert (first.kind, first.srv, first.header.code) == (
            "ResponseMessage",
            model.srv.value,
            "I0",
        )
        status = _checked(outcome, keystore, shared_schema)
        assert status.kind == "DCCAlertMessage"
        assert read_dcc_alert(status).content.comms_hub == Han1.chf
        got = status.to_model(str(model.srv))
        assert got == want, model.srv


def test_a_stopped_upgrade_gives_the_first_request_its_s1sp_alert(
    start_server, signer, receiver, keystore, shared_schema
) -> None:
    server = start_server()
    local = _local()
    first = signer.model(Han1.ppmid, UpdateFirmwareRequest(_image(0x0102)))
    second = signer.model(Han1.esme, UpdateFirmwareRequest(_image(0x0103)))
    _send(server, signer, first)
    local.exchange(first)
    _send(server, signer, second)
    expected = local.exchange(second).messages
    [stopped] = [m for m in expected if not isinstance(m, Response)]
    data = receiver.wait(5)[4]  # two acks and outcomes, then the alert
    alert = _checked(data, keystore, shared_schema)
    assert alert.s1sp_alert() is not None and alert.s1sp_alert().code == "S1PX04"
    assert alert.header.request_id.counter == first.request_id
    got = alert.to_model(str(first.srv))
    assert (got.code, got.target, got.request_id, got.srv) == (
        stopped.code,
        stopped.target,
        stopped.request_id,
        stopped.srv,
    )
    assert stopped.detail in got.detail
