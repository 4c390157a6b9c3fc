"""XML signatures as DCC Boxed makes them, with signxml (no hand-written crypto).

Profile: enveloped, ``Reference URI=""``, exclusive c14n, ECDSA-SHA256 over a SHA-256
digest, ``ds:`` prefix, and ``KeyInfo/X509Data/X509IssuerSerial`` only (no certificate
in the message). A verifier finds the certificate by issuer and serial in a key folder
laid out like DCC Boxed's (``<name>.pem`` certificates, ``<name>.key`` PKCS#8 keys); the
folder is the trust anchor. What a caller decodes after ``verify`` is what was signed.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from lxml import etree
from signxml import (
    CanonicalizationMethod,
    DigestAlgorithm,
    SignatureConfiguration,
    SignatureMethod,
    XMLSigner,
    XMLVerifier,
)
from signxml.exceptions import InvalidInput, SignXMLException

from s1sr.codecs.duis.constants import DS, SR
from s1sr.codecs.duis.request import to_bytes
from s1sr.codecs.duis.safe import element_path, parse_document
from s1sr.codecs.errors import CodecError

ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
EXC_C14N = CanonicalizationMethod.EXCLUSIVE_XML_CANONICALIZATION_1_0.value
_CONFIG = dict(
    signature_methods=frozenset({SignatureMethod.ECDSA_SHA256}),
    digest_algorithms=frozenset({DigestAlgorithm.SHA256}),
    expect_references=1,
)


# signxml shares one lxml parser (and its schema validators) between all its instances, and
# lxml's are not safe to use from two threads at once: a DUIS server or client verifying on
# several threads got "Opening and ending tag mismatch" from a document that was whole.
_SIGNXML = threading.Lock()


class SignatureError(CodecError):
    """A signature that does not verify, or a message signed outside the DUIS profile."""


def issuer_key(issuer: str) -> frozenset[tuple[str, str]]:
    """``CN=Z1,OU=07`` and ``OU=07, CN=Z1`` alike: the issuer's RDNs as a set."""
    pairs = set()
    for part in issuer.split(","):
        name, sep, value = part.partition("=")
        if not sep:
            raise ValueError(f"issuer {issuer!r}: {part!r} is not NAME=VALUE")
        pairs.add((name.strip().upper(), value.strip()))
    return frozenset(pairs)


@dataclass(frozen=True)
class KeyEntry:
    name: str
    certificate: x509.Certificate
    certificate_path: Path
    key_path: Path | None

    @property
    def issuer(self) -> str:
        return self.certificate.issuer.rfc4514_string()

    @property
    def serial(self) -> int:
        return self.certificate.serial_number

    def private_key(self) -> ec.EllipticCurvePrivateKey:
        if self.key_path is None:
            raise FileNotFoundError(f"{self.name}: no private key beside the certificate")
        return load_private_key(self.key_path)


class KeyStore:
    """Certificates (and keys) in a folder, found by issuer and serial number."""

    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise FileNotFoundError(f"key folder {self.folder} does not exist")
        self._entries: dict[tuple[frozenset, int], KeyEntry] = {}
        self._by_name: dict[str, KeyEntry] = {}
        for pem in sorted(self.folder.glob("*.pem")):
            certificate = load_certificate(pem)
            key = pem.with_suffix(".key")
            entry = KeyEntry(pem.stem, certificate, pem, key if key.is_file() else None)
            self._by_name[pem.stem] = entry
            self._entries[(issuer_key(entry.issuer), entry.serial)] = entry

    def __len__(self) -> int:
        return len(self._entries)

    def named(self, name: str) -> KeyEntry:
        return self._by_name[name]

    def find(self, issuer: str, serial: int) -> KeyEntry | None:
        try:
            return self._entries.get((issuer_key(issuer), serial))
        except ValueError:
            return None


