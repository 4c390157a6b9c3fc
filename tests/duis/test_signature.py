"""The DCC Boxed signature profile: real responses verify, tampering never does."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from lxml import etree

from s1sr.codecs.duis import SignatureError, decode_request, sign, verify, verify_s1sp_alert
from s1sr.codecs.duis.constants import DS
from tests.duis.conftest import RESPONSES_SIGNED_AT, template_files

SIGNED = {
    "ECS52_11.2_SUCCESS_RESPONSE_DUIS.XML": "Z1-accessControlBroker-ds",
    "readfw-response.xml": "dsp-xml-sign-90B3D51F30000002-ds-pre-1.4.1",
}
SUPPLIER = "xml-sign-90B3D51F30010000-ds"


@pytest.mark.parametrize("name", sorted(SIGNED))
def test_real_responses_verify(name, responses, keys):
    data = (responses / name).read_bytes()
    verified = verify(data, keys, at=RESPONSES_SIGNED_AT)
    assert verified.signer.name == SIGNED[name]


@pytest.mark.parametrize("name", sorted(SIGNED))
def test_a_changed_byte_does_not_verify(name, responses, keys):
    data = (responses / name).read_bytes()
    start = data.index(b"<sr:GBCSPayload>") + len(b"<sr:GBCSPayload>")
    changed = data[:start] + (b"A" if data[start : start + 1] != b"A" else b"B") + data[start + 1 :]
    with pytest.raises(SignatureError):
        verify(changed, keys, at=RESPONSES_SIGNED_AT)


@pytest.mark.parametrize("name", sorted(SIGNED))
@pytest.mark.parametrize(
    "value", [b"A", b"====", b"!!", b""], ids=["short", "padding", "bang", "empty"]
)
def test_a_signature_value_that_is_not_base64_is_a_signature_error(name, value, responses, keys):
    data = (responses / name).read_bytes()
    start = data.index(b"<ds:SignatureValue>") + len(b"<ds:SignatureValue>")
    end = data.index(b"</ds:SignatureValue>")
    with pytest.raises(SignatureError):
        verify(data[:start] + value + data[end:], keys, at=RESPONSES_SIGNED_AT)


def test_a_changed_element_and_a_swapped_certificate_do_not_verify(responses, keys):
    data = (responses / "readfw-response.xml").read_bytes()
    with pytest.raises(SignatureError):
        verify(data.replace(b">I0<", b">I99<"), keys, at=RESPONSES_SIGNED_AT)
    other = keys.named("Z1-accessControlBroker-ds")
    swapped = data.replace(b"50669612984035780968362471400449834504", str(other.serial).encode())
    with pytest.raises(SignatureError):
        verify(swapped, keys, at=RESPONSES_SIGNED_AT)


def test_an_unknown_certificate_or_an_expired_one_is_refused(responses, keys):
    data = (responses / "ECS52_11.2_SUCCESS_RESPONSE_DUIS.XML").read_bytes()
    with pytest.raises(SignatureError, match="no certificate"):
        verify(data.replace(b"CN=Z1,OU=07", b"CN=U1,OU=07"), keys, at=RESPONSES_SIGNED_AT)
    with pytest.raises(SignatureError):
        verify(data, keys)  # Z1-accessControlBroker-ds expired in 2025


@pytest.mark.parametrize("path", template_files()[:6], ids=lambda p: p.name)
def test_signed_requests_verify_and_keep_their_content(path, keys, schema):
    entry = keys.named(SUPPLIER)
    signed = sign(path.read_bytes(), entry.private_key(), entry.certificate)
    schema.check(etree.fromstring(signed))
    verified = verify(signed, keys)
    assert verified.signer.name == SUPPLIER
    assert decode_request(signed, schema) == decode_request(path.read_bytes())
    root = etree.fromstring(signed)
    signature = root[-1]
    assert signature.tag == f"{{{DS}}}Signature"
    assert signature.find(f".//{{{DS}}}X509Certificate") is None
    assert signature.find(f".//{{{DS}}}X509IssuerSerial") is not None
    # DCC Boxed's form exactly: the enveloped transform alone, SignedInfo exclusive c14n
    transforms = [t.get("Algorithm") for t in signature.iter(f"{{{DS}}}Transform")]
    assert transforms == ["http://www.w3.org/2000/09/xmldsig#enveloped-signature"]
    method = signature.find(f"{{{DS}}}SignedInfo/{{{DS}}}CanonicalizationMethod")
    assert method.get("Algorithm") == "http://www.w3.org/2001/10/xml-exc-c14n#"


def test_a_signature_moved_or_doubled_is_refused(keys):
    path = template_files()[0] if template_files() else None
    if path is None:
        pytest.skip("DUIS templates absent")
    entry = keys.named(SUPPLIER)
    signed = sign(path.read_bytes(), entry.private_key(), entry.certificate)
    root = etree.fromstring(signed)
    signature = root[-1]
    root[1].append(signature)
    with pytest.raises(SignatureError):
        verify(etree.tostring(root), keys)


S1SP = "dsp-xml-sign-90B3D51F30000002-ds"


def _signed_alert(keys):
    from datetime import UTC, datetime

    from s1sr.codecs.duis import RequestId
    from s1sr.codecs.duis.response import (
        DuisResponse,
        ResponseHeader,
        S1SPAlert,
        encode_response,
        s1sp_alert_body,
    )

    alert = S1SPAlert(
        "S1PX06",
        datetime(2026, 1, 5, 9, tzinfo=UTC),
        RequestId.parse("90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-B1:5"),
        utrn="73947252416745201637",
    )
    response = DuisResponse(ResponseHeader("I0", alert.at), s1sp_alert_body(alert))
    entry = keys.named(S1SP)
    signed = encode_response(
        response, s1sp_key=entry.private_key(), s1sp_certificate=entry.certificate
    )
    return alert, encode_response(response), signed


def test_a_built_s1sp_alert_is_really_signed(keys, schema):
    from s1sr.codecs.duis.response import decode_response

    alert, placeholder, signed = _signed_alert(keys)
    schema.check(etree.fromstring(signed))
    verified = verify_s1sp_alert(signed, keys)
    assert verified.signer.name == S1SP
    assert decode_response(signed, schema).s1sp_alert() == alert
    with pytest.raises(SignatureError):
        verify_s1sp_alert(placeholder, keys)  # the placeholder never verifies
    with pytest.raises(SignatureError):
        verify_s1sp_alert(signed.replace(b">S1PX06<", b">S1PX07<"), keys)
    with pytest.raises(SignatureError):
        verify_s1sp_alert(signed.replace(b"201637<", b"201638<"), keys)
    # the outer document can be signed by the DCC over the signed alert: both verify
    outer = keys.named("Z1-accessControlBroker-ds")
    both = sign(signed, outer.private_key(), outer.certificate)
    assert verify_s1sp_alert(both, keys).signer.name == S1SP


@pytest.mark.skipif(shutil.which("xmlsec1") is None, reason="xmlsec1 (independent verifier) absent")
def test_xmlsec1_verifies_the_s1sp_alert_and_a_signed_request(keys, tmp_path):
    _, _, signed = _signed_alert(keys)
    alert = etree.fromstring(signed).find(".//{*}S1SPAlert")
    cases = [(etree.tostring(alert), keys.named(S1SP))]
    entry = keys.named(SUPPLIER)
    if template_files():
        request = sign(template_files()[0].read_bytes(), entry.private_key(), entry.certificate)
        cases.append((request, entry))
    for index, (document, signer) in enumerate(cases):
        path = tmp_path / f"doc{index}.xml"
        path.write_bytes(document)
        run = [
            "xmlsec1",
            "--verify",
            "--pubkey-cert-pem",
            str(signer.certificate_path),
            str(path),
        ]
        assert subprocess.run(run, capture_output=True).returncode == 0
        path.write_bytes(
            document.replace(b"2026-01-05T09", b"2026-01-05T08", 1).replace(
                b"<sr:Header>", b"<sr:Header> ", 1
            )
        )
        assert subprocess.run(run, capture_output=True).returncode != 0


def test_signing_and_verifying_on_many_threads_at_once_never_fails(responses, keys):
    """signxml shares one lxml parser between threads; a DUIS server and client verify on
    several at once, so a whole, genuine document must verify on every thread."""
    from concurrent.futures import ThreadPoolExecutor

    data = (responses / "readfw-response.xml").read_bytes()
    supplier = keys.named(SUPPLIER)

    def work(i: int) -> str:
        if i % 2:
            return verify(data, keys, at=RESPONSES_SIGNED_AT).signer.name
        signed = sign(data, supplier.private_key(), supplier.certificate)
        return verify(signed, keys, at=RESPONSES_SIGNED_AT).signer.name

    with ThreadPoolExecutor(max_workers=8) as pool:
        names = set(pool.map(work, range(400)))
    assert names == {SIGNED["readfw-response.xml"], SUPPLIER}
