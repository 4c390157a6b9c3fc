"""Waivers: a FAIL or ERROR (or INCONCLUSIVE under --strict) accepted for a while, in TOML.

::

    [[waiver]]
    clause = "18.6(b)"
    model = "EX-ESME-1"
    reason = "ticket SUP-123: fixed in firmware 04.03"
    expires = 2026-12-31            # last day it holds (a TOML date or "YYYY-MM-DD")

Every waiver names one (clause, Device Model) of the run it is checked against, a reason
and an expiry: a waiver without an end is a silent pass. Errors name the file, the entry
and the field.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

FIELDS = ("clause", "model", "reason", "expires")


class WaiverError(ValueError):
    def __init__(
        self, file: str, message: str, entry: str | None = None, field: str | None = None
    ) -> None:
        super().__init__(": ".join(p for p in (file, entry, field, message) if p))
        self.file = file
        self.entry = entry
        self.field = field


@dataclass(frozen=True)
class Waiver:
    clause: str
    model: str
    reason: str
    expires: date  # the last day the waiver holds

    def __post_init__(self) -> None:
        for name in ("clause", "model", "reason"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"{name} must be a non-empty string")
        if not isinstance(self.expires, date) or isinstance(self.expires, datetime):
            raise ValueError("expires must be a date")

    @property
    def key(self) -> tuple[str, str]:
        return (self.model, self.clause)

    def expired(self, today: date) -> bool:
        return today > self.expires

    def describe(self) -> str:
        return f"waiver {self.clause} / {self.model} (until {self.expires.isoformat()})"


def load_waivers(
    path: Path, *, clauses: Collection[str], models: Collection[str]
) -> tuple[Waiver, ...]:
    """The waivers in ``path``; ids must be clauses and Device Models of ``clauses``/``models``."""
    file = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise WaiverError(file, f"cannot be read: {exc.strerror or exc}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise WaiverError(file, f"not TOML: {exc}") from exc
    return parse_waivers(data, file, clauses=clauses, models=models)


def parse_waivers(
    data: Mapping[str, object], file: str, *, clauses: Collection[str], models: Collection[str]
) -> tuple[Waiver, ...]:
    unknown = [k for k in data if k != "waiver"]
    if unknown:
        raise WaiverError(file, f"unknown key(s) {', '.join(sorted(unknown))}: only [[waiver]]")
    entries = data.get("waiver", [])
    if not isinstance(entries, list):
        raise WaiverError(file, "'waiver' must be an array of tables ([[waiver]])")
    waivers: list[Waiver] = []
    seen: dict[tuple[str, str], str] = {}
    for number, entry in enumerate(entries, 1):
        name = f"waiver {number}"
        waiver = _entry(entry, file, name, clauses, models)
        if waiver.key in seen:
            raise WaiverError(
                file,
                f"{waiver.clause} / {waiver.model} is waived already by {seen[waiver.key]}",
                name,
            )
        seen[waiver.key] = name
        waivers.append(waiver)
    return tuple(waivers)


def _entry(
    entry: object, file: str, name: str, clauses: Collection[str], models: Collection[str]
) -> Waiver:
    if not isinstance(entry, Mapping):
        raise WaiverError(file, "must be a table", name)
    unknown = [k for k in entry if k not in FIELDS]
    if unknown:
        raise WaiverError(file, f"unknown field (fields: {', '.join(FIELDS)})", name, unknown[0])
    texts = {}
    for field in ("clause", "model", "reason"):
        value = entry.get(field)
        if value is None:
            raise WaiverError(file, "missing", name, field)
        if not isinstance(value, str) or not value.strip():
            raise WaiverError(file, "must be a non-empty string", name, field)
        texts[field] = value.strip()
    if texts["clause"] not in clauses:
        raise WaiverError(
            file, f"{texts['clause']!r} is not a clause of the catalogue", name, "clause"
        )
    if texts["model"] not in models:
        raise WaiverError(
            file, f"{texts['model']!r} is not a Device Model of the DMVES", name, "model"
        )
    return Waiver(texts["clause"], texts["model"], texts["reason"], _expiry(entry, file, name))


def _expiry(entry: Mapping[str, object], file: str, name: str) -> date:
    value = entry.get("expires")
    if value is None:
        raise WaiverError(file, "missing: every waiver ends (YYYY-MM-DD)", name, "expires")
    if isinstance(value, datetime):
        raise WaiverError(file, "must be a date (YYYY-MM-DD), not a date and time", name, "expires")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise WaiverError(file, f"must be a date (YYYY-MM-DD), got {value!r}", name, "expires")
