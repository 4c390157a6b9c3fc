"""One HAN: the CHF, the devices on its log, spare devices, and firmware coordination.

The HAN is what the S1SP forwards requests to. It decides whether the target can be
reached (a device the CHF's log does not hold, or a swapped-in PPMID that did not join,
cannot), hands firmware SRVs to the HAN's coordinator and everything else to the device,
after letting the device catch up to the instant the request reaches it.

The SRVs that replace security credentials (6.15.1, 6.21, 6.23, 8.5) and 8.6 Service Opt
In reach the device like any other and get its "not supported" refusal (E11): no clause
of the catalogue, nor the domain notes, says what a SMETS1 device does with them (split
supply is modelled as the S1SP's per-meter supplier check, opt in/out as profile data).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from s1sr.dmves import DeviceModel
from s1sr.emulator.device import Device, Outcome, Reply
from s1sr.emulator.han import codes
from s1sr.emulator.han.chf import Chf
from s1sr.emulator.han.firmware import FIRMWARE_SRVS, HanFirmware
from s1sr.emulator.han.ppmid import PpmidBehaviour
from s1sr.emulator.han.replies import refused
from s1sr.models import (
    EUI64,
    SRV,
    DeviceType,
    HanAction,
    HanLogEntry,
    Request,
    UpdateHanDeviceLogRequest,
)


@dataclass(frozen=True)
class Member:
    """A device the HAN knows: on the CHF's log now, or a spare that may be added."""

    device: Device
    model: DeviceModel
    ppmid: PpmidBehaviour | None = None  # PPMIDs only

    @property
    def device_id(self) -> EUI64:
        return self.device.device_id

    @property
    def device_type(self) -> DeviceType:
        return self.device.device_type


class Han:
    def __init__(self, chf: Chf, members: Iterable[Member], firmware: HanFirmware) -> None:
        self.chf = chf
        self._members = {m.device_id: m for m in members}
        if chf.device_id not in self._members:
            raise ValueError("the CHF must be a member of its HAN")
        self.firmware = firmware
        self._swapped_in: set[EUI64] = set()

    @property
    def members(self) -> tuple[Member, ...]:
        return tuple(self._members.values())

    def member(self, device: EUI64) -> Member:
        return self._members[device]

    def on_han(self, device: EUI64) -> bool:
        """Whether a request to ``device`` can reach it now."""
        member = self._members.get(device)
        if member is None:
            return False
        if device == self.chf.device_id:
            return True
        if not self.chf.holds(device):
            return False
        joined = member.ppmid is None or member.ppmid.ppmid_joins_as_replacement
        return joined or device not in self._swapped_in

    def catch_up(self, now: datetime) -> None:
        """Bring every device's time-driven state up to ``now`` (for reports and evidence)."""
        for member in self._members.values():
            member.device.catch_up(now)
        self.firmware.catch_up(now)

    def handle(self, request: Request, now: datetime) -> Outcome:
        member = self._members.get(request.target)
        if member is None:
            return refused(request, codes.UNKNOWN_DEVICE)
        if not self.on_han(request.target):
            return refused(request, codes.UNREACHABLE)
        member.device.catch_up(now)
        if request.srv in FIRMWARE_SRVS:
            ppmid_only = request.srv is SRV.UPDATE_PPMID_FIRMWARE
            if ppmid_only and member.device_type is not DeviceType.PPMID:
                return refused(request, codes.NOT_SUPPORTED)
            if request.target not in self.firmware:
                return refused(request, codes.NOT_SUPPORTED)
            return self.firmware.handle(request, now)
        if member.device is self.chf:
            return self._update_log(request, now)
        return member.device.handle(request, now)

    def _update_log(self, request: Request, now: datetime) -> Outcome:
        body = request.body
        if not isinstance(body, UpdateHanDeviceLogRequest):
            return self.chf.handle(request, now)
        known = self._members.get(body.device)
        if known is not None and known.device_type is not body.device_type:
            return refused(request, codes.REFUSED)
        entry = HanLogEntry(body.device, body.device_type)
        replacing = body.action is HanAction.ADD and self.chf.is_replacement(entry)
        outcome = self.chf.handle(request, now)
        if not isinstance(outcome, Reply) or not outcome.response.code.is_success:
            return outcome
        if body.action is HanAction.ADD:
            if replacing and self.chf.holds(body.device):
                self._swapped_in.add(body.device)
            return outcome
        if self.chf.holds(body.device):
            return outcome
        self._swapped_in.discard(body.device)
        lost = self.firmware.forget(body.device, now)
        return Reply(outcome.response, outcome.alerts + lost)
