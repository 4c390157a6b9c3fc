"""Fixtures for the DUT adapters: the example DMVES and emulator DUTs built from it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

from s1sr.dmves import Dmves, load_dmves
from s1sr.dut.emulator import EmulatorDut
from s1sr.dut.inventory_file import write_inventories
from tests.prewarmed import run_module, start_module

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


def _module_of(command: Sequence[str]) -> tuple[str, list[str]]:
    """``[sys.executable, "-m", MODULE, *ARGV]``: the launcher's every command."""
    assert list(command[:2]) == [sys.executable, "-m"], command
    return command[2], list(command[3:])


@pytest.fixture
def prewarmed_launches(monkeypatch: pytest.MonkeyPatch) -> None:
    """The launchers' ``s1sr emulate`` servers and per-model pytest runs forked from
    prewarmed interpreters (``tests.prewarmed``), not each a fresh Python importing s1sr
    and pytest: the same commands, folder, environment, stdin, output and exit codes."""
    import s1sr.dut.launcher as launcher

    def start_server(command: Sequence[str], log: Path) -> object:
        module, argv = _module_of(command)
        return start_module(
            module, argv, cwd=Path.cwd(), env=os.environ, starts_pytest=False, output=log
        )

    def run_suite(
        command: Sequence[str], env: Mapping[str, str]
    ) -> subprocess.CompletedProcess[str]:
        module, argv = _module_of(command)
        return run_module(module, *argv, cwd=Path.cwd(), env=env, starts_pytest=True)

    monkeypatch.setattr(launcher, "start_server", start_server)
    monkeypatch.setattr(launcher, "run_suite", run_suite)
