"""Top-up tests judge a meter balance exactly only while the DUT's clock stands still.

A DUT without clock control runs in real time, so consumption may be charged between two
top-ups: its balance may fall a little short of what was credited, never exceed it. A DUT
with clock control whose balance moves while nothing advanced is wrong, and FAILs.
"""

from __future__ import annotations

from tests.suite.test_conformance_preconditions import run_conformance

DRAINING = """
from s1sr.dmves import load_dmves
from s1sr.dut.capability import Capability
from s1sr.dut.emulator import EmulatorDut
from s1sr.models import DeviceType, TopUpDeviceRequest

METERS = {DeviceType.ESME, DeviceType.GSME}


class Draining(EmulatorDut):
    # Charges a few pence of consumption before each top-up, as if time had passed.
    capabilities = CAPABILITIES

    def exchange(self, request):
        if isinstance(request.body, TopUpDeviceRequest):
            device = self.installation.device(request.target)
            if device.device_type in METERS:
                device.state.account.charge(DRAIN)
        return super().exchange(request)


def factory(model):
    return Draining(load_dmves(), model)
"""

ARGS = (
    "--clause=18.6(b)",
    "--clause=scope:duplicate-utrn",
    "--device-model=EX-ESME-1",
    "--device-model=EX-GSME-1",
    "--allow-missing-clauses",
)


def adapter(capabilities: str, drain: int) -> str:
    return DRAINING.replace("CAPABILITIES", capabilities).replace("DRAIN", str(drain))


def test_a_real_time_meter_charged_between_top_ups_is_not_failed(tmp_path):
    done = run_conformance(tmp_path, adapter("frozenset({Capability.RESET})", 3), *ARGS)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 FAIL, 0 ERROR, 0 INCONCLUSIVE, 4 PASS" in done.stdout, done.stdout[-3000:]


def test_a_balance_that_moves_while_the_clock_stands_still_fails(tmp_path):
    clocked = "frozenset({Capability.RESET, Capability.CLOCK_CONTROL})"
    done = run_conformance(tmp_path, adapter(clocked, 3), *ARGS)
    assert done.returncode == 1, done.stdout[-3000:]
    assert "FAIL" in done.stdout and "meter balance" in done.stdout, done.stdout[-3000:]
