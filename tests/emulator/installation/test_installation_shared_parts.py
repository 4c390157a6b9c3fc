"""Installations built from one Device Model share what the model alone decides (frozen
behaviours, derived identities), never a device, its state, or a knob another build set."""

from __future__ import annotations

from datetime import timedelta

from s1sr.emulator import build_installation
from s1sr.emulator.clock import VirtualClock
from s1sr.emulator.han import UpgradeConflict
from s1sr.emulator.s1sp import PenniesUtrn
from s1sr.models import DeviceType
from tests.emulator.installation.conftest import START


def test_a_fault_set_on_one_build_reaches_no_other(dmves):
    def build(han_id, *faults):
        return build_installation(dmves, clock=VirtualClock(START), han_id=han_id, faults=faults)

    faulty, plain = build("HAN-1", "accepts-fractional-pounds"), build("HAN-1")
    gsme = plain.device_of(DeviceType.GSME)
    assert faulty.s1sp.route(gsme).behaviour.s1sp_pennies_utrn is PenniesUtrn.FORWARD
    assert plain.s1sp.route(gsme).behaviour.s1sp_pennies_utrn is not PenniesUtrn.FORWARD
    faulty, plain = build("HAN-3", "both-firmware-upgrades-succeed"), build("HAN-3")
    ppmid = plain.device_of(DeviceType.PPMID)
    assert faulty.firmware(ppmid).behaviour.upgrade_conflict is UpgradeConflict.BOTH_PROCEED
    assert plain.firmware(ppmid).behaviour.upgrade_conflict is not UpgradeConflict.BOTH_PROCEED


def test_two_builds_of_one_installation_hold_their_own_devices(dmves):
    first = build_installation(dmves, clock=VirtualClock(START), han_id="HAN-1")
    second = build_installation(dmves, clock=VirtualClock(START), han_id="HAN-1")
    for device_type in (DeviceType.ESME, DeviceType.GSME, DeviceType.PPMID):
        device = first.device_of(device_type)
        assert device == second.device_of(device_type)
        assert first.device(device) is not second.device(device)
        assert first.firmware(device) is not second.firmware(device)
        assert first.firmware(device).behaviour == second.firmware(device).behaviour
    esme = first.device_of(DeviceType.ESME)
    first.clock.advance(timedelta(days=1))
    first.catch_up()
    second.catch_up()
    assert first.device(esme).import_register != second.device(esme).import_register
