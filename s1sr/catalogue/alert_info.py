"""One entry of the alert catalogue.

SMETS1 S1SP alert codes are not public beyond S1CE20, so every other code here is
defined by this project, marked ``project_defined`` and spelt with the ``S1PX`` prefix
so that nobody mistakes it for a DCC code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from s1sr.catalogue.errors import FieldValueError

ALERT_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,15}$")  # the shape s1sr.models.Alert accepts
PROJECT_PREFIX = "S1PX"


@dataclass(frozen=True)
class AlertInfo:
    code: str
    name: str
    description: str
    project_defined: bool
    clauses: tuple[str, ...]  # the catalogue entries whose behaviour raises it
    source: str  # where the code comes from: a seed document or "project"

    def __post_init__(self) -> None:
        if not isinstance(self.code, str) or not ALERT_CODE.match(self.code):
            raise FieldValueError("code", f"must be upper-case alphanumeric, got {self.code!r}")
        for name in ("name", "description", "source"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise FieldValueError(name, "must be a non-empty string")
        if not isinstance(self.project_defined, bool):
            raise FieldValueError("project_defined", "must be a bool")
        if self.project_defined != self.code.startswith(PROJECT_PREFIX):
            raise FieldValueError(
                "code", f"project-defined codes, and only they, start with {PROJECT_PREFIX}"
            )
        if not isinstance(self.clauses, tuple) or not all(isinstance(c, str) for c in self.clauses):
            raise FieldValueError("clauses", "must be a tuple of clause ids")
