"""The DUIS key folder as the DCC User side uses it: signing keys per user, trusted signers.

Laid out like DCC Boxed's (``<name>.pem`` certificate, ``<name>.key`` PKCS#8 key). A DCC
User's pair is ``xml-sign-<EUI, dashes, upper case>-ds`` (the contract's naming, which
``s1sr duis keygen`` writes) or DCC Boxed's own ``xml-sign-<16 hex digits>-ds``. Every
certificate of the folder is trusted to verify; a response or alert must be signed by one
that is not a DCC User's (the DCC signs them, never a user).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from s1sr.codecs.duis import KeyStore
from s1sr.dut.errors import DutError
from s1sr.models import EUI64

USER_PREFIX = "xml-sign-"


def user_key_names(user: EUI64) -> tuple[str, str]:
    text = str(user).upper()
    return f"{USER_PREFIX}{text}-ds", f"{USER_PREFIX}{text.replace('-', '')}-ds"


@dataclass(frozen=True)
class SigningKey:
    name: str
    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate


class DuisKeys:
    """A key folder: ``signer(user)`` to sign a request, ``store`` to verify answers."""

    def __init__(self, folder: Path) -> None:
        try:
            self.store = KeyStore(folder)
        except (OSError, ValueError) as exc:
            raise DutError(f"--duis-keys {folder}: {exc}") from exc
        self.folder = Path(folder)
        self._signers: dict[EUI64, SigningKey] = {}

    def signer(self, user: EUI64) -> SigningKey:
        if user not in self._signers:
            for name in user_key_names(user):
                try:
                    entry = self.store.named(name)
                except KeyError:
                    continue
                try:
                    key = entry.private_key()
                except (OSError, ValueError) as exc:
                    raise DutError(f"--duis-keys: {name}: {exc}") from exc
                self._signers[user] = SigningKey(name, key, entry.certificate)
                break
            else:
                raise DutError(
                    f"--duis-keys {self.folder}: no signing key for DCC User {user} "
                    f"(expected {user_key_names(user)[0]}.pem and .key)"
                )
        return self._signers[user]

    @staticmethod
    def is_user_key(name: str) -> bool:
        return name.startswith(USER_PREFIX)
