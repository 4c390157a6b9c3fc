"""build_installation: which Device Models, derived identities, faults and knobs per
component, synthesised installations, and reset."""

from __future__ import annotations

from datetime import timedelta

import pytest

from s1sr.catalogue import UnknownEntryError
from s1sr.emulator import (
    InstallationError,
    build_installation,
    device_id_for,
    plan_installation,
    supplier_user_id,
)
from s1sr.emulator.factory import BASELINE_CHF, BASELINE_PPMID, SYNTHESISED_SUPPLIER
from s1sr.emulator.han import PpmidReplacement, UpgradeConflict
from s1sr.emulator.s1sp import PenniesUtrn
from s1sr.models import EUI64, DeviceType, HanLogEntry
from tests.emulator.installation.conftest import START
from tests.emulator.installation.doubles import fake_meter
from tests.emulator.installation.helpers import (
    codes,
    read_firmware,
    remove,
    top_up,
    update_firmware,
)


class TestIdentities:
    def test_device_ids_are_derived_from_model_ids(self):
        assert device_id_for("EX-ESME-1") == device_id_for("EX-ESME-1")
        assert device_id_for("EX-ESME-1") != device_id_for("EX-ESME-2")
        assert str(device_id_for("EX-ESME-1")).startswith("02-53-31-")

    def test_supplier_ids_are_derived_from_supplier_names(self):
        assert str(supplier_user_id("SUP-A")).startswith("02-53-55-")
        assert supplier_user_id("SUP-A") != supplier_user_id("SUP-B")

    def test_the_installation_uses_the_derived_ids(self, build):
        inst = build(han_id="HAN-2")
        assert inst.device_id("EX-GSME-2") == device_id_for("EX-GSME-2")
        assert inst.device_of(DeviceType.GSME) == device_id_for("EX-GSME-2")
        assert inst.supplier_of(device_id_for("EX-GSME-2")) == supplier_user_id("SUP-B")
        assert dict(inst.suppliers) == {
            "SUP-A": supplier_user_id("SUP-A"),
            "SUP-B": supplier_user_id("SUP-B"),
        }
        assert inst.model(device_id_for("EX-CHF-2")).id == "EX-CHF-2"


class TestPlan:
    def test_an_example_han(self, dmves):
        plan = plan_installation(dmves, han_id="HAN-1")
        assert [m.id for m in plan.on_han] == [
            "EX-CHF-1",
            "EX-ESME-1",
            "EX-GSME-1",
            "EX-PPMID-1",
            "EX-IHD-1",
        ]
        assert [m.id for m in plan.spares] == ["EX-PPMID-2", "EX-PPMID-3", "EX-PPMID-4"]
        assert plan.suppliers == {"EX-ESME-1": "SUP-A", "EX-GSME-1": "SUP-A"}
        assert not plan.synthesised

    def test_without_spares(self, dmves):
        assert plan_installation(dmves, han_id="HAN-1", spares=False).spares == ()

    def test_synthesised_around_a_meter(self, dmves):
        plan = plan_installation(dmves, model_id="EX-ESME-D1")
        assert [m.id for m in plan.on_han] == [BASELINE_CHF, "EX-ESME-D1"]
        assert plan.chf.clauses == frozenset()
        assert plan.chf.cohort == dmves.model("EX-ESME-D1").cohort
        assert plan.suppliers == {"EX-ESME-D1": SYNTHESISED_SUPPLIER}
        assert plan.synthesised

    def test_synthesised_around_a_meter_keeps_its_supplier(self, dmves):
        assert plan_installation(dmves, model_id="EX-GSME-2").suppliers == {"EX-GSME-2": "SUP-B"}

    def test_synthesised_around_a_chf_gets_a_baseline_ppmid(self, dmves):
        plan = plan_installation(dmves, model_id="EX-CHF-2")
        assert [m.id for m in plan.on_han] == ["EX-CHF-2", BASELINE_PPMID]

    @pytest.mark.parametrize(
        ("ppmid", "chf_clauses"), [("EX-PPMID-3", {"scope:ppmid-swap-out"}), ("EX-PPMID-2", set())]
    )
    def test_synthesised_around_a_ppmid_the_chf_carries_swap_out_with_it(
        self, dmves, ppmid, chf_clauses
    ):
        assert plan_installation(dmves, model_id=ppmid).chf.clauses == frozenset(chf_clauses)

    @pytest.mark.parametrize(
        "kwargs", [{}, {"han_id": "HAN-1", "model_id": "EX-ESME-1"}], ids=["neither", "both"]
    )
    def test_exactly_one_of_han_id_and_model_id(self, dmves, kwargs):
        with pytest.raises(InstallationError, match="exactly one"):
            plan_installation(dmves, **kwargs)

    def test_an_unknown_han(self, dmves):
        with pytest.raises(
            InstallationError, match=r"no installation 'HAN-9'.*HAN-1, HAN-2, HAN-3"
        ):
            plan_installation(dmves, han_id="HAN-9")

    def test_an_unknown_model(self, dmves):
        with pytest.raises(UnknownEntryError):
            plan_installation(dmves, model_id="NOPE")


