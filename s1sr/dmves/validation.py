"""Turn DMVES entries (TOML tables or spreadsheet rows) into a checked ``Dmves``.

TOML and spreadsheet imports share this code, so a file is accepted or refused for the
same reasons whatever its format. ``clause_field`` says how to name the field of a clause
in errors: ``clauses`` in TOML, the clause's own column in a spreadsheet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from s1sr.catalogue import Catalogue, Cohort, GroupId
from s1sr.catalogue.records import Record
from s1sr.dmves.device_model import DeviceModel
from s1sr.dmves.dmves import Dmves
from s1sr.models import DeviceType

REQUIRED_FIELDS = (
    "id",
    "manufacturer",
    "model",
    "firmware_version",
    "device_type",
    "cohort",
    "group_id",
    "bilingual",
    "example",
    "clauses",
)
OPTIONAL_FIELDS = ("han_id", "supplier")
HAN_MAX_PER_TYPE = {DeviceType.CHF: 1, DeviceType.ESME: 1, DeviceType.GSME: 1, DeviceType.PPMID: 1}

ClauseField = Callable[[str], str]


def toml_clause_field(clause_id: str) -> str:
    return "clauses"


def model_from_record(
    record: Record, catalogue: Catalogue, clause_field: ClauseField = toml_clause_field
) -> DeviceModel:
    record.check_fields(REQUIRED_FIELDS, OPTIONAL_FIELDS)
    clause_ids = record.texts("clauses")
    model = record.build(
        DeviceModel,
        id=record.text("id"),
        manufacturer=record.text("manufacturer"),
        model=record.text("model"),
        firmware_version=record.text("firmware_version"),
        device_type=record.choice("device_type", DeviceType),
        cohort=record.choice("cohort", Cohort),
        group_id=record.choice("group_id", GroupId),
        bilingual=record.flag("bilingual"),
        example=record.flag("example"),
        clauses=frozenset(clause_ids),
        han_id=record.optional_text("han_id"),
        supplier=record.optional_text("supplier"),
    )
    for clause_id in clause_ids:
        _check_clause(model, clause_id, catalogue, record, clause_field(clause_id))
    return model


def _check_clause(
    model: DeviceModel, clause_id: str, catalogue: Catalogue, record: Record, field: str
) -> None:
    if not catalogue.has_clause(clause_id):
        raise record.error(field, f"unknown clause id {clause_id!r}")
    clause = catalogue.clause(clause_id)
    if model.device_type not in clause.device_types:
        fits = ", ".join(sorted(clause.device_types))
        raise record.error(
            field, f"{clause_id} applies to {fits} Device Models, not {model.device_type}"
        )
    if model.cohort not in clause.cohorts:
        cohorts = ", ".join(sorted(clause.cohorts))
        raise record.error(
            field, f"{clause_id} is an Uplift 2.1 clause for cohort {cohorts}, not {model.cohort}"
        )
    if clause.bilingual_only and not model.bilingual:
        raise record.error(field, f"{clause_id} applies to bilingual Device Models only")


def build_dmves(
    records: Sequence[Record],
    catalogue: Catalogue,
    *,
    source: str,
    sha256: str,
    description: str = "",
    clause_field: ClauseField = toml_clause_field,
) -> Dmves:
    models: list[DeviceModel] = []
    first_seen: dict[str, str] = {}
    for record in records:
        model = model_from_record(record, catalogue, clause_field)
        if model.id in first_seen:
            raise record.error("id", f"duplicate Device Model id (first in {first_seen[model.id]})")
        first_seen[model.id] = record.entry
        models.append(model)
    _check_installations(models, records)
    return Dmves(
        models=tuple(models),
        clause_ids=frozenset(catalogue.clause_ids),
        description=description,
        source=source,
        sha256=sha256,
    )


def _check_installations(models: Sequence[DeviceModel], records: Sequence[Record]) -> None:
    """An example installation has one CHF and at most one ESME, GSME and PPMID."""
    members: dict[str, list[int]] = {}
    for index, model in enumerate(models):
        if model.han_id is not None:
            members.setdefault(model.han_id, []).append(index)
    for han_id, indices in members.items():
        counts: dict[DeviceType, int] = {}
        for index in indices:
            device_type = models[index].device_type
            counts[device_type] = counts.get(device_type, 0) + 1
            limit = HAN_MAX_PER_TYPE.get(device_type)
            if limit is not None and counts[device_type] > limit:
                raise records[index].error(
                    "han_id",
                    f"installation {han_id!r} already has a Device Model of type {device_type}",
                )
        if counts.get(DeviceType.CHF, 0) != 1:
            raise records[indices[0]].error("han_id", f"installation {han_id!r} has no CHF")
