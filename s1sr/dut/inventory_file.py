"""An inventory file: the devices and DCC Users behind a TCP DUT, which cannot list them.

The wire format carries SRVs and test hooks, not a device list, so a TCP DUT's inventory
is given as TOML, one table per installation::

    [[installation]]
    name = "HAN-1"
    users = ["02-53-55-6E-4B-04-C4-65"]          # DCC Users, the default one first

    [[installation.device]]
    id = "02-53-31-54-B7-6F-3C-7A"
    type = "ESME"
    model = "EX-ESME-1"                          # the DMVES Device Model id
    supplier = "02-53-55-6E-4B-04-C4-65"         # meters only
    on_han = true                                # false: known to the S1SP, off the HAN

A Device Model's installation is the one where its device is on the HAN (else the first
that lists it). ``s1sr suite inventory`` writes the file for the emulator's installations.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from s1sr.dut.errors import DutError
from s1sr.dut.inventory import DeviceEntry, Inventory
from s1sr.models import EUI64, DeviceType, ModelError


def read_inventories(path: Path) -> dict[str, Inventory]:
    """Installation name -> its inventory; ``DutError`` naming the entry for a bad file."""
    try:
        document = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DutError(f"{path}: cannot read the inventory: {exc}") from exc
    tables = document.get("installation")
    if not isinstance(tables, list) or not tables:
        raise DutError(f"{path}: needs at least one [[installation]]")
    result: dict[str, Inventory] = {}
    for index, table in enumerate(tables):
        where = f"{path}: installation[{index}]"
        name, inventory = _installation(table, where)
        if name in result:
            raise DutError(f"{where}: installation {name!r} appears twice")
        result[name] = inventory
    return result


def inventory_for(path: Path, model_id: str) -> Inventory:
    inventories = read_inventories(path)
    holding = [inv for inv in inventories.values() if inv.of_model(model_id) is not None]
    on_han = [inv for inv in holding if inv.of_model(model_id).on_han]  # type: ignore[union-attr]
    chosen = (on_han or holding or [None])[0]
    if chosen is None:
        raise DutError(f"{path}: no installation lists a device of Device Model {model_id!r}")
    return chosen


def write_inventories(inventories: Mapping[str, Inventory]) -> str:
    """The TOML text of ``inventories`` (what ``read_inventories`` reads back)."""
    lines: list[str] = []
    for name, inventory in inventories.items():
        users = ", ".join(f'"{u}"' for u in inventory.users)
        lines += ["[[installation]]", f'name = "{name}"', f"users = [{users}]", ""]
        for device in inventory.devices:
            lines += ["[[installation.device]]", f'id = "{device.id}"']
            lines.append(f'type = "{device.device_type.value}"')
            if device.model_id is not None:
                lines.append(f'model = "{device.model_id}"')
            if device.supplier is not None:
                lines.append(f'supplier = "{device.supplier}"')
            lines += [f"on_han = {'true' if device.on_han else 'false'}", ""]
    return "\n".join(lines)


def _installation(table: Any, where: str) -> tuple[str, Inventory]:
    if not isinstance(table, dict):
        raise DutError(f"{where}: must be a table")
    name = table.get("name")
    if not isinstance(name, str) or not name:
        raise DutError(f"{where}.name: must be a non-empty string")
    users = table.get("users")
    if not isinstance(users, list):
        raise DutError(f"{where}.users: must be a list of EUI-64s")
    devices = table.get("device")
    if not isinstance(devices, list) or not devices:
        raise DutError(f"{where}.device: needs at least one [[installation.device]]")
    try:
        parsed_users = tuple(_eui(u, f"{where}.users") for u in users)
        entries = tuple(_device(d, f"{where}.device[{i}]") for i, d in enumerate(devices))
        return name, Inventory(entries, parsed_users)
    except ModelError as exc:
        raise DutError(f"{where}: {exc}") from exc


def _device(table: Any, where: str) -> DeviceEntry:
    if not isinstance(table, dict):
        raise DutError(f"{where}: must be a table")
    unknown = set(table) - {"id", "type", "model", "supplier", "on_han"}
    if unknown:
        raise DutError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    try:
        device_type = DeviceType(table.get("type"))
    except ValueError as exc:
        raise DutError(f"{where}.type: not a device type: {table.get('type')!r}") from exc
    model = table.get("model")
    if model is not None and not isinstance(model, str):
        raise DutError(f"{where}.model: must be a string")
    on_han = table.get("on_han", True)
    if not isinstance(on_han, bool):
        raise DutError(f"{where}.on_han: must be true or false")
    supplier = table.get("supplier")
    return DeviceEntry(
        _eui(table.get("id"), f"{where}.id"),
        device_type,
        model,
        None if supplier is None else _eui(supplier, f"{where}.supplier"),
        on_han,
    )


def _eui(value: Any, where: str) -> EUI64:
    if not isinstance(value, str):
        raise DutError(f"{where}: must be an EUI-64 string like 02-53-31-00-00-00-00-01")
    try:
        return EUI64.parse(value)
    except ModelError as exc:
        raise DutError(f"{where}: {exc}") from exc
