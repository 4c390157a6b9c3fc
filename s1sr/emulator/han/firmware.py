"""Firmware upgrades coordinated per HAN: 11.1, 11.2 and 11.3 for every device on it, and
11.4 Update PPMID Firmware, which distributes to a PPMID exactly as 11.1 does (the Network
refuses 11.4 to any other device type before it gets here).

An upgrade is under way from the 11.1 that distributes an image until the 11.3 that
activates it (or until it is stopped). The HAN, not the device, sees every upgrade, so the
rule of 18.65(d) lives here: when an 11.1 starts an upgrade while another is under way, the
rule of the device whose upgrade is under way decides (``UpgradeConflict``). Meters take
11.x through here too, so the meter state machines never see firmware requests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from s1sr.emulator.device import Outcome, Silence
from s1sr.emulator.han import codes
from s1sr.emulator.han.firmware_behaviour import (
    BilingualRead,
    BilingualUpgrade,
    FirmwareActivate,
    FirmwareRead,
    FirmwareUpdate,
    UpgradeConflict,
)
from s1sr.emulator.han.firmware_slot import FirmwareSlot, HeldImage
from s1sr.emulator.han.replies import alert, ok, refused
from s1sr.models import (
    EUI64,
    SRV,
    ActivateFirmwareRequest,
    ActivateFirmwareResponse,
    Alert,
    FirmwareOutcome,
    ReadFirmwareVersionRequest,
    ReadFirmwareVersionResponse,
    Request,
    UpdateFirmwareRequest,
    UpdateFirmwareResponse,
    UpdatePpmidFirmwareRequest,
    UpdatePpmidFirmwareResponse,
)

FIRMWARE_SRVS = frozenset(
    {
        SRV.UPDATE_FIRMWARE,
        SRV.READ_FIRMWARE_VERSION,
        SRV.ACTIVATE_FIRMWARE,
        SRV.UPDATE_PPMID_FIRMWARE,
    }
)
_STOPS = frozenset(
    {
        UpgradeConflict.STOP_FIRST,
        UpgradeConflict.STOP_FIRST_SILENTLY,
        UpgradeConflict.FAIL_FIRST_KEEP_IMAGE,
    }
)
_FAILURE_RETURNED = frozenset({UpgradeConflict.STOP_FIRST, UpgradeConflict.FAIL_FIRST_KEEP_IMAGE})


class HanFirmware:
    def __init__(self, slots: Iterable[FirmwareSlot]) -> None:
        self._slots = {slot.device: slot for slot in slots}

    def slot(self, device: EUI64) -> FirmwareSlot:
        return self._slots[device]

    def __contains__(self, device: object) -> bool:
        return device in self._slots

    def under_way(self) -> tuple[FirmwareSlot, ...]:
        """Slots holding an image not yet activated, oldest upgrade first."""
        held = [s for s in self._slots.values() if s.held is not None]
        return tuple(sorted(held, key=lambda s: (s.held.received_at, s.held.request_id)))  # type: ignore[union-attr]

    def catch_up(self, now: datetime) -> None:
        """Run the future-dated activations that have fallen due."""
        for slot in self._slots.values():
            held = slot.held
            if held is not None and held.activate_at is not None and held.activate_at <= now:
                slot.switch(held.activate_at)

    def handle(self, request: Request, now: datetime) -> Outcome:
        self.catch_up(now)
        slot = self._slots[request.target]
        body = request.body
        if isinstance(body, UpdateFirmwareRequest | UpdatePpmidFirmwareRequest):
            return self._update(request, body, slot, now)
        if isinstance(body, ReadFirmwareVersionRequest):
            return self._read(request, slot)
        if isinstance(body, ActivateFirmwareRequest):
            return self._activate(request, body, slot, now)
        raise ValueError(f"not a firmware request: SRV {request.srv}")

    def forget(self, device: EUI64, now: datetime) -> tuple[Alert, ...]:
        """The device left the HAN: an upgrade under way for it can never complete."""
        slot = self._slots.get(device)
        if slot is None or slot.held is None:
            return ()
        held, slot.held = slot.held, None
        return (
            alert(
                codes.FIRMWARE_FAILED,
                device,
                now,
                request_id=held.request_id,
                srv=held.srv,
                detail="the device left the HAN before its image was activated",
            ),
        )

    def _update(
        self,
        request: Request,
        body: UpdateFirmwareRequest | UpdatePpmidFirmwareRequest,
        slot: FirmwareSlot,
        now: datetime,
    ) -> Outcome:
        behaviour = slot.behaviour
        if behaviour.firmware_update is FirmwareUpdate.REFUSES:
            return refused(request, codes.NOT_SUPPORTED)
        bilingual = behaviour.bilingual_firmware_outcome
        if bilingual is BilingualUpgrade.REJECTED:
            return refused(request, codes.REFUSED)
        if bilingual is BilingualUpgrade.NO_RESPONSE:
            return Silence("bilingual device: 11.1 left unanswered (18.63(c) outcome)")
        stopped: list[Alert] = []
        if slot.coordinated:
            first = [s for s in self.under_way() if s.coordinated]
            if any(s.behaviour.upgrade_conflict is UpgradeConflict.REFUSE_SECOND for s in first):
                return refused(request, codes.REFUSED)
            for other in first:
                if other.behaviour.upgrade_conflict in _STOPS:
                    stopped.extend(self._stop(other, now))
        version = body.version
        held = HeldImage(version, body.image_hash, request.request_id, now, srv=request.srv)
        if behaviour.firmware_update in (FirmwareUpdate.ACCEPTS, FirmwareUpdate.RUNS_ON_RECEIPT):
            slot.held = held
        if behaviour.firmware_update is FirmwareUpdate.RUNS_ON_RECEIPT:
            slot.switch(now)  # runs it now, yet keeps it for the 11.3 that follows
            slot.held = held
        if isinstance(body, UpdatePpmidFirmwareRequest):
            return ok(
                request, UpdatePpmidFirmwareResponse(version, FirmwareOutcome.ACCEPTED), *stopped
            )
        response = UpdateFirmwareResponse(version, FirmwareOutcome.ACCEPTED)
        return ok(request, response, *stopped)

    def _stop(self, slot: FirmwareSlot, now: datetime) -> tuple[Alert, ...]:
        held = slot.held
        conflict = slot.behaviour.upgrade_conflict
        if conflict is not UpgradeConflict.FAIL_FIRST_KEEP_IMAGE:
            slot.held = None
        if held is None or conflict not in _FAILURE_RETURNED:
            return ()
        return (
            alert(
                codes.UPGRADE_STOPPED,
                slot.device,
                now,
                request_id=held.request_id,
                srv=held.srv,
                detail=f"upgrade to {held.version} stopped by a second upgrade on the same HAN",
            ),
        )

    def _read(self, request: Request, slot: FirmwareSlot) -> Outcome:
        behaviour = slot.behaviour
        bilingual = behaviour.bilingual_read_firmware
        if bilingual is BilingualRead.NO_RESPONSE:
            return Silence("bilingual device: 11.2 left unanswered (18.64(b) outcome)")
        if bilingual is BilingualRead.REPORTS_OLD:
            return ok(request, ReadFirmwareVersionResponse(slot.previous))
        if behaviour.firmware_read is FirmwareRead.REFUSES:
            return refused(request, codes.NOT_SUPPORTED)
        if behaviour.firmware_read is FirmwareRead.REPORTS_FACTORY:
            return ok(request, ReadFirmwareVersionResponse(slot.factory))
        return ok(request, ReadFirmwareVersionResponse(slot.running))

    def _activate(
        self, request: Request, body: ActivateFirmwareRequest, slot: FirmwareSlot, now: datetime
    ) -> Outcome:
        behaviour = slot.behaviour
        if behaviour.firmware_activate is FirmwareActivate.REFUSES:
            return refused(request, codes.NOT_SUPPORTED)
        held = slot.held
        if (
            held is None
            and behaviour.firmware_activate is FirmwareActivate.ACKNOWLEDGES_UNKNOWN_IMAGE
        ):
            at = max(body.execute_at or now, now)
            return ok(request, ActivateFirmwareResponse(slot.running, at))
        if held is None or held.image_hash != body.firmware_hash:
            failure = alert(
                codes.FIRMWARE_FAILED,
                slot.device,
                now,
                request_id=request.request_id,
                srv=request.srv,
                detail="no distributed image with that hash: activation did not complete",
            )
            return refused(request, codes.REFUSED, failure)
        at = max(body.execute_at or now, now)
        if behaviour.firmware_activate is FirmwareActivate.ACKNOWLEDGES_WITHOUT_SWITCHING:
            slot.held = None
            return ok(request, ActivateFirmwareResponse(held.version, at))
        if at > now:
            slot.held = replace(held, activate_at=at)
            return ok(request, ActivateFirmwareResponse(held.version, at))
        return ok(request, ActivateFirmwareResponse(slot.switch(at), at))
