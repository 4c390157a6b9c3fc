"""Every way a request is refused before the installation sees it, over real HTTP.

Not a document (garbage, oversized, unsigned, badly signed, signed by a key outside the
trusted folder, schema-invalid when a schema is given) is HTTP 400 or 413; a replayed
counter is 409; a signed request that cannot travel that way or names no known device
is a signed DUIS answer with its E code (E1, E12, E13, E19). None of them moves the
installation: the callback receives nothing.
"""

from __future__ import annotations

import pytest
from lxml import etree

from s1sr.codecs.duis import CommandVariant, KeyStore, sign, verify
from s1sr.codecs.duis.constants import SR
from s1sr.codecs.duis.pki import write_test_pki
from s1sr.codecs.duis.response import decode_response
from s1sr.emulator.duis import SERVICE_D, SERVICE_S, SERVICE_T
from s1sr.models import (
    ReadFirmwareVersionRequest,
    TopUpDeviceRequest,
    UpdateFirmwareRequest,
    Utrn,
)
from s1sr.models.examples import FIRMWARE_IMAGE
from tests.emulator.duis.conftest import Han1, Signer, post

READ = ReadFirmwareVersionRequest()


@pytest.fixture
def server(start_server):
    return start_server()


def _code(body: bytes, keystore: KeyStore) -> str:
    verify(body, keystore)  # every DUIS answer is signed by the DCC
    return decode_response(body).header.code


def test_garbage_is_400_and_the_server_keeps_serving(server, signer, receiver, keystore) -> None:
    for junk in (b"", b"\x00\xff" * 50, b"<sr:Request", b"<?xml version='1.0'?><a/>"):
        status, body = post(server, SERVICE_S, junk)
        assert status == 400 and body
    status, body = post(server, SERVICE_S, signer.sign(signer.model(Han1.esme, READ)))
    assert status == 200 and _code(body, keystore) == "I99"


def test_a_doctype_is_refused(server) -> None:
    evil = b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'
    assert post(server, SERVICE_S, evil)[0] == 400


def test_an_oversized_body_is_413_from_its_length(start_server, signer) -> None:
    from s1sr.emulator.duis import HttpLimits

    server = start_server(limits=HttpLimits(max_body=1000))
    data = signer.sign(signer.model(Han1.esme, READ))
    assert len(data) > 1000
    status, body = post(server, SERVICE_S, data)
    assert status == 413 and b"1000" in body


def test_unsigned_is_400(server, signer, receiver) -> None:
    from s1sr.codecs.duis import encode_request
    from s1sr.codecs.duis.views import from_model

    data = encode_request(from_model(signer.model(Han1.esme, READ), CommandVariant.ON_DEMAND))
    status, body = post(server, SERVICE_S, data)
    assert status == 400 and b"signature" in body
    assert receiver.attempts == 0


def test_a_tampered_request_is_400(server, signer, receiver) -> None:
    data = signer.sign(
        signer.model(Han1.esme, TopUpDeviceRequest(Utrn.parse("73943333457189043313")))
    )
    tampered = data.replace(b"73943333457189043313", b"73943333457189043314")
    assert tampered != data
    status, body = post(server, SERVICE_S, tampered)
    assert status == 400 and b"signature" in body
    assert receiver.attempts == 0


def test_a_key_outside_the_trusted_folder_is_400(server, tmp_path, receiver) -> None:
    write_test_pki(tmp_path, [Han1.user])  # same names, another CA: not trusted
    outsider = Signer(KeyStore(tmp_path), Han1.user)
    status, body = post(server, SERVICE_S, outsider.sign(outsider.model(Han1.esme, READ)))
    assert status == 400 and b"no certificate" in body
    assert receiver.attempts == 0


def test_another_users_key_is_e1(server, keystore, signer, receiver) -> None:
    stranger = Signer(keystore, Han1.stranger)
    model = signer.model(Han1.esme, READ)  # originator: Han1.user
    data = encode_signed(model, stranger)
    status, body = post(server, SERVICE_S, data)
    assert status == 200 and _code(body, keystore) == "E1"
    assert receiver.attempts == 0


def encode_signed(model, signer_of_key: Signer) -> bytes:
    from s1sr.codecs.duis import encode_request
    from s1sr.codecs.duis.views import from_model

    data = encode_request(from_model(model, CommandVariant.ON_DEMAND))
    return sign(data, signer_of_key.key, signer_of_key.certificate)


def test_schema_invalid_is_400_when_a_schema_is_given(start_server, signer, shared_schema) -> None:
    if shared_schema is None:
        pytest.skip("DUIS schema absent (../shared/duis/schema)")
    server = start_server(schema=shared_schema)
    model = signer.model(Han1.esme, READ)
    from s1sr.codecs.duis import encode_request
    from s1sr.codecs.duis.views import from_model

    root = etree.fromstring(encode_request(from_model(model, CommandVariant.ON_DEMAND)))
    root.set("schemaVersion", "not-a-decimal")  # the codec keeps it; the schema does not
    data = sign(etree.tostring(root), signer.key, signer.certificate)
    status, body = post(server, SERVICE_S, data)
    assert status == 400 and b"schema" in body
    # and the same request, valid, passes the schema
    status, _ = post(server, SERVICE_S, signer.sign(signer.model(Han1.esme, READ)))
    assert status == 200