class TestFaultsAndKnobs:
    def test_a_fault_sets_knobs_only_where_its_clause_applies(self, build):
        inst = build(han_id="HAN-3", faults=("both-firmware-upgrades-succeed",))
        conflict = {
            t: inst.firmware(inst.device_of(t)).behaviour.upgrade_conflict
            for t in (DeviceType.ESME, DeviceType.PPMID)
        }
        assert conflict == {
            DeviceType.ESME: UpgradeConflict.REFUSE_SECOND,  # EX-ESME-3 lacks 18.65(d)
            DeviceType.PPMID: UpgradeConflict.BOTH_PROCEED,
        }

    def test_s1sp_knobs_reach_the_route(self, build):
        inst = build(han_id="HAN-1", faults=("accepts-fractional-pounds",))
        route = inst.s1sp.route(inst.device_of(DeviceType.GSME))
        assert route.behaviour.s1sp_pennies_utrn is PenniesUtrn.FORWARD
        assert inst.faults[0].name == "accepts-fractional-pounds"

    def test_chf_knobs_reach_the_chf(self, build):
        inst = build(han_id="HAN-2", faults=("ppmid-replacement-not-logged",))
        assert inst.chf.behaviour.chf_ppmid_replacement is PpmidReplacement.ACKNOWLEDGED_ONLY

    def test_meter_knobs_go_to_the_meter_builder_of_mapped_meters_only(self, build):
        inst = build(han_id="HAN-2", faults=("daily-log-counters-in-m3",))
        assert inst.device(inst.device_of(DeviceType.GSME)).overrides == {
            "daily_log_counter_unit": "m3"
        }
        assert inst.device(inst.device_of(DeviceType.ESME)).overrides == {}  # no 18.14(a)

    def test_a_fault_whose_clause_no_model_carries_is_refused(self, build):
        with pytest.raises(
            InstallationError, match="which no Device Model of this installation carries"
        ):
            build(han_id="HAN-3", faults=("accepts-fractional-pounds",))

    def test_an_unknown_fault_is_refused(self, build):
        with pytest.raises(UnknownEntryError, match="unknown fault"):
            build(han_id="HAN-1", faults=("gremlins",))

    def test_faults_must_be_a_collection_of_names(self, build):
        with pytest.raises(InstallationError, match="not one string"):
            build(han_id="HAN-1", faults="accepts-fractional-pounds")

    def test_a_fault_given_twice_is_applied_once(self, build):
        inst = build(
            han_id="HAN-1", faults=("accepts-fractional-pounds", "accepts-fractional-pounds")
        )
        assert len(inst.faults) == 1

    def test_an_unknown_override_knob_is_refused(self, build):
        with pytest.raises(InstallationError, match="unknown knob"):
            build(han_id="HAN-1", overrides={"warp_drive": True})

    def test_meter_overrides_reach_every_meter(self, build):
        inst = build(han_id="HAN-3", overrides={"records_utrns": False})
        assert inst.device(inst.device_of(DeviceType.ESME)).overrides == {"records_utrns": False}

    def test_the_s1sp_timeout_is_configurable(self, build, req, vclock):
        inst = build(han_id="HAN-1", s1sp_timeout=timedelta(minutes=7))
        assert inst.s1sp.timeout == timedelta(minutes=7)


