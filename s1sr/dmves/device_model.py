"""A Device Model of the DMVES: manufacturer, model and firmware version, and its clauses.

``han_id`` and ``supplier`` are not in a published DMVES: they group the project's example
Device Models into example SMETS1 Installations so the emulator can build a HAN (and a
split-supply one) from the same file. Both are optional.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from s1sr.catalogue import COHORT_OF_GROUP, Cohort, FieldValueError, GroupId
from s1sr.models import DeviceType

MODEL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
SUPPLIED_TYPES = frozenset({DeviceType.ESME, DeviceType.GSME})


@dataclass(frozen=True)
class DeviceModel:
    """One row of the DMVES. Public API: an adapter's factory receives one, and every field
    below keeps its name and meaning (docs/suite.md, "Device Model fields").

    ``id`` is the DMVES id tests and reports name; ``manufacturer``, ``model`` and
    ``firmware_version`` are as declared (the suite checks the firmware with 11.2);
    ``device_type`` (ESME, GSME, PPMID, ...), ``cohort`` and ``group_id`` are its SMETS1
    classification; ``bilingual`` and ``example`` as commented; ``clauses`` holds the
    catalogue ids the DMVES maps to it (``applies(id)``); ``han_id`` and ``supplier`` group
    example models into installations (None in a published DMVES).
    """

    id: str
    manufacturer: str
    model: str
    firmware_version: str
    device_type: DeviceType
    cohort: Cohort
    group_id: GroupId
    bilingual: bool  # the display is bilingual (English / Welsh): 18.63(c), 18.64(b)
    example: bool  # an invented Device Model, not a real product
    clauses: frozenset[str]  # catalogue ids of the clauses the DMVES maps to it
    han_id: str | None = None  # example installation (HAN) this model is part of
    supplier: str | None = None  # the DCC User supplying this meter there (split supply)

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not MODEL_ID.match(self.id):
            raise FieldValueError(
                "id", f"{self.id!r} is not an id (letters, digits, '.', '_', '-'; up to 64)"
            )
        for name in ("manufacturer", "model", "firmware_version"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise FieldValueError(name, "must be a non-empty string")
        _require(self.device_type, DeviceType, "device_type")
        _require(self.cohort, Cohort, "cohort")
        _require(self.group_id, GroupId, "group_id")
        for name in ("bilingual", "example"):
            if not isinstance(getattr(self, name), bool):
                raise FieldValueError(name, "must be true or false")
        if COHORT_OF_GROUP[self.group_id] is not self.cohort:
            raise FieldValueError(
                "cohort",
                f"GroupID {self.group_id} is cohort {COHORT_OF_GROUP[self.group_id]}, "
                f"not {self.cohort}",
            )
        if not isinstance(self.clauses, frozenset) or not all(
            isinstance(c, str) for c in self.clauses
        ):
            raise FieldValueError("clauses", "must be a frozenset of clause ids")
        for name in ("han_id", "supplier"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or not MODEL_ID.match(value)):
                raise FieldValueError(name, f"{value!r} is not an id")
        if self.supplier is not None:
            if self.device_type not in SUPPLIED_TYPES:
                raise FieldValueError("supplier", "only an ESME or a GSME has a supplier")
            if self.han_id is None:
                raise FieldValueError("supplier", "needs a han_id (the installation supplied)")

    def applies(self, clause_id: str) -> bool:
        return clause_id in self.clauses


def _require(value: object, enum: type, field: str) -> None:
    if not isinstance(value, enum):
        raise FieldValueError(field, f"must be a {enum.__name__}, got {value!r}")
