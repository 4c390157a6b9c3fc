"""Firmware per HAN: PPMID 11.1/11.2/11.3 (18.63(b), 18.64(a), 18.65(c), the end-to-end scope
item), a second upgrade on the same HAN (18.65(d)), and bilingual devices (18.63(c), 18.64(b)).

HAN-1: PPMID-1 (bilingual) carries every PPMID firmware clause, 18.65(d) included, and so
do ESME-1 and GSME-1 for 18.65(d). HAN-2: PPMID-2 (bilingual) carries the firmware clauses
but not 18.65(d), nor do its meters. EX-PPMID-4 carries nothing.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from s1sr.dmves.firmware import declared_firmware
from s1sr.emulator import supplier_user_id
from s1sr.models import (
    S1CE20,
    SRV,
    ActivateFirmwareRequest,
    DeviceType,
    FirmwareOutcome,
    FirmwareVersion,
    UpdatePpmidFirmwareRequest,
    UpdatePpmidFirmwareResponse,
)
from tests.emulator.installation.conftest import START
from tests.emulator.installation.helpers import (
    activate,
    alerts,
    codes,
    dmves_of,
    model,
    read_firmware,
    response,
    update_firmware,
)

NEW = 0x02040000
FIRMWARE_CLAUSES = ("18.63(b)", "18.64(a)", "18.65(c)")


@pytest.fixture
def han(build, req):
    """``han(...)`` -> (installation, send(target_type_or_id, body, **kw) -> messages)."""

    def _make(**kwargs):
        inst = build(**kwargs)
        user = next(iter(inst.suppliers.values()), supplier_user_id("ANYONE"))

        def target_of(target):
            return inst.device_of(target) if isinstance(target, DeviceType) else target

        def send(target, body, *, exchange=False):
            request = req(user, target_of(target), body)
            return (inst.exchange if exchange else inst.submit)(request)

        return inst, send

    return _make


def _ppmid_dmves(ppmid_clauses, *, bilingual=False):
    return dmves_of(
        model("F-CHF", DeviceType.CHF, han_id="F"),
        model(
            "F-PPMID",
            DeviceType.PPMID,
            ppmid_clauses,
            han_id="F",
            bilingual=bilingual,
            firmware_version="1.2.3",
        ),
    )


def _version(messages) -> FirmwareVersion:
    return response(messages).body.version


class TestPpmidUpdate:
    def test_mapped_11_1_is_accepted_and_the_image_held(self, han):
        inst, send = han(han_id="HAN-1")
        messages = send(DeviceType.PPMID, update_firmware(NEW))
        assert codes(messages) == ["I0"]
        assert response(messages).body.outcome is FirmwareOutcome.ACCEPTED
        assert _version(messages) == FirmwareVersion(NEW)
        assert inst.firmware(inst.device_of(DeviceType.PPMID)).held.version == FirmwareVersion(NEW)

    def test_baseline_11_1_is_refused_and_nothing_held(self, han):
        inst, send = han(model_id="EX-PPMID-4")
        messages = send(DeviceType.PPMID, update_firmware(NEW))
        assert codes(messages) == ["E11"]
        assert inst.firmware(inst.device_of(DeviceType.PPMID)).held is None

    def test_ppmid_firmware_update_refused_fault(self, han):
        _, send = han(han_id="HAN-1", faults=("ppmid-firmware-update-refused",))
        assert codes(send(DeviceType.PPMID, update_firmware(NEW))) == ["E11"]

    def test_a_distributed_image_does_not_run_before_11_3(self, han):
        _, send = han(han_id="HAN-1")
        send(DeviceType.PPMID, update_firmware(NEW))
        assert _version(send(DeviceType.PPMID, read_firmware())) == declared_firmware("2.3.1")

    def test_ppmid_image_runs_on_receipt_fault(self, han):
        _, send = han(han_id="HAN-1", faults=("ppmid-image-runs-on-receipt",))
        update = update_firmware(NEW)
        send(DeviceType.PPMID, update)
        assert _version(send(DeviceType.PPMID, read_firmware())) == FirmwareVersion(NEW)
        assert codes(send(DeviceType.PPMID, activate(update))) == ["I0"]  # 11.3 still taken


class TestPpmidRead:
    def test_mapped_11_2_reads_the_running_version(self, han):
        _, send = han(han_id="HAN-1")
        messages = send(DeviceType.PPMID, read_firmware())
        assert _version(messages) == declared_firmware("2.3.1") == FirmwareVersion(0x02030100)

    def test_baseline_11_2_is_refused(self, han):
        _, send = han(model_id="EX-PPMID-4")
        assert codes(send(DeviceType.PPMID, read_firmware())) == ["E11"]

    def test_ppmid_firmware_read_refused_fault(self, han):
        _, send = han(han_id="HAN-1", faults=("ppmid-firmware-read-refused",))
        assert codes(send(DeviceType.PPMID, read_firmware())) == ["E11"]

    def test_meters_and_the_chf_read_their_versions_whatever_their_clauses(self, han):
        inst, send = han(han_id="HAN-3")
        assert _version(send(DeviceType.ESME, read_firmware())) == declared_firmware("1.9.4")
        assert _version(send(inst.chf.device_id, read_firmware())) == declared_firmware("3.6.9")

    def test_the_ihd_takes_no_firmware_srv(self, han):
        _, send = han(han_id="HAN-1")
        assert codes(send(DeviceType.IHD, read_firmware())) == ["E11"]


class TestPpmidActivate:
    def test_mapped_11_3_runs_the_held_image(self, han, vclock):
        inst, send = han(han_id="HAN-1")
        update = update_firmware(NEW)
        send(DeviceType.PPMID, update)
        messages = send(DeviceType.PPMID, activate(update))
        assert codes(messages) == ["I0"]
        assert response(messages).body.activated_at == START
        slot = inst.firmware(inst.device_of(DeviceType.PPMID))
        assert (slot.running, slot.previous, slot.held) == (
            FirmwareVersion(NEW),
            declared_firmware("2.3.1"),
            None,
        )

    def test_baseline_11_3_is_refused_even_with_an_image_held(self, han):
        inst, send = han(han_id="F", dmves=_ppmid_dmves(["18.63(b)", "18.64(a)"]))
        update = update_firmware(NEW)
        send(DeviceType.PPMID, update)
        assert codes(send(DeviceType.PPMID, activate(update))) == ["E11"]
        assert inst.firmware(inst.device_of(DeviceType.PPMID)).running == declared_firmware("1.2.3")

    def test_11_3_naming_no_held_image_fails_with_s1px05(self, han):
        _, send = han(han_id="HAN-1")
        messages = send(DeviceType.PPMID, ActivateFirmwareRequest(b"\x01" * 32))
        assert codes(messages) == ["E12", "S1PX05"]

    def test_a_future_dated_activation_runs_when_its_time_comes(self, han, vclock):
        inst, send = han(han_id="HAN-1")
        update = update_firmware(NEW)
        send(DeviceType.PPMID, update)
        at = START + timedelta(hours=2)
        messages = send(DeviceType.PPMID, ActivateFirmwareRequest(update.image_hash, at))
        assert response(messages).body.activated_at == at
        assert _version(send(DeviceType.PPMID, read_firmware())) == declared_firmware("2.3.1")
        inst.advance(timedelta(hours=2))
        assert _version(send(DeviceType.PPMID, read_firmware())) == FirmwareVersion(NEW)
        assert inst.firmware(inst.device_of(DeviceType.PPMID)).activations == [
            (at, FirmwareVersion(NEW))
        ]

    def test_ppmid_firmware_activate_refused_fault(self, han):
        _, send = han(han_id="HAN-1", faults=("ppmid-firmware-activate-refused",))
        update = update_firmware(NEW)
        send(DeviceType.PPMID, update)
        assert codes(send(DeviceType.PPMID, activate(update))) == ["E11"]

    def test_ppmid_activates_without_image_fault(self, han):
        _, send = han(han_id="HAN-1", faults=("ppmid-activates-without-image",))
        messages = send(DeviceType.PPMID, activate(update_firmware(NEW)))
        assert codes(messages) == ["I0"]
        assert _version(messages) == declared_firmware("2.3.1")

    def test_ppmid_activation_not_applied_fault(self, han):
        _, send = han(han_id="HAN-1", faults=("ppmid-activation-not-applied",))
        update = update_firmware(NEW)
        send(DeviceType.PPMID, update)
        assert _version(send(DeviceType.PPMID, activate(update))) == FirmwareVersion(NEW)
        assert _version(send(DeviceType.PPMID, read_firmware())) == declared_firmware("2.3.1")


class TestPpmidFirmwareUpdateEndToEnd:
    """scope:ppmid-firmware-update: 11.1, 11.3, then 11.2 reads the image's version."""

    def _update_and_read(self, send):
        update = update_firmware(NEW)
        first = send(DeviceType.PPMID, update)
        second = send(DeviceType.PPMID, activate(update))
        return codes(first) + codes(second), send(DeviceType.PPMID, read_firmware())

    def test_mapped_the_version_read_after_activation_is_the_images(self, han):
        _, send = han(han_id="HAN-3")
        steps, read = self._update_and_read(send)
        assert steps == ["I0", "I0"]
        assert _version(read) == FirmwareVersion(NEW)

    def test_the_scope_item_alone_lifts_all_three_restrictions(self, han):
        _, send = han(han_id="F", dmves=_ppmid_dmves(["scope:ppmid-firmware-update"]))
        steps, read = self._update_and_read(send)
        assert steps == ["I0", "I0"]
        assert _version(read) == FirmwareVersion(NEW)

    def test_baseline_cannot_update(self, han):
        _, send = han(model_id="EX-PPMID-4")
        steps, read = self._update_and_read(send)
        assert steps == ["E11", "E11"]
        assert codes(read) == ["E11"]

    def test_ppmid_image_discarded_fault(self, han):
        _, send = han(han_id="HAN-3", faults=("ppmid-image-discarded",))
        steps, read = self._update_and_read(send)
        assert steps == ["I0", "E12", "S1PX05"]
        assert _version(read) == declared_firmware("2.3.1")

    def test_ppmid_reports_factory_version_fault(self, han):
        _, send = han(han_id="HAN-3", faults=("ppmid-reports-factory-version",))
        steps, read = self._update_and_read(send)
        assert steps == ["I0", "I0"]
        assert _version(read) == declared_firmware("2.3.1")


