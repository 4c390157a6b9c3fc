"""``--shard I/N``: which Device Models one of N jobs judges, the same on every machine.

A run is split by Device Model, never inside one (a model's tests share its DUT); with a
DUT outside the process, by installation (one ``han_id``: one device behind the endpoint). The rule
reads only what every job of a CI matrix has alike (the DMVES, the catalogue and the
``--device-model`` / ``--clause`` options): models sorted by weight (1 + the pairs they can
be judged on, NOT_APPLICABLE ones being nearly free), heaviest first, then by id; each goes
to the shard with the least weight so far (then the fewest models, then the lowest
index). Nothing depends on hash seeds or the order models are listed in. ``s1sr report
merge`` joins the N folders; see docs/reports.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from s1sr.catalogue import Clause
from s1sr.dmves import DeviceModel
from s1sr.pytest_plugin.pairs import expectation_of

_SPEC = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


class ShardSpecError(ValueError):
    """A ``--shard`` value that is not ``I/N`` with 1 <= I <= N."""


@dataclass(frozen=True)
class ShardSpec:
    index: int  # 1..count
    count: int

    @classmethod
    def parse(cls, text: str) -> ShardSpec:
        match = _SPEC.match(text)
        if match is None:
            raise ShardSpecError(f"--shard: expected I/N (e.g. 2/3), got {text!r}")
        index, count = int(match.group(1)), int(match.group(2))
        if count < 1 or not 1 <= index <= count:
            raise ShardSpecError(f"--shard {index}/{count}: I must be between 1 and N (N >= 1)")
        return cls(index, count)

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def model_weights(models: Iterable[DeviceModel], clauses: Iterable[Clause]) -> dict[str, int]:
    """Model id -> 1 + the clauses (of those run) it can be judged on."""
    clauses = tuple(clauses)
    return {
        model.id: 1 + sum(expectation_of(c, model) != "n/a" for c in clauses) for model in models
    }


def plan_shards(weights: Mapping[str, int], count: int) -> tuple[tuple[str, ...], ...]:
    """The models of each of ``count`` shards (sorted ids each); every model in exactly one.

    Shards past the number of models are empty: with weights >= 1, the greedy rule gives
    the first models one empty shard each, lowest index first, so only those shards matter.
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    if any(w < 1 for w in weights.values()):
        raise ValueError("weights must be at least 1")
    used = min(count, len(weights))
    loads = [0] * used
    members: list[list[str]] = [[] for _ in range(used)]
    for model in sorted(weights, key=lambda m: (-weights[m], m)):
        target = min(range(used), key=lambda i: (loads[i], len(members[i]), i))
        members[target].append(model)
        loads[target] += weights[model]
    planned = [tuple(sorted(m)) for m in members]
    return (*planned, *(() for _ in range(count - used)))


def shard_models(
    spec: ShardSpec,
    models: Iterable[DeviceModel],
    clauses: Iterable[Clause],
    *,
    together: Mapping[str, str] | None = None,
) -> tuple[str, ...]:
    """The ids of the models shard ``spec`` owns, among ``models`` judged on ``clauses``.

    ``together``: model id -> a unit its model shares with others (its installation, behind
    a DUT outside the process: one device, which two jobs would drive at once); a unit's
    models go to one shard, weighed as one.
    """
    weights = model_weights(models, clauses)
    units: dict[str, list[str]] = {}
    for model in weights:
        units.setdefault((together or {}).get(model, model), []).append(model)
    unit_weights = {unit: sum(weights[m] for m in members) for unit, members in units.items()}
    owned = plan_shards(unit_weights, spec.count)[spec.index - 1]
    return tuple(sorted(m for unit in owned for m in units[unit]))
