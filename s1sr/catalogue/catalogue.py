"""The loaded catalogue: clauses, SRVs, alerts and families, with the lookups the suite uses."""

from __future__ import annotations

from dataclasses import dataclass

from s1sr.catalogue.alert_info import AlertInfo
from s1sr.catalogue.clause import Clause
from s1sr.catalogue.errors import UnknownEntryError
from s1sr.catalogue.family import Family
from s1sr.catalogue.srv_info import SrvInfo
from s1sr.models import SRV, DeviceType


@dataclass(frozen=True)
class Catalogue:
    clauses: tuple[Clause, ...]
    srvs: tuple[SrvInfo, ...]
    alerts: tuple[AlertInfo, ...]
    families: tuple[Family, ...]

    def clause(self, clause_id: str) -> Clause:
        for clause in self.clauses:
            if clause.id == clause_id:
                return clause
        raise UnknownEntryError("clause id", clause_id)

    def has_clause(self, clause_id: str) -> bool:
        return any(clause.id == clause_id for clause in self.clauses)

    @property
    def clause_ids(self) -> tuple[str, ...]:
        return tuple(clause.id for clause in self.clauses)

    @property
    def testable(self) -> tuple[Clause, ...]:
        return tuple(clause for clause in self.clauses if clause.testable)

    def srv(self, number: SRV | str) -> SrvInfo:
        for info in self.srvs:
            if info.number == number:
                return info
        raise UnknownEntryError("SRV", number)

    def alert(self, code: str) -> AlertInfo:
        for info in self.alerts:
            if info.code == code:
                return info
        raise UnknownEntryError("alert code", code)

    def family(self, slug: str) -> Family:
        for family in self.families:
            if family.slug == slug:
                return family
        raise UnknownEntryError("clause family", slug)

    def for_device_type(self, device_type: DeviceType) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if device_type in c.device_types)

    def for_srv(self, srv: SRV | str) -> tuple[Clause, ...]:
        number = self.srv(srv).number
        return tuple(c for c in self.clauses if number in c.srvs)

    def for_family(self, slug: str) -> tuple[Clause, ...]:
        self.family(slug)
        return tuple(c for c in self.clauses if c.family == slug)

    def alerts_for(self, clause_id: str) -> tuple[AlertInfo, ...]:
        self.clause(clause_id)
        return tuple(a for a in self.alerts if clause_id in a.clauses)
