"""(clause x Device Model) pairs: which run, and what each is expected to show.

A pair is NOT_APPLICABLE when the clause is not testable (removed, listed with no
description), the model's device type is not among the clause's, or the clause concerns
bilingual devices only (catalogue ``bilingual_only``) and the model's display is not
bilingual (DMVES ``bilingual``): the clause says nothing about such a device, so no
verdict of it can be earned there. Otherwise the DMVES decides: mapped -> "behaviour",
same device type but not mapped -> "baseline".
"""

from __future__ import annotations

from dataclasses import dataclass

from s1sr.catalogue import Catalogue, Clause
from s1sr.dmves import DeviceModel, Dmves

BEHAVIOUR = "behaviour"
BASELINE = "baseline"
NOT_APPLICABLE = "n/a"


@dataclass(frozen=True)
class PairParam:
    """The parameter pytest carries (small, picklable, readable in ids)."""

    clause_id: str
    model_id: str

    @property
    def test_id(self) -> str:
        return f"{self.clause_id}-{self.model_id}"


@dataclass(frozen=True)
class Pair:
    clause: Clause
    model: DeviceModel
    expectation: str

    @property
    def applicable(self) -> bool:
        return self.expectation != NOT_APPLICABLE

    @property
    def mapped(self) -> bool:
        return self.expectation == BEHAVIOUR

    @property
    def srv(self) -> str | None:
        return self.clause.srvs[0].value if self.clause.srvs else None

    def not_applicable_reason(self) -> str:
        if not self.clause.testable:
            return f"{self.clause.id} is {self.clause.kind.value}: nothing to test"
        if self.clause.bilingual_only and not self.model.bilingual:
            return (
                f"{self.clause.id} concerns bilingual devices only; {self.model.id} is not "
                "bilingual (DMVES bilingual = false)"
            )
        types = ", ".join(sorted(t.value for t in self.clause.device_types))
        return (
            f"{self.clause.id} is for {types}; {self.model.id} is of type {self.model.device_type}"
        )


def expectation_of(clause: Clause, model: DeviceModel) -> str:
    if not clause.testable or model.device_type not in clause.device_types:
        return NOT_APPLICABLE
    if clause.bilingual_only and not model.bilingual:
        return NOT_APPLICABLE
    return BEHAVIOUR if model.applies(clause.id) else BASELINE


def resolve(param: PairParam, catalogue: Catalogue, dmves: Dmves) -> Pair:
    clause = catalogue.clause(param.clause_id)
    model = dmves.model(param.model_id)
    return Pair(clause, model, expectation_of(clause, model))
