"""Strict reading of a report's JSON: every wrong or missing field is named with its path."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from s1sr.report.errors import ReportError


class Fields:
    """Typed access to one JSON object of ``file`` at ``path`` (e.g. ``results[3]``)."""

    def __init__(self, data: object, file: str, path: str) -> None:
        if not isinstance(data, Mapping):
            raise ReportError("must be an object", file, path or "(top level)")
        self.data = data
        self.file = file
        self.path = path

    def _name(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def _get(self, key: str, optional: bool) -> Any:
        if key not in self.data:
            if optional:
                return None
            raise ReportError("missing", self.file, self._name(key))
        return self.data[key]

    def text(self, key: str, *, optional: bool = False, empty: bool = True) -> str | None:
        value = self._get(key, optional)
        if value is None and optional:
            return None
        if not isinstance(value, str) or (not empty and not value):
            raise ReportError(
                "must be a non-empty string" if not empty else "must be a string",
                self.file,
                self._name(key),
            )
        return value

    def required_text(self, key: str, *, empty: bool = True) -> str:
        value = self.text(key, empty=empty)
        assert value is not None
        return value

    def integer(self, key: str, *, optional: bool = False) -> int | None:
        value = self._get(key, optional)
        if value is None and optional:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            raise ReportError("must be an integer", self.file, self._name(key))
        return value

    def number(self, key: str) -> float:
        value = self._get(key, False)
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise ReportError("must be a number", self.file, self._name(key))
        return float(value)

    def boolean(self, key: str) -> bool:
        value = self._get(key, False)
        if not isinstance(value, bool):
            raise ReportError("must be true or false", self.file, self._name(key))
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self._get(key, False)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ReportError("must be a list of strings", self.file, self._name(key))
        return tuple(value)

    def objects(self, key: str) -> list[Fields]:
        value = self._get(key, False)
        if not isinstance(value, list):
            raise ReportError("must be a list", self.file, self._name(key))
        return [Fields(item, self.file, f"{self._name(key)}[{i}]") for i, item in enumerate(value)]

    def child(self, key: str) -> Fields:
        return Fields(self._get(key, False), self.file, self._name(key))

    def mapping(self, key: str) -> dict[str, Any]:
        value = self._get(key, False)
        if not isinstance(value, Mapping):
            raise ReportError("must be an object", self.file, self._name(key))
        return dict(value)

    def instant(self, key: str) -> datetime:
        text = self.required_text(key)
        try:
            value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as exc:
            raise ReportError(
                f"not an ISO 8601 instant: {text!r}", self.file, self._name(key)
            ) from exc
        if value.utcoffset() is None or value.utcoffset().total_seconds() != 0:  # type: ignore[union-attr]
            raise ReportError("must be in UTC (ending in Z)", self.file, self._name(key))
        return value.astimezone(UTC)


def iso(value: datetime) -> str:
    """UTC, to the microsecond, ending in Z: how every instant of a report is written."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