class TestReset:
    def test_reset_rebuilds_every_device_and_clears_the_s1sp(self, build, req, vclock):
        inst = build(han_id="HAN-1")
        esme, ppmid = inst.device_of(DeviceType.ESME), inst.device_of(DeviceType.PPMID)
        user = inst.user_id("SUP-A")
        inst.submit(req(user, esme, top_up(1, 5)))
        inst.submit(req(user, inst.chf.device_id, remove(ppmid)))
        inst.submit(req(user, esme, update_firmware(0x05000000)))
        vclock.advance(timedelta(days=1))
        inst.reset()
        assert inst.device(esme).credit == 0
        assert inst.device(esme).start == START + timedelta(days=1)
        assert HanLogEntry(ppmid, DeviceType.PPMID) in inst.chf.entries
        assert inst.firmware(esme).held is None
        assert inst.s1sp.accepted_utrns(esme) == frozenset()
        assert codes(inst.submit(req(user, esme, top_up(1, 5)))) == ["I0"]

    def test_reset_cancels_pending_timeouts(self, build, req):
        inst = build(han_id="HAN-1", overrides={"bilingual_firmware_outcome": "no-response"})
        inst.submit(
            req(inst.user_id("SUP-A"), inst.device_of(DeviceType.PPMID), update_firmware(1))
        )
        assert len(inst.pending()) == 1
        inst.reset()
        assert inst.advance(timedelta(hours=1)) == []

    def test_reset_keeps_faults(self, build, req):
        inst = build(han_id="HAN-1", faults=("ppmid-firmware-read-refused",))
        inst.reset()
        assert codes(
            inst.submit(
                req(inst.user_id("SUP-A"), inst.device_of(DeviceType.PPMID), read_firmware())
            )
        ) == ["E11"]


class TestMisc:
    def test_the_installation_and_its_s1sp_share_one_clock(self, build, vclock):
        inst = build(han_id="HAN-1")
        assert inst.clock is vclock is inst.s1sp.clock

    def test_catch_up_brings_every_device_to_now(self, build, vclock):
        inst = build(han_id="HAN-1")
        vclock.advance(timedelta(hours=3))
        inst.catch_up()
        assert inst.device(inst.device_of(DeviceType.GSME)).caught_up_to == START + timedelta(
            hours=3
        )

    def test_without_a_meter_builder_the_real_meters_are_built(self, dmves, vclock):
        inst = build_installation(dmves, clock=vclock, han_id="HAN-1")
        assert type(inst.device(inst.device_of(DeviceType.ESME))).__name__ == "Esme"

    def test_the_installation_is_the_endpoint_of_every_route(self, build):
        inst = build(han_id="HAN-1")
        assert {r.target for r in inst.s1sp.routes} == {
            device_id_for(m.id) for m in inst.plan.models
        }
        assert all(r.endpoint is inst for r in inst.s1sp.routes)

    def test_has_applied_utrn_cannot_say_for_unknown_devices_or_doubles(self, build):
        inst = build(han_id="HAN-1")
        utrn = top_up(1, 5).utrn
        assert inst.has_applied_utrn(EUI64(1), utrn) is None
        assert inst.has_applied_utrn(inst.device_of(DeviceType.ESME), utrn) is None

    def test_a_custom_meter_builder_is_called_with_the_build_meter_signature(self, dmves, vclock):
        calls = []

        def builder(model, device_id, **kwargs):
            calls.append((model.id, device_id, sorted(kwargs)))
            return fake_meter(model, device_id, **kwargs)

        build_installation(dmves, clock=vclock, han_id="HAN-2", meter_builder=builder)
        assert calls == [
            ("EX-ESME-2", device_id_for("EX-ESME-2"), ["load_profile", "overrides", "start"]),
            ("EX-GSME-2", device_id_for("EX-GSME-2"), ["load_profile", "overrides", "start"]),
        ]


def test_behaviours_lists_every_components_knobs_by_model(dmves, vclock):
    inst = build_installation(
        dmves, clock=vclock, han_id="HAN-1", faults=("accepts-fractional-pounds",)
    )
    knobs = inst.behaviours()
    assert set(knobs) == {m.id for m in inst.plan.models}
    assert knobs["EX-ESME-1"]["s1sp_pennies_utrn"] == "forward"
    assert knobs["EX-GSME-1"]["daily_log_counter_unit"] == "kWh"
    assert knobs["EX-CHF-1"]["chf_ppmid_replacement"] == "allowed"
    assert knobs["EX-PPMID-1"]["bilingual_firmware_outcome"] == "applies"
    assert knobs["EX-PPMID-4"]["ppmid_joins_as_replacement"] is False
