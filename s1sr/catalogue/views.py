"""Plain-data views of catalogue entries, for JSON output and reports (stable key order)."""

from __future__ import annotations

from typing import Any

from s1sr.catalogue.alert_info import AlertInfo
from s1sr.catalogue.clause import Clause
from s1sr.catalogue.srv_info import SrvInfo
from s1sr.models import DeviceType
from s1sr.verdicts.verdict import Verdict


def device_type_list(types: frozenset[DeviceType]) -> list[str]:
    return [t.value for t in DeviceType if t in types]


def clause_view(clause: Clause) -> dict[str, Any]:
    return {
        "id": clause.id,
        "title": clause.title,
        "change": clause.change,
        "kind": clause.kind.value,
        "family": clause.family,
        "device_types": device_type_list(clause.device_types),
        "srvs": [s.value for s in clause.srvs],
        "cohorts": sorted(c.value for c in clause.cohorts),
        "bilingual_only": clause.bilingual_only,
        "testable": clause.testable,
        "verdicts": [v.value for v in Verdict if v in clause.verdicts],
        "scope_item": clause.is_scope_item,
        "interpretation": clause.interpretation,
        "baseline": clause.baseline,
    }


def srv_view(info: SrvInfo) -> dict[str, Any]:
    return {
        "number": info.number.value,
        "name": info.name,
        "use_cases": list(info.use_cases),
        "device_types": device_type_list(info.device_types),
        "note": info.note,
    }


def alert_view(info: AlertInfo) -> dict[str, Any]:
    return {
        "code": info.code,
        "name": info.name,
        "description": info.description,
        "project_defined": info.project_defined,
        "clauses": list(info.clauses),
        "source": info.source,
    }
