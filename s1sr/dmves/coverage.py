"""Whether a DMVES can exercise every testable clause both ways.

A clause is only tested properly when some Device Models carry it (the behaviour) and a
Device Model of the same type that could carry it does not (the baseline). Published DMVES
files need not satisfy this; the project's example file must, and the conformance checks
hold it to that.
"""

from __future__ import annotations

from s1sr.catalogue import Catalogue, Clause
from s1sr.dmves.device_model import DeviceModel
from s1sr.dmves.dmves import Dmves

MIN_MODELS_PER_CLAUSE = 2


def could_carry(model: DeviceModel, clause: Clause) -> bool:
    """Whether the DMVES may map the clause to the Device Model (type, cohort, display)."""
    return (
        model.device_type in clause.device_types
        and model.cohort in clause.cohorts
        and (model.bilingual or not clause.bilingual_only)
    )


def coverage_gaps(dmves: Dmves, catalogue: Catalogue) -> tuple[str, ...]:
    """One line per unmet rule; empty when every testable clause is covered both ways."""
    gaps: list[str] = []
    for clause in catalogue.testable:
        mapped = dmves.models_for(clause.id)
        if len(mapped) < MIN_MODELS_PER_CLAUSE:
            gaps.append(
                f"{clause.id}: applies to {len(mapped)} Device Model(s), "
                f"needs at least {MIN_MODELS_PER_CLAUSE}"
            )
        for device_type in sorted(clause.device_types):
            eligible = [m for m in dmves.of_type(device_type) if could_carry(m, clause)]
            if eligible and all(clause.id in model.clauses for model in eligible):
                gaps.append(
                    f"{clause.id}: every {device_type} Device Model that could carry it does; "
                    "none shows the baseline"
                )
        if not any(could_carry(m, clause) for m in dmves.models):
            gaps.append(f"{clause.id}: no Device Model could carry it")
    return tuple(gaps)
