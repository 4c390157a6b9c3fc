"""The DCC Reference Test Data Set (RTDS) as test data: where it is, what its names mean.

File names read ``<UseCase>_<SRV>[_<AlertCode>][_<Variant>]_<Outcome>_<Type>[_<Detail>]_GBCS.HEX``,
e.g. ``ECS01a_1.1.1_8F66_FUTURE_DATED_TOU_BLOCK_SUCCESS_ALERT_CURRENCY_UNIT_GBCS.HEX``.
The folder is shared data outside the repository: ``<repo>/../shared/gbcs-rtds`` by
default, or wherever ``S1SR_GBCS_RTDS`` points.
"""

from __future__ import annotations

import os
import re
import string
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs.payload_kind import PayloadKind
from s1sr.models import ModelError

RTDS_ENV = "S1SR_GBCS_RTDS"
_REPO_ROOT = Path(__file__).resolve().parents[3]

_NAME = re.compile(
    r"^(?P<use_case>[A-Z]+\d+[a-z]?)"
    r"_(?P<srv>\d+(?:\.\d+)+)"
    r"(?:_(?P<alert_code>[0-9][0-9A-F]{3}))?"
    r"(?:_(?P<variant>[A-Z][A-Z_]*?))??"
    r"_(?P<outcome>SUCCESS|ERROR|NOT_FOUND)"
    r"_(?P<message_type>COMMAND|PRECOMMAND|RESPONSE|ALERT)"
    r"(?:_(?P<detail>[A-Z][A-Z_]*?))?"
    r"_GBCS\.HEX$"
)


class MessageType(StrEnum):
    COMMAND = "COMMAND"
    PRECOMMAND = "PRECOMMAND"  # the DUIS-level command before the DCC signs and wraps it
    RESPONSE = "RESPONSE"
    ALERT = "ALERT"


@dataclass(frozen=True)
class RtdsName:
    use_case: str  # GBCS use case, e.g. "CS01a"
    srv: str  # DUIS service reference variant, e.g. "2.2"
    outcome: str  # SUCCESS, ERROR or NOT_FOUND
    message_type: MessageType
    alert_code: int | None = None  # e.g. 0x8F66 for future-dated alerts
    variant: str | None = None  # e.g. "FUTURE_DATED_TOU_BLOCK"
    detail: str | None = None  # what an alert is about, e.g. "CURRENCY_UNIT"

    @classmethod
    def parse(cls, file_name: str) -> RtdsName:
        match = _NAME.match(Path(file_name).name)
        if not match:
            raise ModelError(f"not an RTDS GBCS file name: {file_name!r}")
        g = match.groupdict()
        return cls(
            use_case=g["use_case"],
            srv=g["srv"],
            outcome=g["outcome"],
            message_type=MessageType(g["message_type"]),
            alert_code=int(g["alert_code"], 16) if g["alert_code"] else None,
            variant=g["variant"],
            detail=g["detail"],
        )


def expected_payload_kind(use_case: str) -> PayloadKind | None:
    """Gas use cases speak GBZ, electricity DLMS, the device-agnostic CS06 / CS08 DER."""
    if use_case in ("CS06", "CS08"):
        return PayloadKind.DER
    if use_case.startswith("GCS") or use_case == "CS01b":
        return PayloadKind.GBZ
    if use_case.startswith("ECS") or use_case == "CS01a":
        return PayloadKind.DLMS
    return None


def default_rtds_dir(repo_root: Path | None = None) -> Path:
    """``$S1SR_GBCS_RTDS``, else ``<repo>/../shared/gbcs-rtds``.

    The repository is ``repo_root`` when given (the tests pass theirs); otherwise the
    checkout this package was imported from (editable install) if it has the folder,
    else the working directory (tox and the CLI run from the repository root, where an
    installed wheel knows nothing of the checkout).
    """
    override = os.environ.get(RTDS_ENV)
    if override:
        return Path(override)
    if repo_root is not None:
        return repo_root.parent / "shared" / "gbcs-rtds"
    beside_package = _REPO_ROOT.parent / "shared" / "gbcs-rtds"
    if beside_package.is_dir():
        return beside_package
    return Path.cwd().parent / "shared" / "gbcs-rtds"


def rtds_files(root: Path) -> list[Path]:
    """Every ``*.HEX`` file under ``root``, in a stable order."""
    return sorted(root.rglob("*.HEX"), key=lambda p: p.name)


def read_hex(text: str) -> bytes:
    """A message written as hex (whitespace ignored), as RTDS files and the CLI take it."""
    cleaned = "".join(text.split())
    if cleaned[:2].lower() == "0x":
        cleaned = cleaned[2:]
    if len(cleaned) % 2 and all(c in string.hexdigits for c in cleaned):
        raise CodecError(f"the hex is odd-length: {len(cleaned)} digits, one is missing")
    try:
        return bytes.fromhex(cleaned)
    except ValueError as exc:
        raise CodecError(f"not a hex string: {exc}") from exc


def read_hex_file(path: Path) -> bytes:
    return read_hex(path.read_text(encoding="ascii", errors="replace"))