class TestSecondUpgrade:
    """18.65(d): the rule of the device whose upgrade is under way decides."""

    def test_mapped_the_second_stops_the_first_which_fails_with_s1px04(self, han):
        inst, send = han(han_id="HAN-1")
        first_update = update_firmware(NEW)
        first = send(DeviceType.PPMID, first_update)
        messages = send(DeviceType.ESME, update_firmware(NEW + 1))
        assert codes(messages) == ["I0", "S1PX04"]
        (stopped,) = alerts(messages)
        assert stopped.target == inst.device_of(DeviceType.PPMID)
        assert stopped.request_id == response(first).request_id
        assert codes(send(DeviceType.PPMID, activate(first_update))) == ["E12", "S1PX05"]

    def test_mapped_the_second_upgrade_proceeds(self, han):
        inst, send = han(han_id="HAN-1")
        send(DeviceType.PPMID, update_firmware(NEW))
        second = update_firmware(NEW + 1)
        send(DeviceType.GSME, second)
        assert codes(send(DeviceType.GSME, activate(second))) == ["I0"]
        assert inst.firmware(inst.device_of(DeviceType.GSME)).running == FirmwareVersion(NEW + 1)

    def test_mapped_a_second_upgrade_of_the_same_device_replaces_the_first(self, han):
        inst, send = han(han_id="HAN-1")
        send(DeviceType.PPMID, update_firmware(NEW))
        messages = send(DeviceType.PPMID, update_firmware(NEW + 2))
        assert codes(messages) == ["I0", "S1PX04"]
        assert inst.firmware(inst.device_of(DeviceType.PPMID)).held.version == FirmwareVersion(
            NEW + 2
        )

    def test_baseline_the_second_is_refused_and_the_first_completes(self, han):
        _, send = han(han_id="HAN-2")
        first = update_firmware(NEW)
        send(DeviceType.PPMID, first)
        assert codes(send(DeviceType.ESME, update_firmware(NEW + 1))) == ["E12"]
        assert codes(send(DeviceType.PPMID, activate(first))) == ["I0"]

    def test_the_first_devices_model_decides_not_the_seconds(self, han):
        inst, send = han(han_id="HAN-3")  # PPMID-3 carries 18.65(d), ESME-3 does not
        send(DeviceType.ESME, update_firmware(NEW))
        assert codes(send(DeviceType.PPMID, update_firmware(NEW + 1))) == ["E12"]
        inst.reset()
        send(DeviceType.PPMID, update_firmware(NEW))
        assert codes(send(DeviceType.ESME, update_firmware(NEW + 1))) == ["I0", "S1PX04"]

    def test_an_activated_upgrade_is_no_longer_under_way(self, han):
        _, send = han(han_id="HAN-2")
        first = update_firmware(NEW)
        send(DeviceType.PPMID, first)
        send(DeviceType.PPMID, activate(first))
        assert codes(send(DeviceType.ESME, update_firmware(NEW + 1))) == ["I0"]

    def test_the_chf_is_not_a_device_on_the_han_for_this_rule(self, han):
        inst, send = han(han_id="HAN-2")
        send(DeviceType.PPMID, update_firmware(NEW))
        assert codes(send(inst.chf.device_id, update_firmware(NEW + 1))) == ["I0"]
        assert codes(send(DeviceType.ESME, update_firmware(NEW + 2))) == ["E12"]

    def test_both_firmware_upgrades_succeed_fault(self, han):
        _inst, send = han(han_id="HAN-1", faults=("both-firmware-upgrades-succeed",))
        first, second = update_firmware(NEW), update_firmware(NEW + 1)
        send(DeviceType.PPMID, first)
        assert codes(send(DeviceType.ESME, second)) == ["I0"]
        assert codes(send(DeviceType.PPMID, activate(first))) == ["I0"]
        assert codes(send(DeviceType.ESME, activate(second))) == ["I0"]

    def test_second_firmware_upgrade_refused_fault(self, han):
        _, send = han(han_id="HAN-1", faults=("second-firmware-upgrade-refused",))
        send(DeviceType.PPMID, update_firmware(NEW))
        assert codes(send(DeviceType.ESME, update_firmware(NEW + 1))) == ["E12"]

    def test_first_upgrade_stopped_silently_fault(self, han):
        _, send = han(han_id="HAN-1", faults=("first-upgrade-stopped-silently",))
        first = update_firmware(NEW)
        send(DeviceType.PPMID, first)
        assert codes(send(DeviceType.ESME, update_firmware(NEW + 1))) == ["I0"]
        assert codes(send(DeviceType.PPMID, activate(first))) == ["E12", "S1PX05"]

    def test_stopped_upgrade_still_activates_fault(self, han):
        inst, send = han(han_id="HAN-1", faults=("stopped-upgrade-still-activates",))
        first = update_firmware(NEW)
        send(DeviceType.PPMID, first)
        assert codes(send(DeviceType.ESME, update_firmware(NEW + 1))) == ["I0", "S1PX04"]
        assert codes(send(DeviceType.PPMID, activate(first))) == ["I0"]
        assert inst.firmware(inst.device_of(DeviceType.PPMID)).running == FirmwareVersion(NEW)


