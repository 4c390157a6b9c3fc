"""What ``ReadInventory`` reports about an emulated installation.

Observed state, not the plan: a PPMID swapped in by 8.11 is on the HAN, and the firmware
version is the one running after any activation. Users are the installation's suppliers;
an installation without a meter knows the synthesised supplier, as its requests need one.
"""

from __future__ import annotations

import math

from s1sr.emulator.factory import SYNTHESISED_SUPPLIER, supplier_user_id
from s1sr.emulator.installation import Installation
from s1sr.models import InstallationInventory, InventoryDevice


def inventory_of(installation: Installation) -> InstallationInventory:
    devices = []
    for model in installation.plan.models:
        device = installation.device_id(model.id)
        on_han = installation.on_han(device)
        devices.append(
            InventoryDevice(
                device=device,
                device_type=model.device_type,
                model_id=model.id,
                firmware_version=installation.firmware(device).running,
                supplier=installation.supplier_of(device) if on_han else None,
                on_han=on_han,
            )
        )
    users = tuple(dict.fromkeys(installation.suppliers.values()))
    timeout = math.ceil(installation.s1sp.timeout.total_seconds())
    return InstallationInventory(
        tuple(devices), users or (supplier_user_id(SYNTHESISED_SUPPLIER),), timeout
    )
