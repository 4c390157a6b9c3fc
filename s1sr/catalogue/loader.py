"""Read and cross-check the catalogue's data files (``s1sr/catalogue/data/*.toml``).

Each entry is read field by field (``Record``) and then built into its frozen model;
cross-references (families, SRVs, alert clauses) are checked last. ``load_catalogue``
caches the packaged catalogue: it is immutable, and every test and command reads it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from s1sr.catalogue.alert_info import AlertInfo
from s1sr.catalogue.catalogue import Catalogue
from s1sr.catalogue.clause import Clause, ClauseKind
from s1sr.catalogue.cohort import Cohort
from s1sr.catalogue.errors import DataFileError
from s1sr.catalogue.family import Family
from s1sr.catalogue.records import Record, check_top_level, entry_label, read_toml, table_array
from s1sr.catalogue.srv_info import SrvInfo
from s1sr.models import SRV, DeviceType
from s1sr.verdicts.verdict import Verdict

DATA_DIR = Path(__file__).with_name("data")
CLAUSE_FIELDS = (
    "id",
    "title",
    "change",
    "kind",
    "family",
    "device_types",
    "srvs",
    "cohorts",
    "interpretation",
    "baseline",
    "verdicts",
)


@cache
def load_catalogue() -> Catalogue:
    """The catalogue shipped in the package, validated once per process."""
    return read_catalogue(DATA_DIR)


def read_catalogue(data_dir: Path) -> Catalogue:
    """Load ``srvs.toml``, ``clauses.toml`` and ``alerts.toml`` from a directory (no cache)."""
    srvs = _read_srvs(data_dir / "srvs.toml")
    families, clauses = _read_clauses(data_dir / "clauses.toml", srvs)
    alerts = _read_alerts(data_dir / "alerts.toml", {c.id for c in clauses})
    return Catalogue(clauses=clauses, srvs=srvs, alerts=alerts, families=families)


def _read_srvs(path: Path) -> tuple[SrvInfo, ...]:
    file = str(path)
    document = read_toml(path)
    check_top_level(document, file, {"schema", "srv"})
    result: list[SrvInfo] = []
    for index, data in enumerate(table_array(document, "srv", file)):
        record = Record(data, file, entry_label("srv", data, index, key="number"))
        record.check_fields(("number", "name", "use_cases", "device_types"), ("note",))
        info = record.build(
            SrvInfo,
            number=record.choice("number", SRV),
            name=record.text("name"),
            use_cases=record.texts("use_cases"),
            device_types=frozenset(record.choices("device_types", DeviceType)),
            note=record.text("note") if "note" in data else "",
        )
        if any(seen.number is info.number for seen in result):
            raise record.error("number", f"SRV {info.number} is listed twice")
        result.append(info)
    return tuple(result)


def _read_clauses(
    path: Path, srvs: tuple[SrvInfo, ...]
) -> tuple[tuple[Family, ...], tuple[Clause, ...]]:
    file = str(path)
    document = read_toml(path)
    check_top_level(document, file, {"schema", "family", "clause"})
    families: list[Family] = []
    for index, data in enumerate(table_array(document, "family", file)):
        record = Record(data, file, entry_label("family", data, index, key="slug"))
        record.check_fields(("slug", "title"))
        family = record.build(Family, slug=record.text("slug"), title=record.text("title"))
        if any(f.slug == family.slug for f in families):
            raise record.error("slug", f"family {family.slug!r} is listed twice")
        families.append(family)
    slugs = {f.slug for f in families}
    targets = {info.number: info.device_types for info in srvs}

    clauses: list[Clause] = []
    for index, data in enumerate(table_array(document, "clause", file)):
        record = Record(data, file, entry_label("clause", data, index))
        record.check_fields(CLAUSE_FIELDS, ("bilingual_only",))
        clause = record.build(
            Clause,
            id=record.text("id"),
            title=record.text("title"),
            change=record.text("change", allow_empty=True),
            kind=record.choice("kind", ClauseKind),
            family=record.text("family"),
            device_types=frozenset(record.choices("device_types", DeviceType)),
            srvs=record.choices("srvs", SRV),
            cohorts=frozenset(record.choices("cohorts", Cohort)),
            bilingual_only=record.flag("bilingual_only") if "bilingual_only" in data else False,
            interpretation=record.text("interpretation"),
            baseline=record.text("baseline"),
            verdicts=frozenset(record.choices("verdicts", Verdict)),
        )
        if any(c.id == clause.id for c in clauses):
            raise record.error("id", f"clause {clause.id!r} is listed twice")
        if clause.family not in slugs:
            raise record.error("family", f"{clause.family!r} is not a declared [[family]]")
        for srv in clause.srvs:
            if srv not in targets:
                raise record.error("srvs", f"SRV {srv} is not in the SRV catalogue")
            if not targets[srv] & clause.device_types:
                raise record.error("srvs", f"SRV {srv} targets none of the clause's device types")
        clauses.append(clause)
    unused = slugs - {c.family for c in clauses}
    if unused:
        raise DataFileError(
            file, None, "family", f"declared but unused: {', '.join(sorted(unused))}"
        )
    return tuple(families), tuple(clauses)


def _read_alerts(path: Path, clause_ids: set[str]) -> tuple[AlertInfo, ...]:
    file = str(path)
    document = read_toml(path)
    check_top_level(document, file, {"schema", "alert"})
    result: list[AlertInfo] = []
    for index, data in enumerate(table_array(document, "alert", file)):
        record = Record(data, file, entry_label("alert", data, index, key="code"))
        record.check_fields(("code", "name", "description", "project_defined", "clauses", "source"))
        alert = record.build(
            AlertInfo,
            code=record.text("code"),
            name=record.text("name"),
            description=record.text("description"),
            project_defined=record.flag("project_defined"),
            clauses=record.texts("clauses"),
            source=record.text("source"),
        )
        for clause_id in alert.clauses:
            if clause_id not in clause_ids:
                raise record.error("clauses", f"unknown clause id {clause_id!r}")
        if any(a.code == alert.code for a in result):
            raise record.error("code", f"alert {alert.code} is listed twice")
        result.append(alert)
    return tuple(result)