class TestBilingualUpgrade:
    """18.63(c) is uncertain: a mapped bilingual PPMID's 11.1 outcome is a knob."""

    def _mapped(self, han, outcome=None):
        overrides = {} if outcome is None else {"bilingual_firmware_outcome": outcome}
        return han(han_id="HAN-1", overrides=overrides)

    def test_by_default_it_applies_as_any_ppmid(self, han):
        _, send = self._mapped(han)
        assert codes(send(DeviceType.PPMID, update_firmware(NEW))) == ["I0"]

    def test_rejected(self, han):
        inst, send = self._mapped(han, "rejected")
        assert codes(send(DeviceType.PPMID, update_firmware(NEW))) == ["E12"]
        assert inst.firmware(inst.device_of(DeviceType.PPMID)).held is None

    def test_no_response_becomes_s1ce20(self, han, vclock):
        _, send = self._mapped(han, "no-response")
        messages = send(DeviceType.PPMID, update_firmware(NEW), exchange=True)
        assert codes(messages) == [S1CE20]
        assert "18.63(c)" in messages[0].detail
        assert vclock.now() == START + timedelta(minutes=30)

    def test_display_english_only(self, han):
        inst, send = self._mapped(han, "display-english-only")
        update = update_firmware(NEW)
        send(DeviceType.PPMID, update)
        slot = inst.firmware(inst.device_of(DeviceType.PPMID))
        assert slot.languages == ("en", "cy")
        send(DeviceType.PPMID, activate(update))
        assert (slot.running, slot.languages) == (FirmwareVersion(NEW), ("en",))

    def test_an_unmapped_bilingual_ppmid_ignores_the_knob(self, han):
        dmves = _ppmid_dmves(FIRMWARE_CLAUSES, bilingual=True)
        _inst, send = han(
            han_id="F", dmves=dmves, overrides={"bilingual_firmware_outcome": "rejected"}
        )
        assert codes(send(DeviceType.PPMID, update_firmware(NEW))) == ["I0"]


