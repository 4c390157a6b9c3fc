"""Who signed: a DCC User's EUI-64 from its key pair's name, and the DCC's own signing pair.

Key folders are laid out like DCC Boxed's: a DCC User's pair is ``xml-sign-<EUI>-ds``,
the EUI written with dashes (``xml-sign-90-B3-D5-1F-30-01-00-00-ds``, what ``s1sr duis
keygen`` writes) or without (``xml-sign-90B3D51F30010000-ds``, DCC Boxed's own). The DCC
signs with ``dcc-xml-sign-ds`` (keygen's), else DCC Boxed's ``dsp-xml-sign-<EUI>-ds``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from s1sr.codecs.duis import KeyStore
from s1sr.codecs.duis.pki import DCC_KEY_NAME, user_key_name
from s1sr.models import EUI64

__all__ = ["DCC_KEY_NAME", "SigningPair", "dcc_pair", "user_key_name", "user_of"]

_USER = re.compile(r"xml-sign-((?:[0-9A-Fa-f]{2}-?){7}[0-9A-Fa-f]{2})-ds")
_DSP = re.compile(r"dsp-xml-sign-[0-9A-Fa-f]{16}-ds")


def user_of(key_name: str) -> EUI64 | None:
    """The DCC User a key pair belongs to, by its name; None for any other pair."""
    match = _USER.fullmatch(key_name)
    if match is None:
        return None
    digits = match.group(1).replace("-", "")
    if len(digits) != 16:
        return None
    return EUI64.parse("-".join(digits[i : i + 2] for i in range(0, 16, 2)).upper())


@dataclass(frozen=True)
class SigningPair:
    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate
    name: str


def dcc_pair(keys: KeyStore) -> SigningPair:
    """The DCC's signing pair in ``keys``; ``FileNotFoundError`` naming what was looked for."""
    names = [
        DCC_KEY_NAME,
        *sorted(path.stem for path in keys.folder.glob("*.pem") if _DSP.fullmatch(path.stem)),
    ]
    for name in names:
        try:
            entry = keys.named(name)
        except KeyError:
            continue
        if entry.key_path is not None:
            return SigningPair(entry.private_key(), entry.certificate, name)
    raise FileNotFoundError(
        f"{keys.folder}: no DCC signing pair ({DCC_KEY_NAME}.pem/.key or "
        "dsp-xml-sign-<EUI>-ds.pem/.key); give --sign-key and --sign-cert"
    )
