"""The CHF device log (8.11), 18.62(f) and the PPMID swap-out, mapped and baseline.

Shipped installations: HAN-1's CHF carries 18.62(f) and scope:ppmid-swap-out, HAN-2's
18.62(f) only, HAN-3's neither. Spare PPMIDs: every DMVES PPMID not on the HAN (EX-PPMID-3
carries scope:ppmid-swap-out, EX-PPMID-4 nothing).
"""

from __future__ import annotations

import pytest

from s1sr.emulator import device_id_for, supplier_user_id
from s1sr.models import EUI64, DeviceType, HanLogEntry
from tests.emulator.installation.helpers import (
    add,
    alerts,
    codes,
    dmves_of,
    model,
    read_firmware,
    remove,
    response,
    update_firmware,
)

PPMID_4 = device_id_for("EX-PPMID-4")
PPMID_3 = device_id_for("EX-PPMID-3")


@pytest.fixture
def han(build, req):
    """``han(han_id=... | model_id=... [, dmves, faults])``: the installation and a sender."""

    def _make(**kwargs):
        inst = build(**kwargs)
        user = next(iter(inst.suppliers.values()), supplier_user_id("ANYONE"))
        chf = inst.chf.device_id

        def send(body, target=chf):
            return inst.submit(req(user, target, body))

        return inst, send

    return _make


def _ppmid(inst) -> EUI64:
    return inst.device_of(DeviceType.PPMID)


class TestDeviceLog:
    def test_the_log_starts_with_the_devices_on_the_han(self, han):
        inst, _ = han(han_id="HAN-1")
        assert inst.chf.entries == tuple(
            HanLogEntry(device_id_for(m), t)
            for m, t in (
                ("EX-ESME-1", DeviceType.ESME),
                ("EX-GSME-1", DeviceType.GSME),
                ("EX-PPMID-1", DeviceType.PPMID),
                ("EX-IHD-1", DeviceType.IHD),
            )
        )

    def test_remove_answers_with_the_log_after_the_change(self, han):
        inst, send = han(han_id="HAN-1")
        messages = send(remove(_ppmid(inst)))
        assert codes(messages) == ["I0"]
        assert response(messages).body.devices_of(DeviceType.PPMID) == ()
        assert not inst.on_han(_ppmid(inst))

    def test_a_removed_device_cannot_be_reached(self, han):
        inst, send = han(han_id="HAN-1")
        ppmid = _ppmid(inst)
        send(remove(ppmid))
        assert codes(send(read_firmware(), target=ppmid)) == ["E20"]

    def test_a_first_ppmid_may_be_added_even_by_a_baseline_chf(self, han):
        inst, send = han(model_id="EX-ESME-3")
        assert inst.model(inst.chf.device_id).clauses == frozenset()
        messages = send(add(PPMID_4))
        assert codes(messages) == ["I0"]
        assert response(messages).body.devices_of(DeviceType.PPMID) == (PPMID_4,)
        assert codes(send(read_firmware(), target=PPMID_4)) == ["E11"]  # reached: no 18.64(a)

    def test_a_second_ppmid_while_one_is_on_the_log_is_refused(self, han):
        inst, send = han(han_id="HAN-1")
        assert codes(send(add(PPMID_4))) == ["E12"]
        assert inst.chf.entries[2].device == _ppmid(inst)

    def test_a_device_already_on_the_log_cannot_be_added_again(self, han):
        inst, send = han(han_id="HAN-1")
        assert codes(send(add(inst.device_of(DeviceType.IHD), DeviceType.IHD))) == ["E12"]

    def test_removing_a_device_not_on_the_log_is_refused(self, han):
        _, send = han(han_id="HAN-1")
        assert codes(send(remove(PPMID_4))) == ["E12"]

    def test_a_known_device_declared_as_another_type_is_refused(self, han):
        inst, send = han(han_id="HAN-1")
        send(remove(_ppmid(inst)))
        assert codes(send(add(PPMID_4, DeviceType.IHD))) == ["E12"]

    def test_an_unknown_device_may_be_logged_but_not_reached(self, han):
        _, send = han(han_id="HAN-3")
        stranger = EUI64(0x0102030405060708)
        assert codes(send(add(stranger, DeviceType.IHD))) == ["I0"]
        assert codes(send(read_firmware(), target=stranger)) == ["E19"]

    def test_8_11_to_a_meter_is_refused_by_the_s1sp(self, han):
        inst, send = han(han_id="HAN-1")
        assert codes(send(add(PPMID_4), target=inst.device_of(DeviceType.ESME))) == ["E11"]

    def test_removing_a_device_mid_upgrade_fails_its_upgrade_with_s1px05(self, han, req):
        inst, send = han(han_id="HAN-1")
        ppmid = _ppmid(inst)
        upgrade = req(inst.user_id("SUP-A"), ppmid, update_firmware(0x02040000))
        inst.submit(upgrade)
        messages = send(remove(ppmid))
        assert codes(messages) == ["I0", "S1PX05"]
        assert alerts(messages)[0].request_id == upgrade.request_id
        assert inst.firmware(ppmid).held is None