@pytest.mark.parametrize(
    ("path", "variant", "code"),
    [
        (SERVICE_D, CommandVariant.ON_DEMAND, "E13"),  # 1 belongs on serviceS
        (SERVICE_T, CommandVariant.ON_DEMAND, "E13"),
        (SERVICE_S, CommandVariant.LOCAL_DELIVERY, "E13"),
        (SERVICE_S, CommandVariant.ON_DEMAND_AND_LOCAL, "E12"),  # 3: refused as DCC Boxed does
        (SERVICE_D, CommandVariant.SIGNED_PRE_COMMAND_BOTH, "E12"),  # 7
        (SERVICE_S, CommandVariant.SIGNED_PRE_COMMAND_BOTH, "E12"),
        (SERVICE_D, CommandVariant.DCC_ONLY, "E12"),  # 11.2 is not DCC-only
        (SERVICE_T, CommandVariant.TRANSFORM, "E12"),  # nor a critical command
    ],
)
def test_wrong_command_variant_or_url(
    server, signer, keystore, receiver, path, variant, code
) -> None:
    data = signer.sign(signer.model(Han1.esme, READ), variant)
    status, body = post(server, path, data)
    assert status == 200 and _code(body, keystore) == code
    assert receiver.attempts == 0


def test_a_dcc_only_srv_on_serviceS_is_refused(server, signer, keystore) -> None:
    from s1sr.codecs.duis.views import Framing
    from s1sr.models import EUI64

    dcc = Framing(addressee=EUI64.parse("90-B3-D5-1F-30-00-00-02"))
    model = signer.model(Han1.esme, UpdateFirmwareRequest(FIRMWARE_IMAGE))
    data = signer.sign(model, CommandVariant.ON_DEMAND, dcc)
    assert _code(post(server, SERVICE_S, data)[1], keystore) == "E12"


def test_an_unknown_target_is_e19(server, signer, keystore, receiver) -> None:
    status, body = post(server, SERVICE_S, signer.sign(signer.model(Han1.stranger, READ)))
    response = decode_response(body)
    assert status == 200 and _code(body, keystore) == "E19"
    assert response.header.request_id.target == Han1.stranger
    assert receiver.attempts == 0


def test_a_replayed_or_lower_counter_is_409(server, signer, keystore, receiver) -> None:
    model = signer.model(Han1.esme, READ)
    data = signer.sign(model)
    assert _code(post(server, SERVICE_S, data)[1], keystore) == "I99"
    receiver.wait(1)
    status, body = post(server, SERVICE_S, data)
    assert status == 409 and str(model.request_id).encode() in body
    signer.counter -= 5
    assert post(server, SERVICE_S, signer.sign(signer.model(Han1.esme, READ)))[0] == 409
    signer.counter += 10
    assert post(server, SERVICE_S, signer.sign(signer.model(Han1.esme, READ)))[0] == 200
    assert len(receiver.wait(2)) == 2  # the replays were never executed


def test_a_forged_request_does_not_burn_the_users_counter(server, signer, keystore) -> None:
    good = signer.sign(signer.model(Han1.esme, READ))
    tampered = bytearray(good)
    tampered[tampered.index(b"SignatureValue>") + 20] ^= 1
    assert post(server, SERVICE_S, bytes(tampered))[0] == 400
    assert _code(post(server, SERVICE_S, good)[1], keystore) == "I99"


@pytest.mark.parametrize(
    ("method", "path", "content_type", "status"),
    [
        ("GET", SERVICE_S, "application/xml", 405),
        ("POST", "/nowhere", "application/xml", 404),
        ("POST", SERVICE_S, "application/json", 415),
        ("DELETE", SERVICE_S, "application/xml", 405),
    ],
)
def test_http_misuse(server, signer, method, path, content_type, status) -> None:
    data = signer.sign(signer.model(Han1.esme, READ))
    assert post(server, path, data, content_type, method)[0] == status


def test_the_body_element_must_match_the_srv(server, signer) -> None:
    from s1sr.codecs.duis import encode_request
    from s1sr.codecs.duis.views import from_model

    root = etree.fromstring(
        encode_request(from_model(signer.model(Han1.esme, READ), CommandVariant.ON_DEMAND))
    )
    root.find(f"{{{SR}}}Header/{{{SR}}}ServiceReferenceVariant").text = "2.2"
    root.find(f"{{{SR}}}Header/{{{SR}}}ServiceReference").text = "2.2"
    data = sign(etree.tostring(root), signer.key, signer.certificate)
    status, body = post(server, SERVICE_S, data)
    assert status == 400 and b"TopUpDevice" in body
