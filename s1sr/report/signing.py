"""Ed25519 signatures over a run's manifest: who produced a folder, not only that it is intact.

The manifest lists the SHA-256 of every other file; the signature (``manifest.sha256.sig``)
covers the manifest's exact bytes, prefixed with a fixed context string so that a
signature made by this key for anything else never verifies here. Anyone can recompute a
manifest; only the key holder can sign one. The signature file names the key by its
fingerprint (SHA-256 of the raw public key), so a folder signed by another key is told
apart from one altered since it was signed.

Keys are PEM files: PKCS#8 private keys, SubjectPublicKeyInfo public keys, unencrypted (a
CI secret or a file readable only by its owner: ``s1sr report keygen`` writes it 0600).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from s1sr.report.errors import ReportError
from s1sr.report.layout import MANIFEST_FILE, SIGNATURE_FILE

FORMAT = "s1sr-signature/1"
ALGORITHM = "Ed25519"
CONTEXT = b"s1sr run manifest signature v1\n"


class SigningError(ReportError):
    """A key that cannot be used, or a signature that does not prove what is asked of it."""


@dataclass(frozen=True)
class Signature:
    key: str  # fingerprint of the signing key
    value: bytes  # 64 bytes


@dataclass(frozen=True)
class SignatureCheck:
    signed: bool
    key: str | None  # the fingerprint the signature names
    trusted: bool  # verified with one of the given keys


def fingerprint(key: Ed25519PublicKey) -> str:
    """``SHA256:<hex>`` of the raw 32-byte public key: how a key is named in output."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "SHA256:" + hashlib.sha256(raw).hexdigest()


# --- keys ------------------------------------------------------------------------------


def generate_keys(private_path: Path, public_path: Path) -> str:
    """Write a new key pair (refusing to overwrite either file); its fingerprint."""
    for path in (private_path, public_path):
        if path.exists() or path.is_symlink():
            raise SigningError("exists: refusing to overwrite a key file", str(path))
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    _create(private_path, private, 0o600)
    try:
        _create(public_path, public, 0o644)
    except BaseException:
        private_path.unlink()
        raise
    return fingerprint(key.public_key())


def _create(path: Path, data: bytes, mode: int) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except FileExistsError:
        raise SigningError("exists: refusing to overwrite a key file", str(path)) from None
    except OSError as exc:
        raise SigningError(f"cannot be written: {exc.strerror or exc}", str(path)) from exc
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(path, mode)  # whatever the umask


def load_private_key(path: Path) -> Ed25519PrivateKey:
    data = _read(path)
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except TypeError:
        raise SigningError("an encrypted key: give an unencrypted PEM key", str(path)) from None
    except ValueError as exc:
        raise SigningError(f"not a PEM private key: {exc}", str(path)) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningError(f"not an Ed25519 key ({type(key).__name__})", str(path))
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    data = _read(path)
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError as exc:
        raise SigningError(f"not a PEM public key: {exc}", str(path)) from None
    if not isinstance(key, Ed25519PublicKey):
        raise SigningError(f"not an Ed25519 key ({type(key).__name__})", str(path))
    return key


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SigningError(f"cannot be read: {exc.strerror or exc}", str(path)) from exc


# --- signing and checking ----------------------------------------------------------------


def sign_manifest(folder: Path, key: Ed25519PrivateKey) -> Path:
    """Sign ``folder``'s manifest as it is now (no other check: see ``sign_run``)."""
    manifest = _read(folder / MANIFEST_FILE)
    value = key.sign(CONTEXT + manifest)
    document = {
        "format": FORMAT,
        "algorithm": ALGORITHM,
        "signs": MANIFEST_FILE,
        "key": fingerprint(key.public_key()),
        "signature": base64.b64encode(value).decode("ascii"),
    }
    path = folder / SIGNATURE_FILE
    temporary = path.with_name(f".{SIGNATURE_FILE}.tmp")
    temporary.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)
    return path


def read_signature(folder: Path) -> Signature | None:
    """The folder's signature, None when it has none; SigningError when it is malformed."""
    path = folder / SIGNATURE_FILE
    if not path.exists():
        return None
    file = str(path)
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SigningError(f"not an s1sr signature: {exc}", file) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SigningError(f"not an s1sr signature (format is not {FORMAT!r})", file)
    if data.get("algorithm") != ALGORITHM or data.get("signs") != MANIFEST_FILE:
        raise SigningError(f"not an {ALGORITHM} signature of {MANIFEST_FILE}", file)
    key, text = data.get("key"), data.get("signature")
    if not isinstance(key, str) or not isinstance(text, str):
        raise SigningError("key and signature must be strings", file)
    try:
        value = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise SigningError("signature is not base64", file) from None
    if len(value) != 64:
        raise SigningError(f"signature is {len(value)} bytes, not 64", file)
    return Signature(key, value)


def check_signature(folder: Path, trusted: Sequence[Ed25519PublicKey]) -> SignatureCheck:
    """Whether ``folder`` is signed, by which key, and whether one of ``trusted`` signed it
    over the manifest as it is now. SigningError when the signature file is malformed."""
    signature = read_signature(folder)
    if signature is None:
        return SignatureCheck(signed=False, key=None, trusted=False)
    manifest = _read(folder / MANIFEST_FILE)
    for key in trusted:
        if fingerprint(key) != signature.key:
            continue
        try:
            key.verify(signature.value, CONTEXT + manifest)
        except InvalidSignature:
            continue
        return SignatureCheck(signed=True, key=signature.key, trusted=True)
    return SignatureCheck(signed=True, key=signature.key, trusted=False)


def require_signature(folder: Path, trusted: Sequence[Ed25519PublicKey]) -> SignatureCheck:
    """The check, or SigningError saying why the folder is not signed by a trusted key."""
    check = check_signature(folder, trusted)
    if check.trusted:
        return check
    names = ", ".join(fingerprint(k) for k in trusted) or "none"
    if not check.signed:
        raise SigningError(f"not signed (no {SIGNATURE_FILE}); trusted keys: {names}", str(folder))
    if check.key not in {fingerprint(k) for k in trusted}:
        raise SigningError(
            f"signed by key {check.key}, which is not trusted (trusted: {names})", str(folder)
        )
    raise SigningError(
        f"the signature by {check.key} does not match {MANIFEST_FILE}: the manifest was "
        "changed after it was signed, or the signature was made for another run",
        str(folder),
    )
