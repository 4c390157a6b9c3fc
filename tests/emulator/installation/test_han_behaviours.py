"""The one mapping from Device Model clauses to installation-side knobs, per behaviour, and
the knob machinery (coercion, overrides, the clauses that set each knob)."""

from __future__ import annotations

import dataclasses

import pytest

from s1sr.catalogue import load_catalogue
from s1sr.emulator.faults import INSTALLATION_BEHAVIOURS
from s1sr.emulator.han import (
    BilingualRead,
    BilingualUpgrade,
    ChfBehaviour,
    DeviceRemoval,
    FirmwareActivate,
    FirmwareBehaviour,
    FirmwareRead,
    FirmwareUpdate,
    KnobError,
    PpmidBehaviour,
    PpmidReplacement,
    UpgradeConflict,
)
from s1sr.emulator.han.knobs import coerce, describe, knob_clauses, with_knobs
from s1sr.emulator.s1sp import DuplicateUtrn, PenniesUtrn, S1spBehaviour, SupplierRule
from s1sr.models import DeviceType
from tests.emulator.installation.helpers import model

ESME, GSME, CHF, PPMID, IHD = (
    DeviceType.ESME,
    DeviceType.GSME,
    DeviceType.CHF,
    DeviceType.PPMID,
    DeviceType.IHD,
)


class TestS1spBehaviour:
    @pytest.mark.parametrize("device_type", [ESME, GSME])
    def test_mapped(self, device_type):
        clauses = ["18.6(b)", "scope:duplicate-utrn", "scope:split-supplier-certificates"]
        behaviour = S1spBehaviour.from_model(model("M", device_type, clauses))
        assert behaviour == S1spBehaviour(
            PenniesUtrn.REJECT_WITH_ALERT,
            DuplicateUtrn.REJECT_WITH_ALERT,
            SupplierRule.OWN_SUPPLIER,
        )

    @pytest.mark.parametrize("device_type", [ESME, GSME])
    def test_baseline(self, device_type):
        assert S1spBehaviour.from_model(model("M", device_type)) == S1spBehaviour(
            PenniesUtrn.FORWARD, DuplicateUtrn.FORWARD, SupplierRule.ESME_SUPPLIER_ONLY
        )


class TestChfBehaviour:
    @pytest.mark.parametrize(
        "clauses",
        [["18.62(f)"], ["scope:ppmid-swap-out"], ["18.62(f)", "scope:ppmid-swap-out"]],
        ids=["18.62(f)", "swap-out", "both"],
    )
    def test_mapped_allows_a_replacement(self, clauses):
        behaviour = ChfBehaviour.from_model(model("C", CHF, clauses))
        assert behaviour == ChfBehaviour(PpmidReplacement.ALLOWED, DeviceRemoval.REMOVES)

    def test_baseline_refuses_a_replacement(self):
        assert (
            ChfBehaviour.from_model(model("C", CHF)).chf_ppmid_replacement
            is PpmidReplacement.REFUSED
        )


class TestPpmidBehaviour:
    def test_swap_out_mapped_joins_as_replacement(self):
        assert PpmidBehaviour.from_model(
            model("P", PPMID, ["scope:ppmid-swap-out"])
        ).ppmid_joins_as_replacement

    def test_baseline_does_not(self):
        assert not PpmidBehaviour.from_model(model("P", PPMID)).ppmid_joins_as_replacement


class TestFirmwareBehaviour:
    def test_a_mapped_ppmid(self):
        clauses = ["18.63(b)", "18.64(a)", "18.65(c)", "18.65(d)"]
        assert FirmwareBehaviour.from_model(model("P", PPMID, clauses)) == FirmwareBehaviour(
            FirmwareUpdate.ACCEPTS,
            FirmwareRead.REPORTS_RUNNING,
            FirmwareActivate.ACTIVATES,
            UpgradeConflict.STOP_FIRST,
            None,
            None,
        )

    def test_a_baseline_ppmid_refuses_all_three(self):
        assert FirmwareBehaviour.from_model(model("P", PPMID)) == FirmwareBehaviour(
            FirmwareUpdate.REFUSES,
            FirmwareRead.REFUSES,
            FirmwareActivate.REFUSES,
            UpgradeConflict.REFUSE_SECOND,
            None,
            None,
        )

    @pytest.mark.parametrize(
        ("clause", "knob", "lifted"),
        [
            ("18.63(b)", "firmware_update", FirmwareUpdate.ACCEPTS),
            ("18.64(a)", "firmware_read", FirmwareRead.REPORTS_RUNNING),
            ("18.65(c)", "firmware_activate", FirmwareActivate.ACTIVATES),
        ],
    )
    def test_each_ppmid_clause_lifts_its_own_restriction_only(self, clause, knob, lifted):
        behaviour = FirmwareBehaviour.from_model(model("P", PPMID, [clause]))
        values = {
            k: getattr(behaviour, k)
            for k in ("firmware_update", "firmware_read", "firmware_activate")
        }
        assert values.pop(knob) is lifted
        assert all(str(v) == "refuses" for v in values.values())

    @pytest.mark.parametrize("device_type", [ESME, GSME, CHF, IHD])
    def test_other_devices_were_never_restricted(self, device_type):
        behaviour = FirmwareBehaviour.from_model(model("D", device_type))
        assert (
            behaviour.firmware_update,
            behaviour.firmware_read,
            behaviour.firmware_activate,
        ) == (
            FirmwareUpdate.ACCEPTS,
            FirmwareRead.REPORTS_RUNNING,
            FirmwareActivate.ACTIVATES,
        )

    @pytest.mark.parametrize("device_type", [ESME, GSME, PPMID])
    def test_18_65_d_on_any_han_device_type(self, device_type):
        mapped = FirmwareBehaviour.from_model(model("D", device_type, ["18.65(d)"]))
        baseline = FirmwareBehaviour.from_model(model("D", device_type))
        assert (mapped.upgrade_conflict, baseline.upgrade_conflict) == (
            UpgradeConflict.STOP_FIRST,
            UpgradeConflict.REFUSE_SECOND,
        )

    def test_bilingual_clauses_set_the_uncertain_knobs(self):
        mapped = FirmwareBehaviour.from_model(
            model("P", PPMID, ["18.63(c)", "18.64(b)"], bilingual=True)
        )
        assert (mapped.bilingual_firmware_outcome, mapped.bilingual_read_firmware) == (
            BilingualUpgrade.APPLIES,
            BilingualRead.REPORTS_NEW,
        )
        unmapped = FirmwareBehaviour.from_model(model("P", PPMID, bilingual=True))
        assert (unmapped.bilingual_firmware_outcome, unmapped.bilingual_read_firmware) == (
            None,
            None,
        )


