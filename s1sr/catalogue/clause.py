"""One entry of the clause catalogue: an S1SR Section 18 change of FOC Uplift 2.1.

The kind of a change decides which verdicts a test of it may give, so the two are checked
against each other at construction: a removed clause can never PASS, an uncertain one
never PASS or FAIL on a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from s1sr.catalogue.cohort import Cohort
from s1sr.catalogue.errors import FieldValueError
from s1sr.models import SRV, DeviceType
from s1sr.verdicts.verdict import Verdict

CLAUSE_ID = re.compile(r"^(?:18\.\d{1,2}(?:\([a-z]{1,2}\))?|scope:[a-z0-9]+(?:-[a-z0-9]+)*)$")
FAMILY_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ClauseKind(StrEnum):
    BEHAVIOUR = "behaviour"
    RESTRICTION_REMOVED = "restriction-removed"
    ACCESS_RESTORED = "access-restored"
    CLARIFICATION = "clarification"
    UNCERTAIN = "uncertain"
    REMOVED = "removed"
    NO_DESCRIPTION = "no-description"


_ALL = frozenset(Verdict)
_UNCERTAIN = frozenset({Verdict.INCONCLUSIVE, Verdict.NOT_APPLICABLE})
_NOT_APPLICABLE = frozenset({Verdict.NOT_APPLICABLE})

VERDICTS_BY_KIND: dict[ClauseKind, frozenset[Verdict]] = {
    ClauseKind.BEHAVIOUR: _ALL,
    ClauseKind.RESTRICTION_REMOVED: _ALL,
    ClauseKind.ACCESS_RESTORED: _ALL,
    ClauseKind.CLARIFICATION: _ALL,
    ClauseKind.UNCERTAIN: _UNCERTAIN,
    ClauseKind.REMOVED: _NOT_APPLICABLE,
    ClauseKind.NO_DESCRIPTION: _NOT_APPLICABLE,
}

UNTESTABLE_KINDS = frozenset({ClauseKind.REMOVED, ClauseKind.NO_DESCRIPTION})


@dataclass(frozen=True)
class Clause:
    id: str  # exactly as domain-notes writes it, e.g. "18.21(f)"; scope items "scope:<slug>"
    title: str
    change: str  # the seed's words; empty only for a clause listed with no description
    kind: ClauseKind
    family: str  # groups clauses into one suite module
    device_types: frozenset[DeviceType]
    srvs: tuple[SRV, ...]  # the SRV the clause is about first, then the ones a test also sends
    cohorts: frozenset[Cohort]  # the cohorts whose Device Models may be mapped to it
    bilingual_only: bool  # only meaningful on a Device Model with a bilingual display
    interpretation: str  # the project's reading where the words are ambiguous
    baseline: str  # what a Device Model NOT mapped to the clause does
    verdicts: frozenset[Verdict]

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not CLAUSE_ID.match(self.id):
            raise FieldValueError("id", f"not a clause id: {self.id!r}")
        for name in ("title", "interpretation", "baseline"):
            _require_text(name, getattr(self, name))
        if not isinstance(self.kind, ClauseKind):
            raise FieldValueError("kind", f"must be a ClauseKind, got {self.kind!r}")
        if not isinstance(self.change, str):
            raise FieldValueError("change", "must be a string")
        if self.kind is ClauseKind.NO_DESCRIPTION and self.change:
            raise FieldValueError("change", "a clause listed with no description has no words")
        if self.kind is not ClauseKind.NO_DESCRIPTION and not self.change.strip():
            raise FieldValueError("change", "must not be empty")
        if not isinstance(self.family, str) or not FAMILY_SLUG.match(self.family):
            raise FieldValueError("family", f"not a slug: {self.family!r}")
        _require_members("device_types", self.device_types, frozenset, DeviceType)
        _require_members("cohorts", self.cohorts, frozenset, Cohort)
        _require_members("verdicts", self.verdicts, frozenset, Verdict)
        if not isinstance(self.srvs, tuple) or not all(isinstance(s, SRV) for s in self.srvs):
            raise FieldValueError("srvs", "must be a tuple of SRV")
        if len(set(self.srvs)) != len(self.srvs):
            raise FieldValueError("srvs", "lists an SRV twice")
        if not isinstance(self.bilingual_only, bool):
            raise FieldValueError("bilingual_only", "must be a bool")
        if not self.device_types:
            raise FieldValueError("device_types", "must name at least one device type")
        if not self.cohorts:
            raise FieldValueError("cohorts", "must name at least one cohort")
        if self.testable and not self.srvs:
            raise FieldValueError("srvs", f"a {self.kind} clause needs at least one SRV to test")
        if not self.testable and self.srvs:
            raise FieldValueError("srvs", f"a {self.kind} clause has nothing to test: no SRVs")
        expected = VERDICTS_BY_KIND[self.kind]
        if self.verdicts != expected:
            want = ", ".join(sorted(expected))
            raise FieldValueError("verdicts", f"a {self.kind} clause gives exactly: {want}")

    @property
    def testable(self) -> bool:
        """Removed and undescribed clauses have nothing to test (NOT_APPLICABLE only)."""
        return self.kind not in UNTESTABLE_KINDS

    @property
    def is_scope_item(self) -> bool:
        return self.id.startswith("scope:")


def _require_text(name: str, value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise FieldValueError(name, "must be a non-empty string")


def _require_members(name: str, value: object, container: type, member: type) -> None:
    if not isinstance(value, container) or not all(isinstance(v, member) for v in value):
        raise FieldValueError(name, f"must be a {container.__name__} of {member.__name__}")
