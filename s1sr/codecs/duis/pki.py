"""A throwaway test PKI in DCC Boxed's key-folder layout, so DUIS works without ../shared.

Here, with the codec, so that both sides write it without a process of its own: the
emulator's ``s1sr duis keygen`` and the DUT's ``s1sr run-duis`` (which never imports the
emulator).

An EC P-256 CA signs one pair for the DCC's own signing (``dcc-xml-sign-ds``) and one per
DCC User (``xml-sign-<EUI>-ds``): ``<name>.pem`` the certificate, ``<name>.key`` the PKCS#8
key (PEM). The CA's key is not kept: nothing more is signed with it. The certificates are
valid from 2000 to 2099, so a virtual clock anywhere in that span verifies. Test keys only.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from s1sr.models import EUI64

CA_NAME = "s1sr-test-ca"
DCC_KEY_NAME = "dcc-xml-sign-ds"


def user_key_name(user: EUI64) -> str:
    """The name of a DCC User's key pair in a folder keygen writes."""
    return f"xml-sign-{user}-ds"


_NOT_BEFORE = datetime(2000, 1, 1, tzinfo=UTC)
_NOT_AFTER = datetime(2099, 12, 31, tzinfo=UTC)


def _name(common: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "s1sr test"),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def _certificate(
    subject: x509.Name,
    key: ec.EllipticCurvePrivateKey,
    issuer: x509.Name,
    signer: ec.EllipticCurvePrivateKey,
    ca: bool,
) -> x509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(_NOT_BEFORE)
        .not_valid_after(_NOT_AFTER)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    return builder.sign(signer, hashes.SHA256())


def _write(folder: Path, name: str, certificate: x509.Certificate, key=None) -> None:  # noqa: ANN001
    (folder / f"{name}.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    if key is not None:
        path = folder / f"{name}.key"
        path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        os.chmod(path, 0o600)


def write_test_pki(folder: str | os.PathLike, users: Iterable[EUI64]) -> list[str]:
    """Write the PKI into ``folder`` (created if need be); the pair names written."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("s1sr test CA")
    _write(target, CA_NAME, _certificate(ca_name, ca_key, ca_name, ca_key, True))
    names = [DCC_KEY_NAME] + [user_key_name(user) for user in dict.fromkeys(users)]
    for name in names:
        key = ec.generate_private_key(ec.SECP256R1())
        _write(target, name, _certificate(_name(name), key, ca_name, ca_key, False), key)
    return names
