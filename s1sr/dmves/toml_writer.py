"""Write a DMVES as TOML (the stdlib reads TOML but does not write it).

The schema is flat, so a small writer that escapes strings the way TOML basic strings
require is enough, and keeps the output stable: fields in schema order, clauses in
catalogue order.
"""

from __future__ import annotations

import json

from s1sr.catalogue import Catalogue
from s1sr.dmves.device_model import DeviceModel
from s1sr.dmves.dmves import Dmves


def dump_toml(dmves: Dmves, catalogue: Catalogue, header: str = "") -> str:
    lines: list[str] = [f"# {line}".rstrip() for line in header.splitlines()]
    lines.append("schema = 1")
    if dmves.description:
        lines.append(f"description = {_string(dmves.description)}")
    order = {clause_id: index for index, clause_id in enumerate(catalogue.clause_ids)}
    for model in dmves.models:
        lines.append("")
        lines.extend(_model(model, order))
    return "\n".join(lines) + "\n"


def _model(model: DeviceModel, order: dict[str, int]) -> list[str]:
    lines = [
        "[[model]]",
        f"id = {_string(model.id)}",
        f"manufacturer = {_string(model.manufacturer)}",
        f"model = {_string(model.model)}",
        f"firmware_version = {_string(model.firmware_version)}",
        f"device_type = {_string(model.device_type.value)}",
        f"cohort = {_string(model.cohort.value)}",
        f"group_id = {_string(model.group_id.value)}",
        f"bilingual = {_bool(model.bilingual)}",
        f"example = {_bool(model.example)}",
    ]
    if model.han_id is not None:
        lines.append(f"han_id = {_string(model.han_id)}")
    if model.supplier is not None:
        lines.append(f"supplier = {_string(model.supplier)}")
    clauses = sorted(model.clauses, key=lambda c: (order.get(c, len(order)), c))
    if clauses:
        lines.append("clauses = [")
        lines.extend(f"    {_string(c)}," for c in clauses)
        lines.append("]")
    else:
        lines.append("clauses = []")
    return lines


def _string(value: str) -> str:
    # JSON escapes are valid TOML basic-string escapes; TOML also forbids a raw DEL.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007F")


def _bool(value: bool) -> str:
    return "true" if value else "false"
