"""Typed reading of data-file entries, so every problem names file, entry and field.

The catalogue's TOML files and the DMVES (TOML, CSV, XLSX) all pass through ``Record``:
one place decides what "missing", "unknown" and "ill-typed" mean.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from s1sr.catalogue.errors import DataFileError, FieldValueError

E = TypeVar("E", bound=Enum)
T = TypeVar("T")


def read_bytes(path: Path) -> bytes:
    """A data file's bytes, with I/O problems reported as ``DataFileError``."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataFileError(str(path), None, None, f"cannot read: {exc.strerror or exc}") from exc


def parse_toml(raw: bytes, file: str) -> dict[str, Any]:
    """Parse TOML bytes, turning encoding and syntax problems into ``DataFileError``."""
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise DataFileError(file, None, None, f"not UTF-8: {exc.reason}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(file, None, None, f"not valid TOML: {exc}") from exc


def read_toml(path: Path) -> dict[str, Any]:
    return parse_toml(read_bytes(path), str(path))


def table_array(
    document: Mapping[str, Any], key: str, file: str, *, required: bool = True
) -> list[Mapping[str, Any]]:
    """The ``[[key]]`` entries of a document."""
    if key not in document:
        if required:
            raise DataFileError(file, None, key, f"no [[{key}]] entries")
        return []
    value = document[key]
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise DataFileError(file, None, key, f"must be an array of tables ([[{key}]])")
    return value


def check_top_level(document: Mapping[str, Any], file: str, allowed: Iterable[str]) -> None:
    """Refuse unknown top-level keys: a typo there would otherwise be silently ignored."""
    allowed = set(allowed)
    for key in document:
        if key not in allowed:
            raise DataFileError(file, None, key, "unknown top-level key")
    if document.get("schema") != 1:
        raise DataFileError(file, None, "schema", "must be 1 (the only schema version)")


class Record:
    """One entry (a TOML table or a spreadsheet row) being read into a model."""

    def __init__(self, data: Mapping[str, Any], file: str, entry: str) -> None:
        self.data = data
        self.file = file
        self.entry = entry

    def error(self, field: str | None, problem: str) -> DataFileError:
        return DataFileError(self.file, self.entry, field, problem)

    def check_fields(self, required: Iterable[str], optional: Iterable[str] = ()) -> None:
        required = list(required)
        known = set(required) | set(optional)
        for name in required:
            if name not in self.data:
                raise self.error(name, "missing")
        for name in self.data:
            if name not in known:
                raise self.error(str(name), "unknown field")

    def _get(self, field: str, kind: type | tuple[type, ...], what: str) -> Any:
        value = self.data[field]
        if isinstance(value, bool) and bool not in _as_tuple(kind):
            raise self.error(field, f"must be {what}, got a boolean")
        if not isinstance(value, kind):
            raise self.error(field, f"must be {what}, got {type(value).__name__}")
        return value

    def text(self, field: str, *, allow_empty: bool = False) -> str:
        value = self._get(field, str, "a string")
        if not allow_empty and not value.strip():
            raise self.error(field, "must not be empty")
        return value

    def optional_text(self, field: str) -> str | None:
        if field not in self.data:
            return None
        return self.text(field)

    def flag(self, field: str) -> bool:
        return self._get(field, bool, "true or false")

    def texts(self, field: str) -> tuple[str, ...]:
        values = self._get(field, list, "a list of strings")
        for value in values:
            if not isinstance(value, str):
                raise self.error(field, f"must hold strings only, got {type(value).__name__}")
        if len(set(values)) != len(values):
            dupes = sorted({v for v in values if values.count(v) > 1})
            raise self.error(field, f"lists {', '.join(dupes)} more than once")
        return tuple(values)

    def choice(self, field: str, enum: type[E]) -> E:
        value = self._get(field, str, "a string")
        return self._member(field, enum, value)

    def choices(self, field: str, enum: type[E]) -> tuple[E, ...]:
        return tuple(self._member(field, enum, v) for v in self.texts(field))

    def _member(self, field: str, enum: type[E], value: str) -> E:
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in enum)
            raise self.error(field, f"{value!r} is not one of: {allowed}") from None

    def build(self, factory: Callable[..., T], **kwargs: Any) -> T:
        """Construct a model, reporting its refusal against this entry and the field."""
        try:
            return factory(**kwargs)
        except FieldValueError as exc:
            raise self.error(exc.field, exc.problem) from exc


def entry_label(kind: str, data: Mapping[str, Any], index: int, key: str = "id") -> str:
    """``clause '18.1(v)'`` when the entry has a usable id, else ``clause #3`` (1-based)."""
    ident = data.get(key) if isinstance(data, Mapping) else None
    if isinstance(ident, str) and ident.strip():
        return f"{kind} '{ident}'"
    return f"{kind} #{index + 1}"


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)