class TestKnobs:
    def test_knob_names_are_unique_across_the_installation_behaviours(self):
        names = [f.name for cls in INSTALLATION_BEHAVIOURS for f in dataclasses.fields(cls)]
        assert len(names) == len(set(names))

    def test_every_knob_names_the_catalogue_clauses_that_set_it(self):
        catalogue = load_catalogue()
        for cls in INSTALLATION_BEHAVIOURS:
            for f in dataclasses.fields(cls):
                clauses = knob_clauses(cls, f.name)
                assert clauses, f"{cls.__name__}.{f.name}"
                assert all(catalogue.has_clause(c) for c in clauses)

    def test_enum_knobs_take_their_value_strings(self):
        assert (
            coerce(FirmwareBehaviour, "upgrade_conflict", "both-proceed")
            is UpgradeConflict.BOTH_PROCEED
        )
        assert (
            coerce(FirmwareBehaviour, "upgrade_conflict", UpgradeConflict.STOP_FIRST)
            is UpgradeConflict.STOP_FIRST
        )

    def test_an_optional_knob_may_be_unset_and_a_required_one_not(self):
        assert coerce(FirmwareBehaviour, "bilingual_read_firmware", None) is None
        with pytest.raises(KnobError, match="cannot be unset"):
            coerce(FirmwareBehaviour, "firmware_read", None)

    @pytest.mark.parametrize(
        ("cls", "name", "value", "message"),
        [
            (FirmwareBehaviour, "upgrade_conflict", "sometimes", "not one of"),
            (PpmidBehaviour, "ppmid_joins_as_replacement", "yes", "true or false"),
            (PpmidBehaviour, "ppmid_joins_as_replacement", 1, "true or false"),
            (ChfBehaviour, "no_such_knob", True, "has no knob"),
        ],
        ids=["bad-enum", "string-for-flag", "int-for-flag", "unknown"],
    )
    def test_bad_values_are_refused_naming_the_knob(self, cls, name, value, message):
        with pytest.raises(KnobError, match=message):
            coerce(cls, name, value)

    def test_with_knobs_applies_its_own_knobs_and_ignores_others(self):
        base = ChfBehaviour.from_model(model("C", CHF, ["18.62(f)"]))
        changed = with_knobs(
            base, {"chf_ppmid_replacement": "refused", "upgrade_conflict": "both-proceed"}
        )
        assert changed.chf_ppmid_replacement is PpmidReplacement.REFUSED
        assert with_knobs(base, {}) is base

    def test_describe_gives_plain_values(self):
        behaviour = FirmwareBehaviour.from_model(model("P", PPMID, ["18.63(b)"]))
        assert describe(behaviour)["firmware_update"] == "accepts"
        assert describe(behaviour)["bilingual_firmware_outcome"] is None


@pytest.mark.parametrize(
    ("code", "clause"),
    [
        ("NOT_WHOLE_POUNDS", "18.6(b)"),
        ("DUPLICATE_UTRN", "scope:duplicate-utrn"),
        ("NOT_SUPPLIER", "scope:split-supplier-certificates"),
        ("UPGRADE_STOPPED", "18.65(d)"),
        ("FIRMWARE_FAILED", "scope:ppmid-firmware-update"),
        ("TIMEOUT", "18.17(i)"),
    ],
)
def test_the_alert_codes_raised_are_the_catalogues(code, clause):
    from s1sr.emulator.han import codes as han_codes
    from s1sr.emulator.s1sp import codes as s1sp_codes

    value = getattr(s1sp_codes, code, None) or getattr(han_codes, code)
    assert clause in load_catalogue().alert(value).clauses
