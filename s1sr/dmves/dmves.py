"""The loaded DMVES: Device Models and which clauses apply to each."""

from __future__ import annotations

from dataclasses import dataclass, field

from s1sr.catalogue import UnknownEntryError
from s1sr.dmves.device_model import DeviceModel
from s1sr.models import DeviceType


@dataclass(frozen=True)
class Dmves:
    """Equality compares the Device Models only, so a CSV/XLSX round trip compares equal."""

    models: tuple[DeviceModel, ...]
    clause_ids: frozenset[str] = field(compare=False, repr=False)  # the catalogue's, at load
    description: str = field(default="", compare=False)
    source: str = field(default="", compare=False)  # the file it was read from
    sha256: str = field(default="", compare=False)  # of the source file's bytes, for reports

    def model(self, model_id: str) -> DeviceModel:
        for model in self.models:
            if model.id == model_id:
                return model
        raise UnknownEntryError("Device Model", model_id)

    def applies(self, model_id: str, clause_id: str) -> bool:
        """Whether the clause applies to the Device Model; unknown ids raise, never answer False."""
        model = self.model(model_id)
        if clause_id not in self.clause_ids:
            raise UnknownEntryError("clause id", clause_id)
        return model.applies(clause_id)

    def models_for(self, clause_id: str) -> tuple[DeviceModel, ...]:
        if clause_id not in self.clause_ids:
            raise UnknownEntryError("clause id", clause_id)
        return tuple(m for m in self.models if clause_id in m.clauses)

    def of_type(self, device_type: DeviceType) -> tuple[DeviceModel, ...]:
        return tuple(m for m in self.models if m.device_type is device_type)

    def installations(self) -> dict[str, tuple[DeviceModel, ...]]:
        """Example installations: ``han_id`` to its Device Models, in file order."""
        result: dict[str, list[DeviceModel]] = {}
        for model in self.models:
            if model.han_id is not None:
                result.setdefault(model.han_id, []).append(model)
        return {han: tuple(models) for han, models in result.items()}