class TestBilingualRead:
    """18.64(b) is uncertain: a mapped bilingual PPMID's 11.2 outcome is a knob."""

    def _upgraded(self, han, outcome, han_id="HAN-1", dmves=None):
        kwargs = {"han_id": han_id, "overrides": {"bilingual_read_firmware": outcome}}
        if dmves is not None:
            kwargs["dmves"] = dmves
        inst, send = han(**kwargs)
        update = update_firmware(NEW)
        send(DeviceType.PPMID, update)
        send(DeviceType.PPMID, activate(update))
        return inst, send

    def test_reports_new(self, han):
        _, send = self._upgraded(han, "reports-new")
        assert _version(send(DeviceType.PPMID, read_firmware())) == FirmwareVersion(NEW)

    def test_reports_old(self, han):
        _, send = self._upgraded(han, "reports-old")
        assert _version(send(DeviceType.PPMID, read_firmware())) == declared_firmware("2.3.1")

    def test_no_response_becomes_s1ce20(self, han):
        _, send = self._upgraded(han, "no-response")
        assert codes(send(DeviceType.PPMID, read_firmware(), exchange=True)) == [S1CE20]

    def test_an_unmapped_bilingual_ppmid_ignores_the_knob(self, han):
        dmves = _ppmid_dmves(FIRMWARE_CLAUSES, bilingual=True)
        _, send = self._upgraded(han, "reports-old", han_id="F", dmves=dmves)
        assert _version(send(DeviceType.PPMID, read_firmware())) == FirmwareVersion(NEW)


