"""Fixtures for the DUT adapters: the example DMVES and emulator DUTs built from it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from s1sr.dmves import Dmves, load_dmves
from s1sr.dut.emulator import EmulatorDut
from s1sr.dut.inventory_file import write_inventories

DMVES_FILE = Path(__file__).resolve().parents[2] / "device_models" / "dmves.toml"


@pytest.fixture(scope="session")
def dmves() -> Dmves:
    return load_dmves(DMVES_FILE)


@pytest.fixture
def emulator_dut(dmves: Dmves) -> Callable[..., EmulatorDut]:
    def build(model_id: str, **kwargs: object) -> EmulatorDut:
        dut = EmulatorDut(dmves, dmves.model(model_id), **kwargs)  # type: ignore[arg-type]
        dut.open()
        return dut

    return build


@pytest.fixture
def inventory_file(tmp_path: Path) -> Callable[[EmulatorDut], Path]:
    def write(dut: EmulatorDut, name: str = "HAN") -> Path:
        path = tmp_path / "inventory.toml"
        path.write_text(write_inventories({name: dut.inventory()}), encoding="utf-8")
        return path

    return write