def load_private_key(path: str | os.PathLike) -> ec.EllipticCurvePrivateKey:
    """A PKCS#8 EC key, DER (as DCC Boxed ships them) or PEM."""
    raw = Path(path).read_bytes()
    if raw.lstrip().startswith(b"-----BEGIN"):
        key = serialization.load_pem_private_key(raw, password=None)
    else:
        key = serialization.load_der_private_key(raw, password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ValueError(f"{path}: DUIS signs with an EC key, got {type(key).__name__}")
    return key


def load_certificate(path: str | os.PathLike) -> x509.Certificate:
    """An X.509 certificate, PEM or DER."""
    raw = Path(path).read_bytes()
    if raw.lstrip().startswith(b"-----BEGIN"):
        return x509.load_pem_x509_certificate(raw)
    return x509.load_der_x509_certificate(raw)


def _key_info(certificate: x509.Certificate) -> etree._Element:
    key_info = etree.Element(f"{{{DS}}}KeyInfo", nsmap={"ds": DS})
    serial = etree.SubElement(
        etree.SubElement(key_info, f"{{{DS}}}X509Data"), f"{{{DS}}}X509IssuerSerial"
    )
    etree.SubElement(serial, f"{{{DS}}}X509IssuerName").text = certificate.issuer.rfc4514_string()
    etree.SubElement(serial, f"{{{DS}}}X509SerialNumber").text = str(certificate.serial_number)
    return key_info


class _DccBoxedSigner(XMLSigner):
    """signxml, writing the Reference as DCC Boxed does: the enveloped transform alone.

    Without an explicit c14n transform, XMLDSig canonicalises what the Reference covers
    with inclusive c14n 1.0, so the digest is computed that way (SignedInfo itself stays
    exclusive c14n). xmlsec1 and ``verify`` accept this form, as they accept DCC Boxed's.
    """

    def _unpack(self, data, references):  # noqa: ANN001, ANN202 (signxml's own hook)
        sig_root, doc_root, c14n_inputs, refs = super()._unpack(data, references)
        inclusive = CanonicalizationMethod.CANONICAL_XML_1_0
        return sig_root, doc_root, c14n_inputs, [replace(r, c14n_method=inclusive) for r in refs]


def sign_element(
    root: etree._Element,
    key: ec.EllipticCurvePrivateKey,
    certificate: x509.Certificate,
    *,
    nested: bool = False,
) -> etree._Element:
    """``root`` with an enveloped ds:Signature appended as its last child.

    A document is signed in DCC Boxed's form (the enveloped transform alone). A ``nested``
    message (an S1SPAlert or SMETS1SignedResponse, which travels inside another document)
    adds the exclusive c14n transform, so that its digest does not depend on the
    namespaces the envelope around it declares.
    """
    existing = root.find(f"{{{DS}}}Signature")
    if existing is not None:
        root.remove(existing)
    signer = (XMLSigner if nested else _DccBoxedSigner)(
        signature_algorithm=SignatureMethod.ECDSA_SHA256,
        digest_algorithm=DigestAlgorithm.SHA256,
        c14n_algorithm=CanonicalizationMethod.EXCLUSIVE_XML_CANONICALIZATION_1_0,
    )
    signer.namespaces = {"ds": DS}
    with _SIGNXML:
        return signer.sign(
            root,
            key=key,
            key_info=_key_info(certificate),
            exclude_c14n_transform_element=not nested,
        )


def sign(data: bytes, key: ec.EllipticCurvePrivateKey, certificate: x509.Certificate) -> bytes:
    """The document ``data`` (a request, response or alert), signed for DUIS."""
    return to_bytes(sign_element(parse_document(data), key, certificate))


@dataclass(frozen=True)
class Verified:
    """What verification established: who signed, and the element they signed."""

    signer: KeyEntry
    signed: etree._Element


def _signature_of(root: etree._Element) -> etree._Element:
    """The root's one signature. The only other one a message may hold is the S1SP's own,
    as the last child of the S1SPAlert or SMETS1SignedResponse it carries (the outer
    signature covers it, as it covers the rest): any other is refused (signature wrapping)."""
    signatures = root.findall(f"{{{DS}}}Signature")
    nested = [s for s in root.iterfind(f".//{{{DS}}}Signature") if s.getparent() is not root]
    if len(signatures) != 1 or any(not _s1sp_signature(s) for s in nested) or len(nested) > 1:
        raise SignatureError("exactly one ds:Signature must be a child of the root", "/")
    return signatures[0]


def _s1sp_signature(signature: etree._Element) -> bool:
    parent = signature.getparent()
    return parent is not None and parent.tag in _S1SP_SIGNED_TAGS


_S1SP_SIGNED_TAGS = frozenset({f"{{{SR}}}S1SPAlert", f"{{{SR}}}SMETS1SignedResponse"})


def _profile(signature: etree._Element) -> tuple[str, int]:
    """The issuer and serial named, once the signature is checked to be in the profile."""

    def refused(reason: str) -> SignatureError:  # the path is worked out for errors only
        return SignatureError(reason, element_path(signature))

    c14n = signature.find(f"{{{DS}}}SignedInfo/{{{DS}}}CanonicalizationMethod")
    if c14n is None or c14n.get("Algorithm") != EXC_C14N:
        raise refused("SignedInfo must use exclusive c14n")
    references = signature.findall(f"{{{DS}}}SignedInfo/{{{DS}}}Reference")
    if len(references) != 1 or references[0].get("URI") != "":
        raise refused('exactly one Reference, with URI=""')
    transforms = [t.get("Algorithm") for t in references[0].iterfind(f".//{{{DS}}}Transform")]
    if not transforms or transforms[0] != ENVELOPED or not set(transforms) <= {ENVELOPED, EXC_C14N}:
        raise refused("the Reference must be enveloped (with exclusive c14n)")
    if not (signature.findtext(f"{{{DS}}}SignatureValue") or "").strip():
        raise refused("SignatureValue missing or empty")
    key_info = signature.find(f"{{{DS}}}KeyInfo")
    serial = None if key_info is None else key_info.find(f".//{{{DS}}}X509IssuerSerial")
    if serial is None:
        raise refused("KeyInfo/X509Data/X509IssuerSerial missing")
    issuer = serial.findtext(f"{{{DS}}}X509IssuerName")
    number = serial.findtext(f"{{{DS}}}X509SerialNumber")
    if not issuer or not number or not number.strip().isdigit():
        raise refused("X509IssuerName and a decimal X509SerialNumber needed")
    return issuer.strip(), int(number.strip())


def verify(
    data: bytes,
    keys: KeyStore,
    at: datetime | None = None,
    *,
    parsed: etree._Element | None = None,
) -> Verified:
    """Check ``data``'s signature with the certificate the key folder holds for it.

    ``at`` is when the certificate must have been valid: the message's own date-time
    is the natural choice (DCC Boxed's test certificates expire); default now. ``parsed``
    is ``parse_document(data)`` when the caller already has it (read, not changed here).
    """
    root = parse_document(data, "signed document") if parsed is None else parsed
    issuer, serial = _profile(_signature_of(root))
    entry = keys.find(issuer, serial)
    if entry is None:
        raise SignatureError(f"no certificate for issuer {issuer!r} serial {serial}", "/")
    config = SignatureConfiguration(
        **_CONFIG,
        verification_time=at if at is not None else datetime.now(UTC),
        location="./",  # the root's own signature, not an S1SP's nested deeper
    )
    try:
        with _SIGNXML:
            result = XMLVerifier().verify(root, x509_cert=entry.certificate, expect_config=config)
    except (SignXMLException, InvalidInput, ValueError, etree.LxmlError) as exc:
        # signxml checks the Signature against the xmldsig schema first: a SignatureValue
        # that is not base64 is lxml's DocumentInvalid, still just a signature that fails.
        raise SignatureError(f"signature does not verify: {exc}", "/ds:Signature") from exc
    signed = result.signed_xml
    if signed is None or signed.tag != root.tag:
        raise SignatureError("the signature does not cover the whole document", "/")
    return Verified(entry, signed)


# Where a response carries a message the S1SP signed itself: an S1SPAlert inside a
# DCCAlertMessage, or the SMETS1SignedResponse of a SMETS1ResponseMessage.
S1SP_SIGNED = (
    tuple(
        f"{{{SR}}}{name}"
        for name in ("Body", "DCCAlertMessage", "DCCAlert", "S1SPAlertDSP", "S1SPAlert")
    ),
    tuple(f"{{{SR}}}{name}" for name in ("Body", "SMETS1ResponseMessage", "SMETS1SignedResponse")),
)


def _s1sp_alert(root: etree._Element) -> etree._Element:
    """The one S1SP-signed element of a response (an S1SPAlert or SMETS1SignedResponse)."""
    found = []
    for path in S1SP_SIGNED:
        elements = [root]
        for tag in path:
            elements = [child for element in elements for child in element.findall(tag)]
        found += elements
    if len(found) != 1:
        raise CodecError("no single S1SPAlert or SMETS1SignedResponse here", element_path(root))
    return found[0]


def sign_s1sp_alert_element(
    root: etree._Element, key: ec.EllipticCurvePrivateKey, certificate: x509.Certificate
) -> None:
    """Sign, in place, the S1SPAlert or SMETS1SignedResponse inside the response ``root``.

    Either is a message of its own, signed by the S1SP (any signature it held is replaced): its enveloped signature
    (``URI=""``) covers the S1SPAlert as a document, exactly as it sits in ``root`` (the
    whitespace included), so ``root`` must not be re-indented afterwards.
    """
    alert = _s1sp_alert(root)
    standalone = etree.fromstring(etree.tostring(alert, with_tail=False))
    signed = sign_element(standalone, key, certificate, nested=True)
    signed.tail = alert.tail
    alert.getparent().replace(alert, signed)


def sign_s1sp_alert(
    data: bytes, key: ec.EllipticCurvePrivateKey, certificate: x509.Certificate
) -> bytes:
    """The response ``data`` with its S1SPAlert or SMETS1SignedResponse signed by the S1SP."""
    root = parse_document(data, "response")
    sign_s1sp_alert_element(root, key, certificate)
    return to_bytes(root)


def verify_s1sp_alert(data: bytes, keys: KeyStore, at: datetime | None = None) -> Verified:
    """Check the S1SP's signature on the S1SPAlert or SMETS1SignedResponse a response
    carries (see ``verify``). ``Verified.signed`` is that element as signed."""
    root = parse_document(data, "response")
    alert = _s1sp_alert(root)
    try:
        return verify(etree.tostring(alert, with_tail=False), keys, at)
    except SignatureError as exc:
        raise SignatureError(exc.reason, f"{element_path(alert)}{exc.path}") from exc


# signxml parses the xmldsig schema on a class's first use; do it now, on the importing
# thread, rather than while another thread parses a message.
for _processor in (XMLSigner, _DccBoxedSigner, XMLVerifier):
    _processor.schemas()