class TestPpmidUpdateBy11_4:
    """11.4 Update PPMID Firmware distributes to a PPMID as 11.1 does (the scope item)."""

    def test_mapped_11_4_holds_the_image_that_11_3_then_runs(self, han):
        inst, send = han(han_id="HAN-1")
        image = update_firmware(NEW).image
        messages = send(DeviceType.PPMID, UpdatePpmidFirmwareRequest(image))
        assert codes(messages) == ["I0"]
        assert response(messages).body == UpdatePpmidFirmwareResponse(
            FirmwareVersion(NEW), FirmwareOutcome.ACCEPTED
        )
        assert inst.firmware(inst.device_of(DeviceType.PPMID)).held.version == FirmwareVersion(NEW)
        assert codes(send(DeviceType.PPMID, activate(update_firmware(NEW)))) == ["I0"]
        assert _version(send(DeviceType.PPMID, read_firmware())) == FirmwareVersion(NEW)

    def test_an_11_4_upgrade_stopped_by_a_second_is_failed_naming_11_4(self, han):
        inst, send = han(han_id="HAN-1")
        first = send(DeviceType.PPMID, UpdatePpmidFirmwareRequest(update_firmware(NEW).image))
        messages = send(DeviceType.ESME, update_firmware(NEW + 1))
        assert codes(messages) == ["I0", "S1PX04"]
        (stopped,) = alerts(messages)
        assert stopped.request_id == response(first).request_id
        assert stopped.srv is SRV.UPDATE_PPMID_FIRMWARE
        assert stopped.target == inst.device_of(DeviceType.PPMID)

    def test_baseline_11_4_is_refused_as_11_1_is(self, han):
        inst, send = han(model_id="EX-PPMID-4")
        image = update_firmware(NEW).image
        assert codes(send(DeviceType.PPMID, UpdatePpmidFirmwareRequest(image))) == ["E11"]
        assert inst.firmware(inst.device_of(DeviceType.PPMID)).held is None

    def test_11_4_to_a_meter_is_not_supported_and_nothing_held(self, han):
        inst, send = han(han_id="HAN-1")
        image = update_firmware(NEW).image
        assert codes(send(DeviceType.ESME, UpdatePpmidFirmwareRequest(image))) == ["E11"]
        assert inst.firmware(inst.device_of(DeviceType.ESME)).held is None
