"""Plain-data view of a Device Model, for JSON output and reports."""

from __future__ import annotations

from typing import Any

from s1sr.catalogue import Catalogue
from s1sr.dmves.device_model import DeviceModel


def model_view(model: DeviceModel, catalogue: Catalogue) -> dict[str, Any]:
    return {
        "id": model.id,
        "manufacturer": model.manufacturer,
        "model": model.model,
        "firmware_version": model.firmware_version,
        "device_type": model.device_type.value,
        "cohort": model.cohort.value,
        "group_id": model.group_id.value,
        "bilingual": model.bilingual,
        "example": model.example,
        "han_id": model.han_id,
        "supplier": model.supplier,
        "clauses": [c for c in catalogue.clause_ids if c in model.clauses],
    }
