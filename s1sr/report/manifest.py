"""``manifest.sha256``: the SHA-256 of every other file of a run folder, in sha256sum format.

``cd <run> && sha256sum -c manifest.sha256`` checks it without s1sr; ``verify_manifest``
also names files added since (sha256sum cannot). Names are POSIX paths relative to the
folder; a name that could leave it (absolute, ``..``) or that sha256sum would have to
escape (newline, backslash) is refused, when writing and when reading. The manifest's
signature (``manifest.sha256.sig``, made after it) is the one file it does not list.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from s1sr.report.errors import ReportError
from s1sr.report.incomplete import check_complete
from s1sr.report.layout import MANIFEST_FILE, SIGNATURE_FILE

_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class ManifestCheck:
    altered: tuple[str, ...]
    added: tuple[str, ...]
    missing: tuple[str, ...]
    checked: int  # files listed and found intact

    @property
    def ok(self) -> bool:
        return not (self.altered or self.added or self.missing)

    def problems(self) -> list[str]:
        return (
            [f"altered: {name}" for name in self.altered]
            + [f"added: {name}" for name in self.added]
            + [f"missing: {name}" for name in self.missing]
        )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def folder_files(folder: Path) -> list[str]:
    """Every file under ``folder`` but the manifest and its signature, as sorted relative
    POSIX names."""
    names = []
    for path in folder.rglob("*"):
        if path.is_dir() and not path.is_symlink():
            continue
        name = path.relative_to(folder).as_posix()
        if name not in (MANIFEST_FILE, SIGNATURE_FILE):
            names.append(name)
    return sorted(names)


def write_manifest(folder: Path) -> Path:
    lines = []
    for name in folder_files(folder):
        _check_name(name, str(folder / MANIFEST_FILE))
        lines.append(f"{sha256_of(folder / name)}  {name}\n")
    path = folder / MANIFEST_FILE
    temporary = path.with_name(f".{MANIFEST_FILE}.tmp")
    temporary.write_bytes("".join(lines).encode("utf-8"))
    os.replace(temporary, path)  # a reader sees the old manifest or the whole new one
    return path


def read_manifest(path: Path) -> dict[str, str]:
    """Name -> SHA-256; ReportError names the file and line of anything malformed."""
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ReportError("missing: not a verified report folder", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(f"cannot be read: {exc}", str(path)) from exc
    entries: dict[str, str] = {}
    for number, line in enumerate(text.split("\n"), 1):
        if not line:
            continue
        match = _LINE.match(line)
        if match is None:
            raise ReportError("not '<sha256>  <name>'", str(path), f"line {number}")
        digest, name = match.groups()
        _check_name(name, str(path), f"line {number}")
        if name in entries:
            raise ReportError(f"{name} is listed twice", str(path), f"line {number}")
        entries[name] = digest
    return entries


def verify_manifest(folder: Path) -> ManifestCheck:
    """Compare the folder with its manifest: which files were altered, added or removed."""
    if not folder.is_dir():
        raise ReportError("not a folder", str(folder))
    check_complete(folder)  # a killed run's folder says so, not just "missing"
    listed = read_manifest(folder / MANIFEST_FILE)
    present = set(folder_files(folder))
    altered, checked = [], 0
    for name, digest in listed.items():
        path = folder / name
        if name not in present:
            continue
        if not path.is_file() or _digest_or_none(path) != digest:
            altered.append(name)
        else:
            checked += 1
    return ManifestCheck(
        altered=tuple(sorted(altered)),
        added=tuple(sorted(present - set(listed))),
        missing=tuple(sorted(set(listed) - present)),
        checked=checked,
    )


def _digest_or_none(path: Path) -> str | None:
    try:
        return sha256_of(path)
    except OSError:
        return None


def _check_name(name: str, file: str, where: str | None = None) -> None:
    pure = PurePosixPath(name)
    bad = (
        "\n" in name
        or "\\" in name
        or "\r" in name
        or pure.is_absolute()
        or ".." in pure.parts
        or name != pure.as_posix()
    )
    if bad:
        raise ReportError(f"file name {name!r} is not a plain relative path", file, where)
