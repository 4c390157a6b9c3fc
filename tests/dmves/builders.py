"""Builders of hand-made DMVES entries and files for the DMVES and CLI tests."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any


def valid_model(**changes: Any) -> dict[str, Any]:
    """A valid FOC ESME entry; ``changes`` override fields, a value of ``...`` removes one."""
    entry: dict[str, Any] = {
        "id": "T-ESME",
        "manufacturer": "Test Meters (invented)",
        "model": "TM-1",
        "firmware_version": "1.0.0",
        "device_type": "ESME",
        "cohort": "FOC",
        "group_id": "EA",
        "bilingual": False,
        "example": True,
        "clauses": ["18.1(v)"],
    }
    for key, value in changes.items():
        if value is ...:
            entry.pop(key, None)
        else:
            entry[key] = value
    return entry


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(value)  # strings and lists of strings are valid TOML this way


def toml_document(models: Sequence[Mapping[str, Any]], head: str = "schema = 1\n") -> str:
    parts = [head]
    for entry in models:
        parts.append("\n[[model]]\n")
        parts.extend(f"{key} = {toml_value(value)}\n" for key, value in entry.items())
    return "".join(parts)
