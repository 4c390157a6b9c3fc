"""The DCC Boxed signature profile: real responses verify, tampering never does."""

from __future__ import annotations

import pytest
from lxml import etree

from s1sr.codecs.duis import SignatureError, decode_request, sign, verify
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
