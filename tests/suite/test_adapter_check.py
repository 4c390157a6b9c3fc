"""``s1sr adapter check``: a short self-test that says what is wrong before a long run."""

from __future__ import annotations

import sys

import pytest

from s1sr.cli import main

BROKEN = """
from datetime import UTC, datetime, timedelta
from s1sr.dut import Capability, DeviceEntry, Inventory, MessageDut
from s1sr.models import EUI64, DeviceType, Response, ResponseCode

DEVICE, USER = EUI64(0x0253310000000001), EUI64(0x0253550000000001)
FLAW = {flaw!r}


class Broken(MessageDut):
    capabilities = frozenset({{Capability.CLOCK_CONTROL, Capability.RESET}})

    def __init__(self, model):
        self.model = model
        self.clock = datetime(2024, 1, 15, 12, tzinfo=UTC)

    def inventory(self):
        kind = DeviceType.GSME if FLAW == "type" else self.model.device_type
        model_id = None if FLAW == "absent" else self.model.id
        return Inventory((DeviceEntry(DEVICE, kind, model_id),), (USER,))

    def handle(self, request):
        if FLAW == "silent":
            return []
        return [Response(request.request_id, request.target, request.srv, ResponseCode.I0)]

    def now(self):
        return self.clock

    def set_clock(self, instant):
        if FLAW != "clock":
            self.clock = instant

    def advance(self, delta):
        self.clock += delta

    def reset(self):
        self.clock = datetime(2024, 1, 15, 12, tzinfo=UTC)


def factory(model):
    return Broken(model)
"""


@pytest.fixture
def check(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("S1SR_DMVES", raising=False)
    monkeypatch.chdir(tmp_path)

    def run(flaw: str) -> tuple[int, str]:
        name = f"broken_{flaw}"
        (tmp_path / f"{name}.py").write_text(BROKEN.format(flaw=flaw), encoding="utf-8")
        sys.modules.pop(name, None)
        code = main(
            ["adapter", "check", f"--dut=python:{name}:factory", "--device-model=EX-ESME-1"]
        )
        return code, capsys.readouterr().out

    return run


def test_a_sound_adapter_passes(check):
    code, out = check("none")
    assert code == 0, out
    assert "EX-ESME-1: OK" in out


@pytest.mark.parametrize(
    ("flaw", "says"),
    [
        ("type", "the DMVES declares ESME, the inventory GSME"),
        ("absent", "holds no device of this Device Model"),
        ("silent", "no response or alert answered request"),
        ("clock", "set_clock("),
    ],
)
def test_each_flaw_is_named(check, flaw, says):
    code, out = check(flaw)
    assert code == 1
    assert says in out, out


def test_the_emulator_passes_the_check(capsys, monkeypatch):
    monkeypatch.delenv("S1SR_DMVES", raising=False)
    code = main(["adapter", "check", "--dut=emulator", "--device-model=EX-PPMID-1"])
    assert code == 0, capsys.readouterr().out


def test_an_unknown_model_gets_the_near_names(capsys, monkeypatch):
    monkeypatch.delenv("S1SR_DMVES", raising=False)
    code = main(["adapter", "check", "--dut=emulator", "--device-model=EX-ESME-11"])
    assert code == 2
    assert "did you mean" in capsys.readouterr().err