class TestPpmidReplacement:
    """18.62(f): a PPMID may be added where the log held one before."""

    @pytest.mark.parametrize("han_id", ["HAN-1", "HAN-2"])
    def test_mapped_chf_adds_a_replacement_ppmid(self, han, han_id):
        inst, send = han(han_id=han_id)
        send(remove(_ppmid(inst)))
        messages = send(add(PPMID_4))
        assert codes(messages) == ["I0"]
        assert response(messages).body.devices_of(DeviceType.PPMID) == (PPMID_4,)

    def test_baseline_chf_refuses_a_replacement_ppmid(self, han):
        inst, send = han(han_id="HAN-3")
        send(remove(_ppmid(inst)))
        assert codes(send(add(PPMID_4))) == ["E12"]
        assert inst.chf.entries == tuple(
            e for e in inst.chf.entries if e.device_type is not DeviceType.PPMID
        )
        assert not inst.on_han(PPMID_4)

    def test_baseline_also_refuses_the_same_ppmid_back(self, han):
        inst, send = han(han_id="HAN-3")
        ppmid = _ppmid(inst)
        send(remove(ppmid))
        assert codes(send(add(ppmid))) == ["E12"]

    def test_a_chf_with_only_the_swap_out_scope_item_allows_it(self, han):
        dmves = dmves_of(
            model("S-CHF", DeviceType.CHF, ["scope:ppmid-swap-out"], han_id="S"),
            model("S-PPMID", DeviceType.PPMID, han_id="S"),
            model("S-SPARE", DeviceType.PPMID),
        )
        inst, send = han(han_id="S", dmves=dmves)
        send(remove(_ppmid(inst)))
        assert codes(send(add(device_id_for("S-SPARE")))) == ["I0"]

    def test_ppmid_replacement_refused_fault(self, han):
        inst, send = han(han_id="HAN-2", faults=("ppmid-replacement-refused",))
        send(remove(_ppmid(inst)))
        assert codes(send(add(PPMID_4))) == ["E12"]

    def test_mapped_chf_takes_any_number_of_replacements(self, han):
        inst, send = han(han_id="HAN-2")
        first = _ppmid(inst)
        for old, new in ((first, PPMID_4), (PPMID_4, first), (first, PPMID_4)):
            send(remove(old))
            assert codes(send(add(new))) == ["I0"]

    def test_ppmid_replaced_only_once_fault(self, han):
        inst, send = han(han_id="HAN-2", faults=("ppmid-replaced-only-once",))
        first = _ppmid(inst)
        send(remove(first))
        assert codes(send(add(PPMID_4))) == ["I0"]
        send(remove(PPMID_4))
        assert codes(send(add(first))) == ["E12"]

    def test_ppmid_replacement_not_logged_fault(self, han):
        inst, send = han(han_id="HAN-2", faults=("ppmid-replacement-not-logged",))
        send(remove(_ppmid(inst)))
        messages = send(add(PPMID_4))
        assert codes(messages) == ["I0"]
        assert response(messages).body.devices_of(DeviceType.PPMID) == ()
        assert not inst.on_han(PPMID_4)


class TestSwapOut:
    """scope:ppmid-swap-out: remove the old PPMID, add the new; mapped on CHF and PPMID."""

    def test_both_mapped_the_new_ppmid_is_on_the_han_and_the_old_is_not(self, han):
        inst, send = han(han_id="HAN-1")
        old = _ppmid(inst)
        send(remove(old))
        send(add(PPMID_3))
        assert inst.chf.entries[-1] == HanLogEntry(PPMID_3, DeviceType.PPMID)
        assert codes(send(read_firmware(), target=PPMID_3)) == ["I0"]
        assert codes(send(read_firmware(), target=old)) == ["E20"]

    def test_an_incoming_ppmid_without_the_scope_item_does_not_join(self, han):
        inst, send = han(han_id="HAN-1")
        send(remove(_ppmid(inst)))
        assert codes(send(add(PPMID_4))) == ["I0"]  # the CHF's part (18.62(f)) succeeds
        assert not inst.on_han(PPMID_4)
        assert codes(send(read_firmware(), target=PPMID_4)) == ["E20"]

    def test_a_first_ppmid_joins_whatever_its_model(self, han):
        inst, send = han(model_id="EX-GSME-3")
        send(add(PPMID_4))
        assert inst.on_han(PPMID_4)

    def test_baseline_chf_leaves_the_han_without_a_ppmid(self, han):
        inst, send = han(han_id="HAN-3")
        send(remove(_ppmid(inst)))
        assert codes(send(add(device_id_for("EX-PPMID-1")))) == ["E12"]
        assert inst.chf.entries == tuple(
            e for e in inst.chf.entries if e.device_type is not DeviceType.PPMID
        )

    def test_a_swapped_in_ppmid_removed_and_re_added_first_time_rules_do_not_return(self, han):
        inst, send = han(han_id="HAN-1")
        send(remove(_ppmid(inst)))
        send(add(PPMID_4))
        send(remove(PPMID_4))
        send(add(PPMID_3))
        assert inst.on_han(PPMID_3)

    def test_ppmid_removal_not_logged_fault(self, han):
        inst, send = han(han_id="HAN-1", faults=("ppmid-removal-not-logged",))
        old = _ppmid(inst)
        assert codes(send(remove(old))) == ["I0"]
        assert inst.on_han(old)
        assert codes(send(add(PPMID_3))) == ["E12"]

    def test_swapped_in_ppmid_does_not_join_fault(self, han):
        inst, send = han(han_id="HAN-1", faults=("swapped-in-ppmid-does-not-join",))
        send(remove(_ppmid(inst)))
        assert codes(send(add(PPMID_3))) == ["I0"]
        assert codes(send(read_firmware(), target=PPMID_3)) == ["E20"]
